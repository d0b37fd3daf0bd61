#include "runtime/big_int.h"

#include <cmath>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"

namespace osprey::runtime {
namespace {

size_t BitLength(const mpz_class& value) {
  return mpz_sgn(value.get_mpz_t()) == 0 ? 0 : mpz_sizeinbase(value.get_mpz_t(), 2);
}

// The double nearest to `magnitude` * 2**exponent (+ a little when `sticky`: the exact value
// has more non-zero bits below the last of `magnitude`), rounded half to even, subnormals
// included; nullopt beyond the float range. `magnitude` >= 0; when `sticky`, it has at least
// 55 bits, so that the sticky part lies below the rounding position.
std::optional<double> RoundToDouble(const mpz_class& magnitude, int64_t exponent, bool sticky) {
  const size_t bits = BitLength(magnitude);
  if (bits == 0) return 0.0;
  const int64_t top = static_cast<int64_t>(bits) - 1 + exponent;  // Exponent of the leading bit.
  if (top > 1023) return std::nullopt;
  // Significant bits the result can keep: 53, fewer for a subnormal (possibly none at all).
  int64_t precision = 53;
  if (top < -1022) precision -= -1022 - top;
  const int64_t drop = static_cast<int64_t>(bits) - precision;  // Low bits rounded away.
  uint64_t mantissa;
  if (drop <= 0) {
    mantissa = mpz_get_ui(magnitude.get_mpz_t());  // At most 53 bits: exact.
  } else {
    mpz_class kept;
    mpz_fdiv_q_2exp(kept.get_mpz_t(), magnitude.get_mpz_t(), static_cast<mp_bitcnt_t>(drop));
    mantissa = mpz_get_ui(kept.get_mpz_t());
    const bool half = mpz_tstbit(magnitude.get_mpz_t(), static_cast<mp_bitcnt_t>(drop - 1)) != 0;
    const bool below_half =
        sticky || mpz_scan1(magnitude.get_mpz_t(), 0) < static_cast<mp_bitcnt_t>(drop - 1);
    if (half && (below_half || (mantissa & 1) != 0)) ++mantissa;
  }
  // mantissa <= 2**53 and the scale keeps it on the double grid: ldexp is exact, or infinite
  // when rounding carried past the largest double.
  const double result =
      std::ldexp(static_cast<double>(mantissa), static_cast<int>(exponent + (drop > 0 ? drop : 0)));
  if (std::isinf(result)) return std::nullopt;
  return result;
}

}  // namespace

Value IntValue(const mpz_class& value) {
  if (mpz_fits_slong_p(value.get_mpz_t())) return Value::Int(mpz_get_si(value.get_mpz_t()));
  return Value::FromBigInt(std::make_shared<const BigInt>(value));
}

mpz_class ToMpz(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBool:
      return mpz_class(value.as_bool() ? 1 : 0);
    case Value::Kind::kInt:
      return mpz_class(static_cast<long>(value.as_int()));
    case Value::Kind::kBigInt:
      return value.as_big_int().value();
    default:
      return mpz_class(0);  // Not an int: callers check first.
  }
}

std::string IntTooLarge() {
  return absl::StrFormat("integer overflow: result exceeds %d bits (osprey-jit's integer limit)",
                         kMaxIntBits);
}

std::optional<double> IntToDouble(const mpz_class& value) {
  const mpz_class magnitude = abs(value);
  std::optional<double> result = RoundToDouble(magnitude, 0, false);
  if (result && mpz_sgn(value.get_mpz_t()) < 0) *result = -*result;
  return result;
}

std::optional<double> IntTrueDivide(const mpz_class& a, const mpz_class& b) {
  const bool negative = (mpz_sgn(a.get_mpz_t()) < 0) != (mpz_sgn(b.get_mpz_t()) < 0);
  const mpz_class n = abs(a);
  const mpz_class d = abs(b);
  if (mpz_sgn(n.get_mpz_t()) == 0) return negative ? -0.0 : 0.0;
  // Scale so that the quotient has 55 or 56 bits; the remainder is the sticky part.
  const int64_t shift =
      55 + static_cast<int64_t>(BitLength(d)) - static_cast<int64_t>(BitLength(n));
  mpz_class quotient;
  mpz_class remainder;
  if (shift >= 0) {
    mpz_class scaled;
    mpz_mul_2exp(scaled.get_mpz_t(), n.get_mpz_t(), static_cast<mp_bitcnt_t>(shift));
    mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), scaled.get_mpz_t(), d.get_mpz_t());
  } else {
    mpz_class scaled;
    mpz_mul_2exp(scaled.get_mpz_t(), d.get_mpz_t(), static_cast<mp_bitcnt_t>(-shift));
    mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), n.get_mpz_t(), scaled.get_mpz_t());
  }
  std::optional<double> result =
      RoundToDouble(quotient, -shift, mpz_sgn(remainder.get_mpz_t()) != 0);
  if (result && negative) *result = -*result;
  return result;
}

Value IntOfDouble(double d) {
  const double truncated = std::trunc(d);
  // 2**63 is exactly representable; everything below it in magnitude fits.
  if (truncated > -9223372036854775808.0 && truncated < 9223372036854775808.0) {
    return Value::Int(static_cast<int64_t>(truncated));
  }
  return IntValue(mpz_class(truncated));  // mpz_set_d is exact for an integral double.
}

std::optional<Value> ParseIntDigits(std::string_view digits, int base) {
  std::string_view body = digits;
  if (!body.empty() && body.front() == '-') body.remove_prefix(1);
  if (body.empty()) return std::nullopt;
  for (char c : body) {
    const int lower = c | 0x20;
    const int digit =
        c >= '0' && c <= '9' ? c - '0' : (lower >= 'a' && lower <= 'z' ? lower - 'a' + 10 : 99);
    if (digit >= base) return std::nullopt;
  }
  mpz_class value;
  // Checked above, so mpz_set_str cannot fail (it would also skip spaces, which we refuse).
  mpz_set_str(value.get_mpz_t(), std::string(digits).c_str(), base);
  return IntValue(value);
}

Value ParseIntLiteral(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  int base = 10;
  if (text.size() > 1 && text[0] == '0') {
    base = text[1] == 'x' ? 16 : text[1] == 'o' ? 8 : text[1] == 'b' ? 2 : 10;
    if (base != 10) text.remove_prefix(2);
  }
  std::string digits = negative ? "-" : "";
  digits.append(text);
  return ParseIntDigits(digits, base).value_or(Value::Int(0));
}

std::string ToDecimal(const mpz_class& value) { return value.get_str(10); }

}  // namespace osprey::runtime
