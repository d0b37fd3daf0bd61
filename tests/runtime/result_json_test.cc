// Tests of result-line writing: Python json.dumps rendering of result maps (expected lines from
// the conformance cases' expected.jsonl where possible).
#include "runtime/result_json.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace osprey::runtime {
namespace {

struct Case {
  std::string name;
  std::vector<ResultEntry> entries;
  std::string json;
};

class ResultJsonTest : public ::testing::TestWithParam<Case> {};

TEST_P(ResultJsonTest, RendersLikeJsonDumps) {
  EXPECT_EQ(ResultJson(GetParam().entries), GetParam().json);
  std::string appended = "prefix";
  AppendResultJson(GetParam().entries, &appended);
  EXPECT_EQ(appended, "prefix" + GetParam().json);
}

std::shared_ptr<const RuleValue> Rule(bool value) {
  auto rule = std::make_shared<RuleValue>();
  rule->definition = std::make_shared<const RuleDefinition>(RuleDefinition{"R", "", {}});
  rule->value = value;
  return rule;
}

std::vector<Value> Strings(std::vector<std::string> items) {
  std::vector<Value> values;
  for (std::string& item : items) values.push_back(Value::String(std::move(item)));
  return values;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

INSTANTIATE_TEST_SUITE_P(
    Values, ResultJsonTest,
    ::testing::ValuesIn(std::vector<Case>{
        {"Empty", {}, "{}"},
        {"ActionFields",  // exec/action_fields/action_name_and_id, action 4
         {{"__action_id", Value::Int(-5)},
          {"__timestamp", Value::String("2025-08-25T14:30:48+00:00")},
          {"__error_count", Value::Int(0)},
          {"Name", Value::String("ünïcode ✓")},
          {"IsPost", Value::Bool(false)},
          {"Text", Value::String("ünïcode ✓#-5")}},
         R"({"__action_id": -5, "__timestamp": "2025-08-25T14:30:48+00:00", "__error_count": 0, "Name": "ünïcode ✓", "IsPost": false, "Text": "ünïcode ✓#-5"})"},
        {"FailedFeatureIsNull",
         {{"UserId", std::nullopt}, {"N", Value::None()}},
         R"({"UserId": null, "N": null})"},
        {"NumbersKeepTheirKind",  // exec/jsondata/big_and_special_numbers_in_json
         {{"BigInt", Value::Int(9007199254740993)},
          {"Exp", Value::Float(1.5e300)},
          {"NegZero", Value::Float(-0.0)},
          {"Whole", Value::Float(100.0)},
          {"Third", Value::Float(0.1 + 0.2)},
          {"Big", Value::Float(1e16)},
          {"Min", Value::Int(INT64_MIN)}},
         R"({"BigInt": 9007199254740993, "Exp": 1.5e+300, "NegZero": -0.0, "Whole": 100.0, "Third": 0.30000000000000004, "Big": 1e+16, "Min": -9223372036854775808})"},
        {"NonFiniteFloats",
         {{"Inf", Value::Float(kInf)},
          {"NegInf", Value::Float(-kInf)},
          {"NaN", Value::Float(std::nan(""))}},
         R"({"Inf": Infinity, "NegInf": -Infinity, "NaN": NaN})"},
        {"StringEscapes",
         {{"S", Value::String("q\"b\\s/\n\r\t\b\f\x01\x1f\x7f é \u2028")}},
         "{\"S\": \"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\x7f é \u2028\"}"},
        {"KeysAreEscaped", {{"a\"b", Value::Int(1)}}, R"({"a\"b": 1})"},
        {"Lists",
         {{"L", Value::List({Value::Int(1), Value::String("x"), Value::Bool(true), Value::None(),
                             Value::List({Value::Float(2.0)})})},
          {"E", Value::List({})}},
         R"({"L": [1, "x", true, null, [2.0]], "E": []})"},
        {"Convertibles",  // spec §4.7.2
         {{"U", Value::Entity("User", Value::String("user_1923"))},
          {"I", Value::Entity("User", Value::Int(1234))},
          {"R", Value::Rule(Rule(true))},
          {"F", Value::Rule(Rule(false))},
          {"D", Value::TimeDelta(86400.0)},
          {"X", Value::Experiment(Strings({"exp", "u1", "User", "control", "0", "1", "2"}))}},
         R"({"U": "user_1923", "I": 1234, "R": true, "F": false, "D": 86400.0, "X": ["exp", "u1", "User", "control", "0", "1", "2"]})"},
        {"ConvertiblesInsideLists",  // The reference cannot serialise these; converted here.
         {{"L", Value::List({Value::Entity("User", Value::String("u")), Value::Rule(Rule(true))})}},
         R"({"L": ["u", true]})"},
        {"EffectsAreNull",
         {{"E", Value::Effect(std::make_shared<const Effect>())}},
         R"({"E": null})"},
        {"LabelMutationList",  // exec/labels_state/add_and_remove_same_label_same_action
         {{"__entity_label_mutations", Value::List(Strings({"User/spammer/0", "User/spammer/1"}))}},
         R"({"__entity_label_mutations": ["User/spammer/0", "User/spammer/1"]})"},
        {"CustomEffect",  // spec §4.7.3
         {{"__ban_user", Value::List(Strings({"user_1923|User said \"hello\""}))}},
         R"({"__ban_user": ["user_1923|User said \"hello\""]})"},
    }),
    [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

struct ErrorCase {
  std::string name;
  std::string message;
  int64_t line;
  std::string json;
};

class ErrorRecordTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ErrorRecordTest, WritesErrorAndLine) {
  EXPECT_EQ(ErrorRecordJson(GetParam().message, GetParam().line), GetParam().json);
}

INSTANTIATE_TEST_SUITE_P(
    Records, ErrorRecordTest,
    ::testing::ValuesIn(std::vector<ErrorCase>{
        {"Plain", "missing action_name", 3, R"({"__error": "missing action_name", "__line": 3})"},
        {"Quoted", "invalid timestamp \"x\"", 12,
         R"({"__error": "invalid timestamp \"x\"", "__line": 12})"},
        {"Empty", "", 1, R"({"__error": "", "__line": 1})"},
    }),
    [](const ::testing::TestParamInfo<ErrorCase>& param) { return param.param.name; });

TEST(JsonStringTest, AppendsQuotedText) {
  std::string out = "x";
  AppendJsonString("a\tb", &out);
  EXPECT_EQ(out, "x\"a\\tb\"");
  std::string value;
  AppendJsonValue(Value::String(std::string("nul\0x", 5)), &value);
  EXPECT_EQ(value, "\"nul\\u0000x\"");
}

// json.dumps' escaping of one byte, written the plain way.
std::string EscapedByte(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    default:
      if (c < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
        return escaped;
      }
      return std::string(1, static_cast<char>(c));
  }
}

// Texts are scanned eight bytes at a time: every byte value, at every position of texts
// around the word size, next to bytes that need no escape but sit near those that do.
TEST(JsonStringTest, EscapesEveryByteAtEveryPosition) {
  const std::string filler = "ab!#[]~\x7f\x80\xff \x21\x5b\x5d\x1f";  // Last one escaped.
  for (size_t length : {1, 7, 8, 9, 15, 16, 17, 23}) {
    for (size_t position = 0; position < length; ++position) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text;
        for (size_t i = 0; i < length; ++i) {
          text.push_back(i == position ? static_cast<char>(byte) : filler[(i * 5) % filler.size()]);
        }
        std::string expected;
        for (char c : text) expected += EscapedByte(static_cast<unsigned char>(c));
        std::string out;
        AppendJsonStringContents(text, &out);
        ASSERT_EQ(out, expected) << "length " << length << ", byte " << byte << " at " << position;
      }
    }
  }
}

}  // namespace
}  // namespace osprey::runtime
