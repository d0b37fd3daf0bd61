// Hand-picked cases for runtime/python_semantics.h: the conformance cases of
// /work/shared/conformance/exec/{numbers,strings} restated on values (same expected results),
// plus our documented deviations. The exhaustive CPython comparison is in
// python_semantics_oracle_test.cc.
#include "runtime/python_semantics.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

using Op = BinaryOperator;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr char kTooLarge[] =
    "integer overflow: result exceeds 1048576 bits (osprey-jit's integer limit)";

Value I(int64_t i) { return Value::Int(i); }
// An int from its decimal text: a kInt when it fits in int64, else a kBigInt.
Value N(std::string_view decimal) { return ParseIntDigits(decimal, 10).value(); }
Value F(double f) { return Value::Float(f); }
Value B(bool b) { return Value::Bool(b); }
Value S(std::string s) { return Value::String(std::move(s)); }
Value E(std::string type, Value id) { return Value::Entity(std::move(type), std::move(id)); }

// Same kind and same value; floats bit-exact (so -0.0 != 0.0) except that NaN matches NaN.
bool Same(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.kind() == Value::Kind::kFloat) {
    if (std::isnan(a.as_float())) return std::isnan(b.as_float());
    return a.as_float() == b.as_float() && std::signbit(a.as_float()) == std::signbit(b.as_float());
  }
  return PythonEquals(a, b);
}

struct BinaryCase {
  std::string name;
  Op op;
  Value left;
  Value right;
  std::optional<Value> expected;  // nullopt: fails with `error`.
  std::string error;
};

// Names the case in gtest's failure output.
void PrintTo(const BinaryCase& c, std::ostream* os) { *os << c.name; }

class BinaryTest : public testing::TestWithParam<BinaryCase> {};

TEST_P(BinaryTest, Evaluates) {
  const BinaryCase& c = GetParam();
  std::string error;
  std::optional<Value> actual = ApplyBinary(c.op, c.left, c.right, &error);
  if (!c.expected) {
    EXPECT_FALSE(actual.has_value()) << PythonTypeName(*actual) << " " << PythonRepr(*actual);
    EXPECT_EQ(error, c.error);
    return;
  }
  ASSERT_TRUE(actual.has_value()) << error;
  EXPECT_TRUE(Same(*actual, *c.expected))
      << "got " << PythonTypeName(*actual) << " " << PythonRepr(*actual) << ", want "
      << PythonTypeName(*c.expected) << " " << PythonRepr(*c.expected);
}

BinaryCase Ok(std::string name, Op op, Value l, Value r, Value want) {
  return {std::move(name), op, std::move(l), std::move(r), std::move(want), ""};
}
BinaryCase Err(std::string name, Op op, Value l, Value r, std::string error) {
  return {std::move(name), op, std::move(l), std::move(r), std::nullopt, std::move(error)};
}

INSTANTIATE_TEST_SUITE_P(
    Conformance, BinaryTest,
    testing::Values(
        // numbers/annotated_int_float_from_expressions, runtime_kind_follows_json_value
        Ok("IntTimesOneStaysInt", Op::kMultiply, I(4), I(1), I(4)),
        Ok("IntPlusHalf", Op::kAdd, I(-4), F(0.5), F(-3.5)),
        Ok("IntDivOne", Op::kDivide, I(-4), I(1), F(-4.0)),
        Ok("JsonIntTimesTwo", Op::kMultiply, I(3), I(2), I(6)),
        Ok("JsonIntFloorHalf", Op::kFloorDivide, I(3), I(2), I(1)),
        Ok("JsonFloatTimesTwo", Op::kMultiply, F(3.0), I(2), F(6.0)),
        Ok("JsonFloatFloor", Op::kFloorDivide, F(-2.5), I(2), F(-2.0)),
        Ok("ZeroHalved", Op::kDivide, I(0), I(2), F(0.0)),
        Ok("ZeroFloored", Op::kFloorDivide, I(0), I(2), I(0)),
        // numbers/bitwise_operators
        Ok("ShiftLeft", Op::kLeftShift, I(1), I(10), I(1024)),
        Ok("ShiftRightNeg", Op::kRightShift, I(-5), I(1), I(-3)),
        Ok("ShiftRight", Op::kRightShift, I(1024), I(3), I(128)),
        Ok("BitAnd", Op::kBitAnd, I(6), I(3), I(2)), Ok("BitOr", Op::kBitOr, I(6), I(3), I(7)),
        Ok("BitXor", Op::kBitXor, I(6), I(3), I(5)),
        Ok("NegAnd", Op::kBitAnd, I(-1), I(255), I(255)),
        Ok("Big", Op::kLeftShift, I(1), I(62), I(int64_t{1} << 62)),
        // numbers/division_by_zero_*: int 0 for any operand kinds
        Ok("IntDiv", Op::kDivide, I(1), I(0), I(0)),
        Ok("IntFloorDiv", Op::kFloorDivide, I(5), I(0), I(0)),
        Ok("IntMod", Op::kModulo, I(5), I(0), I(0)),
        Ok("FloatFloorDiv", Op::kFloorDivide, F(1.5), F(0.0), I(0)),
        Ok("FloatDivZero", Op::kDivide, F(0.0), F(0.0), I(0)),
        Ok("FloatModIntZero", Op::kModulo, F(1.5), I(0), I(0)),
        Ok("NegDivNegZero", Op::kDivide, I(-7), F(-0.0), I(0)),
        Ok("DivFalse", Op::kDivide, I(7), B(false), I(0)),
        Ok("StrDivZero", Op::kDivide, S("a"), I(0), I(0)),
        Ok("Div", Op::kDivide, I(7), F(2.0), F(3.5)),
        Ok("FloorDivFloat", Op::kFloorDivide, I(7), F(2.0), F(3.0)),
        Ok("ModFloat", Op::kModulo, I(7), F(2.0), F(1.0)),
        // numbers/float_infinity_from_overflow, float_negative_zero
        Ok("Inf", Op::kMultiply, F(1e300), F(1e300), F(kInf)),
        Ok("NegInf", Op::kMultiply, F(-1e300), F(1e300), F(-kInf)),
        Ok("ZeroTimesNeg", Op::kMultiply, F(0.0), I(-1), F(-0.0)),
        Ok("NegZeroPlusZero", Op::kAdd, F(-0.0), F(0.0), F(0.0)),
        Ok("PointThree", Op::kAdd, F(0.1), F(0.2), F(0.30000000000000004)),
        // numbers/int_arithmetic_signs, int_float_mixing_kind
        Ok("Sub", Op::kSubtract, I(2), I(7), I(-5)), Ok("Mul", Op::kMultiply, I(-3), I(4), I(-12)),
        Ok("FloorNeg", Op::kFloorDivide, I(-7), I(2), I(-4)),
        Ok("FloorNegDivisor", Op::kFloorDivide, I(7), I(-2), I(-4)),
        Ok("ModNegDividend", Op::kModulo, I(-7), I(3), I(2)),
        Ok("ModNegDivisor", Op::kModulo, I(7), I(-3), I(-2)),
        Ok("ModBothNeg", Op::kModulo, I(-7), I(-3), I(-1)),
        Ok("AddMixed", Op::kAdd, I(1), F(1.0), F(2.0)),
        Ok("ModMixed", Op::kModulo, F(7.5), I(2), F(1.5)),
        Ok("FloatModNeg", Op::kModulo, F(-7.5), I(2), F(0.5)),
        Ok("FloatFloorNeg", Op::kFloorDivide, F(7.5), I(-2), F(-4.0)),
        // numbers/large_ints_within_int64
        Ok("MaxInt", Op::kAdd, I(kMax - 1), I(1), I(kMax)),
        Ok("MinInt", Op::kSubtract, I(-kMax), I(1), I(kMin)),
        Ok("BigMinusOne", Op::kSubtract, I(kMax), I(1), I(kMax - 1)),
        Ok("BeyondDoublePlusOne", Op::kAdd, I(9007199254740993), I(1), I(9007199254740994)),
        // numbers/operator_runtime_errors, power_*, true_division_always_float
        Err("PowOverflow", Op::kPower, F(10.0), I(400), "(34, 'Numerical result out of range')"),
        Err("NegShift", Op::kLeftShift, I(1), I(-1), "negative shift count"),
        Ok("Fine", Op::kPower, I(2), I(8), I(256)), Ok("ZeroZero", Op::kPower, I(0), I(0), I(1)),
        Ok("NegCube", Op::kPower, I(-2), I(3), I(-8)),
        Ok("TenEighteen", Op::kPower, I(10), I(18), I(1000000000000000000)),
        Ok("MinusOneOdd", Op::kPower, I(-1), I(7), I(-1)),
        Ok("NegExp", Op::kPower, I(2), I(-1), F(0.5)),
        Ok("NegExp2", Op::kPower, I(10), I(-3), F(0.001)),
        Ok("SqrtInt", Op::kPower, I(4), F(0.5), F(2.0)),
        Ok("SqrtTwo", Op::kPower, I(2), F(0.5), F(1.4142135623730951)),
        Ok("ZeroFloatPow", Op::kPower, F(0.0), I(0), F(1.0)),
        Ok("Third", Op::kDivide, I(1), I(3), F(0.3333333333333333)),
        Ok("NegDiv", Op::kDivide, I(-7), I(2), F(-3.5)),
        Ok("FloatDiv", Op::kDivide, F(7.5), F(2.5), F(3.0)),
        // strings/concat_and_repeat
        Ok("Concat", Op::kAdd, S("xy"), S("-"), S("xy-")),
        Ok("RepeatRight", Op::kMultiply, S("é😀"), I(3), S("é😀é😀é😀")),
        Ok("RepeatLeft", Op::kMultiply, I(2), S("xy"), S("xyxy")),
        Ok("RepeatZero", Op::kMultiply, S("xy"), I(0), S("")),
        Ok("RepeatNegative", Op::kMultiply, S("xy"), I(-2), S(""))),
    [](const testing::TestParamInfo<BinaryCase>& param_info) { return param_info.param.name; });

// Ints beyond int64, with the results CPython 3.11 gives (python3 -c 'print(...)').
INSTANTIATE_TEST_SUITE_P(
    BigInts, BinaryTest,
    testing::Values(
        // Across the int64 boundary, both ways.
        Ok("AddPastMax", Op::kAdd, I(kMax), I(1), N("9223372036854775808")),
        Ok("SubPastMin", Op::kSubtract, I(kMin), I(1), N("-9223372036854775809")),
        Ok("MulPastMax", Op::kMultiply, I(kMax), I(2), N("18446744073709551614")),
        Ok("BackToMax", Op::kSubtract, N("9223372036854775808"), I(1), I(kMax)),
        Ok("BackToMin", Op::kAdd, N("-9223372036854775809"), I(1), I(kMin)),
        Ok("BigMinusBigIsSmall", Op::kSubtract, N("18446744073709551616"),
           N("18446744073709551616"), I(0)),
        // numbers/large_ints_within_int64's `2**62 * 2 - 1`: the intermediate 2**63 exists.
        Ok("TwoTo63", Op::kMultiply, I(int64_t{1} << 62), I(2), N("9223372036854775808")),
        Ok("FloorDivMin", Op::kFloorDivide, I(kMin), I(-1), N("9223372036854775808")),
        Ok("ModMin", Op::kModulo, I(kMin), I(-1), I(0)),
        Ok("MaxSquared", Op::kPower, I(kMax), I(2), N("85070591730234615847396907784232501249")),
        Ok("PowTwo64", Op::kPower, I(2), I(64), N("18446744073709551616")),
        Ok("PowTwo100", Op::kPower, I(2), I(100), N("1267650600228229401496703205376")),
        Ok("PowNegOdd", Op::kPower, I(-3), I(41), N("-36472996377170786403")),
        Ok("PowMin", Op::kPower, I(-2), I(63), I(kMin)),
        Ok("ShiftPast", Op::kLeftShift, I(1), I(70), N("1180591620717411303424")),
        Ok("ShiftNegPast", Op::kLeftShift, I(-1), I(64), N("-18446744073709551616")),
        Ok("ShiftMin", Op::kLeftShift, I(-1), I(63), I(kMin)),
        Ok("ShiftBigBack", Op::kRightShift, N("1180591620717411303424"), I(69), I(2)),
        Ok("ShiftBigNeg", Op::kRightShift, N("-1180591620717411303424"), I(3),
           N("-147573952589676412928")),
        Ok("ShiftAllOut", Op::kRightShift, N("-1180591620717411303424"), I(200), I(-1)),
        Ok("ShiftByBig", Op::kRightShift, I(5), N("1180591620717411303424"), I(0)),
        Ok("ShiftZeroByBig", Op::kLeftShift, I(0), N("1180591620717411303424"), I(0)),
        Err("ShiftByBigOverflow", Op::kLeftShift, I(1), N("1180591620717411303424"), kTooLarge),
        Err("ShiftBigNegative", Op::kLeftShift, I(1), N("-1180591620717411303424"),
            "negative shift count"),
        // Floor division and modulo: quotients floor, remainders take the divisor's sign.
        Ok("TimestampFloor", Op::kFloorDivide, N("-99999999999999999999"), I(3600),
           N("-27777777777777778")),
        Ok("ModNegBig", Op::kModulo, N("-99999999999999999999"), I(3600), I(801)),
        Ok("FloorNegDivisor", Op::kFloorDivide, N("99999999999999999999"), I(-7),
           N("-14285714285714285715")),
        Ok("ModNegDivisor", Op::kModulo, N("99999999999999999999"), I(-7), I(-6)),
        Ok("FloorNegDividend", Op::kFloorDivide, N("-99999999999999999999"), I(7),
           N("-14285714285714285715")),
        Ok("ModNegDividend", Op::kModulo, N("-99999999999999999999"), I(7), I(6)),
        Ok("SmallModBig", Op::kModulo, I(-7), N("1180591620717411303424"),
           N("1180591620717411303417")),
        Ok("SmallFloorBig", Op::kFloorDivide, I(7), N("-1180591620717411303424"), I(-1)),
        Ok("BigModBigZero", Op::kModulo, N("1180591620717411303424"), N("-590295810358705651712"),
           I(0)),
        Ok("BigDivZero", Op::kFloorDivide, N("99999999999999999999"), I(0), I(0)),
        // Bitwise operators on infinite two's complement.
        Ok("OrBig", Op::kBitOr, N("1180591620717411303424"), I(1), N("1180591620717411303425")),
        Ok("AndNegBig", Op::kBitAnd, N("-1180591620717411303424"), I(255), I(0)),
        Ok("XorMinusOne", Op::kBitXor, N("1180591620717411303424"), I(-1),
           N("-1180591620717411303425")),
        // Mixed with floats: the int converts (rounded half to even), or overflows.
        Ok("BigPlusHalf", Op::kAdd, N("1180591620717411303424"), F(0.5), F(1.1805916207174113e+21)),
        Ok("BigFloorFloat", Op::kFloorDivide, N("1180591620717411303424"), F(2.5),
           F(4.7223664828696455e+20)),
        Ok("BigModFloat", Op::kModulo, N("1180591620717411303424"), F(2.5), F(1.5)),
        Ok("NegHalfModBig", Op::kModulo, F(-0.5), N("1180591620717411303424"),
           F(1.1805916207174113e+21)),
        Err("HugePlusFloat", Op::kAdd, N("1" + std::string(400, '0')), F(0.5),
            "int too large to convert to float"),
        // True division is correctly rounded, and fails beyond the float range.
        Ok("DivBig", Op::kDivide, N("1180591620717411303424"), I(3), F(3.935305402391371e+20)),
        Ok("DivRoundsOnce", Op::kDivide, N("18446744073709551617"), I(2048), F(9007199254740992.0)),
        Ok("DivTiny", Op::kDivide, I(1), N("1" + std::string(400, '0')), F(0.0)),
        Err("DivHuge", Op::kDivide, N("1" + std::string(400, '0')), I(1),
            "integer division result too large for a float"),
        Ok("PowBigNegative", Op::kPower, N("1180591620717411303424"), I(-1),
           F(8.470329472543003e-22)),
        Ok("PowBigHalf", Op::kPower, N("1180591620717411303424"), F(0.5), F(34359738368.0)),
        Ok("OnePowBig", Op::kPower, I(1), N("1180591620717411303424"), I(1)),
        Ok("MinusOnePowBigOdd", Op::kPower, I(-1), N("1180591620717411303425"), I(-1)),
        Ok("ZeroPowBig", Op::kPower, I(0), N("1180591620717411303424"), I(0)),
        Ok("BigPowZero", Op::kPower, N("1180591620717411303424"), I(0), I(1)),
        Ok("TwoPowBigNegative", Op::kPower, I(2), N("-1180591620717411303424"), F(0.0)),
        // Our limit: Python would compute (or run out of memory).
        Err("PowTooLarge", Op::kPower, I(2), I(1 << 21), kTooLarge),
        Err("PowBigTooLarge", Op::kPower, I(2), N("1180591620717411303424"), kTooLarge),
        Ok("PowJustUnderLimit", Op::kPower, I(2), I((1 << 20) - 1),
           IntValue(mpz_class(1) << ((1 << 20) - 1))),
        Err("ShiftTooLarge", Op::kLeftShift, I(1), I(1 << 20), kTooLarge),
        // Sequences repeated a big number of times.
        Err("RepeatBig", Op::kMultiply, S("ab"), N("1180591620717411303424"),
            "cannot fit 'int' into an index-sized integer"),
        Err("RepeatBigNegative", Op::kMultiply, N("-1180591620717411303424"), S("ab"),
            "cannot fit 'int' into an index-sized integer"),
        Ok("TruePlusBig", Op::kAdd, B(true), N("1180591620717411303424"),
           N("1180591620717411303425"))),
    [](const testing::TestParamInfo<BinaryCase>& param_info) { return param_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Deviations, BinaryTest,
    testing::Values(Err("Complex", Op::kPower, I(-8), F(0.5),
                        "negative number cannot be raised to a fractional power"),
                    Err("PrintfFormat", Op::kModulo, S("%d"), I(5),
                        "printf-style string formatting (str % value) is not supported"),
                    Err("HugeRepeat", Op::kMultiply, S("ab"), I(kMax),
                        "repeated string is too long")),
    [](const testing::TestParamInfo<BinaryCase>& param_info) { return param_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    PythonErrors, BinaryTest,
    testing::Values(
        Err("IntPlusStr", Op::kAdd, I(1), S("a"),
            "unsupported operand type(s) for +: 'int' and 'str'"),
        Err("StrPlusInt", Op::kAdd, S("a"), I(1), "can only concatenate str (not \"int\") to str"),
        Err("StrTimesFloat", Op::kMultiply, S("a"), F(1.5),
            "can't multiply sequence by non-int of type 'float'"),
        Err("PowStr", Op::kPower, S("a"), I(2),
            "unsupported operand type(s) for ** or pow(): 'str' and 'int'"),
        Err("ShiftFloat", Op::kLeftShift, F(1.0), I(1),
            "unsupported operand type(s) for <<: 'float' and 'int'"),
        Err("ZeroNegPow", Op::kPower, I(0), I(-1), "0.0 cannot be raised to a negative power"),
        Err("EntityPlus", Op::kAdd, E("User", I(1)), I(1),
            "unsupported operand type(s) for +: 'Entity' and 'int'"),
        Ok("BoolAndBool", Op::kBitAnd, B(true), B(true), B(true)),
        Ok("BoolPlusBool", Op::kAdd, B(true), B(true), I(2)),
        Ok("StrTimesBool", Op::kMultiply, S("a"), B(true), S("a"))),
    [](const testing::TestParamInfo<BinaryCase>& param_info) { return param_info.param.name; });

struct UnaryCase {
  std::string name;
  Value operand;
  std::optional<Value> expected;
  std::string error;
};

// Names the case in gtest's failure output.
void PrintTo(const UnaryCase& c, std::ostream* os) { *os << c.name; }

class NegateTest : public testing::TestWithParam<UnaryCase> {};

TEST_P(NegateTest, Evaluates) {
  std::string error;
  std::optional<Value> actual = Negate(GetParam().operand, &error);
  if (!GetParam().expected) {
    EXPECT_FALSE(actual.has_value());
    EXPECT_EQ(error, GetParam().error);
    return;
  }
  ASSERT_TRUE(actual.has_value()) << error;
  EXPECT_TRUE(Same(*actual, *GetParam().expected)) << PythonRepr(*actual);
}

// numbers/unary_minus and the Entity quirk.
INSTANTIATE_TEST_SUITE_P(
    All, NegateTest,
    testing::Values(UnaryCase{"Int", I(5), I(-5), ""}, UnaryCase{"NegInt", I(-5), I(5), ""},
                    UnaryCase{"Zero", I(0), I(0), ""}, UnaryCase{"Float", F(2.1), F(-2.1), ""},
                    UnaryCase{"NegZero", F(-0.0), F(0.0), ""},
                    UnaryCase{"PosZero", F(0.0), F(-0.0), ""},
                    UnaryCase{"True", B(true), I(-1), ""},
                    UnaryCase{"Min", I(kMin), N("9223372036854775808"), ""},
                    UnaryCase{"BigToMin", N("9223372036854775808"), I(kMin), ""},
                    UnaryCase{"Big", N("-18446744073709551617"), N("18446744073709551617"), ""},
                    UnaryCase{"Entity", E("User", I(1)), std::nullopt,
                              "bad operand type for unary -: 'Entity'"},
                    UnaryCase{"Str", S("a"), std::nullopt, "bad operand type for unary -: 'str'"}),
    [](const testing::TestParamInfo<UnaryCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace osprey::runtime
