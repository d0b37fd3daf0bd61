// Tests of reading actions and parsing timestamps. Inputs and `__timestamp` outputs come from
// the conformance cases exec/action_fields (Osprey 1.1.0 with python-dateutil 2.8.0).
#include "runtime/action.h"

#include <limits>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace osprey::runtime {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kAugust25At143045 = 1756132245LL * 1000000;  // 2025-08-25T14:30:45Z

struct TimestampCase {
  std::string name;
  std::string text;
  std::string iso = "";  // Expected isoformat(); "" when parsing fails.
  int64_t unix_micros = 0;
  bool has_offset = true;
  int32_t offset_minutes = 0;
};

class ParseTimestampTest : public ::testing::TestWithParam<TimestampCase> {};

TEST_P(ParseTimestampTest, ParsesLikeDateutil) {
  const TimestampCase& c = GetParam();
  absl::StatusOr<Timestamp> t = ParseTimestamp(c.text);
  if (c.iso.empty()) {
    ASSERT_FALSE(t.ok()) << t->iso();
    EXPECT_THAT(t.status().message(), HasSubstr("invalid timestamp"));
    return;
  }
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->iso(), c.iso);
  EXPECT_EQ(t->unix_micros, c.unix_micros);
  EXPECT_EQ(t->has_offset, c.has_offset);
  EXPECT_EQ(t->offset_minutes, c.offset_minutes);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ParseTimestampTest,
    ::testing::ValuesIn(std::vector<TimestampCase>{
        {"Z", "2025-08-25T14:30:45Z", "2025-08-25T14:30:45+00:00", kAugust25At143045},
        {"Micros", "2025-08-25T14:30:45.123456Z", "2025-08-25T14:30:45.123456+00:00",
         kAugust25At143045 + 123456},
        {"TrailingZeroMicros", "2025-08-25T14:30:45.100000+00:00",
         "2025-08-25T14:30:45.100000+00:00", kAugust25At143045 + 100000},
        {"Offset", "2025-08-25T16:30:45+02:00", "2025-08-25T16:30:45+02:00", kAugust25At143045,
         true, 120},
        {"NegativeHalfHourOffset", "2025-08-25T09:00:00.5-05:30",
         "2025-08-25T09:00:00.500000-05:30", kAugust25At143045 - 45 * 1000000 + 500000, true, -330},
        {"ZeroMicros", "2025-08-25T14:30:45.000000Z", "2025-08-25T14:30:45+00:00",
         kAugust25At143045},
        {"Naive", "2025-08-25T14:30:45", "2025-08-25T14:30:45", kAugust25At143045, false},
        {"NaiveMillis", "2025-08-25T14:30:45.250", "2025-08-25T14:30:45.250000",
         kAugust25At143045 + 250000, false},
        {"NanosTruncated", "2025-08-25T14:30:45.123456789Z", "2025-08-25T14:30:45.123456+00:00",
         kAugust25At143045 + 123456},
        {"DateOnly", "2025-08-25", "2025-08-25T00:00:00", kAugust25At143045 - 52245LL * 1000000,
         false},
        {"SpaceAndUtc", " 2025-08-25 14:30:45 UTC ", "2025-08-25T14:30:45+00:00",
         kAugust25At143045},
        {"Compact", "20250825T163045+0200", "2025-08-25T16:30:45+02:00", kAugust25At143045, true,
         120},
        {"HoursOnlyOffset", "2025-08-25T09:30:45-05", "2025-08-25T09:30:45-05:00",
         kAugust25At143045, true, -300},
        {"MinusZeroOffset", "2025-08-25T14:30:45-00:00", "2025-08-25T14:30:45+00:00",
         kAugust25At143045},
        {"NoSeconds", "2025-08-25T14:30Z", "2025-08-25T14:30:00+00:00",
         kAugust25At143045 - 45 * 1000000},
        {"LeapDay", "2024-02-29T00:00:00Z", "2024-02-29T00:00:00+00:00", 1709164800LL * 1000000},
        {"BeforeEpoch", "1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999+00:00", -1},
        {"NotALeapDay", "2025-02-29", ""},
        {"Month13", "2025-13-01", ""},
        {"Hour24", "2025-08-25T24:00:00", ""},
        {"Minute60", "2025-08-25T14:60", ""},
        {"Second60", "2025-08-25T14:30:60", ""},
        {"OffsetOf24Hours", "2025-08-25T14:30:45+24:00", ""},
        {"Garbage", "garbage", ""},
        {"Empty", "", ""},
        {"TrailingText", "2025-08-25T14:30:45 junk", ""},
        {"DotWithoutDigits", "2025-08-25T14:30:45.Z", ""},
        {"ShortYear", "25-08-25", ""},
        {"BadOffset", "2025-08-25T14:30:45+2", ""},
    }),
    [](const ::testing::TestParamInfo<TimestampCase>& param) { return param.param.name; });

struct ReadCase {
  std::string name;
  std::string line;
  std::string error;  // Expected substring of the error; "" when the line is read.
  int64_t id = 0;
  std::string action_name = "";
  std::string iso = "";
  std::string data_user = "";  // data.user_id, "" to skip
  bool secret_empty = true;
};

class ActionReaderTest : public ::testing::TestWithParam<ReadCase> {};

TEST_P(ActionReaderTest, ReadsBothForms) {
  const ReadCase& c = GetParam();
  ActionReader reader;
  absl::StatusOr<Action> action = reader.Read(c.line);
  if (!c.error.empty()) {
    ASSERT_FALSE(action.ok());
    EXPECT_TRUE(absl::IsInvalidArgument(action.status()));
    EXPECT_THAT(action.status().message(), HasSubstr(c.error));
    return;
  }
  ASSERT_TRUE(action.ok()) << action.status();
  EXPECT_EQ(action->id, c.id);
  EXPECT_EQ(action->name, c.action_name);
  EXPECT_EQ(action->timestamp.iso(), c.iso);
  ASSERT_TRUE(action->data.is_object());
  ASSERT_TRUE(action->secret_data.is_object());
  if (!c.data_user.empty()) {
    EXPECT_EQ(action->data["user_id"].get_string().value(), c.data_user);
  }
  EXPECT_EQ(action->secret_data.get_object().value().size() == 0, c.secret_empty);
}

INSTANTIATE_TEST_SUITE_P(
    Lines, ActionReaderTest,
    ::testing::ValuesIn(std::vector<ReadCase>{
        {"Flat",
         R"({"action_id": 1, "action_name": "create_post", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"user_id": "u1"}})",
         "", 1, "create_post", "2025-08-25T14:30:45+00:00", "u1"},
        {"FlatWithSecret",
         R"({"action_id": 2, "action_name": "a", "timestamp": "2025-08-25T14:30:46+00:00", "data": {}, "secret_data": {"token": "t"}})",
         "", 2, "a", "2025-08-25T14:30:46+00:00", "", false},
        {"LargeId",
         R"({"action_id": 9223372036854775806, "action_name": "login", "timestamp": "2025-08-25T14:30:46+00:00", "data": {}})",
         "", 9223372036854775806, "login", "2025-08-25T14:30:46+00:00"},
        {"NegativeIdUnicodeName",
         R"({"action_id": -5, "action_name": "ünïcode ✓", "timestamp": "2025-08-25T14:30:48+00:00", "data": {}})",
         "", -5, "ünïcode ✓", "2025-08-25T14:30:48+00:00"},
        {"Envelope",
         R"({"send_time": "2025-08-25T14:30:45.123456789Z", "data": {"action_id": 11, "action_name": "create_post", "data": {"user_id": "u1"}}})",
         "", 11, "create_post", "2025-08-25T14:30:45.123456+00:00", "u1"},
        {"EnvelopeStringId",
         R"({"send_time": "2025-08-25T14:30:46Z", "data": {"action_id": "12", "action_name": "login", "data": {"user_id": "u2"}}})",
         "", 12, "login", "2025-08-25T14:30:46+00:00", "u2"},
        {"EnvelopeSecretData",
         R"({"send_time": "2025-08-25T14:30:46Z", "data": {"action_id": 1, "action_name": "a", "data": {}, "secret_data": {"k": 1}}})",
         "", 1, "a", "2025-08-25T14:30:46+00:00", "", false},
        {"FloatIdTruncates",
         R"({"action_id": 3.9, "action_name": "a", "timestamp": "2025-08-25T14:30:45Z"})", "", 3,
         "a", "2025-08-25T14:30:45+00:00"},
        {"PaddedStringId",
         R"({"action_id": " 7 ", "action_name": "a", "timestamp": "2025-08-25T14:30:45Z", "data": null})",
         "", 7, "a", "2025-08-25T14:30:45+00:00"},
        {"RepeatedKeyTakesLast",
         R"({"action_id": 1, "action_id": 2, "action_name": "a", "timestamp": "2025-08-25T14:30:45Z"})",
         "", 2, "a", "2025-08-25T14:30:45+00:00"},
        {"Empty", "", "empty line"},
        {"Whitespace", "   ", "empty line"},
        {"NotJson", "not json", "not valid JSON"},
        {"Truncated", R"({"action_id": 1, "action_name": "a")", "not valid JSON"},
        {"TrailingGarbage", R"({"action_id": 1} x)", "not valid JSON"},
        {"NotAnObject", "[1, 2]", "must be a JSON object, not list"},
        {"AString", R"("x")", "must be a JSON object, not str"},
        {"InvalidUtf8", "{\"action_name\": \"\xff\"}", "invalid UTF-8"},
        {"TooDeep", std::string(2000, '[') + std::string(2000, ']'), "nests too deeply"},
        {"NanLiteral", R"({"action_id": NaN})", "not valid JSON"},
        {"HugeNumber", R"({"action_id": 1e400})", "not valid JSON"},
        {"MissingName", R"({"action_id": 1, "timestamp": "2025-08-25T14:30:45Z"})",
         "missing action_name"},
        {"NameNotString", R"({"action_id": 1, "action_name": 5})", "action_name must be a string"},
        {"MissingId", R"({"action_name": "a", "timestamp": "2025-08-25T14:30:45Z"})",
         "missing action_id"},
        {"BadStringId", R"({"action_id": "x1", "action_name": "a"})", "not an integer"},
        {"IdBeyondInt64", R"({"action_id": 9223372036854775808, "action_name": "a"})",
         "does not fit in 64 bits"},
        {"IdBeyondUint64", R"({"action_id": -99999999999999999999999, "action_name": "a"})",
         "does not fit in 64 bits"},
        {"BigIntName", R"({"action_id": 1, "action_name": 99999999999999999999999})",
         "action_name must be a string"},
        {"BigIntTimestamp",
         R"({"action_id": 1, "action_name": "a", "timestamp": 99999999999999999999999})",
         "timestamp must be a string"},
        {"BigIntData", R"({"action_id": 1, "action_name": "a", "data": 99999999999999999999999})",
         "`data` must be a JSON object"},
        {"BigIntAsKey", R"({"action_id": 1, "action_name": "a", 99999999999999999999999: 1})",
         "not valid JSON"},
        {"BigIntLeadingZero",
         R"({"action_id": 1, "action_name": "a", "data": {"n": 099999999999999999999999}})",
         "not valid JSON"},
        {"BigIntTooLong",
         R"({"action_id": 1, "action_name": "a", "data": {"n": 1)" + std::string(4300, '0') + "}}",
         "not valid JSON"},
        {"BigIntNoComma",
         R"({"action_id": 1, "action_name": "a", "data": [1 99999999999999999999999]})",
         "not valid JSON"},
        {"StringIdBeyondInt64", R"({"action_id": "99999999999999999999", "action_name": "a"})",
         "does not fit in 64 bits"},
        {"NullId", R"({"action_id": null, "action_name": "a"})", "must be an integer, got None"},
        {"BadTimestamp", R"({"action_id": 1, "action_name": "a", "timestamp": "yesterday"})",
         "invalid timestamp"},
        {"NumericTimestamp", R"({"action_id": 1, "action_name": "a", "timestamp": 17})",
         "timestamp must be a string"},
        {"DataNotObject",
         R"({"action_id": 1, "action_name": "a", "timestamp": "2025-08-25T14:30:45Z", "data": [1]})",
         "`data` must be a JSON object"},
        {"SecretNotObject",
         R"({"action_id": 1, "action_name": "a", "timestamp": "2025-08-25T14:30:45Z", "secret_data": "s"})",
         "`secret_data` must be a JSON object"},
        {"EnvelopeWithoutData", R"({"send_time": "2025-08-25T14:30:45Z"})",
         "envelope's `data` must be a JSON object"},
        {"EnvelopeNullSendTime",
         R"({"send_time": null, "data": {"action_id": 1, "action_name": "a"}})",
         "send_time must be a string"},
        {"EnvelopeBadSendTime",
         R"({"send_time": "now", "data": {"action_id": 1, "action_name": "a"}})",
         "invalid timestamp"},
    }),
    [](const ::testing::TestParamInfo<ReadCase>& param) { return param.param.name; });

TEST(ActionReaderBehaviourTest, MissingTimestampIsNow) {
  ActionReader reader;
  int64_t before = absl::ToUnixMicros(absl::Now());
  absl::StatusOr<Action> action = reader.Read(R"({"action_id": 1, "action_name": "a"})");
  int64_t after = absl::ToUnixMicros(absl::Now());
  ASSERT_TRUE(action.ok()) << action.status();
  EXPECT_GE(action->timestamp.unix_micros, before);
  EXPECT_LE(action->timestamp.unix_micros, after);
  EXPECT_TRUE(action->timestamp.has_offset);
  EXPECT_THAT(action->timestamp.iso(), ::testing::EndsWith("+00:00"));
  EXPECT_EQ(ParseTimestamp(action->timestamp.iso())->unix_micros, action->timestamp.unix_micros);
}

TEST(ActionReaderBehaviourTest, ReusesItsBuffersAcrossLines) {
  ActionReader reader;
  std::string long_name(5000, 'x');
  for (int i = 0; i < 3; ++i) {
    std::string name = i == 1 ? long_name : "short";
    absl::StatusOr<Action> action = reader.Read(R"({"action_id": 1, "action_name": ")" + name +
                                                R"(", "data": {"k": )" + std::to_string(i) + "}}");
    ASSERT_TRUE(action.ok()) << action.status();
    EXPECT_EQ(action->name, name);
    EXPECT_EQ(action->data["k"].get_int64().value(), i);
    // An error in between leaves the reader usable.
    EXPECT_FALSE(reader.Read("{").ok());
  }
}

TEST(UtcTimestampTest, FormatsLikeIsoformat) {
  EXPECT_EQ(UtcTimestamp(kAugust25At143045).iso(), "2025-08-25T14:30:45+00:00");
  EXPECT_EQ(UtcTimestamp(kAugust25At143045 + 7).iso(), "2025-08-25T14:30:45.000007+00:00");
  EXPECT_EQ(UtcTimestamp(0).iso(), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(UtcTimestamp(-1).iso(), "1969-12-31T23:59:59.999999+00:00");
  // The widest texts fit the timestamp's inline buffer.
  EXPECT_EQ(UtcTimestamp(std::numeric_limits<int64_t>::max()).iso(),
            "294247-01-10T04:00:54.775807+00:00");
  EXPECT_EQ(UtcTimestamp(std::numeric_limits<int64_t>::min()).iso(),
            "-290308-12-21T19:59:05.224192+00:00");
  // Years and microseconds padded with zeros, as printf's "%04d" and "%06d" pad them.
  EXPECT_EQ(UtcTimestamp(-62009268954999940).iso(), "0005-01-02T03:04:05.000060+00:00");
}

}  // namespace
}  // namespace osprey::runtime
