// Hand-picked cases for str()/repr(), comparisons, `in` and Unwrap (runtime/python_semantics.h,
// runtime/value.h), taken from /work/shared/conformance/exec/{numbers,strings} and spec §4.4.
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "runtime/python_semantics.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Value I(int64_t i) { return Value::Int(i); }
Value F(double f) { return Value::Float(f); }
Value B(bool b) { return Value::Bool(b); }
Value S(std::string s) { return Value::String(std::move(s)); }
Value L(std::vector<Value> items) { return Value::List(std::move(items)); }
Value E(std::string type, Value id) { return Value::Entity(std::move(type), std::move(id)); }
Value R(bool value) {
  auto definition =
      std::make_shared<const RuleDefinition>(RuleDefinition{"R", "desc {X}", {"X", "Y"}});
  return Value::Rule(std::make_shared<const RuleValue>(
      RuleValue{definition, value, {Value::Int(1), Value::String("a")}}));
}

struct StrCase {
  std::string name;
  Value value;
  std::string str;
  std::string repr;
};

// Names the case in gtest's failure output.
void PrintTo(const StrCase& c, std::ostream* os) { *os << c.name; }

class StrTest : public testing::TestWithParam<StrCase> {};

TEST_P(StrTest, Formats) {
  EXPECT_EQ(PythonStr(GetParam().value), GetParam().str);
  EXPECT_EQ(PythonRepr(GetParam().value), GetParam().repr);
}

// strings/fstring_* and numbers/float_repr_values: exact expected texts.
INSTANTIATE_TEST_SUITE_P(
    Conformance, StrTest,
    testing::Values(
        StrCase{"EntityId", E("User", S("abc")), "abc",
                "EntityT[<class 'str'>](type='User', id=abc)"},
        StrCase{"IntEntity", E("User", I(7)), "7", "EntityT[<class 'int'>](type='User', id=7)"},
        StrCase{"Int", I(5), "5", "5"}, StrCase{"NegInt", I(-12), "-12", "-12"},
        StrCase{"MaxInt", I(9223372036854775807), "9223372036854775807", "9223372036854775807"},
        StrCase{"One", F(1.0), "1.0", "1.0"}, StrCase{"True", B(true), "True", "True"},
        StrCase{"False", B(false), "False", "False"}, StrCase{"None", Value(), "None", "None"},
        StrCase{"Rule", R(true), "True",
                "RuleT(name='R', value=True, description='desc {X}', features={'X': '1', 'Y': "
                "'a'})"},
        StrCase{"RuleFalse", R(false), "False",
                "RuleT(name='R', value=False, description='desc {X}', features={'X': '1', 'Y': "
                "'a'})"},
        StrCase{"Day", Value::TimeDelta(86400), "86400.0",
                "TimeDeltaT(timedelta=datetime.timedelta(days=1))"},
        StrCase{"PointThree", F(0.30000000000000004), "0.30000000000000004", "0.30000000000000004"},
        StrCase{"E15", F(1e15), "1000000000000000.0", "1000000000000000.0"},
        StrCase{"E16", F(1e16), "1e+16", "1e+16"}, StrCase{"E22", F(1e22), "1e+22", "1e+22"},
        StrCase{"Small", F(1e-5), "1e-05", "1e-05"}, StrCase{"Smaller", F(1e-7), "1e-07", "1e-07"},
        StrCase{"TenThousandth", F(0.0001), "0.0001", "0.0001"},
        StrCase{"Pi", F(3.14159), "3.14159", "3.14159"},
        StrCase{"TenThirds", F(10.0 / 3), "3.3333333333333335", "3.3333333333333335"},
        StrCase{"LargeWhole", F(1234567890.0), "1234567890.0", "1234567890.0"},
        StrCase{"MinSub", F(5e-324), "5e-324", "5e-324"},
        StrCase{"MaxFloat", F(1.7976931348623157e308), "1.7976931348623157e+308",
                "1.7976931348623157e+308"},
        StrCase{"Eighth", F(123456789.125), "123456789.125", "123456789.125"},
        StrCase{"Inf", F(kInf), "inf", "inf"}, StrCase{"NegInf", F(-kInf), "-inf", "-inf"},
        StrCase{"NaN", F(std::nan("")), "nan", "nan"}, StrCase{"NegZero", F(-0.0), "-0.0", "-0.0"},
        StrCase{"Text", S("é😀 {x}"), "é😀 {x}", "'é😀 {x}'"},
        StrCase{"Quotes", S("say \"hi\" and 'yo'"), "say \"hi\" and 'yo'",
                "'say \"hi\" and \\'yo\\''"},
        StrCase{"Apostrophe", S("it's"), "it's", "\"it's\""},
        StrCase{"Controls", S(std::string("a\tb\n\r\\\x00\x7f", 8)),
                std::string("a\tb\n\r\\\x00\x7f", 8), "'a\\tb\\n\\r\\\\\\x00\\x7f'"},
        StrCase{"NonPrintable", S("\u00a0\u200b\U000e0001"), "\u00a0\u200b\U000e0001",
                "'\\xa0\\u200b\\U000e0001'"},
        StrCase{"List", L({I(1), S("a"), Value(), F(1.5), B(true), L({})}),
                "[1, 'a', None, 1.5, True, []]", "[1, 'a', None, 1.5, True, []]"}),
    [](const testing::TestParamInfo<StrCase>& param_info) { return param_info.param.name; });

enum class Check { kEquals, kLess, kLessEqual, kGreater, kGreaterEqual, kIn };

struct CompareCase {
  std::string name;
  Check check;
  Value left;
  Value right;
  std::optional<bool> expected;  // nullopt: fails with `error`.
  std::string error;
};

// Names the case in gtest's failure output.
void PrintTo(const CompareCase& c, std::ostream* os) { *os << c.name; }

class CompareTest : public testing::TestWithParam<CompareCase> {};

TEST_P(CompareTest, Evaluates) {
  const CompareCase& c = GetParam();
  std::string error;
  std::optional<bool> actual;
  switch (c.check) {
    case Check::kEquals:
      actual = PythonEquals(c.left, c.right);
      EXPECT_EQ(PythonEquals(c.right, c.left), *actual) << "not symmetric";
      break;
    case Check::kIn:
      actual = Contains(c.right, c.left, &error);
      break;
    default:
      actual = Compare(static_cast<OrderOperator>(static_cast<int>(c.check) - 1), c.left, c.right,
                       &error);
  }
  EXPECT_EQ(actual, c.expected);
  EXPECT_EQ(error, c.error);
}

CompareCase Eq(std::string name, Value l, Value r, bool want) {
  return {std::move(name), Check::kEquals, std::move(l), std::move(r), want, ""};
}
CompareCase Cmp(std::string name, Check check, Value l, Value r, std::optional<bool> want,
                std::string error = "") {
  return {std::move(name), check, std::move(l), std::move(r), want, std::move(error)};
}

INSTANTIATE_TEST_SUITE_P(
    Conformance, CompareTest,
    testing::Values(
        // numbers/comparisons_int_vs_float, comparisons_runtime_numbers
        Eq("EqMixed", I(1), F(1.0), true), Cmp("LtMixed", Check::kLess, I(1), F(1.5), true),
        Cmp("LeMixed", Check::kLessEqual, I(2), F(2.0), true),
        Cmp("GtMixed", Check::kGreater, F(3.5), I(3), true),
        Cmp("GeMixed", Check::kGreaterEqual, I(3), F(3.0000001), false),
        Eq("NegZeroEq", F(-0.0), I(0), true),
        Eq("IntFloatBig", I(9007199254740993), F(9007199254740992.0), false),
        Cmp("BigIntAboveFloat", Check::kGreater, I(9007199254740993), F(9007199254740992.0), true),
        Cmp("NegFloatVsInt", Check::kGreaterEqual, F(-1.5), I(-2), true),
        Cmp("InfGt", Check::kGreater, F(kInf), F(1e308), true),
        Cmp("NoneIsFalse", Check::kLess, Value(), I(1), false),
        Cmp("NoneIsFalseRight", Check::kGreaterEqual, I(1), Value(), false),
        Cmp("StrVsInt", Check::kLess, S("a"), I(1), std::nullopt,
            "'<' not supported between instances of 'str' and 'int'"),
        Eq("TrueIsOne", B(true), I(1), true), Eq("NoneNone", Value(), Value(), true),
        Eq("NoneZero", Value(), I(0), false),
        // strings/equality_is_by_code_points: composed vs decomposed é
        Eq("Composed", S("\u00e9"), S("e\u0301"), false), Eq("CaseMatters", S("A"), S("a"), false),
        Eq("Lists", L({I(1), S("a")}), L({F(1.0), S("a")}), true),
        Eq("EntityIdKind", E("U", I(1)), E("U", S("1")), false),
        Eq("EntitySame", E("U", I(1)), E("U", I(1)), true),
        Eq("EntityVsId", E("U", I(1)), I(1), false), Eq("RuleFields", R(true), R(true), true),
        Eq("RuleValue", R(true), R(false), false), Eq("RuleVsBool", R(true), B(true), false),
        // strings/in_substring, in_unicode_code_points, string_comparisons_with_names
        Cmp("Sub", Check::kIn, S("23"), S("123"), true),
        Cmp("EmptyIn", Check::kIn, S(""), S(""), true),
        Cmp("Emoji", Check::kIn, S("😀"), S("x😀y"), true),
        Cmp("AccentDecomposed", Check::kIn, S("\u00e9"), S("cafe\u0301"), false),
        Cmp("Combining", Check::kIn, S("\u0301"), S("cafe\u0301"), true),
        Cmp("Cjk", Check::kIn, S("日本"), S("日本語"), true),
        Cmp("InList", Check::kIn, S(""), L({S("a"), S("b"), S("")}), true),
        Cmp("NotInList", Check::kIn, S("c"), L({S("a"), S("b"), S("")}), false),
        Cmp("ListInList", Check::kIn, L({I(1)}), L({L({I(1)})}), true),
        Cmp("NoneInNone", Check::kIn, Value(), Value(), true),
        Cmp("NoneInListWithNone", Check::kIn, Value(), L({I(1), Value()}), true),
        Cmp("NoneInList", Check::kIn, Value(), L({I(1)}), false),
        Cmp("NoneInStr", Check::kIn, Value(), S("abc"), false),
        Cmp("InNone", Check::kIn, S("a"), Value(), false),
        Cmp("IntInStr", Check::kIn, I(1), S("abc"), std::nullopt,
            "'in <string>' requires string as left operand, not int"),
        Cmp("InInt", Check::kIn, I(1), I(1), std::nullopt,
            "argument of type 'int' is not iterable")),
    [](const testing::TestParamInfo<CompareCase>& param_info) { return param_info.param.name; });

TEST(TruthyTest, FollowsPython) {
  EXPECT_FALSE(Truthy(Value()));
  EXPECT_FALSE(Truthy(I(0)));
  EXPECT_FALSE(Truthy(F(-0.0)));
  EXPECT_TRUE(Truthy(F(std::nan(""))));
  EXPECT_FALSE(Truthy(S("")));
  EXPECT_TRUE(Truthy(S("0")));
  EXPECT_FALSE(Truthy(L({})));
  EXPECT_TRUE(Truthy(L({Value()})));
  EXPECT_TRUE(Truthy(R(false)));  // An object; callers unwrap rules first.
  EXPECT_FALSE(Truthy(Unwrap(R(false))));
}

TEST(UnwrapTest, GivesThePlainValue) {
  EXPECT_EQ(Unwrap(E("User", S("abc"))).as_string(), "abc");
  EXPECT_EQ(Unwrap(E("User", I(7))).as_int(), 7);
  EXPECT_EQ(Unwrap(R(true)).kind(), Value::Kind::kBool);
  EXPECT_TRUE(Unwrap(R(true)).as_bool());
  const Value seconds = Unwrap(Value::TimeDelta(300));
  EXPECT_EQ(seconds.kind(), Value::Kind::kFloat);
  EXPECT_EQ(seconds.as_float(), 300.0);
  const Value experiment =
      Unwrap(Value::Experiment({S("exp"), S("u1"), S("User"), S("a"), S("0"), S("1"), S("2")}));
  ASSERT_EQ(experiment.kind(), Value::Kind::kList);
  EXPECT_EQ(PythonStr(experiment), "['exp', 'u1', 'User', 'a', '0', '1', '2']");
  EXPECT_EQ(Unwrap(I(3)).as_int(), 3);
  EXPECT_EQ(Unwrap(S("x")).as_string(), "x");
}

}  // namespace
}  // namespace osprey::runtime
