// Values known at validation time: literals, ConstExpr arguments and parameter defaults.
#ifndef OSPREY_FRONTEND_CONST_VALUE_H_
#define OSPREY_FRONTEND_CONST_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace osprey::frontend {

struct ConstValue;
using ConstList = std::vector<ConstValue>;

// An integer literal beyond int64 (Python's ints are unbounded): its Python literal text,
// normalised ("99999999999999999999", "0x1ffffffffffffffff", "-0b1...": lower case, no `_`,
// `-` first when negated). The runtime makes the exact int of it; the frontend only needs an
// approximate value (ApproximateValue) for its range checks.
struct BigIntLiteral {
  std::string text;

  // From a NUMBER token the lexer accepted as an integer ("0X_FF...", "1_000..."), negated or not.
  static BigIntLiteral FromToken(std::string_view token, bool negated) {
    BigIntLiteral literal;
    if (negated) literal.text.push_back('-');
    for (char c : token) {
      if (c == '_') continue;
      literal.text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return literal;
  }

  // The nearest double, or near it (exact rounding is not needed: it only meets range checks).
  double ApproximateValue() const {
    std::string_view digits = text;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative) digits.remove_prefix(1);
    int base = 10;
    if (digits.size() > 1 && digits[0] == '0') {
      base = digits[1] == 'x' ? 16 : digits[1] == 'o' ? 8 : digits[1] == 'b' ? 2 : 10;
      if (base != 10) digits.remove_prefix(2);
    }
    long double value = 0;
    for (char c : digits) value = value * base + (c <= '9' ? c - '0' : c - 'a' + 10);
    return static_cast<double>(negative ? -value : value);
  }

  friend bool operator==(const BigIntLiteral&, const BigIntLiteral&) = default;
};

// None (monostate), bool, int, float, str, or a list of those. An int beyond int64 is a
// BigIntLiteral; one that fits is always an int64_t.
struct ConstValue {
  std::variant<std::monostate, bool, int64_t, double, std::string, ConstList, BigIntLiteral> value;

  bool is_none() const { return std::holds_alternative<std::monostate>(value); }
  bool is_bool() const { return std::holds_alternative<bool>(value); }
  bool is_int() const { return std::holds_alternative<int64_t>(value); }
  bool is_float() const { return std::holds_alternative<double>(value); }
  bool is_string() const { return std::holds_alternative<std::string>(value); }
  bool is_list() const { return std::holds_alternative<ConstList>(value); }
  bool is_big_int() const { return std::holds_alternative<BigIntLiteral>(value); }
  bool as_bool() const { return std::get<bool>(value); }
  int64_t as_int() const { return std::get<int64_t>(value); }
  double as_float() const { return std::get<double>(value); }
  const std::string& as_string() const { return std::get<std::string>(value); }
  const ConstList& as_list() const { return std::get<ConstList>(value); }
  const BigIntLiteral& as_big_int() const { return std::get<BigIntLiteral>(value); }
  // int (big ones approximately) or float, as a double.
  double as_number() const {
    if (is_int()) return static_cast<double>(as_int());
    if (is_big_int()) return as_big_int().ApproximateValue();
    return as_float();
  }

  friend bool operator==(const ConstValue&, const ConstValue&) = default;
};

// The value of an integer literal the lexer accepted whose value does not fit in int64
// (`token`, e.g. "99999999999999999999"), negated or not: a BigIntLiteral, except for
// -9223372036854775808 (in any base), which is INT64_MIN.
inline ConstValue BigIntegerLiteral(std::string_view token, bool negated) {
  BigIntLiteral literal = BigIntLiteral::FromToken(token, false);
  if (negated) {
    std::string_view digits = literal.text;
    int base = 10;
    if (digits.size() > 1 && digits[0] == '0') {
      base = digits[1] == 'x' ? 16 : digits[1] == 'o' ? 8 : digits[1] == 'b' ? 2 : 10;
      if (base != 10) digits.remove_prefix(2);
    }
    // Is the magnitude exactly 2**63?
    uint64_t magnitude = 0;
    bool above = false;
    for (char c : digits) {
      const uint64_t digit = c <= '9' ? c - '0' : c - 'a' + 10;
      if (magnitude > (uint64_t{1} << 63) / base) {
        above = true;
        break;
      }
      magnitude = magnitude * base + digit;
    }
    if (!above && magnitude == uint64_t{1} << 63) return {INT64_MIN};
    literal.text.insert(literal.text.begin(), '-');
  }
  return {std::move(literal)};
}

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_CONST_VALUE_H_
