// Truthiness, equality, ordering and `in` on Values (python_semantics.h), following CPython
// 3.11's float_richcompare, list_richcompare and the reference's dataclass comparisons.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/big_int.h"
#include "runtime/python_semantics.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

using Kind = Value::Kind;

// An int that fits in int64 (bool included); kBigInt holds the others.
bool IsSmallInt(const Value& v) { return v.kind() == Kind::kInt || v.kind() == Kind::kBool; }
bool IsNumeric(const Value& v) {
  return IsSmallInt(v) || v.kind() == Kind::kFloat || v.kind() == Kind::kBigInt;
}
int64_t AsInt(const Value& v) { return v.kind() == Kind::kBool ? v.as_bool() : v.as_int(); }

int Sign(bool less, bool greater) { return less ? -1 : (greater ? 1 : 0); }

// Exact three-way comparison of an int with a non-NaN double; converting the int to double
// would make 2**53 + 1 equal to 2.0**53.
int CompareIntDouble(int64_t i, double d) {
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (d >= kTwoTo63) return -1;        // Includes +inf.
  if (d < -kTwoTo63) return 1;         // Includes -inf.
  const double whole = std::trunc(d);  // In [-2**63, 2**63), so exact as an int64.
  const int64_t whole_int = static_cast<int64_t>(whole);
  if (i != whole_int) return Sign(i<whole_int, i> whole_int);
  const double fraction = d - whole;
  return Sign(fraction > 0, fraction < 0);
}

int SignOf(int comparison) { return Sign(comparison<0, comparison> 0); }

// Exact three-way comparison of two numbers at least one of which is a big int; nullopt if
// the other is NaN. Out of line: rare, and it keeps CompareNumbers small.
[[gnu::noinline]] std::optional<int> CompareBig(const Value& left, const Value& right) {
  if (left.kind() == Kind::kFloat || right.kind() == Kind::kFloat) {
    const bool big_left = left.kind() == Kind::kBigInt;
    const double d = big_left ? right.as_float() : left.as_float();
    if (std::isnan(d)) return std::nullopt;
    const mpz_class& big = (big_left ? left : right).as_big_int().value();
    const int comparison = SignOf(mpz_cmp_d(big.get_mpz_t(), d));  // Exact; handles infinities.
    return big_left ? comparison : -comparison;
  }
  return SignOf(cmp(ToMpz(left), ToMpz(right)));
}

// Three-way comparison of two numbers (int, bool or float); nullopt if one is NaN.
std::optional<int> CompareNumbers(const Value& left, const Value& right) {
  if (IsSmallInt(left) && IsSmallInt(right)) {
    const int64_t a = AsInt(left);
    const int64_t b = AsInt(right);
    return Sign(a<b, a> b);
  }
  if (left.kind() == Kind::kFloat && right.kind() == Kind::kFloat) {
    const double a = left.as_float();
    const double b = right.as_float();
    if (std::isnan(a) || std::isnan(b)) return std::nullopt;
    return Sign(a<b, a> b);
  }
  if (left.kind() == Kind::kBigInt || right.kind() == Kind::kBigInt) {
    return CompareBig(left, right);
  }
  if (left.kind() == Kind::kFloat) {
    if (std::isnan(left.as_float())) return std::nullopt;
    return -CompareIntDouble(AsInt(right), left.as_float());
  }
  if (std::isnan(right.as_float())) return std::nullopt;
  return CompareIntDouble(AsInt(left), right.as_float());
}

bool Holds(OrderOperator op, int comparison) {
  switch (op) {
    case OrderOperator::kLess:
      return comparison < 0;
    case OrderOperator::kLessEqual:
      return comparison <= 0;
    case OrderOperator::kGreater:
      return comparison > 0;
    case OrderOperator::kGreaterEqual:
      return comparison >= 0;
  }
  return false;
}

const char* Symbol(OrderOperator op) {
  switch (op) {
    case OrderOperator::kLess:
      return "<";
    case OrderOperator::kLessEqual:
      return "<=";
    case OrderOperator::kGreater:
      return ">";
    case OrderOperator::kGreaterEqual:
      return ">=";
  }
  return "?";
}

// A rule's `features` dict as the reference builds it: field name -> str(value).
std::vector<std::pair<std::string, std::string>> RuleFeatures(const RuleValue& rule) {
  std::vector<std::pair<std::string, std::string>> features;
  for (size_t i = 0; i < rule.field_values.size(); ++i) {
    features.emplace_back(rule.definition->field_names[i], PythonStr(rule.field_values[i]));
  }
  return features;
}

bool FeaturesEqual(const std::vector<std::pair<std::string, std::string>>& a,
                   const std::vector<std::pair<std::string, std::string>>& b) {
  // A dict in the reference: equal when the same keys map to the same values, in any order.
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    bool found = false;
    for (const auto& [other_key, other_value] : b) {
      if (other_key == key) {
        found = other_value == value;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool ListsEqual(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!PythonEquals(a[i], b[i])) return false;
  }
  return true;
}

// Python's rich ordering without the reference's top-level None rule (None inside a list is
// a TypeError, as in Python).
std::optional<bool> Order(OrderOperator op, const Value& left, const Value& right,
                          std::string* error) {
  if (IsNumeric(left) && IsNumeric(right)) {
    const std::optional<int> comparison = CompareNumbers(left, right);
    return comparison.has_value() && Holds(op, *comparison);
  }
  if (left.kind() == Kind::kString && right.kind() == Kind::kString) {
    // Byte order of UTF-8 is code point order; std::string compares bytes as unsigned.
    return Holds(op, left.as_string().compare(right.as_string()));
  }
  if (left.kind() == Kind::kList && right.kind() == Kind::kList) {
    // list_richcompare: the first differing items decide, else the lengths.
    const std::vector<Value>& a = left.as_list();
    const std::vector<Value>& b = right.as_list();
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (!PythonEquals(a[i], b[i])) return Order(op, a[i], b[i], error);
    }
    return Holds(op, Sign(a.size() < b.size(), a.size() > b.size()));
  }
  if (left.kind() == Kind::kEntity && right.kind() == Kind::kEntity) {
    // EntityT is an ordered dataclass: the tuple (type, id).
    const EntityValue& a = left.as_entity();
    const EntityValue& b = right.as_entity();
    if (a.type != b.type) return Holds(op, a.type.compare(b.type));
    if (PythonEquals(a.id, b.id)) return Holds(op, 0);
    return Order(op, a.id, b.id, error);
  }
  *error = std::string("'") + Symbol(op) + "' not supported between instances of '" +
           PythonTypeName(left) + "' and '" + PythonTypeName(right) + "'";
  return std::nullopt;
}

}  // namespace

bool Truthy(const Value& value) {
  switch (value.kind()) {
    case Kind::kNone:
      return false;
    case Kind::kBool:
      return value.as_bool();
    case Kind::kInt:
      return value.as_int() != 0;
    case Kind::kBigInt:
      return true;  // Never 0.
    case Kind::kFloat:
      return value.as_float() != 0.0;  // NaN is truthy.
    case Kind::kString:
      return !value.as_string().empty();
    case Kind::kList:
      return !value.as_list().empty();
    default:
      return true;  // Objects without __bool__ or __len__.
  }
}

bool PythonEquals(const Value& left, const Value& right) {
  if (IsNumeric(left) && IsNumeric(right)) {
    const std::optional<int> comparison = CompareNumbers(left, right);
    return comparison.has_value() && *comparison == 0;
  }
  if (left.kind() != right.kind()) return false;
  switch (left.kind()) {
    case Kind::kNone:
      return true;
    case Kind::kString:
      return left.as_string() == right.as_string();
    case Kind::kList:
    case Kind::kExperiment:
      return ListsEqual(left.as_list(), right.as_list());
    case Kind::kEntity:
      return left.as_entity().type == right.as_entity().type &&
             PythonEquals(left.as_entity().id, right.as_entity().id);
    case Kind::kTimeDelta:
      return left.as_time_delta() == right.as_time_delta();
    case Kind::kRule: {
      const RuleValue& a = left.as_rule();
      const RuleValue& b = right.as_rule();
      return a.name() == b.name() && a.value == b.value && a.description() == b.description() &&
             FeaturesEqual(RuleFeatures(a), RuleFeatures(b));
    }
    case Kind::kEffect:
      return &left.as_effect() == &right.as_effect();
    default:
      return false;  // Numbers were handled above.
  }
}

std::optional<bool> Compare(OrderOperator op, const Value& left, const Value& right,
                            std::string* error) {
  // The reference's comparison node answers False for a None operand instead of raising.
  if (left.is_none() || right.is_none()) return false;
  return Order(op, left, right, error);
}

std::optional<bool> Contains(const Value& haystack, const Value& needle, std::string* error) {
  const bool is_list = haystack.kind() == Kind::kList;
  if (needle.is_none()) {
    if (haystack.is_none()) return true;
    if (!is_list) return false;
  } else if (haystack.is_none()) {
    return false;
  }
  if (is_list) {
    for (const Value& item : haystack.as_list()) {
      if (PythonEquals(item, needle)) return true;
    }
    return false;
  }
  if (haystack.kind() == Kind::kString) {
    if (needle.kind() != Kind::kString) {
      *error = "'in <string>' requires string as left operand, not " + PythonTypeName(needle);
      return std::nullopt;
    }
    // Substrings of valid UTF-8 at byte offsets are substrings at code point offsets.
    return haystack.as_string().find(needle.as_string()) != std::string::npos;
  }
  *error = "argument of type '" + PythonTypeName(haystack) + "' is not iterable";
  return std::nullopt;
}

}  // namespace osprey::runtime
