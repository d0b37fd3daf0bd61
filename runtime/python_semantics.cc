// Operators on Values, following CPython 3.11 (Objects/longobject.c, floatobject.c,
// abstract.c) case by case; see python_semantics.h for the deviations.
#include "runtime/python_semantics.h"

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/big_int.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

using Kind = Value::Kind;
// CPython raises OverflowError from errno ERANGE; str() of that exception.
constexpr char kFloatOverflow[] = "(34, 'Numerical result out of range')";
// Repetition beyond this many bytes (or list items) fails instead of exhausting memory, where
// CPython would raise MemoryError or OverflowError.
constexpr uint64_t kMaxRepeatBytes = uint64_t{1} << 30;
constexpr uint64_t kMaxRepeatItems = uint64_t{1} << 26;

std::optional<Value> Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::string PythonTypeName(const Value& value) {
  switch (value.kind()) {
    case Kind::kNone:
      return "NoneType";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
    case Kind::kBigInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kString:
      return "str";
    case Kind::kList:
      return "list";
    case Kind::kEntity:
      return "Entity";  // EntityT.__name__ is reassigned to "Entity" in the reference.
    case Kind::kTimeDelta:
      return "TimeDeltaT";
    case Kind::kRule:
      return "RuleT";
    case Kind::kExperiment:
      return "ExperimentT";
    case Kind::kEffect:
      switch (value.as_effect().kind) {
        case Effect::Kind::kVerdict:
          return "VerdictEffect";
        case Effect::Kind::kLabel:
          return "LabelEffect";
        case Effect::Kind::kCustom:
          break;
      }
      return "EffectBase";
  }
  return "object";
}

namespace {

std::string_view OperatorSymbol(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kAdd:
      return "+";
    case BinaryOperator::kSubtract:
      return "-";
    case BinaryOperator::kMultiply:
      return "*";
    case BinaryOperator::kDivide:
      return "/";
    case BinaryOperator::kFloorDivide:
      return "//";
    case BinaryOperator::kModulo:
      return "%";
    case BinaryOperator::kPower:
      return "** or pow()";
    case BinaryOperator::kLeftShift:
      return "<<";
    case BinaryOperator::kRightShift:
      return ">>";
    case BinaryOperator::kBitOr:
      return "|";
    case BinaryOperator::kBitXor:
      return "^";
    case BinaryOperator::kBitAnd:
      return "&";
  }
  return "?";
}

std::optional<Value> Unsupported(BinaryOperator op, const Value& left, const Value& right,
                                 std::string* error) {
  return Fail(error, "unsupported operand type(s) for " + std::string(OperatorSymbol(op)) + ": '" +
                         PythonTypeName(left) + "' and '" + PythonTypeName(right) + "'");
}

// bool is a subclass of int in Python. A "small" int fits in int64 (kInt or bool); the others
// are kBigInt.
bool IsSmallInt(const Value& v) { return v.kind() == Kind::kInt || v.kind() == Kind::kBool; }
bool IsIntLike(const Value& v) { return IsSmallInt(v) || v.kind() == Kind::kBigInt; }
bool IsNumeric(const Value& v) { return IsIntLike(v) || v.kind() == Kind::kFloat; }
int64_t AsInt(const Value& v) { return v.kind() == Kind::kBool ? v.as_bool() : v.as_int(); }
// Python's float(x) of a number; nullopt (and Python's OverflowError message) for a big int
// beyond the float range.
std::optional<double> AsDouble(const Value& v, std::string* error) {
  if (v.kind() == Kind::kFloat) return v.as_float();
  // int -> double rounds half to even, as PyLong_AsDouble does.
  if (IsSmallInt(v)) return static_cast<double>(AsInt(v));
  std::optional<double> d = IntToDouble(v.as_big_int().value());
  if (!d) *error = kIntTooLargeForFloat;
  return d;
}
// Python's `x == 0` for a number.
bool IsZero(const Value& v) {
  if (v.kind() == Kind::kFloat) return v.as_float() == 0.0;
  return IsSmallInt(v) && AsInt(v) == 0;  // A big int is never 0.
}

__extension__ typedef unsigned __int128 Uint128;  // GCC and Clang; silences -Wpedantic.

// int / int, correctly rounded like CPython's long_true_divide (not float(a) / float(b),
// which rounds twice once an operand exceeds 2**53).
double IntTrueDivide(int64_t a, int64_t b) {
  constexpr int64_t kExact = int64_t{1} << 53;
  if (a >= -kExact && a <= kExact && b >= -kExact && b <= kExact) {
    return static_cast<double>(a) / static_cast<double>(b);
  }
  const bool negative = (a < 0) != (b < 0);
  const uint64_t n = a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
  const uint64_t d = b < 0 ? 0 - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
  if (n == 0) return negative ? -0.0 : 0.0;
  // Scale so the quotient has at least 55 significant bits; a sticky bit for a non-zero
  // remainder then makes the single rounding int -> double exact.
  int shift = 55 + std::bit_width(d) - std::bit_width(n);
  if (shift < 0) shift = 0;
  const Uint128 scaled = static_cast<Uint128>(n) << shift;
  const uint64_t quotient = static_cast<uint64_t>(scaled / d) | (scaled % d != 0 ? 1 : 0);
  const double magnitude = std::ldexp(static_cast<double>(quotient), -shift);
  return negative ? -magnitude : magnitude;
}

bool IsOddInteger(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

// CPython's float_pow, special cases included, so results and errors match on any libm.
std::optional<Value> FloatPower(double base, double exponent, std::string* error) {
  if (exponent == 0) return Value::Float(1.0);
  if (std::isnan(base)) return Value::Float(base);
  if (std::isnan(exponent)) return Value::Float(base == 1.0 ? 1.0 : exponent);
  if (std::isinf(exponent)) {
    const double magnitude = std::fabs(base);
    if (magnitude == 1.0) return Value::Float(1.0);
    if ((exponent > 0.0) == (magnitude > 1.0)) return Value::Float(std::fabs(exponent));
    return Value::Float(0.0);
  }
  if (std::isinf(base)) {
    const bool odd = IsOddInteger(exponent);
    if (exponent > 0.0) return Value::Float(odd ? base : std::fabs(base));
    return Value::Float(odd ? std::copysign(0.0, base) : 0.0);
  }
  if (base == 0.0) {
    if (exponent < 0.0) return Fail(error, "0.0 cannot be raised to a negative power");
    return Value::Float(IsOddInteger(exponent) ? base : 0.0);
  }
  bool negate = false;
  if (base < 0.0) {
    if (exponent != std::floor(exponent)) {
      // Python returns a complex number here; SML has none. Python 2's message.
      return Fail(error, "negative number cannot be raised to a fractional power");
    }
    base = -base;
    negate = IsOddInteger(exponent);
  }
  if (base == 1.0) return Value::Float(negate ? -1.0 : 1.0);
  errno = 0;
  double result = std::pow(base, exponent);
  // _Py_ADJUST_ERANGE1: overflow to +-inf is an error, underflow to zero is not.
  if (errno == 0) {
    if (std::isinf(result)) errno = ERANGE;
  } else if (errno == ERANGE && result == 0.0) {
    errno = 0;
  }
  if (errno != 0) {
    const bool overflow = errno == ERANGE;
    errno = 0;
    return Fail(error, overflow ? kFloatOverflow : "(33, 'Numerical argument out of domain')");
  }
  return Value::Float(negate ? -result : result);
}

// CPython's _float_div_mod: Python's floor division and modulo for floats (divisor != 0).
void FloatDivMod(double left, double right, double* floor_quotient, double* modulo) {
  double mod = std::fmod(left, right);
  double div = (left - mod) / right;
  if (mod != 0.0) {
    if ((right < 0) != (mod < 0)) {
      mod += right;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, right);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, left / right);
  }
  *floor_quotient = floordiv;
  *modulo = mod;
}

// float_rem: unlike FloatDivMod's remainder, never adjusted through the quotient.
double FloatModulo(double left, double right) {
  double mod = std::fmod(left, right);
  if (mod != 0.0) {
    if ((right < 0) != (mod < 0)) mod += right;
  } else {
    mod = std::copysign(0.0, right);
  }
  return mod;
}

std::optional<Value> FloatBinary(BinaryOperator op, const Value& left, const Value& right,
                                 std::string* error) {
  switch (op) {
    case BinaryOperator::kLeftShift:
    case BinaryOperator::kRightShift:
    case BinaryOperator::kBitOr:
    case BinaryOperator::kBitXor:
    case BinaryOperator::kBitAnd:
      return Unsupported(op, left, right, error);  // Before any conversion, as in Python.
    default:
      break;
  }
  // float.__add__ and friends convert an int operand first: a big one may not fit.
  const std::optional<double> left_double = AsDouble(left, error);
  if (!left_double) return std::nullopt;
  const std::optional<double> right_double = AsDouble(right, error);
  if (!right_double) return std::nullopt;
  const double a = *left_double;
  const double b = *right_double;
  switch (op) {
    case BinaryOperator::kAdd:
      return Value::Float(a + b);
    case BinaryOperator::kSubtract:
      return Value::Float(a - b);
    case BinaryOperator::kMultiply:
      return Value::Float(a * b);
    case BinaryOperator::kDivide:
      return Value::Float(a / b);
    case BinaryOperator::kFloorDivide: {
      double quotient, modulo;
      FloatDivMod(a, b, &quotient, &modulo);
      return Value::Float(quotient);
    }
    case BinaryOperator::kModulo:
      return Value::Float(FloatModulo(a, b));
    case BinaryOperator::kPower:
      return FloatPower(a, b, error);
    default:
      return Unsupported(op, left, right, error);
  }
}

// The exact result of an int operation, or the limit's error beyond kMaxIntBits.
std::optional<Value> Exact(const mpz_class& result, std::string* error) {
  if (TooLarge(result)) return Fail(error, IntTooLarge());
  return IntValue(result);
}

// int ** int for a non-negative exponent.
std::optional<Value> BigPower(const mpz_class& base, const mpz_class& exponent,
                              std::string* error) {
  if (mpz_sgn(exponent.get_mpz_t()) == 0) return Value::Int(1);
  if (mpz_cmpabs_ui(base.get_mpz_t(), 1) <= 0) {  // 0, 1 and -1 stay small whatever the power.
    const bool negate = mpz_sgn(base.get_mpz_t()) < 0 && mpz_odd_p(exponent.get_mpz_t());
    return Value::Int(negate ? -1 : mpz_sgn(base.get_mpz_t()) == 0 ? 0 : 1);
  }
  // |base| >= 2: the result has at least (bits(base) - 1) * exponent + 1 bits.
  const uint64_t base_bits = mpz_sizeinbase(base.get_mpz_t(), 2);
  if (!mpz_fits_ulong_p(exponent.get_mpz_t()) ||
      mpz_get_ui(exponent.get_mpz_t()) > kMaxIntBits / (base_bits - 1)) {
    return Fail(error, IntTooLarge());
  }
  mpz_class result;
  mpz_pow_ui(result.get_mpz_t(), base.get_mpz_t(), mpz_get_ui(exponent.get_mpz_t()));
  return Exact(result, error);
}

// An int operation on exact values: the general case, for big operands and for int64 results
// that overflowed. Division and modulo by zero were handled by the caller.
std::optional<Value> BigIntBinary(BinaryOperator op, const Value& left, const Value& right,
                                  std::string* error) {
  const mpz_class a = ToMpz(left);
  const mpz_class b = ToMpz(right);
  mpz_class result;
  switch (op) {
    case BinaryOperator::kAdd:
      result = a + b;
      return Exact(result, error);
    case BinaryOperator::kSubtract:
      result = a - b;
      return Exact(result, error);
    case BinaryOperator::kMultiply:
      if (mpz_sizeinbase(a.get_mpz_t(), 2) + mpz_sizeinbase(b.get_mpz_t(), 2) > kMaxIntBits + 1) {
        return Fail(error, IntTooLarge());  // Fails without computing the product.
      }
      result = a * b;
      return Exact(result, error);
    case BinaryOperator::kDivide: {
      std::optional<double> quotient = runtime::IntTrueDivide(a, b);
      if (!quotient) return Fail(error, kQuotientTooLargeForFloat);
      return Value::Float(*quotient);
    }
    case BinaryOperator::kFloorDivide:
      mpz_fdiv_q(result.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());  // Floors, as Python.
      return Exact(result, error);
    case BinaryOperator::kModulo:
      mpz_fdiv_r(result.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());  // The divisor's sign.
      return Exact(result, error);
    case BinaryOperator::kPower:
      if (mpz_sgn(b.get_mpz_t()) < 0) {
        // A negative exponent makes Python's int.__pow__ defer to float.__pow__.
        std::optional<double> x = AsDouble(left, error);
        std::optional<double> y = x ? AsDouble(right, error) : std::nullopt;
        if (!y) return std::nullopt;
        return FloatPower(*x, *y, error);
      }
      return BigPower(a, b, error);
    case BinaryOperator::kLeftShift:
      if (mpz_sgn(b.get_mpz_t()) < 0) return Fail(error, "negative shift count");
      if (mpz_sgn(a.get_mpz_t()) == 0) return Value::Int(0);
      if (!mpz_fits_ulong_p(b.get_mpz_t()) || mpz_get_ui(b.get_mpz_t()) > kMaxIntBits) {
        return Fail(error, IntTooLarge());
      }
      mpz_mul_2exp(result.get_mpz_t(), a.get_mpz_t(), mpz_get_ui(b.get_mpz_t()));
      return Exact(result, error);
    case BinaryOperator::kRightShift:
      if (mpz_sgn(b.get_mpz_t()) < 0) return Fail(error, "negative shift count");
      if (!mpz_fits_ulong_p(b.get_mpz_t()) ||
          mpz_get_ui(b.get_mpz_t()) >= mpz_sizeinbase(a.get_mpz_t(), 2)) {
        return Value::Int(mpz_sgn(a.get_mpz_t()) < 0 ? -1 : 0);  // Every bit shifted out.
      }
      mpz_fdiv_q_2exp(result.get_mpz_t(), a.get_mpz_t(), mpz_get_ui(b.get_mpz_t()));  // Floors.
      return Exact(result, error);
    // GMP's bitwise operations act on infinite two's complement, as Python's do.
    case BinaryOperator::kBitOr:
      mpz_ior(result.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
      return Exact(result, error);
    case BinaryOperator::kBitXor:
      mpz_xor(result.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
      return Exact(result, error);
    case BinaryOperator::kBitAnd:
      mpz_and(result.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
      return Exact(result, error);
  }
  return Unsupported(op, left, right, error);
}

// int64 ** non-negative int64; nullopt when the result does not fit in int64.
std::optional<int64_t> SmallPower(int64_t base, int64_t exponent) {
  int64_t result = 1;
  while (true) {
    if ((exponent & 1) != 0 && __builtin_mul_overflow(result, base, &result)) return std::nullopt;
    exponent >>= 1;
    if (exponent == 0) break;
    // Only squared when a later factor needs it, so an overflow here is a real one.
    if (__builtin_mul_overflow(base, base, &base)) return std::nullopt;
  }
  return result;
}

// An int operation on operands that fit in int64 (IsSmallInt); a result that overflows int64
// is computed again by BigIntBinary.
std::optional<Value> IntBinary(BinaryOperator op, const Value& left, const Value& right,
                               std::string* error) {
  const int64_t a = AsInt(left);
  const int64_t b = AsInt(right);
  const bool both_bool = left.kind() == Kind::kBool && right.kind() == Kind::kBool;
  int64_t result = 0;
  switch (op) {
    case BinaryOperator::kAdd:
      if (__builtin_add_overflow(a, b, &result)) break;
      return Value::Int(result);
    case BinaryOperator::kSubtract:
      if (__builtin_sub_overflow(a, b, &result)) break;
      return Value::Int(result);
    case BinaryOperator::kMultiply:
      if (__builtin_mul_overflow(a, b, &result)) break;
      return Value::Int(result);
    case BinaryOperator::kDivide:
      return Value::Float(IntTrueDivide(a, b));
    case BinaryOperator::kFloorDivide: {
      if (b == -1) {
        if (a == std::numeric_limits<int64_t>::min()) break;  // 2**63
        return Value::Int(-a);
      }
      int64_t quotient = a / b;
      if (a % b != 0 && ((a < 0) != (b < 0))) --quotient;
      return Value::Int(quotient);
    }
    case BinaryOperator::kModulo: {
      if (b == -1) return Value::Int(0);  // a % -1 is UB in C++ for INT64_MIN.
      int64_t remainder = a % b;
      if (remainder != 0 && ((remainder < 0) != (b < 0))) remainder += b;
      return Value::Int(remainder);
    }
    case BinaryOperator::kPower: {
      // A negative exponent makes Python's int.__pow__ defer to float.__pow__.
      if (b < 0) return FloatPower(static_cast<double>(a), static_cast<double>(b), error);
      std::optional<int64_t> power = SmallPower(a, b);
      if (!power) break;
      return Value::Int(*power);
    }
    case BinaryOperator::kLeftShift: {
      if (b < 0) return Fail(error, "negative shift count");
      if (a == 0) return Value::Int(0);
      if (b >= 64) break;
      const int64_t shifted = a << b;  // Well defined (modulo 2**64) since C++20.
      if ((shifted >> b) != a) break;
      return Value::Int(shifted);
    }
    case BinaryOperator::kRightShift:
      if (b < 0) return Fail(error, "negative shift count");
      return Value::Int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOperator::kBitOr:
      if (both_bool) return Value::Bool((a | b) != 0);
      return Value::Int(a | b);
    case BinaryOperator::kBitXor:
      if (both_bool) return Value::Bool((a ^ b) != 0);
      return Value::Int(a ^ b);
    case BinaryOperator::kBitAnd:
      if (both_bool) return Value::Bool((a & b) != 0);
      return Value::Int(a & b);
  }
  // The exact result does not fit in int64.
  return BigIntBinary(op, left, right, error);
}

// Python's sequence_repeat: the count must be an int (bool included).
std::optional<Value> Repeat(const Value& sequence, const Value& count, std::string* error) {
  if (!IsIntLike(count)) {
    return Fail(error,
                "can't multiply sequence by non-int of type '" + PythonTypeName(count) + "'");
  }
  // Beyond Py_ssize_t, whatever the sign.
  if (!IsSmallInt(count)) return Fail(error, "cannot fit 'int' into an index-sized integer");
  const int64_t n = AsInt(count);
  if (sequence.kind() == Kind::kString) {
    const std::string& s = sequence.as_string();
    if (n <= 0 || s.empty()) return Value::String("");
    if (static_cast<uint64_t>(n) > kMaxRepeatBytes / s.size()) {
      return Fail(error, "repeated string is too long");
    }
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out += s;
    return Value::String(std::move(out));
  }
  const std::vector<Value>& items = sequence.as_list();
  if (n <= 0 || items.empty()) return Value::List({});
  if (static_cast<uint64_t>(n) > kMaxRepeatItems / items.size()) {
    return Fail(error, "repeated list is too long");
  }
  std::vector<Value> out;
  out.reserve(items.size() * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
  return Value::List(std::move(out));
}

bool IsSequence(const Value& v) { return v.kind() == Kind::kString || v.kind() == Kind::kList; }

}  // namespace

std::optional<Value> ApplyBinary(BinaryOperator op, const Value& left, const Value& right,
                                 std::string* error) {
  const bool divides = op == BinaryOperator::kDivide || op == BinaryOperator::kFloorDivide ||
                       op == BinaryOperator::kModulo;
  // The reference's quirk: `right == 0` (Python equality, so also False and -0.0) gives int 0
  // before the operand kinds are even looked at.
  if (divides && IsNumeric(right) && IsZero(right)) return Value::Int(0);

  if (IsSmallInt(left) && IsSmallInt(right)) return IntBinary(op, left, right, error);
  if (IsNumeric(left) && IsNumeric(right)) {
    if (IsIntLike(left) && IsIntLike(right)) return BigIntBinary(op, left, right, error);
    return FloatBinary(op, left, right, error);
  }
  if (op == BinaryOperator::kAdd) {
    if (left.kind() == Kind::kString && right.kind() == Kind::kString) {
      return Value::String(left.as_string() + right.as_string());
    }
    if (left.kind() == Kind::kList && right.kind() == Kind::kList) {
      std::vector<Value> items = left.as_list();
      items.insert(items.end(), right.as_list().begin(), right.as_list().end());
      return Value::List(std::move(items));
    }
    if (IsSequence(left)) {  // Python's sq_concat of str and list.
      const std::string name = PythonTypeName(left);
      return Fail(error, "can only concatenate " + name + " (not \"" + PythonTypeName(right) +
                             "\") to " + name);
    }
  }
  if (op == BinaryOperator::kMultiply) {
    if (IsSequence(left)) return Repeat(left, right, error);
    if (IsSequence(right)) return Repeat(right, left, error);
  }
  if (op == BinaryOperator::kModulo && left.kind() == Kind::kString) {
    // str.__mod__ is printf-style formatting; SML's types never allow it.
    return Fail(error, "printf-style string formatting (str % value) is not supported");
  }
  return Unsupported(op, left, right, error);
}

std::optional<Value> Negate(const Value& operand, std::string* error) {
  switch (operand.kind()) {
    case Kind::kBool:
      return Value::Int(operand.as_bool() ? -1 : 0);
    case Kind::kInt:
      if (operand.as_int() == std::numeric_limits<int64_t>::min()) {
        return IntValue(-ToMpz(operand));  // 2**63
      }
      return Value::Int(-operand.as_int());
    case Kind::kBigInt:
      return IntValue(-operand.as_big_int().value());  // -(2**63) is back in int64.
    case Kind::kFloat:
      return Value::Float(-operand.as_float());
    default:
      return Fail(error, "bad operand type for unary -: '" + PythonTypeName(operand) + "'");
  }
}

}  // namespace osprey::runtime
