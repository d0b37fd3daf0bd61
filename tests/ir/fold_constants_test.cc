#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "ir/passes.h"
#include "ir/printer.h"
#include "tests/ir/ir_test_util.h"

namespace osprey::ir {
namespace {

struct Case {
  std::string name;
  std::string expression;         // The value of `X = ...` in main.sml.
  std::optional<int64_t> folded;  // nullopt: the node must stay as it is.
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class FoldConstantsTest : public ::testing::TestWithParam<Case> {};

TEST_P(FoldConstantsTest, FoldsOnlyExactIntResults) {
  const Case& c = GetParam();
  absl::StatusOr<Program> program = testing::LowerSources(
      {{"main.sml", "Id = GetActionId()\nX = " + c.expression + "\n"}}, /*optimise=*/false);
  ASSERT_TRUE(program.ok()) << program.status();
  const NodeId x = program->files[program->entry].statements.back();
  const Op op_before = program->node(x).op;
  ASSERT_NE(op_before, Op::kConstant) << "the expression must not be a literal";
  const size_t nodes_before = program->nodes.size();

  const int folded = FoldConstants(*program);
  const Node& node = program->node(x);
  EXPECT_EQ(program->nodes.size(), nodes_before) << "folding keeps node ids";
  if (c.folded) {
    ASSERT_EQ(node.op, Op::kConstant) << PrintProgram(*program);
    ASSERT_TRUE(node.constant.is_int()) << PrintProgram(*program);
    EXPECT_EQ(node.constant.as_int(), *c.folded);
    EXPECT_TRUE(node.operands.empty());
    EXPECT_GE(folded, 1);
  } else {
    EXPECT_EQ(node.op, op_before) << PrintProgram(*program);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fold, FoldConstantsTest,
    ::testing::Values(
        Case{"Add", "1 + 2", 3}, Case{"Subtract", "1 - 5", -4}, Case{"Multiply", "6 * 7", 42},
        Case{"Nested", "(1 + 2) * (3 + 4)", 21}, Case{"Negate", "-(3 + 4)", -7},
        Case{"NegativeLiteral", "-5 + 0", -5}, Case{"FloorDivideRoundsDown", "-7 // 2", -4},
        Case{"FloorDivideNegativeDivisor", "7 // -2", -4},
        Case{"ModuloTakesDivisorSign", "-7 % 3", 2}, Case{"ModuloNegativeDivisor", "7 % -3", -2},
        Case{"FloorDivideByZeroIsZero", "7 // 0", 0}, Case{"ModuloByZeroIsZero", "7 % 0", 0},
        Case{"Power", "2 ** 10", 1024}, Case{"NegativeBasePower", "(-2) ** 5", -32},
        Case{"MinusOnePower", "(-1) ** 7", -1}, Case{"ZeroPower", "5 ** 0", 1},
        Case{"BigPowerOfOne", "1 ** 100000000000", 1},
        Case{"PowerToInt64Max", "2 ** 62 - 1 + 2 ** 62", INT64_MAX},
        Case{"LeftShift", "1 << 62", int64_t{1} << 62}, Case{"RightShiftNegative", "-5 >> 1", -3},
        Case{"RightShiftFar", "-5 >> 300", -1}, Case{"BitOps", "(12 & 10) | (12 ^ 10)", 14},
        // Exact in 127 bits in between: the left operand does not fit in 64 bits.
        Case{"WideIntermediate", "4611686018427387904 * 2 - 1", INT64_MAX},
        Case{"Int64Min", "-9223372036854775807 - 1", INT64_MIN},
        // Literals beyond int64 are exact too (to 127 bits).
        Case{"HugeLiteral", "9223372036854775808 - 1", INT64_MAX},
        Case{"Int64MinLiteral", "-9223372036854775808", INT64_MIN},
        Case{"BigLiterals", "99999999999999999999 - 99999999999999999998", 1},
        Case{"HexLiteral", "0x1_0000_0000_0000_0000 >> 4", int64_t{1} << 60},
        Case{"BigDivisor", "-7 // 99999999999999999999", -1},
        // Not folded: a float in Python, or a result beyond int64, which the runtime computes
        // exactly (a big int).
        Case{"TrueDivision", "6 / 2", std::nullopt},
        Case{"TrueDivisionByZero", "6 / 0", std::nullopt},
        Case{"NegativeExponent", "2 ** -1", std::nullopt},
        Case{"PowerOverflow", "2 ** 63", std::nullopt},
        Case{"AddOverflow", "9223372036854775807 + 1", std::nullopt},
        Case{"MultiplyOverflow", "4611686018427387904 * 2", std::nullopt},
        Case{"NegateOverflow", "-(-9223372036854775807 - 1)", std::nullopt},
        Case{"ShiftOverflow", "1 << 63", std::nullopt},
        Case{"NegativeShift", "1 << -1", std::nullopt},
        Case{"BigResult", "99999999999999999999 + 1", std::nullopt},
        Case{"NegatedBigLiteral", "-99999999999999999999", std::nullopt},
        // Beyond 127 bits: left to the runtime, not folded wrongly.
        Case{"LiteralBeyond127Bits", "170141183460469231731687303715884105728 - 1", std::nullopt},
        Case{"ProductBeyond127Bits",
             "85070591730234615865843651857942052864 * 4 // 42535295865117307932921825928971026432",
             std::nullopt},
        Case{"PowerBeyond127Bits", "2 ** 200 // 2 ** 190", std::nullopt},
        Case{"Float", "1.5 + 2", std::nullopt}, Case{"String", "'a' + 'b'", std::nullopt},
        Case{"NotConstant", "Id + 2", std::nullopt}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(FoldConstantsCountTest, CountsFoldedNodesAndFoldsOperandsOfNonConstants) {
  absl::StatusOr<Program> program =
      testing::LowerSources({{"main.sml", "Id = GetActionId()\nX = Id + 2 * 3\n"}}, false);
  ASSERT_TRUE(program.ok()) << program.status();
  EXPECT_EQ(FoldConstants(*program), 1);
  const Node& x = program->node(program->files[program->entry].statements.back());
  ASSERT_EQ(x.op, Op::kBinary);
  const Node& right = program->node(x.operands[1]);
  ASSERT_EQ(right.op, Op::kConstant);
  EXPECT_EQ(right.constant.as_int(), 6);
  EXPECT_EQ(FoldConstants(*program), 0) << "a second run finds nothing new";
}

}  // namespace
}  // namespace osprey::ir
