// Tests of TimeDelta, TimeSince and the bucket functions (runtime/udfs/time.cc); expected values
// from the conformance cases udf_time/* and udf_failure/failure_timedelta_inputs (Osprey 1.1.0).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/action.h"
#include "runtime/big_int.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

// Renders a time delta as its seconds; other outcomes as Render does.
std::string RenderSeconds(const UdfOutcome& outcome) {
  if (const Value* v = std::get_if<Value>(&outcome); v && v->kind() == Value::Kind::kTimeDelta) {
    return FormatPythonFloat(v->as_time_delta());
  }
  return Render(outcome);
}

struct SinceCase {
  std::string name;
  std::string action_time;
  std::string timestamp;
  std::string expected;
};
std::ostream& operator<<(std::ostream& os, const SinceCase& c) { return os << c.name; }

class TimeSinceTest : public ::testing::TestWithParam<SinceCase> {};

TEST_P(TimeSinceTest, MatchesOsprey) {
  const SinceCase& c = GetParam();
  absl::StatusOr<Timestamp> ts = ParseTimestamp(c.action_time);
  ASSERT_TRUE(ts.ok()) << ts.status();
  Action action;
  action.timestamp = *ts;
  CallContext context;
  context.action = &action;
  EXPECT_EQ(RenderSeconds(CallUdf("TimeSince", {S(c.timestamp)}, {}, &context)), c.expected);
}

constexpr char kT[] = "2020-07-16T20:00:00+00:00";

const SinceCase kSinceCases[] = {
    {"iso_micro_offset", kT, "2020-07-16T19:51:44.533000+00:00", "495.467"},
    {"iso_z", kT, "2020-07-16T19:51:44.533Z", "495.467"},
    {"future_clamps", kT, "2020-07-16T20:01:10.533Z", "0.0"},
    {"offset_replaced_not_converted", kT, "2020-07-16T19:51:44+02:00", "496.0"},
    {"date_only", kT, "2020-07-15", "158400.0"},
    {"nanoseconds_truncated", kT, "2020-07-16T19:59:59.123456789Z", "0.876544"},
    {"compact_date", kT, "20200716", "72000.0"},
    {"month_name_pm", kT, "July 16 2020 7pm", "3600.0"},
    {"words_in_capitals", kT, "THU JULY 16 2020 7 PM UTC", "3600.0"},
    {"fraction_of_one_digit", kT, "2020-07-16T19:59:59.5Z", "0.5"},
    {"space_and_negative_offset", kT, "2020-07-16 19:00:00-05:00", "3600.0"},
    {"rfc_style", kT, "16 Jul 2020 18:30:15 GMT", "5385.0"},
    {"leap_year", kT, "2019-07-16T20:00:00Z", "31622400.0"},
    {"month_first", kT, "07/15/2020", "158400.0"},
    {"weekday_and_comma", kT, "Wed, 15 Jul 2020 20:00:00 GMT", "86400.0"},
    {"garbage", kT, "garbage", "<error>"},
    {"empty", kT, "", "<error>"},
    {"epoch_seconds", kT, "1594929104", "<error>"},
    {"bad_month", kT, "2020-13-45", "<error>"},
    {"action_time_naive", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "0.0"},
    {"action_time_fraction", "2020-01-02T01:02:03.5+00:00", "2020-01-01T00:00:00Z", "90123.5"},
    {"action_time_before", "2019-12-31T23:00:00+00:00", "2020-01-01T00:00:00Z", "0.0"},
    {"action_offset_replaced", "2020-01-01T05:00:00+05:00", "2020-01-01T00:00:00Z", "18000.0"},
};

INSTANTIATE_TEST_SUITE_P(TimeSince, TimeSinceTest, ::testing::ValuesIn(kSinceCases),
                         [](const ::testing::TestParamInfo<SinceCase>& param_info) {
                           return param_info.param.name;
                         });

class TimeUdfTest : public ::testing::TestWithParam<Case> {};

TEST_P(TimeUdfTest, MatchesOsprey) {
  const Case& c = GetParam();
  std::vector<std::optional<Value>> constants(c.arguments.size());
  for (size_t i : c.const_indexes) constants[i] = c.arguments[i];
  EXPECT_EQ(RenderSeconds(CallUdf(c.udf, c.arguments, constants)), c.expected);
}

Value Td(double seconds) { return Value::TimeDelta(seconds); }
// An int beyond int64, from its decimal text.
Value Big(std::string_view decimal) { return ParseIntDigits(decimal, 10).value(); }

const Case kCases[] = {
    {"delta_full", "TimeDelta", {I(1), I(2), I(3), I(4), I(5)}, "788645.0", {0, 1, 2, 3, 4}},
    {"delta_negative", "TimeDelta", {I(0), I(0), I(0), I(0), I(-30)}, "-30.0", {0, 1, 2, 3, 4}},
    {"delta_mixed_signs",
     "TimeDelta",
     {I(0), I(-1), I(1), I(0), I(0)},
     "-82800.0",
     {0, 1, 2, 3, 4}},
    {"delta_zero", "TimeDelta", {I(0), I(0), I(0), I(0), I(0)}, "0.0", {0, 1, 2, 3, 4}},
    {"delta_float_literal",
     "TimeDelta",
     {I(0), I(0), F(1.5), I(0), I(0)},
     "5400.0",
     {0, 1, 2, 3, 4}},
    {"delta_overflow",
     "TimeDelta",
     {I(0), I(1'000'000'000), I(0), I(0), I(0)},
     "<error>",
     {0, 1, 2, 3, 4}},
    {"td_week", "GetTimedeltaBucket", {Td(1136715), I(604800)}, "604800", {1}},
    {"td_day", "GetTimedeltaBucket", {Td(1136715), I(86400)}, "1123200", {1}},
    {"td_hour", "GetTimedeltaBucket", {Td(1136715), I(3600)}, "1134000", {1}},
    {"td_negative_floor", "GetTimedeltaBucket", {Td(-5000), I(3600)}, "-7200", {1}},
    {"td_truncates", "GetTimedeltaBucket", {Td(3599.9), I(3600)}, "0", {1}},
    {"ts_week", "GetTimestampBucket", {I(1448476649), I(604800)}, "1447891200", {1}},
    {"ts_day", "GetTimestampBucket", {I(1448476649), I(86400)}, "1448409600", {1}},
    {"ts_hour", "GetTimestampBucket", {I(1448476649), I(3600)}, "1448474400", {1}},
    {"ts_minus_one", "GetTimestampBucket", {I(-1), I(604800)}, "-604800", {1}},
    {"ts_max", "GetTimestampBucket", {I(INT64_MAX), I(604800)}, "9223372036854460800", {1}},
    // Beyond int64 the floor is exact (Python's ints): udf_time/timestamp_bucket_bigint.
    {"ts_min_below_int64",
     "GetTimestampBucket",
     {I(INT64_MIN), I(3600)},
     "-9223372036854777600",
     {1}},
    {"ts_big",
     "GetTimestampBucket",
     {Big("99999999999999999999"), I(3600)},
     "99999999999999997200",
     {1}},
    {"ts_big_negative",
     "GetTimestampBucket",
     {Big("-99999999999999999999"), I(3600)},
     "-100000000000000000800",
     {1}},
    {"ts_big_granularity",
     "GetTimestampBucket",
     {I(-5), Big("1000000000000000000000000000000")},
     "-1000000000000000000000000000000",
     {1}},
    {"ts_zero_granularity", "GetTimestampBucket", {I(5), I(0)}, "<error>", {1}},
    {"sf_big",
     "GetSnowflakeBucket",
     {Big("1267650600228229401496703205376"), I(3600)},
     "302231454903657298800",
     {1}},
    {"sf_big_negative",
     "GetSnowflakeBucket",
     {Big("-1208925819614629174706176"), I(86400)},
     "-288230376153600",
     {1}},
    {"sf_beyond_float",
     "GetSnowflakeBucket",
     {Big("1" + std::string(400, '0')), I(3600)},
     "<error>",
     {1}},
    {"delta_big",
     "TimeDelta",
     {I(0), Big("1000000000000000000000000000000"), I(0), I(0), I(0)},
     "<error>",
     {0, 1, 2, 3, 4}},
    {"sf_hour", "GetSnowflakeBucket", {I(175928847299117063), I(3600)}, "41943600", {1}},
    {"sf_day", "GetSnowflakeBucket", {I(175928847299117063), I(86400)}, "41904000", {1}},
    {"sf_negative", "GetSnowflakeBucket", {I(-4194304001), I(3600)}, "-3600", {1}},
    {"sf_minus_one", "GetSnowflakeBucket", {I(-1), I(86400)}, "0", {1}},
    {"sf_max", "GetSnowflakeBucket", {I(INT64_MAX), I(3600)}, "2199020400", {1}},
    {"sf_large", "GetSnowflakeBucket", {I(6825408545574436864), I(86400)}, "1627257600", {1}},
    {"sf_ms_input", "GetSnowflakeBucket", {I(1448476649000), I(3600)}, "0", {1}},
};

INSTANTIATE_TEST_SUITE_P(Time, TimeUdfTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace osprey::runtime::testing
