// StringClean (spec udfs.md §C.1): Osprey's normalisation pipeline, step for step.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/udfs/udf_support.h"

// The vendored C implementation (third_party/anyascii/README.md); its header has no C++ guard.
extern "C" {
#include "third_party/anyascii/anyascii.h"
}

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

struct HomoglyphEntry {
  char32_t glyph;
  char letter;
};
#include "runtime/udfs/homoglyph_table.inc"

// Binary search in a table sorted by code point.
template <size_t N>
char LookUp(const HomoglyphEntry (&table)[N], char32_t c) {
  const HomoglyphEntry* end = table + N;
  const HomoglyphEntry* it = std::lower_bound(
      table, end, c, [](const HomoglyphEntry& e, char32_t key) { return e.glyph < key; });
  return it != end && it->glyph == c ? it->letter : '\0';
}

bool IsEmoji(char32_t c) {
  return (c >= 0x1F600 && c <= 0x1F64F) || (c >= 0x1F300 && c <= 0x1F5FF) ||
         (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F1E0 && c <= 0x1F1FF);
}

// Replaces each maximal run of code points matching `in_run` with `replacement` (may be empty).
template <typename Pred>
std::u32string CollapseRuns(const std::u32string& s, Pred in_run, std::u32string_view replacement) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (in_run(s[i])) {
      while (i < s.size() && in_run(s[i])) ++i;
      out += replacement;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// `[A-z]` under re.IGNORECASE: the ASCII range 'A'..'z' plus the four non-ASCII code points
// whose case mapping lands in it (checked against CPython 3.11).
bool IsLeetLetter(char32_t c) {
  return (c >= U'A' && c <= U'z') || c == 0x130 || c == 0x131 || c == 0x17F || c == 0x212A;
}

std::u32string Leet(const std::u32string& s) {
  // (a) `\|(\d)` -> "1" + digit.
  std::u32string piped;
  piped.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == U'|' && i + 1 < s.size() && u_isdigit(static_cast<UChar32>(s[i + 1]))) {
      piped.push_back(U'1');
      piped.push_back(s[++i]);
    } else {
      piped.push_back(s[i]);
    }
  }
  // (b) `([A-z]?)(3+)([A-z]?)`: a run of 3s next to a letter becomes that many e's.
  std::u32string out;
  out.reserve(piped.size());
  const size_t n = piped.size();
  size_t i = 0;
  while (i < n) {
    size_t threes = i;
    bool before = false;
    if (IsLeetLetter(piped[i]) && i + 1 < n && piped[i + 1] == U'3') {
      before = true;
      threes = i + 1;
    } else if (piped[i] != U'3') {
      out.push_back(piped[i++]);
      continue;
    }
    size_t end = threes;
    while (end < n && piped[end] == U'3') ++end;
    const bool after = end < n && IsLeetLetter(piped[end]);
    if (before) out.push_back(piped[i]);
    out.append(end - threes, before || after ? U'e' : U'3');
    if (after) out.push_back(piped[end++]);
    i = end;
  }
  return out;
}

std::u32string Homoglyphs(const std::u32string& s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 0x2139 && i + 1 < s.size() && s[i + 1] == 0xFE0E) {  // ℹ︎
      out.push_back(U'i');
      ++i;
      continue;
    }
    const char letter = LookUp(kHomoglyphs, s[i]);
    out.push_back(letter != '\0' ? static_cast<char32_t>(letter) : s[i]);
  }
  return out;
}

icu::UnicodeString ToIcu(std::u32string_view s) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()),
                                       static_cast<int32_t>(s.size()));
}

std::u32string FromIcu(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

const icu::Normalizer2* NormalizerFor(std::string_view form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = nullptr;
  if (form == "NFC") normalizer = icu::Normalizer2::getNFCInstance(status);
  if (form == "NFD") normalizer = icu::Normalizer2::getNFDInstance(status);
  if (form == "NFKC") normalizer = icu::Normalizer2::getNFKCInstance(status);
  if (form == "NFKD") normalizer = icu::Normalizer2::getNFKDInstance(status);
  return U_SUCCESS(status) ? normalizer : nullptr;
}

std::u32string Normalize(const icu::Normalizer2& normalizer, std::u32string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer.normalize(ToIcu(s), status);
  return U_SUCCESS(status) ? FromIcu(out) : std::u32string(s);
}

// Python's unicodedata.normalize(form, s), with StringClean's fallback: when the length changes,
// each code point is replaced by the first code point of its own normal form.
std::u32string UnicodeNormalize(const icu::Normalizer2& normalizer, const std::u32string& s) {
  std::u32string normalized = Normalize(normalizer, s);
  if (normalized.size() == s.size()) return normalized;
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    const std::u32string one = Normalize(normalizer, std::u32string_view(&c, 1));
    out.push_back(one.empty() ? c : one[0]);
  }
  return out;
}

// Python's anyascii(s), which the reference calls (anyascii 0.3.3; the vendored tables are the
// same): ASCII code points pass through, every other code point becomes its table string, which
// may be empty (combining marks, private use, unassigned) or a name (`:grinning:` for U+1F600).
// The result is ASCII. The tables are constant, so this is safe on any thread.
std::string AnyAscii(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (c <= 0x7F) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    const char* ascii = nullptr;  // left unset when the table string is empty
    const size_t length = anyascii(static_cast<uint_least32_t>(c), &ascii);
    if (length != 0) out.append(ascii, length);
  }
  return out;
}

bool IsSymbolOrPunctuation(char32_t c) {
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return true;
    default:
      return false;
  }
}

// Parameter order (frontend/stdlib_udfs.cc): s, form, remove_emoji, space, l33t, homoglyph,
// unicode_normalize, unidecode, upper, lower, remove_space, remove_punctuation.
UdfOutcome Clean(Args args) {
  OSPREY_UDF_STR_ARG(input, args, 0, "StringClean", "s");
  static constexpr std::string_view kFlagNames[] = {
      "remove_emoji", "space", "l33t",  "homoglyph",    "unicode_normalize",
      "unidecode",    "upper", "lower", "remove_space", "remove_punctuation"};
  bool flags[10];
  for (size_t i = 0; i < 10; ++i) {
    const Value& v = Plain(args[i + 2]);
    if (v.kind() != Value::Kind::kBool) return WrongType("StringClean", kFlagNames[i], "bool", v);
    flags[i] = v.as_bool();
  }
  const auto [remove_emoji, space, l33t, homoglyph, unicode_normalize, unidecode, upper, lower,
              remove_space, remove_punctuation] = flags;
  std::u32string s = DecodeUtf8(*input);
  if (remove_emoji) {
    if (homoglyph) {
      for (char32_t& c : s) {
        const char letter = LookUp(kEmojiHomoglyphs, c);
        if (letter != '\0') c = static_cast<char32_t>(letter);
      }
    }
    s = CollapseRuns(s, IsEmoji, U" ");
  }
  if (space) s = CollapseRuns(s, IsPythonSpace, U" ");
  if (l33t) s = Leet(s);
  if (homoglyph) s = Homoglyphs(s);
  if (unicode_normalize) {
    // `form` is checked here, at run time, like the reference (its constructor check never
    // sees a runtime value).
    OSPREY_UDF_STR_ARG(form, args, 1, "StringClean", "form");
    const icu::Normalizer2* normalizer = NormalizerFor(*form);
    if (normalizer == nullptr) return Recorded("ValueError: invalid normalization form");
    s = UnicodeNormalize(*normalizer, s);
  }
  std::string text = unidecode ? AnyAscii(s) : EncodeUtf8(s);
  if (upper && !lower) text = PythonUpper(text);
  if (lower) text = PythonLower(text);
  if (remove_space || remove_punctuation) {
    s = DecodeUtf8(text);
    if (remove_space) s = CollapseRuns(s, IsPythonSpace, U"");
    if (remove_punctuation) std::erase_if(s, IsSymbolOrPunctuation);
    text = EncodeUtf8(s);
  }
  return Value::String(std::move(text));
}

}  // namespace

std::string NormalizeNfkc(std::string_view utf8) {
  const icu::Normalizer2* normalizer = NormalizerFor("NFKC");
  if (normalizer == nullptr) return std::string(utf8);
  return EncodeUtf8(Normalize(*normalizer, DecodeUtf8(utf8)));
}

void RegisterStringCleanUdfs(NativeUdfRegistry& registry) {
  registry.Register("StringClean", Stateless([](CallContext&, Args args) { return Clean(args); }));
}

}  // namespace osprey::runtime::udfs
