// RandomBool and RandomInt (spec udfs.md §N). The reference draws from Python's process-global
// PRNG; here each draw is a function of CallContext::random_seed (which the evaluator derives
// per action and call site), so a run can be reproduced.
#include <cstdint>

#include "absl/numeric/int128.h"
#include "runtime/big_int.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

UdfOutcome RandomBool(const SiteData& site, CallContext& context, Args args) {
  const Value& percentage = ConstOr(site, args, 0);
  if (!percentage.is_number()) return WrongType("RandomBool", "percentage", "float", percentage);
  // random.random(): 53 random bits in [0, 1).
  const double draw = static_cast<double>(SplitMix64(context.random_seed) >> 11) * 0x1.0p-53;
  return Value::Bool(draw < percentage.as_number());
}

// RandomInt with a bound beyond int64: GMP's generator, seeded with the call's seed.
UdfOutcome BigRandomInt(CallContext& context, const Value& start, const Value& end) {
  const mpz_class low = ToMpz(start);
  const mpz_class range = ToMpz(end) - low + 1;
  if (mpz_sgn(range.get_mpz_t()) <= 0) return Recorded("ValueError: empty range for randrange()");
  gmp_randclass generator(gmp_randinit_default);
  generator.seed(static_cast<unsigned long>(SplitMix64(context.random_seed)));
  const mpz_class offset = generator.get_z_range(range);  // in [0, range)
  return IntValue(low + offset);
}

UdfOutcome RandomInt(const SiteData& site, CallContext& context, Args args) {
  const Value& start = ConstOr(site, args, 0);
  const Value& end = ConstOr(site, args, 1);
  if (!start.is_integer()) return WrongType("RandomInt", "start", "int", start);
  if (!end.is_integer()) return WrongType("RandomInt", "end", "int", end);
  if (start.kind() == Value::Kind::kBigInt || end.kind() == Value::Kind::kBigInt) {
    return BigRandomInt(context, start, end);
  }
  if (start.as_int() > end.as_int()) {
    return Recorded("ValueError: empty range for randrange()");
  }
  // random.randint(start, end): inclusive of both ends.
  const absl::uint128 range =
      absl::uint128(static_cast<uint64_t>(end.as_int()) - static_cast<uint64_t>(start.as_int())) +
      1;
  const absl::uint128 scaled = absl::uint128(SplitMix64(context.random_seed)) * range;
  const uint64_t offset = absl::Uint128High64(scaled);  // in [0, range)
  return Value::Int(static_cast<int64_t>(static_cast<uint64_t>(start.as_int()) + offset));
}

}  // namespace

void RegisterRandomUdfs(NativeUdfRegistry& registry) {
  registry.Register("RandomBool", WithSite(RandomBool));
  registry.Register("RandomInt", WithSite(RandomInt));
}

}  // namespace osprey::runtime::udfs
