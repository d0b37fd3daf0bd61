// Tests of JsonData's check/coercion matrix. Most expectations are the conformance cases of
// exec/jsondata (Osprey 1.1.0's outputs), the rest Python 3.11's int()/float()/str()/bool().
#include "runtime/json_extract.h"

#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "runtime/json_big_ints.h"
#include "runtime/python_semantics.h"
#include "runtime/result_json.h"

namespace osprey::runtime {
namespace {

using T = ValueType;

struct Case {
  std::string name;
  std::string json;  // The matched value; "" when the path matched nothing.
  ValueType type;
  bool required = true;
  bool coerce = true;
  // The value as JSON (AppendJsonValue: 3 and 3.0 differ), or the error message.
  std::string expected;
  bool is_error = false;
  bool recorded = true;
};

Case Ok(std::string name, std::string json, ValueType type, std::string expected) {
  return Case{std::move(name), std::move(json), std::move(type), true, true, std::move(expected)};
}
Case Err(std::string name, std::string json, ValueType type, std::string message,
         bool required = true, bool coerce = true, bool recorded = true) {
  return Case{
      std::move(name), std::move(json), std::move(type), required, coerce, std::move(message), true,
      recorded};
}
std::string Invalid(std::string_view has, std::string_view expected) {
  return "Invalid type in Json data at path `$.v`. Has type `" + std::string(has) +
         "`, expected `" + std::string(expected) + "`.";
}
constexpr std::string_view kMissing = "Missing Json data at path `$.v`.";

// Parses `json` as ActionReader does: integers beyond simdjson's range are marked strings
// (runtime/json_big_ints.h).
simdjson::error_code ParseJson(simdjson::dom::parser& parser, const std::string& json,
                               simdjson::dom::element* element) {
  simdjson::error_code error = parser.parse(simdjson::padded_string(json)).get(*element);
  if (error != simdjson::NUMBER_ERROR) return error;
  std::string rewritten;
  const std::vector<size_t> ordinals = internal::ReplaceBigInts(json, &rewritten);
  if (ordinals.empty()) return error;
  error = parser.parse(simdjson::padded_string(rewritten)).get(*element);
  if (error) return error;
  return internal::MarkBigInts(*element, ordinals) ? simdjson::SUCCESS : simdjson::NUMBER_ERROR;
}

class ExtractJsonTest : public ::testing::TestWithParam<Case> {};

TEST_P(ExtractJsonTest, FollowsTheReference) {
  const Case& c = GetParam();
  simdjson::dom::parser parser;
  std::optional<JsonValue> value;
  if (!c.json.empty()) {
    simdjson::dom::element element;
    ASSERT_EQ(ParseJson(parser, c.json, &element), simdjson::SUCCESS);
    value = JsonValue::Of(element);
  }
  UdfOutcome outcome = ExtractJson(value ? &*value : nullptr, c.type, c.required, c.coerce, "$.v");
  if (c.is_error) {
    const UdfError* error = std::get_if<UdfError>(&outcome);
    ASSERT_NE(error, nullptr) << "got a value";
    EXPECT_EQ(error->recorded, c.recorded);
    if (!c.expected.empty()) {
      EXPECT_THAT(error->message, ::testing::HasSubstr(c.expected));
    }
    return;
  }
  const Value* result = std::get_if<Value>(&outcome);
  ASSERT_NE(result, nullptr) << std::get<UdfError>(outcome).message;
  std::string json;
  AppendJsonValue(*result, &json);
  EXPECT_EQ(json, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, ExtractJsonTest,
    ::testing::ValuesIn(std::vector<Case>{
        // coerce_lists
        Ok("ListIntFromMixed", R"(["1", 2, 3.7])", T::List(T::Int()), "[1, 2, 3]"),
        Ok("ListStrFromInts", "[1, 2]", T::List(T::Str()), R"(["1", "2"])"),
        Err("ListFromString", R"("123")", T::List(T::Int()), Invalid("str", "list[int]")),
        Err("ListStrWithNull", R"(["a", null])", T::List(T::Str()), Invalid("list", "list[str]")),
        Err("ListIntBadItem", R"([1, "x"])", T::List(T::Int()), Invalid("list", "list[int]")),
        Ok("ListAlreadyOk", "[1, 2]", T::List(T::Int()), "[1, 2]"),
        Ok("ListBoolFromNull", "[null, 1]", T::List(T::Bool()), "[false, true]"),
        Err("ListFromObject", "{}", T::List(T::Int()), Invalid("dict", "list[int]")),
        Ok("ListFloatKeepsInts", "[1, 2.5]", T::List(T::Float()), "[1, 2.5]"),
        // coerce_to_bool
        Ok("BoolFromFalseStr", R"("false")", T::Bool(), "true"),
        Ok("BoolFromEmptyStr", R"("")", T::Bool(), "false"),
        Ok("BoolFromZero", "0", T::Bool(), "false"),
        Ok("BoolFromFloat", "123.4", T::Bool(), "true"),
        Ok("BoolFromEmptyList", "[]", T::Bool(), "false"),
        Ok("BoolFromEmptyObject", "{}", T::Bool(), "false"),
        Ok("BoolFromList", "[0]", T::Bool(), "true"),
        Ok("BoolFromZeroFloat", "0.0", T::Bool(), "false"),
        // coerce_to_float
        Ok("FloatKeepsInt", "12", T::Float(), "12"),
        Ok("FloatFromStr", R"("4.5")", T::Float(), "4.5"),
        Ok("FloatFromExpStr", R"("1e3")", T::Float(), "1000.0"),
        Ok("FloatFromIntStr", R"("7")", T::Float(), "7.0"),
        Err("FloatFromBool", "false", T::Float(), Invalid("bool", "float")),
        Err("FloatFromBad", R"("abc")", T::Float(), Invalid("str", "float")),
        Ok("FloatFromNan", R"("nan")", T::Float(), "NaN"),
        Ok("FloatFromInfinity", R"(" -Infinity ")", T::Float(), "-Infinity"),
        Ok("FloatFromInf", R"("inf")", T::Float(), "Infinity"),
        Ok("FloatWithUnderscore", R"("1_0.5")", T::Float(), "10.5"),
        Ok("FloatLeadingDot", R"(".5")", T::Float(), "0.5"),
        Ok("FloatTrailingDot", R"("5.")", T::Float(), "5.0"),
        Ok("FloatOverflowsToInf", R"("1e999")", T::Float(), "Infinity"),
        Ok("FloatArabicDigits", R"("١.٥")", T::Float(), "1.5"),
        Err("FloatBareExponent", R"("1e")", T::Float(), Invalid("str", "float")),
        Err("FloatHex", R"("0x1p3")", T::Float(), Invalid("str", "float")),
        Err("FloatUnderscoreAfterDot", R"("1._5")", T::Float(), Invalid("str", "float")),
        Err("FloatFromList", "[1]", T::Float(), Invalid("list", "float")),
        // coerce_to_int
        Ok("IntFromFloat", "3.9", T::Int(), "3"),
        Ok("IntFromNegFloat", "-3.9", T::Int(), "-3"),
        Ok("IntFromStr", R"("42")", T::Int(), "42"),
        Ok("IntFromPaddedStr", R"(" 42 ")", T::Int(), "42"),
        Ok("IntFromUnderscoreStr", R"("1_000")", T::Int(), "1000"),
        Ok("IntFromSignedStr", R"("-7")", T::Int(), "-7"),
        Ok("IntFromPlusStr", R"("+5")", T::Int(), "5"),
        Ok("IntUnicodeDigitsAndSpaces", "\"\u00a0\u0661\u0662\u0663\u2003\"", T::Int(), "123"),
        Ok("IntLeadingZeros", R"("007")", T::Int(), "7"),
        Ok("IntMin", R"("-9223372036854775808")", T::Int(), "-9223372036854775808"),
        Err("IntFromDecimalStr", R"("4.5")", T::Int(), Invalid("str", "int")),
        Err("IntFromBool", "true", T::Int(), Invalid("bool", "int")),
        Err("IntFromList", "[1]", T::Int(), Invalid("list", "int")),
        Err("IntDoubleUnderscore", R"("1__0")", T::Int(), Invalid("str", "int")),
        Err("IntLeadingUnderscore", R"("_1")", T::Int(), Invalid("str", "int")),
        Err("IntHex", R"("0x10")", T::Int(), Invalid("str", "int")),
        Err("IntSpaceAfterSign", R"("- 5")", T::Int(), Invalid("str", "int")),
        Err("IntEmpty", R"("")", T::Int(), Invalid("str", "int")),
        Err("IntNan", R"("nan")", T::Int(), Invalid("str", "int")),
        // coerce_to_str
        Ok("StrFromInt", "12", T::Str(), R"("12")"),
        Ok("StrFromFloat", "3.9", T::Str(), R"("3.9")"),
        Ok("StrFromBigFloat", "1e+20", T::Str(), R"("1e+20")"),
        Ok("StrFromBool", "true", T::Str(), R"("True")"),
        Ok("StrFromObject", R"({"a": 1, "n": null})", T::Str(), R"("{'a': 1, 'n': None}")"),
        Ok("StrFromList", R"([1, "x", false])", T::Str(), R"("[1, 'x', False]")"),
        Ok("StrFromFloatWhole", "2.0", T::Str(), R"("2.0")"),
        Ok("StrFromUint64", "18446744073709551615", T::Str(), R"("18446744073709551615")"),
        // object_and_array_values_as_str
        Ok("ObjectKeepsKeyOrder", R"({"b": 2, "a": 1})", T::Str(), R"("{'b': 2, 'a': 1}")"),
        Ok("NestedAsStr", R"([{"x": [1.5, true, null]}])", T::Str(),
           R"("[{'x': [1.5, True, None]}]")"),
        Ok("EmptyObjectAsStr", "{}", T::Str(), R"("{}")"),
        Ok("UnicodeInRepr", R"(["é", "it's", "q\"q"])", T::Str(), R"("['é', \"it's\", 'q\"q']")"),
        Ok("RepeatedKeyAsStr", R"({"k": 1, "k": 2})", T::Str(), R"("{'k': 2}")"),
        // coerce_unions
        Ok("IntOrStrFromFloat", "3.9", T::Union({T::Int(), T::Str()}), "3"),
        Ok("StrOrIntFromFloat", "3.9", T::Union({T::Str(), T::Int()}), R"("3.9")"),
        Ok("IntOrStrFromStr", R"("abc")", T::Union({T::Int(), T::Str()}), R"("abc")"),
        Err("IntOrFloatStopsOnValueError", R"("2.5")", T::Union({T::Int(), T::Float()}),
            Invalid("str", "int | float")),
        Err("IntOrBoolStopsOnValueError", R"("x")", T::Union({T::Int(), T::Bool()}),
            Invalid("str", "int | bool")),
        Ok("BoolOrIntTakesTruthiness", R"("x")", T::Union({T::Bool(), T::Int()}), "true"),
        Ok("OptIntFromStr", R"("5")", T::Optional(T::Int()), "5"),
        Ok("OptIntFromNull", "null", T::Optional(T::Int()), "null"),
        Ok("IntOrNone", "4", T::Optional(T::Int()), "4"),
        Err("OptIntFromBadStr", R"("x")", T::Optional(T::Int()), Invalid("str", "int | None")),
        Ok("UnionSkipsTypeErrors", "[1]", T::Union({T::Int(), T::Float(), T::Str()}), R"("[1]")"),
        // coerce_type_false
        Err("NoCoerceStrToInt", R"("42")", T::Int(), Invalid("str", "int"), true, false),
        Err("NoCoerceIntToStr", "7", T::Str(), Invalid("int", "str"), true, false),
        Case{"NoCoerceIntToFloat", "7", T::Float(), true, false, "7"},
        Err("NoCoerceFloatToInt", "1.5", T::Int(), Invalid("float", "int"), true, false),
        Case{"NoCoerceMatching", R"("42")", T::Str(), true, false, R"("42")"},
        // missing_path_required_optional_matrix
        Err("MissingRequired", "", T::Str(), std::string(kMissing)),
        Err("MissingNotRequired", "", T::Str(), "", false, true, false),
        Case{"MissingOptionalRequired", "", T::Optional(T::Str()), true, true, "null"},
        Case{"MissingOptionalNotRequired", "", T::Optional(T::Str()), false, true, "null"},
        Case{"MissingNone", "", T::None(), true, true, "null"},
        Err("MissingInt", "", T::Int(), std::string(kMissing)),
        Err("MissingList", "", T::List(T::Str()), std::string(kMissing)),
        // null_value_matrix
        Err("NullRequired", "null", T::Str(), Invalid("None", "str")),
        Err("NullNotRequired", "null", T::Str(), "", false, true, false),
        Err("NullNoCoerce", "null", T::Str(), Invalid("None", "str"), true, false),
        Ok("NullOptional", "null", T::Optional(T::Str()), "null"),
        Ok("NullNone", "null", T::None(), "null"),
        Err("NullInt", "null", T::Int(), Invalid("None", "int")),
        Err("NullBoolIsNotCoerced", "null", T::Bool(), Invalid("None", "bool")),
        Err("NoneFromValue", "1", T::None(), Invalid("int", "None")),
        // big_and_special_numbers_in_json
        Ok("BigInt", "9007199254740993", T::Int(), "9007199254740993"),
        Ok("BigIntAsFloat", "9007199254740993", T::Float(), "9007199254740993"),
        Ok("Exp", "1.5e+300", T::Float(), "1.5e+300"),
        Ok("NegZero", "-0.0", T::Float(), "-0.0"),
        Ok("IntWithExpIsFloat", "100.0", T::Float(), "100.0"),
        Ok("ListOfInt64Min", "[-9223372036854775808]", T::List(T::Int()), "[-9223372036854775808]"),
        // Integers beyond int64 are exact, as json.loads and int() make them in Python.
        Ok("Uint64", "18446744073709551615", T::Int(), "18446744073709551615"),
        Ok("Uint64AsFloat", "18446744073709551615", T::Float(), "18446744073709551615"),
        Ok("Uint64InList", "[18446744073709551615]", T::List(T::Int()), "[18446744073709551615]"),
        Ok("BeyondUint64", "10000000000000000000000", T::Int(), "10000000000000000000000"),
        Ok("BelowInt64", "-9223372036854775809", T::Int(), "-9223372036854775809"),
        Ok("BigList", "[10000000000000000000000, -18446744073709551617, 1]", T::List(T::Int()),
           "[10000000000000000000000, -18446744073709551617, 1]"),
        Ok("BigAsFloatStaysInt", "-18446744073709551617", T::Float(), "-18446744073709551617"),
        Ok("BigOptional", "99999999999999999999", T::Optional(T::Int()), "99999999999999999999"),
        Ok("StrOfBig", "10000000000000000000000", T::Str(), R"("10000000000000000000000")"),
        Ok("StrOfBigList", "[18446744073709551616, \"a\"]", T::Str(),
           R"("[18446744073709551616, 'a']")"),
        Ok("BoolOfBig", "-18446744073709551617", T::Bool(), "true"),
        Err("BigIsNotStrWithoutCoercion", "10000000000000000000000", T::Str(),
            Invalid("int", "str"), true, false),
        Err("BigIsNotBool", "10000000000000000000000", T::Bool(), Invalid("int", "bool"), true,
            false),
        Ok("IntOfBigFloat", "1e20", T::Int(), "100000000000000000000"),
        Ok("IntOfBigNegativeFloat", "-1.5e20", T::Int(), "-150000000000000000000"),
        Ok("IntOfBigString", R"("9223372036854775808")", T::Int(), "9223372036854775808"),
        Ok("IntOfBigStringSpaced", R"(" -1_000_000_000_000_000_000_000 ")", T::Int(),
           "-1000000000000000000000"),
        Ok("UnionIntOfBigFloat", "1e20", T::Union({T::Int(), T::Str()}), "100000000000000000000"),
        Ok("ListCoercesBig", R"(["18446744073709551616", 1e19])", T::List(T::Int()),
           "[18446744073709551616, 10000000000000000000]"),
        // JSON has no entities.
        Err("EntityNeverMatches", R"("u1")", T::Entity(T::Str()), Invalid("str", "EntityT[str]")),
    }),
    [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

struct DisplayCase {
  std::string name;
  ValueType type;
  std::string display;
};

class DisplayNameTest : public ::testing::TestWithParam<DisplayCase> {};

TEST_P(DisplayNameTest, MatchesToDisplayStr) {
  EXPECT_EQ(GetParam().type.DisplayName(), GetParam().display);
}

INSTANTIATE_TEST_SUITE_P(
    Types, DisplayNameTest,
    ::testing::ValuesIn(std::vector<DisplayCase>{
        {"Str", T::Str(), "str"},
        {"None", T::None(), "None"},
        {"List", T::List(T::Float()), "list[float]"},
        {"Optional", T::Optional(T::Str()), "str | None"},
        {"NoneFirst", T::Union({T::None(), T::Int()}), "None | int"},
        {"Union", T::Union({T::Int(), T::Str()}), "int | str"},
        {"UnionOfThreeDropsNone", T::Union({T::Int(), T::Str(), T::None()}), "int | str"},
        {"Entity", T::Entity(T::Int()), "EntityT[int]"},
    }),
    [](const ::testing::TestParamInfo<DisplayCase>& param) { return param.param.name; });

struct CheckCase {
  std::string name;
  Value value;
  ValueType type;
  bool passes;
};

class CheckValueTest : public ::testing::TestWithParam<CheckCase> {};

TEST_P(CheckValueTest, ChecksWithoutCoercion) {
  EXPECT_EQ(CheckValue(GetParam().value, GetParam().type), GetParam().passes);
}

INSTANTIATE_TEST_SUITE_P(
    Values, CheckValueTest,
    ::testing::ValuesIn(std::vector<CheckCase>{
        {"IntIsFloat", Value::Int(1), T::Float(), true},
        {"FloatIsNotInt", Value::Float(1.0), T::Int(), false},
        {"BoolIsNotInt", Value::Bool(true), T::Int(), false},
        {"BoolIsNotFloat", Value::Bool(true), T::Float(), false},
        {"IntIsNotBool", Value::Int(1), T::Bool(), false},
        {"StrIsNotCoerced", Value::String("1"), T::Int(), false},
        {"ListItems", Value::List({Value::Int(1), Value::Float(2)}), T::List(T::Float()), true},
        {"ListBadItem", Value::List({Value::Int(1), Value::String("x")}), T::List(T::Int()), false},
        {"EmptyList", Value::List({}), T::List(T::Str()), true},
        {"NotAList", Value::String("ab"), T::List(T::Str()), false},
        {"NoneOptional", Value::None(), T::Optional(T::Str()), true},
        {"NoneNotStr", Value::None(), T::Str(), false},
        {"UnionSecond", Value::String("x"), T::Union({T::Int(), T::Str()}), true},
        {"EntityStr", Value::Entity("User", Value::String("u")), T::Entity(T::Str()), true},
        {"EntityWrongId", Value::Entity("User", Value::String("u")), T::Entity(T::Int()), false},
        {"EntityIsNotStr", Value::Entity("User", Value::String("u")), T::Str(), false},
        {"IntIsNotEntity", Value::Int(1), T::Entity(T::Int()), false},
        {"RuleIsNotBool", Value::Rule(std::make_shared<const RuleValue>()), T::Bool(), false},
        {"TimeDeltaIsNotFloat", Value::TimeDelta(1.0), T::Float(), false},
        {"BigIsInt", ParseIntDigits("18446744073709551616", 10).value(), T::Int(), true},
        {"BigIsFloat", ParseIntDigits("-18446744073709551617", 10).value(), T::Float(), true},
        {"BigIsNotStr", ParseIntDigits("18446744073709551616", 10).value(), T::Str(), false},
        {"BigEntityId", Value::Entity("User", ParseIntDigits("18446744073709551616", 10).value()),
         T::Entity(T::Int()), true},
    }),
    [](const ::testing::TestParamInfo<CheckCase>& param) { return param.param.name; });

TEST(JsonExtractTest, MadeUpValuesFromPaths) {
  JsonValue character;
  character.kind = JsonValue::Kind::kString;
  character.string = "h";
  JsonValue list;
  list.kind = JsonValue::Kind::kSingletonList;
  list.item = std::make_shared<const JsonValue>(character);
  EXPECT_EQ(JsonPythonStr(list), "['h']");
  EXPECT_EQ(JsonPythonStr(character), "h");
  EXPECT_EQ(JsonPythonRepr(character), "'h'");
  EXPECT_EQ(JsonPythonRepr(JsonValue{}), "None");

  UdfOutcome as_list = ExtractJson(&list, T::List(T::Str()), true, true, "$.s[*].`parent`");
  ASSERT_TRUE(std::holds_alternative<Value>(as_list));
  EXPECT_EQ(std::get<Value>(as_list).as_list().at(0).as_string(), "h");
  JsonValue none_value;  // What `` `parent`.`this` `` finds at the document.
  UdfOutcome none = ExtractJson(&none_value, T::Str(), true, true, "$");
  ASSERT_TRUE(std::holds_alternative<UdfError>(none));
  EXPECT_EQ(std::get<UdfError>(none).message,
            "Invalid type in Json data at path `$`. Has type `None`, expected `str`.");

  std::string error;
  simdjson::dom::parser parser;
  simdjson::dom::element object =
      parser.parse(simdjson::padded_string(std::string_view("{}"))).value();
  EXPECT_FALSE(JsonToValue(JsonValue::Of(object), &error).has_value());
  EXPECT_EQ(error, "a JSON object has no SML value");
}

// "int:<decimal>" for a kInt, "big:<decimal>" for a kBigInt, "ValueError" for nullopt.
std::string IntText(const std::optional<Value>& value) {
  if (!value) return "ValueError";
  return (value->kind() == Value::Kind::kBigInt ? "big:" : "int:") + PythonStr(*value);
}

TEST(JsonExtractTest, PythonIntAndFloatParsing) {
  EXPECT_EQ(IntText(internal::ParsePythonInt("\t-0_1\n")), "int:-1");
  EXPECT_EQ(IntText(internal::ParsePythonInt("9223372036854775807")), "int:9223372036854775807");
  EXPECT_EQ(IntText(internal::ParsePythonInt("-9223372036854775808")), "int:-9223372036854775808");
  EXPECT_EQ(IntText(internal::ParsePythonInt("9223372036854775808")), "big:9223372036854775808");
  EXPECT_EQ(IntText(internal::ParsePythonInt("-9223372036854775809")), "big:-9223372036854775809");
  EXPECT_EQ(IntText(internal::ParsePythonInt("+000000000000000000000000000042")), "int:42");
  EXPECT_EQ(IntText(internal::ParsePythonInt("1" + std::string(4299, '0'))),
            "big:1" + std::string(4299, '0'));
  // CPython's digit limit is a ValueError.
  EXPECT_EQ(IntText(internal::ParsePythonInt(std::string(4301, '0'))), "ValueError");
  EXPECT_EQ(IntText(internal::ParsePythonInt("1 2")), "ValueError");
  EXPECT_EQ(IntText(internal::ParsePythonInt("1_")), "ValueError");
  EXPECT_EQ(IntText(internal::ParsePythonInt("é")), "ValueError");
  EXPECT_EQ(internal::ParsePythonFloat("1e1_0"), 1e10);
  EXPECT_EQ(internal::ParsePythonFloat("1E-999"), 0.0);
  EXPECT_TRUE(std::isnan(*internal::ParsePythonFloat("-NaN")));
  EXPECT_EQ(internal::ParsePythonFloat("  +Infinity"), INFINITY);
  EXPECT_FALSE(internal::ParsePythonFloat("infinit").has_value());
  EXPECT_FALSE(internal::ParsePythonFloat("in_f").has_value());
  EXPECT_FALSE(internal::ParsePythonFloat(".").has_value());
  EXPECT_FALSE(internal::ParsePythonFloat("").has_value());
  EXPECT_FALSE(internal::ParsePythonFloat("1.5x").has_value());
}

}  // namespace
}  // namespace osprey::runtime
