// Python's int() and float() of a str (CPython 3.11: PyLong_FromUnicodeObject and
// PyFloat_FromString), for JSON coercion and action ids.
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

#include "runtime/big_int.h"
#include "runtime/json_extract.h"

namespace osprey::runtime {
namespace {

// ---------------------------------------------------------------------------------------------
// Python's int() and float() of a str.

// Python 3.11 (Unicode 14.0) decimal digits come in runs of ten; these are the zeros.
constexpr char32_t kDecimalZeros[] = {
    0x30,    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,
    0xc66,   0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,
    0x1810,  0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,
    0xa8d0,  0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x11066,
    0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0,
    0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2,
    0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0};

// str.isspace() in Python 3.11.
bool IsPythonSpace(char32_t c) {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
  return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
         c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

// Decodes one code point of valid UTF-8 at `*i`, advancing `*i`.
char32_t DecodeUtf8(std::string_view s, size_t* i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(*i);
  if (lead < 0x80) {
    ++*i;
    return lead;
  }
  size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t c = lead & (0xFF >> (length + 1));
  for (size_t k = 1; k < length && *i + k < s.size(); ++k) c = (c << 6) | (byte(*i + k) & 0x3F);
  *i += length;
  return c;
}

// CPython's _PyUnicode_TransformDecimalAndSpaceToASCII followed by stripping ASCII whitespace:
// Unicode spaces become ' ', decimal digits their ASCII digit, other non-ASCII '?'.
std::string ToAsciiNumber(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t c = DecodeUtf8(text, &i);
    if (IsPythonSpace(c)) {
      out.push_back(' ');
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      char digit = '?';
      for (char32_t zero : kDecimalZeros) {
        if (c >= zero && c < zero + 10) digit = static_cast<char>('0' + (c - zero));
      }
      out.push_back(digit);
    }
  }
  size_t begin = out.find_first_not_of(" \t\n\v\f\r");
  if (begin == std::string::npos) return "";
  size_t end = out.find_last_not_of(" \t\n\v\f\r");
  return out.substr(begin, end - begin + 1);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Removes `_` separators when each sits between two digits; false otherwise (ValueError).
bool RemoveUnderscores(std::string* s) {
  if (s->find('_') == std::string::npos) return true;
  std::string out;
  for (size_t i = 0; i < s->size(); ++i) {
    if ((*s)[i] != '_') {
      out.push_back((*s)[i]);
      continue;
    }
    if (i == 0 || i + 1 == s->size() || !IsDigit((*s)[i - 1]) || !IsDigit((*s)[i + 1])) {
      return false;
    }
  }
  *s = std::move(out);
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace

namespace internal {

std::optional<Value> ParsePythonInt(std::string_view text) {
  std::string s = ToAsciiNumber(text);
  bool negative = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits = s.substr(i);
  if (digits.empty() || !IsDigit(digits[0]) || !RemoveUnderscores(&digits)) return std::nullopt;
  for (char c : digits) {
    if (!IsDigit(c)) return std::nullopt;
  }
  // CPython 3.11 refuses to convert more than 4300 digits
  // (sys.int_info.str_digits_check_threshold).
  if (digits.size() > 4300) return std::nullopt;
  if (digits.size() <= 18) {  // Fits in int64 whatever the digits.
    int64_t value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return Value::Int(negative ? -value : value);
  }
  if (negative) digits.insert(digits.begin(), '-');
  return ParseIntDigits(digits, 10);
}

std::optional<double> ParsePythonFloat(std::string_view text) {
  std::string s = ToAsciiNumber(text);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string_view rest = std::string_view(s).substr(i);
  if (EqualsIgnoreCase(rest, "inf") || EqualsIgnoreCase(rest, "infinity")) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (EqualsIgnoreCase(rest, "nan")) {
    return negative ? -std::numeric_limits<double>::quiet_NaN()
                    : std::numeric_limits<double>::quiet_NaN();
  }
  if (!RemoveUnderscores(&s)) return std::nullopt;
  // The grammar Python's _Py_dg_strtod accepts: digits [. digits] | . digits, then an optional
  // exponent. Checked here so that strtod's extras (hex, "inf" spellings) are not accepted.
  size_t j = i;
  size_t mantissa_digits = 0;
  while (j < s.size() && IsDigit(s[j])) ++j, ++mantissa_digits;
  if (j < s.size() && s[j] == '.') {
    ++j;
    while (j < s.size() && IsDigit(s[j])) ++j, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return std::nullopt;
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    ++j;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    size_t exponent_digits = 0;
    while (j < s.size() && IsDigit(s[j])) ++j, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (j != s.size()) return std::nullopt;
  // Overflow gives ±inf and underflow 0, as in Python; strtod does the same with ERANGE.
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace internal

}  // namespace osprey::runtime
