// TimeDelta, TimeSince and the three bucket functions (spec udfs.md §H).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "runtime/big_int.h"
#include "runtime/python_semantics.h"
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
    } else if (v.kind() == Value::Kind::kBigInt) {
      return Recorded("OverflowError: Python int too large to convert to C int");
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

bool IsInt(const Value& v) { return v.is_integer() || v.kind() == Value::Kind::kBool; }

// x - (x mod g): floor to a multiple of g with Python's floor modulo, exact for any ints.
UdfOutcome Bucket(std::string_view function, const Value& x, const Value& granularity) {
  const Value& g = Plain(granularity);
  if (!IsInt(g)) return WrongType(function, "granularity_seconds", "int", g);
  if (!Truthy(g)) {
    return Recorded("ZeroDivisionError: integer division or modulo by zero");
  }
  std::string error;
  std::optional<Value> modulo = ApplyBinary(BinaryOperator::kModulo, x, g, &error);
  std::optional<Value> bucket =
      modulo ? ApplyBinary(BinaryOperator::kSubtract, x, *modulo, &error) : std::nullopt;
  if (!bucket) return Recorded(error);
  return *std::move(bucket);
}

UdfOutcome TimedeltaBucket(const SiteData& site, Args args) {
  const Value& delta = args[0];
  if (delta.is_integer()) return Bucket("GetTimedeltaBucket", delta, ConstOr(site, args, 1));
  if (delta.kind() != Value::Kind::kTimeDelta && delta.kind() != Value::Kind::kFloat) {
    return WrongType("GetTimedeltaBucket", "timedelta", "TimeDelta", delta);
  }
  const double seconds = delta.as_float();
  if (!std::isfinite(seconds)) return Recorded("OverflowError: timedelta out of range");
  return Bucket("GetTimedeltaBucket", IntOfDouble(seconds), ConstOr(site, args, 1));
}

UdfOutcome TimestampBucket(const SiteData& site, Args args) {
  const Value& timestamp = Plain(args[0]);
  if (!IsInt(timestamp)) return WrongType("GetTimestampBucket", "timestamp", "int", timestamp);
  return Bucket("GetTimestampBucket", timestamp, ConstOr(site, args, 1));
}

// Osprey's SNOWFLAKE_EPOCH config (milliseconds); the reference's default.
constexpr int64_t kSnowflakeEpochMillis = 0;

UdfOutcome SnowflakeBucket(const SiteData& site, Args args) {
  const Value& snowflake = Plain(args[0]);
  if (!IsInt(snowflake)) return WrongType("GetSnowflakeBucket", "snowflake", "int", snowflake);
  // int(((snowflake >> 22) + SNOWFLAKE_EPOCH) / 1000.0), with Python's operators: the shift is
  // arithmetic, and the division converts the int to a float (an error beyond its range).
  std::string error;
  std::optional<Value> millis =
      ApplyBinary(BinaryOperator::kRightShift, snowflake, Value::Int(22), &error);
  if (millis) {
    millis = ApplyBinary(BinaryOperator::kAdd, *millis, Value::Int(kSnowflakeEpochMillis), &error);
  }
  std::optional<Value> seconds =
      millis ? ApplyBinary(BinaryOperator::kDivide, *millis, Value::Float(1000.0), &error)
             : std::nullopt;
  if (!seconds) return Recorded("OverflowError: " + error);
  return Bucket("GetSnowflakeBucket", IntOfDouble(seconds->as_float()), ConstOr(site, args, 1));
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
