// Values known at validation time: literals, ConstExpr arguments and parameter defaults.
#ifndef OSPREY_FRONTEND_CONST_VALUE_H_
#define OSPREY_FRONTEND_CONST_VALUE_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace osprey::frontend {

struct ConstValue;
using ConstList = std::vector<ConstValue>;

// None (monostate), bool, int, float, str, or a list of those.
struct ConstValue {
  std::variant<std::monostate, bool, int64_t, double, std::string, ConstList> value;

  bool is_none() const { return std::holds_alternative<std::monostate>(value); }
  bool is_bool() const { return std::holds_alternative<bool>(value); }
  bool is_int() const { return std::holds_alternative<int64_t>(value); }
  bool is_float() const { return std::holds_alternative<double>(value); }
  bool is_string() const { return std::holds_alternative<std::string>(value); }
  bool is_list() const { return std::holds_alternative<ConstList>(value); }
  bool as_bool() const { return std::get<bool>(value); }
  int64_t as_int() const { return std::get<int64_t>(value); }
  double as_float() const { return std::get<double>(value); }
  const std::string& as_string() const { return std::get<std::string>(value); }
  const ConstList& as_list() const { return std::get<ConstList>(value); }
  // int or float, as a double.
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }

  friend bool operator==(const ConstValue&, const ConstValue&) = default;
};

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_CONST_VALUE_H_
