// Python 3.11 semantics of SML's operators and conversions on runtime Values (spec §4.4),
// with the reference's deviations: division and modulo by zero give int 0; and this engine's
// own: integers are exact and unbounded as in Python (int64 while they fit, GMP beyond:
// runtime/big_int.h) up to kMaxIntBits, past which an operation fails ("integer overflow:
// result exceeds 1048576 bits ..."); where Python would make a complex number (negative **
// fractional) or do printf-style formatting (str % x) the operation fails; string and list
// repetition fails beyond 2**30 bytes / 2**26 items instead of exhausting memory.
//
// Operations return std::nullopt for failure together with an error message in `*error`
// (every failure of an operator on values is a recorded error in the reference).
#ifndef OSPREY_RUNTIME_PYTHON_SEMANTICS_H_
#define OSPREY_RUNTIME_PYTHON_SEMANTICS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/value.h"

namespace osprey::runtime {

enum class BinaryOperator : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kFloorDivide,
  kModulo,
  kPower,
  kLeftShift,
  kRightShift,
  kBitOr,
  kBitXor,
  kBitAnd,
};

// `left op right` on values of any kinds (runtime kinds may differ from static types; bool is an
// int, and bool & | ^ bool stays bool). Errors carry Python's message: "unsupported operand
// type(s) for +: 'int' and 'str'", "negative shift count", "(34, 'Numerical result out of
// range')" for float overflow in `**`, "0.0 cannot be raised to a negative power", ...
std::optional<Value> ApplyBinary(BinaryOperator op, const Value& left, const Value& right,
                                 std::string* error);
// Unary minus: -True is -1; -INT64_MIN is the big int 2**63; -0.0 keeps its sign; other kinds fail
// ("bad operand type for unary -: 'Entity'").
std::optional<Value> Negate(const Value& operand, std::string* error);

// Python truthiness (`bool(x)`). Convertible values are objects here, truthy whatever they
// hold (a false Rule is truthy, as in Python): unwrap them first where the reference does.
bool Truthy(const Value& value);
// Python `==`: numbers exactly across int/float/bool (1 == 1.0, True == 1, 2**53 + 1 != 2.0**53,
// nan != nan); strings by code points; lists element-wise; entities by type and id (so by the
// id's kind too); rules by all fields (features as a dict, order ignored); time deltas by
// seconds; experiments by their fields; effects by identity. Different kinds are unequal.
bool PythonEquals(const Value& left, const Value& right);
// `<`, `<=`, `>`, `>=` as the reference evaluates them: false if either side is the value None;
// otherwise Python ordering: numbers exactly across int/float/bool, strings by code points,
// lists and entities lexicographically; nullopt + Python's TypeError message for other kinds
// ("'<' not supported between instances of 'str' and 'int'").
enum class OrderOperator : uint8_t { kLess, kLessEqual, kGreater, kGreaterEqual };
std::optional<bool> Compare(OrderOperator op, const Value& left, const Value& right,
                            std::string* error);
// `needle in haystack` as the reference evaluates it: a None needle is in None and in lists
// holding None; otherwise a None haystack holds nothing; otherwise Python `in`: substring for
// strings (the needle must be a str), element equality (PythonEquals) for lists; nullopt +
// Python's TypeError message for other haystacks ("argument of type 'int' is not iterable").
std::optional<bool> Contains(const Value& haystack, const Value& needle, std::string* error);

// Python `str(x)`: "None", "True", "12", floats as FormatPythonFloat, strings unchanged, lists
// as "[1, 'a', None]" (items in repr form). Convertible values print what they unwrap to (an
// entity its id, a rule "True"/"False", a time delta its seconds as a float, an experiment its
// list), since the reference unwraps them before formatting (spec §4.4.4).
std::string PythonStr(const Value& value);
// Appends PythonStr(value) to `out`; a str (or an entity's str id) without a copy between.
void AppendPythonStr(const Value& value, std::string* out);
// Python `repr(x)`: strings quoted and escaped as CPython does (isprintable per Unicode 14.0,
// Python 3.11's database); other kinds as PythonStr, except entities and rules, which print
// like the reference's dataclasses ("EntityT[<class 'str'>](type='User', id=abc)").
std::string PythonRepr(const Value& value);
// Python `repr(float)`: shortest round-trip digits, positional for exponents -4..15
// ("0.30000000000000004", "1.0", "0.0001"), else "1e+16", "1e-05", "5e-324"; "inf", "-inf",
// "nan", "-0.0".
std::string FormatPythonFloat(double value);

// Python's name for the class of a value, as error messages print it: "int", "str",
// "NoneType", "Entity", "RuleT", "TimeDeltaT", "ExperimentT", "VerdictEffect", ...
std::string PythonTypeName(const Value& value);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_PYTHON_SEMANTICS_H_
