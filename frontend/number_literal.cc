#include "frontend/number_literal.h"

#include <charconv>
#include <string>

namespace osprey::frontend {

NumberLiteral ParseNumberLiteral(std::string_view text) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c != '_') digits.push_back(c);
  }
  NumberLiteral result;
  char last = static_cast<char>(digits.back() | 0x20);
  if (last == 'j') {
    result.kind = NumberLiteral::Kind::kImaginary;
    return result;
  }
  int base = 10;
  size_t start = 0;
  if (digits.size() > 1 && digits[0] == '0') {
    char prefix = static_cast<char>(digits[1] | 0x20);
    if (prefix == 'x') base = 16;
    if (prefix == 'o') base = 8;
    if (prefix == 'b') base = 2;
    if (base != 10) start = 2;
  }
  bool is_float = base == 10 && digits.find_first_of(".eE") != std::string::npos;
  if (is_float) {
    result.kind = NumberLiteral::Kind::kFloat;
    // from_chars is locale-independent and correctly rounded, like CPython's float parsing;
    // out-of-range values become inf (1e400) or 0 (1e-400) as in Python.
    auto [ptr, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), result.float_value);
    if (ec == std::errc::result_out_of_range) {
      bool negative_exponent =
          digits.find("e-") != std::string::npos || digits.find("E-") != std::string::npos;
      result.float_value = negative_exponent ? 0.0 : __builtin_huge_val();
    }
    return result;
  }
  uint64_t value = 0;
  for (size_t i = start; i < digits.size(); ++i) {
    char c = digits[i];
    uint64_t digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (value > (UINT64_MAX - digit) / base) {
      result.overflow = true;
      return result;
    }
    value = value * base + digit;
  }
  if (value > static_cast<uint64_t>(INT64_MAX)) {
    result.overflow = true;
    return result;
  }
  result.int_value = static_cast<int64_t>(value);
  return result;
}

}  // namespace osprey::frontend
