// TimeDelta, TimeSince and the three bucket functions (spec udfs.md §H).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "runtime/udfs/date_parser.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMaxDays = 999'999'999;  // datetime.timedelta.max.days

// TimeDelta(weeks, days, hours, minutes, seconds): all ConstExpr ints (float literals slip
// through validation and count fractionally, as in Python's timedelta constructor).
UdfOutcome MakeTimeDelta(const SiteData& site, Args args) {
  static constexpr double kUnitSeconds[] = {604800, 86400, 3600, 60, 1};
  static constexpr std::string_view kNames[] = {"weeks", "days", "hours", "minutes", "seconds"};
  absl::int128 micros = 0;
  double fractional_micros = 0;
  for (size_t i = 0; i < 5; ++i) {
    const Value& v = ConstOr(site, args, i);
    if (v.kind() == Value::Kind::kInt) {
      micros += static_cast<absl::int128>(v.as_int()) *
                static_cast<int64_t>(kUnitSeconds[i] * kMicrosPerSecond);
    } else if (v.kind() == Value::Kind::kFloat) {
      fractional_micros += v.as_float() * kUnitSeconds[i] * kMicrosPerSecond;
    } else {
      return WrongType("TimeDelta", kNames[i], "int", v);
    }
  }
  if (fractional_micros != 0) {
    if (!std::isfinite(fractional_micros) || std::fabs(fractional_micros) > 1e20) {
      return Recorded("OverflowError: cannot convert float to timedelta");
    }
    micros += static_cast<absl::int128>(std::nearbyint(fractional_micros));  // round half even
  }
  const absl::int128 limit = static_cast<absl::int128>(kMaxDays + 1) * 86400 * kMicrosPerSecond;
  if (micros >= limit || micros < -limit) {
    return Recorded("OverflowError: days=" +
                    std::to_string(static_cast<int64_t>(micros / (86400 * kMicrosPerSecond))) +
                    "; must have magnitude <= 999999999");
  }
  return Value::TimeDelta(static_cast<double>(micros) / kMicrosPerSecond);
}

int64_t NowUnixMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The action time with its zone replaced by UTC (wall-clock fields kept).
int64_t ActionLocalMicros(const Action& action) {
  const Timestamp& ts = action.timestamp;
  return ts.unix_micros + (ts.has_offset ? int64_t{ts.offset_minutes} * 60 * kMicrosPerSecond : 0);
}

UdfOutcome TimeSince(CallContext& context, Args args) {
  OSPREY_UDF_STR_ARG(timestamp, args, 0, "TimeSince", "timestamp");
  if (context.action == nullptr) return Recorded("TimeSince: no action time");
  // dateutil fills date parts missing from the text from today's date.
  const ParsedDateTime today = FromUnixMicros(NowUnixMicros());
  std::optional<ParsedDateTime> parsed = ParseDateTime(*timestamp, today);
  if (!parsed.has_value()) {
    return Recorded("ParserError: Unknown string format: " + *timestamp);
  }
  const int64_t since = ActionLocalMicros(*context.action) - ToUnixMicros(*parsed);
  return Value::TimeDelta(since > 0 ? static_cast<double>(since) / kMicrosPerSecond : 0.0);
}

// x - (x mod g) with Python's floor modulo; nullopt on int64 overflow.
std::optional<int64_t> FloorToMultiple(int64_t x, int64_t g) {
  if (g == 0) return std::nullopt;
  int64_t mod = x % g;
  if (mod != 0 && ((mod < 0) != (g < 0))) mod += g;
  int64_t out;
  if (__builtin_sub_overflow(x, mod, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> IntOf(const Value& value) {
  const Value& v = Plain(value);
  if (v.kind() == Value::Kind::kInt) return v.as_int();
  if (v.kind() == Value::Kind::kBool) return v.as_bool() ? 1 : 0;
  return std::nullopt;
}

UdfOutcome Bucket(std::string_view function, int64_t x, const Value& granularity) {
  std::optional<int64_t> g = IntOf(granularity);
  if (!g.has_value()) return WrongType(function, "granularity_seconds", "int", granularity);
  if (*g == 0) return Recorded("ZeroDivisionError: integer division or modulo by zero");
  std::optional<int64_t> bucket = FloorToMultiple(x, *g);
  if (!bucket.has_value()) return Recorded("OverflowError: integer out of range");
  return Value::Int(*bucket);
}

UdfOutcome TimedeltaBucket(const SiteData& site, Args args) {
  const Value& delta = args[0];
  double seconds;
  if (delta.kind() == Value::Kind::kTimeDelta || delta.kind() == Value::Kind::kFloat) {
    seconds = delta.as_float();
  } else if (delta.kind() == Value::Kind::kInt) {
    seconds = static_cast<double>(delta.as_int());
  } else {
    return WrongType("GetTimedeltaBucket", "timedelta", "TimeDelta", delta);
  }
  if (!std::isfinite(seconds) || std::fabs(seconds) >= 9.2e18) {
    return Recorded("OverflowError: timedelta out of range");
  }
  return Bucket("GetTimedeltaBucket", static_cast<int64_t>(std::trunc(seconds)),
                ConstOr(site, args, 1));
}

UdfOutcome TimestampBucket(const SiteData& site, Args args) {
  std::optional<int64_t> x = IntOf(args[0]);
  if (!x.has_value()) return WrongType("GetTimestampBucket", "timestamp", "int", args[0]);
  return Bucket("GetTimestampBucket", *x, ConstOr(site, args, 1));
}

// Osprey's SNOWFLAKE_EPOCH config (milliseconds); the reference's default.
constexpr int64_t kSnowflakeEpochMillis = 0;

UdfOutcome SnowflakeBucket(const SiteData& site, Args args) {
  std::optional<int64_t> snowflake = IntOf(args[0]);
  if (!snowflake.has_value()) {
    return WrongType("GetSnowflakeBucket", "snowflake", "int", args[0]);
  }
  const int64_t millis = (*snowflake >> 22) + kSnowflakeEpochMillis;  // arithmetic shift
  const double seconds = static_cast<double>(millis) / 1000.0;
  return Bucket("GetSnowflakeBucket", static_cast<int64_t>(std::trunc(seconds)),
                ConstOr(site, args, 1));
}

}  // namespace

void RegisterTimeUdfs(NativeUdfRegistry& registry) {
  registry.Register("TimeDelta", WithSite([](const SiteData& site, CallContext&, Args args) {
                      return MakeTimeDelta(site, args);
                    }));
  registry.Register("TimeSince", Stateless(TimeSince));
  registry.Register("GetTimedeltaBucket",
                    WithSite([](const SiteData& site, CallContext&, Args args) {
                      return TimedeltaBucket(site, args);
                    }));
  registry.Register("GetTimestampBucket",
                    WithSite([](const SiteData& site, CallContext&, Args args) {
                      return TimestampBucket(site, args);
                    }));
  registry.Register("GetSnowflakeBucket",
                    WithSite([](const SiteData& site, CallContext&, Args args) {
                      return SnowflakeBucket(site, args);
                    }));
}

}  // namespace osprey::runtime::udfs
