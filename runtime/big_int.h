// Integers beyond int64 — Python's ints are unbounded — held as GMP integers (gmpxx's
// mpz_class). A BigInt is the payload of a Value of kind kBigInt (runtime/value.h).
//
// One representation per integer: an int that fits in int64 is a kInt Value and only one that
// does not is a kBigInt. IntValue() makes the right one from an exact result, so the common
// int64 code never sees a big value, and a kBigInt never equals a kInt.
//
// Limit: the runtime makes no integer longer than kMaxIntBits; an operation whose result would
// be longer fails (IntTooLarge()). Python has no such limit, but it already refuses to print an
// int of more than 4300 digits (about 14 300 bits) as text or JSON, so a result past the limit
// could not reach Osprey's output either; the limit keeps `2 ** 10**12` from exhausting memory.
#ifndef OSPREY_RUNTIME_BIG_INT_H_
#define OSPREY_RUNTIME_BIG_INT_H_

#include <gmpxx.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/value.h"

namespace osprey::runtime {

static_assert(sizeof(long) == sizeof(int64_t), "GMP's `si` functions must take an int64");

inline constexpr uint64_t kMaxIntBits = uint64_t{1} << 20;

// Immutable; shared by the Values that hold it.
class BigInt {
 public:
  explicit BigInt(mpz_class value) : value_(std::move(value)) {}
  const mpz_class& value() const { return value_; }

 private:
  mpz_class value_;
};

// The int Value of `value`: a kInt when it fits in int64, else a kBigInt.
Value IntValue(const mpz_class& value);

// The exact value of a bool, kInt or kBigInt Value (bool is an int in Python).
mpz_class ToMpz(const Value& value);

// Whether `value` is longer than kMaxIntBits.
inline bool TooLarge(const mpz_class& value) {
  return mpz_sizeinbase(value.get_mpz_t(), 2) > kMaxIntBits;
}
// The error of a result beyond kMaxIntBits.
std::string IntTooLarge();

// Python's float(int): rounded half to even; nullopt when the result is beyond the float range
// (Python's OverflowError "int too large to convert to float", see kIntTooLargeForFloat).
std::optional<double> IntToDouble(const mpz_class& value);
inline constexpr char kIntTooLargeForFloat[] = "int too large to convert to float";

// Python's int / int for b != 0, correctly rounded (CPython's long_true_divide, subnormal
// results included); nullopt when the quotient is beyond the float range (Python's
// OverflowError "integer division result too large for a float", kQuotientTooLargeForFloat).
std::optional<double> IntTrueDivide(const mpz_class& a, const mpz_class& b);
inline constexpr char kQuotientTooLargeForFloat[] = "integer division result too large for a float";

// Python's int(d) of a finite double: truncated toward zero, exact.
Value IntOfDouble(double d);

// The int `digits` spell in `base` (2 to 36), optionally preceded by '-'; nullopt unless every
// other character is a digit of the base. No `_`, spaces or prefixes: callers strip them.
std::optional<Value> ParseIntDigits(std::string_view digits, int base);

// The int of a Python integer literal's text as the frontend keeps one beyond int64
// (frontend::BigIntLiteral: lower case, no `_`, optionally `-` first, then "0x", "0o", "0b"
// or decimal digits). Such text is valid by construction; anything else gives 0.
Value ParseIntLiteral(std::string_view text);

// Decimal text, as Python's str(int).
std::string ToDecimal(const mpz_class& value);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_BIG_INT_H_
