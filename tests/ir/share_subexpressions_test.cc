#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "ir/passes.h"
#include "ir/printer.h"
#include "tests/ir/ir_test_util.h"

namespace osprey::ir {
namespace {

// Features every case can read: values that are not constants, so nothing folds.
constexpr const char* kPrelude =
    "A: int = JsonData(path='$.a')\n"
    "B: int = JsonData(path='$.b')\n"
    "S: str = JsonData(path='$.s')\n"
    "P: bool = JsonData(path='$.p')\n"
    "L: List[str] = JsonData(path='$.l')\n"
    "E: Entity[str] = EntityJson(type='User', path='$.e')\n";

// The labels the label effects name.
constexpr const char* kLabels =
    "labels:\n"
    "  spam:\n"
    "    valid_for: [User]\n"
    "  ham:\n"
    "    valid_for: [User]\n";

struct Case {
  std::string name;
  std::string x;  // `X = ...`, or `X: T = ...` when it starts with ':'.
  std::string y;  // Likewise for Y.
  bool shared;    // Whether X and Y end up as one node.
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ShareCommonSubexpressionsTest : public ::testing::TestWithParam<Case> {};

std::string Assignment(const std::string& value) {
  return (value.starts_with(':') ? value : " = " + value) + "\n";
}

NodeId FeatureNode(const Program& program, const std::string& name) {
  for (const Feature& feature : program.features) {
    if (feature.name == name) return feature.value;
  }
  return NodeId{};
}

TEST_P(ShareCommonSubexpressionsTest, SharesOnlyNodesThatRecordNoError) {
  const Case& c = GetParam();
  absl::StatusOr<Program> program = testing::LowerSources(
      {{"main.sml", std::string(kPrelude) + "X" + Assignment(c.x) + "Y" + Assignment(c.y)},
       {"config/labels.yaml", kLabels}},
      /*optimise=*/false);
  ASSERT_TRUE(program.ok()) << program.status();
  ASSERT_NE(FeatureNode(*program, "X"), FeatureNode(*program, "Y"));
  const size_t nodes_before = program->nodes.size();

  const int shared = ShareCommonSubexpressions(*program);
  EXPECT_EQ(program->nodes.size(), nodes_before) << "sharing keeps node ids";
  NodeId x = FeatureNode(*program, "X");
  NodeId y = FeatureNode(*program, "Y");
  ASSERT_TRUE(x.valid() && y.valid());
  EXPECT_EQ(x == y, c.shared) << PrintProgram(*program);
  if (c.shared) {
    EXPECT_GE(shared, 1);
  }
  // Ids stay a topological order: every operand precedes its user.
  for (size_t i = 0; i < program->nodes.size(); ++i) {
    for (NodeId operand : program->nodes[i].operands) {
      EXPECT_LT(operand.value, static_cast<int32_t>(i));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Share, ShareCommonSubexpressionsTest,
    ::testing::Values(
        Case{"Equal", "A == B", "A == B", true}, Case{"NotEqual", "S != 'x'", "S != 'x'", true},
        Case{"EqualNeedsSameOperandOrder", "A == B", "B == A", false},
        Case{"EqualNeedsSameConstant", "S == 'x'", "S == 'y'", false},
        Case{"List", "[A, B]", "[A, B]", true}, Case{"Not", "not P", "not P", true},
        Case{"AndOfShared", "(A == B) and P", "(A == B) and P", true},
        Case{"Or", "P or (S == 'x')", "P or (S == 'x')", true},
        Case{"FormatString", "f'{S}-{A}'", "f'{S}-{A}'", true},
        Case{"FormatStringNeedsSamePieces", "f'{S}-{A}'", "f'{S}+{A}'", false},
        Case{"Unwrap", "E == 'u'", "E == 'u'", true},
        // A few stdlib calls record no error when their arguments have exactly
        // the declared types.
        Case{"StringLengthOfStr", "StringLength(s=S)", "StringLength(s=S)", true},
        Case{"StartsWithSameConstant", "StringStartsWith(s=S, start='a')",
             "StringStartsWith(s=S, start='a')", true},
        Case{"StartsWithOtherConstant", "StringStartsWith(s=S, start='a')",
             "StringStartsWith(s=S, start='b')", false},
        Case{"ListLengthOfList", "ListLength(list=L)", "ListLength(list=L)", true},
        // The entity's id, unwrapped: a str.
        Case{"StringLengthOfEntityId", "StringLength(s=E)", "StringLength(s=E)", true},
        // Label effects are pure constructors: the same entity and label
        // make the same effect.
        Case{"LabelAddSameArguments", "LabelAdd(entity=E, label='spam')",
             "LabelAdd(entity=E, label='spam')", true},
        Case{"LabelRemoveSameArguments", "LabelRemove(entity=E, label='spam')",
             "LabelRemove(entity=E, label='spam')", true},
        Case{"LabelAddOtherLabel", "LabelAdd(entity=E, label='spam')",
             "LabelAdd(entity=E, label='ham')", false},
        Case{"LabelAddOrRemove", "LabelAdd(entity=E, label='spam')",
             "LabelRemove(entity=E, label='spam')", false},
        Case{"LabelAddOtherExpiry",
             "LabelAdd(entity=E, label='spam', expires_after=TimeDelta(days=1))",
             "LabelAdd(entity=E, label='spam', expires_after=TimeDelta(days=2))", false},
        // Arithmetic, ordering, membership, other calls and JSON reads can record
        // an error: each occurrence counts in __error_count, so none is shared.
        Case{"AddStaysTwoNodes", "A + B", "A + B", false},
        Case{"NegateStaysTwoNodes", "-A", "-A", false},
        Case{"LessStaysTwoNodes", "A < B", "A < B", false},
        Case{"InStaysTwoNodes", "S in L", "S in L", false},
        Case{"ComparisonOfAddStaysTwoNodes", "A + B == 3", "A + B == 3", false},
        Case{"CallThatCanFailStaysTwoNodes", "StringSplit(s=S, sep=S)", "StringSplit(s=S, sep=S)",
             false},
        Case{"JsonReadStaysTwoNodes", ": int = JsonData(path='$.x')",
             ": int = JsonData(path='$.x')", false}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(ShareCommonSubexpressionsRewriteTest, RewritesUsersStatementsAndFeatures) {
  absl::StatusOr<Program> program = testing::LowerSources(
      {{"main.sml", std::string(kPrelude) + "X = A == B\nY = A == B\n"
                                            "R = Rule(when_all=[A == B, P], description='r')\n"}},
      /*optimise=*/false);
  ASSERT_TRUE(program.ok()) << program.status();
  ShareCommonSubexpressions(*program);
  NodeId x = FeatureNode(*program, "X");
  EXPECT_EQ(FeatureNode(*program, "Y"), x);
  const Node& rule = program->node(FeatureNode(*program, "R"));
  ASSERT_EQ(rule.op, Op::kRule);
  EXPECT_EQ(program->node(rule.operands[0]).operands[0], x) << PrintProgram(*program);
  const File& main = program->files[program->entry];
  EXPECT_EQ(main.statements[main.statements.size() - 2], x);
  // A second run changes nothing. (It does count the duplicates the first run left unused
  // again: the count is not "nodes newly made redundant".)
  const std::string once = PrintProgram(*program);
  ShareCommonSubexpressions(*program);
  EXPECT_EQ(PrintProgram(*program), once);
}

}  // namespace
}  // namespace osprey::ir
