#include "runtime/udfs/udf_support.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <utility>

#include "absl/strings/str_format.h"

namespace osprey::runtime::udfs {

const Value& Plain(const Value& value) {
  if (value.kind() == Value::Kind::kEntity) return value.as_entity().id;
  return value;
}

const std::string* AsString(const Value& value) {
  const Value& plain = Plain(value);
  return plain.kind() == Value::Kind::kString ? &plain.as_string() : nullptr;
}

std::shared_ptr<Effect> NewEffect(CallContext& context) {
  if (context.slots == nullptr) return std::make_shared<Effect>();
  std::shared_ptr<Effect>& slot = context.slots->effect;
  if (ReuseSlot(slot)) slot->Clear();
  return slot;
}

UdfError WrongType(std::string_view function, std::string_view param, std::string_view expected,
                   const Value& got) {
  return Recorded(absl::StrFormat("TypeError: %s: `%s` must be %s, got `%s`", function, param,
                                  expected, PythonTypeName(got)));
}

const Value& ConstOr(const SiteData& site, std::span<const Value> arguments, size_t index) {
  if (index < site.constants.size() && site.constants[index].has_value()) {
    return *site.constants[index];
  }
  return arguments[index];
}

namespace {

class SiteInstance : public UdfInstance {
 public:
  SiteInstance(std::shared_ptr<const SiteFunction> function, SiteData site)
      : function_(std::move(function)), site_(std::move(site)) {}
  UdfOutcome Call(CallContext& context, std::span<const Value> arguments) const override {
    return (*function_)(site_, context, arguments);
  }

 private:
  std::shared_ptr<const SiteFunction> function_;
  SiteData site_;
};

}  // namespace

UdfFactory WithSite(SiteFunction function) {
  auto shared = std::make_shared<const SiteFunction>(std::move(function));
  return [shared](const UdfSite& site) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
    SiteData data;
    data.constants.assign(site.constants.begin(), site.constants.end());
    data.assigned_name = std::string(site.assigned_name);
    return std::make_unique<SiteInstance>(shared, std::move(data));
  };
}

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  size_t i = 0;
  const size_t n = utf8.size();
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    size_t len;
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if ((b0 & 0xE0) == 0xC0) {
      cp = b0 & 0x1F;
      len = 2;
    } else if ((b0 & 0xF0) == 0xE0) {
      cp = b0 & 0x0F;
      len = 3;
    } else if ((b0 & 0xF8) == 0xF0) {
      cp = b0 & 0x07;
      len = 4;
    } else {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (i + len > n) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(utf8[i + k]);
      if ((b & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t cp : code_points) AppendUtf8(out, cp);
  return out;
}

size_t CodePointCount(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsPythonSpace(char32_t c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

namespace {

// Below U+0080 Python's case mappings are ASCII's, one byte to one byte: such text needs no
// Unicode tables (and most text a rule lowercases is ASCII).
bool IsAscii(std::string_view text) {
  // No early exit: an OR over every byte vectorises, and most texts are ASCII.
  unsigned char bits = 0;
  for (char c : text) bits |= static_cast<unsigned char>(c);
  return (bits & 0x80) == 0;
}

// str.lower() or str.upper() of `utf8`, appended to `out`.
void AppendPythonCase(std::string_view utf8, bool upper, std::string* out) {
  if (IsAscii(utf8)) {
    const size_t start = out->size();
    out->append(utf8);
    // Branch-free over a plain pointer, so that the compiler vectorises it: texts are often
    // hundreds of bytes, lowered once per action.
    char* text = out->data() + start;
    const unsigned char first = upper ? 'a' : 'A';
    const unsigned char flip = 'a' - 'A';
    for (size_t i = 0; i < utf8.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      text[i] = static_cast<char>(c ^ (static_cast<unsigned char>(c - first) < 26 ? flip : 0));
    }
    return;
  }
  // ICU's root-locale full mappings are the ones Python uses (SpecialCasing without language
  // conditions, Final_Sigma included).
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (upper) {
    text.toUpper(icu::Locale::getRoot());
  } else {
    text.toLower(icu::Locale::getRoot());
  }
  text.toUTF8String(*out);
}

}  // namespace

void AppendPythonLower(std::string_view utf8, std::string* out) {
  AppendPythonCase(utf8, /*upper=*/false, out);
}

void AppendPythonUpper(std::string_view utf8, std::string* out) {
  AppendPythonCase(utf8, /*upper=*/true, out);
}

std::string PythonLower(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  AppendPythonLower(utf8, &out);
  return out;
}

std::string PythonUpper(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  AppendPythonUpper(utf8, &out);
  return out;
}

std::string IntToString(int64_t value) { return absl::StrFormat("%d", value); }

}  // namespace osprey::runtime::udfs
