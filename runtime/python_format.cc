// Python's str() and repr() of Values (python_semantics.h): float_repr_style 'short' and
// unicode_repr from CPython 3.11.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

#include "runtime/big_int.h"
#include "runtime/python_semantics.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

using Kind = Value::Kind;

struct CodePointRange {
  char32_t first;
  char32_t last;
};

constexpr CodePointRange kPrintable[] = {
#include "runtime/python_printable_ranges.inc"
};

// Python's str.isprintable() for one code point (Unicode 14.0, as in every Python 3.11).
bool IsPrintable(char32_t code_point) {
  const auto* it =
      std::upper_bound(std::begin(kPrintable), std::end(kPrintable), code_point,
                       [](char32_t c, const CodePointRange& range) { return c < range.first; });
  return it != std::begin(kPrintable) && code_point <= std::prev(it)->last;
}

// Decodes the code point at `*pos` and advances past it. Surrogates encoded in three bytes are
// accepted (lone surrogates can come from JSON "\ud800" escapes); any other malformed
// sequence yields -1 and advances one byte.
int32_t DecodeUtf8(std::string_view s, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const size_t i = *pos;
  const uint8_t lead = byte(i);
  int length;
  int32_t code_point;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    ++*pos;
    return -1;
  }
  if (i + length > s.size()) {
    ++*pos;
    return -1;
  }
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++*pos;
      return -1;
    }
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  const int32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < min_for_length[length] || code_point > 0x10FFFF) {
    ++*pos;
    return -1;
  }
  *pos += length;
  return code_point;
}

void AppendHex(std::string* out, const char* prefix, uint32_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->append(prefix);
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
    out->push_back(kHex[(value >> shift) & 0xF]);
}

// CPython's unicode_repr.
void AppendStringRepr(std::string_view s, std::string* out) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out->push_back(quote);
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    const int32_t c = DecodeUtf8(s, &pos);
    if (c < 0) {
      AppendHex(out, "\\x", static_cast<uint8_t>(s[start]), 2);  // No Python equivalent.
    } else if (c == quote || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out->append("\\t");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\r') {
      out->append("\\r");
    } else if (c < ' ' || c == 0x7F) {
      AppendHex(out, "\\x", c, 2);
    } else if (c < 0x7F || IsPrintable(static_cast<char32_t>(c))) {
      out->append(s.substr(start, pos - start));
    } else if (c <= 0xFF) {
      AppendHex(out, "\\x", c, 2);
    } else if (c <= 0xFFFF) {
      AppendHex(out, "\\u", c, 4);
    } else {
      AppendHex(out, "\\U", c, 8);
    }
  }
  out->push_back(quote);
}

std::string ListStr(const std::vector<Value>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.append(", ");
    out.append(PythonRepr(items[i]));
  }
  out.push_back(']');
  return out;
}

// repr(datetime.timedelta), from the seconds we keep (microsecond resolution, as timedelta).
std::string TimeDeltaRepr(double seconds) {
  const int64_t micros = std::llround(seconds * 1e6);
  constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;
  int64_t days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  std::string fields;
  const auto add = [&](const char* name, int64_t value) {
    if (value == 0) return;
    if (!fields.empty()) fields.append(", ");
    fields.append(name).append("=").append(std::to_string(value));
  };
  add("days", days);
  add("seconds", rest / 1000000);
  add("microseconds", rest % 1000000);
  return "datetime.timedelta(" + (fields.empty() ? std::string("0") : fields) + ")";
}

std::string EffectRepr(const Effect& effect) {
  // Approximations of the reference's dataclass reprs; effects never reach str() in rules.
  switch (effect.kind) {
    case Effect::Kind::kVerdict:
      return "VerdictEffect(verdict=" + PythonRepr(Value::String(effect.verdict)) + ")";
    case Effect::Kind::kLabel:
      return "LabelEffect(entity=" +
             PythonRepr(Value::Entity(effect.entity_type, effect.entity_id)) +
             ", label=" + PythonRepr(Value::String(effect.label)) + ")";
    case Effect::Kind::kCustom:
      break;
  }
  return "EffectBase(" + PythonRepr(Value::String(effect.output_value)) + ")";
}

}  // namespace

std::string FormatPythonFloat(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
  // Shortest round-trip digits (as CPython's dtoa mode 0), e.g. "-1.2345e+02".
  char buffer[64];
  const std::to_chars_result result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const std::string_view text(buffer, result.ptr - buffer);
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(),
                  exponent);
  std::string out = value < 0 ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    out.push_back(digits[0]);
    if (digits.size() > 1) out.append(".").append(digits, 1);
    out.append(exponent < 0 ? "e-" : "e+");
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out.push_back('0');
    out.append(std::to_string(magnitude));
    return out;
  }
  const int point = exponent + 1;  // Digits before the decimal point.
  const int count = static_cast<int>(digits.size());
  if (point <= 0) {
    out.append("0.").append(-point, '0').append(digits);
  } else if (point >= count) {
    out.append(digits).append(point - count, '0').append(".0");
  } else {
    out.append(digits, 0, point).append(".").append(digits, point);
  }
  return out;
}

void AppendPythonStr(const Value& value, std::string* out) {
  const Value& plain = value.kind() == Kind::kEntity ? value.as_entity().id : value;
  if (plain.kind() == Kind::kString) {
    out->append(plain.as_string());
  } else {
    out->append(PythonStr(plain));
  }
}

std::string PythonStr(const Value& value) {
  switch (value.kind()) {
    case Kind::kNone:
      return "None";
    case Kind::kBool:
      return value.as_bool() ? "True" : "False";
    case Kind::kInt:
      return std::to_string(value.as_int());
    case Kind::kBigInt:
      return ToDecimal(value.as_big_int().value());
    case Kind::kFloat:
      return FormatPythonFloat(value.as_float());
    case Kind::kString:
      return value.as_string();
    case Kind::kList:
    case Kind::kExperiment:
      return ListStr(value.as_list());
    case Kind::kEntity:
      return PythonStr(value.as_entity().id);
    case Kind::kRule:
      return value.as_rule().value ? "True" : "False";
    case Kind::kTimeDelta:
      return FormatPythonFloat(value.as_time_delta());
    case Kind::kEffect:
      return EffectRepr(value.as_effect());
  }
  return "";
}

std::string PythonRepr(const Value& value) {
  switch (value.kind()) {
    case Kind::kString: {
      std::string out;
      AppendStringRepr(value.as_string(), &out);
      return out;
    }
    case Kind::kEntity: {
      // EntityT.__repr__: f"EntityT[{type(self.id)}](type='{self.type}', id={self.id})".
      const EntityValue& entity = value.as_entity();
      return "EntityT[<class '" + PythonTypeName(entity.id) + "'>](type='" + entity.type +
             "', id=" + PythonStr(entity.id) + ")";
    }
    case Kind::kRule: {
      const RuleValue& rule = value.as_rule();
      std::string features = "{";
      for (size_t i = 0; i < rule.field_values.size(); ++i) {
        if (i > 0) features.append(", ");
        AppendStringRepr(rule.definition->field_names[i], &features);
        features.append(": ");
        AppendStringRepr(PythonStr(rule.field_values[i]), &features);
      }
      features.push_back('}');
      return "RuleT(name=" + PythonRepr(Value::String(rule.name())) +
             ", value=" + (rule.value ? "True" : "False") +
             ", description=" + PythonRepr(Value::String(rule.description())) +
             ", features=" + features + ")";
    }
    case Kind::kTimeDelta:
      return "TimeDeltaT(timedelta=" + TimeDeltaRepr(value.as_time_delta()) + ")";
    default:
      return PythonStr(value);
  }
}

}  // namespace osprey::runtime
