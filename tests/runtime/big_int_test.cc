// Ints beyond int64: the representation (runtime/big_int.h), their Python semantics beyond
// what the CPython oracle covers, and their way through action JSON (runtime/json_big_ints.h)
// to results. Expected values are CPython 3.11's (python3 -c 'print(...)').
#include "runtime/big_int.h"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/action.h"
#include "runtime/json_big_ints.h"
#include "runtime/json_extract.h"
#include "runtime/json_path.h"
#include "runtime/python_semantics.h"
#include "runtime/result_json.h"

namespace osprey::runtime {
namespace {

using ::testing::HasSubstr;

Value N(std::string_view decimal) { return ParseIntDigits(decimal, 10).value(); }

mpz_class Mpz(std::string_view decimal) { return mpz_class(std::string(decimal), 10); }

std::string Json(const Value& value) {
  std::string out;
  AppendJsonValue(value, &out);
  return out;
}

TEST(BigIntTest, OneRepresentationPerInteger) {
  EXPECT_EQ(IntValue(Mpz("9223372036854775807")).kind(), Value::Kind::kInt);
  EXPECT_EQ(IntValue(Mpz("-9223372036854775808")).kind(), Value::Kind::kInt);
  EXPECT_EQ(IntValue(Mpz("9223372036854775808")).kind(), Value::Kind::kBigInt);
  EXPECT_EQ(IntValue(Mpz("-9223372036854775809")).kind(), Value::Kind::kBigInt);
  EXPECT_EQ(N("-9223372036854775808").as_int(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(N("0000000000000000000000000000012").as_int(), 12);
  EXPECT_FALSE(ParseIntDigits("12a", 10).has_value());
  EXPECT_FALSE(ParseIntDigits("1 2", 10).has_value());
  EXPECT_FALSE(ParseIntDigits("-", 10).has_value());
  EXPECT_EQ(PythonStr(ParseIntDigits("ff", 16).value()), "255");
}

TEST(BigIntTest, IntLiterals) {
  EXPECT_EQ(PythonStr(ParseIntLiteral("0x1ffffffffffffffff")), "36893488147419103231");
  EXPECT_EQ(PythonStr(ParseIntLiteral("-0o7777777777777777777777")), "-73786976294838206463");
  EXPECT_EQ(PythonStr(ParseIntLiteral(
                "0b10000000000000000000000000000000000000000000000000000000000000000")),
            "18446744073709551616");
  EXPECT_EQ(PythonStr(ParseIntLiteral("99999999999999999999")), "99999999999999999999");
}

TEST(BigIntTest, ToFloatRoundsHalfToEvenAndOverflows) {
  EXPECT_EQ(IntToDouble(Mpz("9007199254740993")), 9007199254740992.0);
  EXPECT_EQ(IntToDouble(Mpz("18446744073709553664")), 1.8446744073709552e+19);    // 2**64 + 2**11
  EXPECT_EQ(IntToDouble(Mpz("18446744073709557760")), 1.844674407370956e+19);     // + 3 * 2**11
  EXPECT_EQ(IntToDouble(Mpz("-18446744073709553665")), -1.8446744073709556e+19);  // Above half.
  const mpz_class two_1024 = mpz_class(1) << 1024;
  EXPECT_EQ(IntToDouble(two_1024 - (mpz_class(1) << 971)), 1.7976931348623157e+308);
  EXPECT_EQ(IntToDouble(two_1024 - (mpz_class(1) << 970) - 1), 1.7976931348623157e+308);
  EXPECT_FALSE(IntToDouble(two_1024 - (mpz_class(1) << 970)).has_value());  // Rounds to 2**1024.
  EXPECT_FALSE(IntToDouble(-two_1024).has_value());
}

TEST(BigIntTest, TrueDivisionIsCorrectlyRounded) {
  const mpz_class one(1);
  EXPECT_EQ(IntTrueDivide(one, one << 1074), 5e-324);
  EXPECT_EQ(IntTrueDivide(mpz_class(3), one << 1075), 1e-323);
  EXPECT_EQ(IntTrueDivide(one, one << 1075), 0.0);
  EXPECT_TRUE(std::signbit(*IntTrueDivide(mpz_class(0), mpz_class(-5))));
  EXPECT_EQ(IntTrueDivide(one << 1100, one << 100), 1.0715086071862673e+301);
  EXPECT_FALSE(IntTrueDivide(one << 1100, one << 76).has_value());
  EXPECT_EQ(IntTrueDivide(Mpz("-18446744073709551617"), mpz_class(2048)), -9007199254740992.0);
}

TEST(BigIntTest, ComparesExactlyWithIntsAndFloats) {
  const Value big = N("18446744073709551617");  // 2**64 + 1
  const Value two_64 = N("18446744073709551616");
  const double two_64_float = 18446744073709551616.0;
  std::string error;
  auto less = [&](const Value& a, const Value& b) {
    return Compare(OrderOperator::kLess, a, b, &error).value();
  };
  EXPECT_TRUE(PythonEquals(two_64, Value::Float(two_64_float)));
  EXPECT_FALSE(PythonEquals(big, Value::Float(two_64_float)));
  EXPECT_TRUE(less(Value::Float(two_64_float), big));
  EXPECT_TRUE(less(Value::Int(std::numeric_limits<int64_t>::max()), N("9223372036854775808")));
  EXPECT_TRUE(less(N("-9223372036854775809"), Value::Int(std::numeric_limits<int64_t>::min())));
  EXPECT_TRUE(less(N("-18446744073709551617"), Value::Bool(false)));
  EXPECT_TRUE(less(big, Value::Float(1e300)));
  EXPECT_TRUE(less(big, Value::Float(std::numeric_limits<double>::infinity())));
  EXPECT_TRUE(less(Value::Float(-std::numeric_limits<double>::infinity()),
                   N("-1" + std::string(400, '0'))));
  EXPECT_FALSE(less(big, Value::Float(std::nan(""))));
  EXPECT_FALSE(PythonEquals(big, Value::Float(std::nan(""))));
  EXPECT_TRUE(PythonEquals(big, N("18446744073709551617")));
  EXPECT_FALSE(PythonEquals(big, two_64));
  EXPECT_TRUE(less(two_64, big));
  EXPECT_FALSE(PythonEquals(big, Value::String("18446744073709551617")));
  EXPECT_TRUE(PythonEquals(Value::List({big, Value::Int(1)}),
                           Value::List({N("18446744073709551617"), Value::Float(1.0)})));
  EXPECT_TRUE(
      PythonEquals(Value::Entity("User", big), Value::Entity("User", N("18446744073709551617"))));
  EXPECT_FALSE(PythonEquals(Value::Entity("User", big), Value::Entity("User", two_64)));
  std::string contains_error;
  EXPECT_TRUE(
      Contains(Value::List({Value::Int(1), big}), N("18446744073709551617"), &contains_error)
          .value());
  EXPECT_FALSE(
      Contains(Value::List({Value::Int(1), big}), Value::Float(two_64_float), &contains_error)
          .value());
}

TEST(BigIntTest, PrintsAndNamesAsPythonInt) {
  const Value big = N("-18446744073709551617");
  EXPECT_EQ(PythonStr(big), "-18446744073709551617");
  EXPECT_EQ(PythonRepr(big), "-18446744073709551617");
  EXPECT_EQ(PythonTypeName(big), "int");
  EXPECT_TRUE(Truthy(big));
  EXPECT_EQ(PythonStr(Value::List({N("18446744073709551616"), N("-18446744073709551616")})),
            "[18446744073709551616, -18446744073709551616]");
  EXPECT_EQ(PythonRepr(Value::Entity("User", N("1180591620717411303424"))),
            "EntityT[<class 'int'>](type='User', id=1180591620717411303424)");
  EXPECT_EQ(Json(big), "-18446744073709551617");
  EXPECT_EQ(Json(Value::List({N("10000000000000000000000"), Value::Int(-1)})),
            "[10000000000000000000000, -1]");
  EXPECT_EQ(Json(Value::Entity("User", N("99999999999999999999"))), "99999999999999999999");
}

TEST(BigIntTest, LimitFailsInsteadOfExhaustingMemory) {
  std::string error;
  EXPECT_FALSE(
      ApplyBinary(BinaryOperator::kPower, Value::Int(10), Value::Int(1000000), &error).has_value());
  EXPECT_THAT(error, HasSubstr("exceeds 1048576 bits"));
  const Value near_limit = IntValue(mpz_class(1) << (kMaxIntBits - 1));
  EXPECT_FALSE(ApplyBinary(BinaryOperator::kAdd, near_limit, near_limit, &error).has_value());
  EXPECT_TRUE(
      ApplyBinary(BinaryOperator::kSubtract, near_limit, Value::Int(1), &error).has_value());
  EXPECT_FALSE(ApplyBinary(BinaryOperator::kMultiply, near_limit, near_limit, &error).has_value());
}

// --- JSON ---------------------------------------------------------------------------------

TEST(JsonBigIntsTest, ReplacesOnlyIntegersBeyondSimdjson) {
  std::string out;
  EXPECT_TRUE(
      internal::ReplaceBigInts(R"({"a": [1, -9223372036854775808, 18446744073709551615]})", &out)
          .empty());
  EXPECT_EQ(out, "");
  const std::vector<size_t> ordinals = internal::ReplaceBigInts(
      R"({"a":[18446744073709551616,"x\"99999999999999999999",-9223372036854775809],)"
      R"("b":1.5e99999999999999999999,"c":99999999999999999999})",
      &out);
  EXPECT_EQ(out,
            R"({"a":["#18446744073709551616","x\"99999999999999999999","#-9223372036854775809"],)"
            R"("b":1.5e99999999999999999999,"c":"#99999999999999999999"})");
  // Strings counted: "a", #1, "x...", #2, "b", "c", #3.
  EXPECT_THAT(ordinals, ::testing::ElementsAre(1, 3, 6));
}

TEST(JsonBigIntsTest, ActionReaderReadsThemExactly) {
  ActionReader reader;
  absl::StatusOr<Action> action = reader.Read(
      R"({"action_id": 1, "action_name": "a", "data": {"ints": [10000000000000000000000, )"
      R"(-18446744073709551617, 5, 18446744073709551615], "ts": -99999999999999999999, )"
      R"("marker": "#99999999999999999999", "ff": "\u00ff1", "text": "99999999999999999999999"}})");
  ASSERT_TRUE(action.ok()) << action.status();
  auto read = [&](std::string_view path, const ValueType& type) -> std::string {
    JsonPath json_path;
    json_path.simple = true;
    std::vector<std::string_view> fields;
    for (size_t start = 0, dot = 0; dot != std::string_view::npos; start = dot + 1) {
      dot = path.find('.', start);
      fields.push_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    }
    for (std::string_view field : fields) {
      JsonPathSegment segment;
      if (!field.empty() && field[0] >= '0' && field[0] <= '9') {
        segment.is_index = true;
        segment.index = field[0] - '0';
      } else {
        segment.field = std::string(field);
      }
      json_path.segments.push_back(segment);
    }
    absl::StatusOr<std::optional<JsonValue>> found = FindFirst(json_path, action->data);
    if (!found.ok()) return "error: " + std::string(found.status().message());
    const JsonValue* value = found->has_value() ? &**found : nullptr;
    UdfOutcome outcome = ExtractJson(value, type, true, true, path);
    if (const UdfError* error = std::get_if<UdfError>(&outcome)) return "error: " + error->message;
    return PythonTypeName(std::get<Value>(outcome)) + " " + Json(std::get<Value>(outcome));
  };
  EXPECT_EQ(read("ints", ValueType::List(ValueType::Int())),
            "list [10000000000000000000000, -18446744073709551617, 5, 18446744073709551615]");
  EXPECT_EQ(read("ints.1", ValueType::Int()), "int -18446744073709551617");
  EXPECT_EQ(read("ts", ValueType::Int()), "int -99999999999999999999");
  EXPECT_EQ(read("ts", ValueType::Str()), R"(str "-99999999999999999999")");
  EXPECT_EQ(read("ints", ValueType::Str()),
            R"(str "[10000000000000000000000, -18446744073709551617, 5, 18446744073709551615]")");
  // An int has no len(): indexing it is jsonpath-rw's TypeError, as for any int.
  EXPECT_EQ(read("ts.0", ValueType::Int()), "error: TypeError: object of type 'int' has no len()");
  // Strings that look like the marking stay strings.
  EXPECT_EQ(read("marker", ValueType::Str()), R"(str "#99999999999999999999")");
  EXPECT_EQ(read("ff", ValueType::Str()),
            "str \"\xc3\xbf"
            "1\"");
  EXPECT_EQ(read("text", ValueType::Str()), R"(str "99999999999999999999999")");
  EXPECT_EQ(read("text", ValueType::Int()), "int 99999999999999999999999");
  EXPECT_EQ(read("ints.0", ValueType::Bool()), "bool true");
  EXPECT_EQ(read("ts", ValueType::Bool()), "bool true");

  simdjson::dom::element ts = action->data["ts"].value();
  EXPECT_TRUE(IsBigIntElement(ts));
  EXPECT_EQ(JsonTypeName(JsonValue::Of(ts)), "int");
  EXPECT_EQ(JsonPythonRepr(JsonValue::Of(ts)), "-99999999999999999999");
  EXPECT_TRUE(internal::JsonTruthy(JsonValue::Of(ts)));
  EXPECT_FALSE(IsBigIntElement(action->data["marker"].value()));

  // The reader goes back to the plain parse for the next line.
  absl::StatusOr<Action> next =
      reader.Read(R"({"action_id": 2, "action_name": "b", "data": {"n": 7}})");
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->data["n"].get_int64().value(), 7);
}

}  // namespace
}  // namespace osprey::runtime
