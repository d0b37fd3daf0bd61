#include "ir/action_paths.h"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "frontend/validate.h"
#include "gtest/gtest.h"
#include "tests/ir/ir_test_util.h"

namespace osprey::ir {
namespace {

// One line per partition: `name: files [a.sml, b.sml] reads [data $.x, secret_data $.y]`, the
// catch-all partition named `*`.
std::string Describe(const Program& program, const ActionPaths& paths) {
  std::string out;
  for (const ActionPartition& partition : paths.partitions) {
    std::vector<std::string> files;
    for (int32_t file : partition.files) files.push_back(program.files[file].path);
    std::sort(files.begin(), files.end());
    out += partition.action_name.value_or("*") + ": files [";
    for (size_t i = 0; i < files.size(); ++i) out += (i > 0 ? ", " : "") + files[i];
    out += "] reads [";
    for (size_t i = 0; i < partition.paths.size(); ++i) {
      const PathRead& read = partition.paths[i];
      out += (i > 0 ? ", " : "");
      out += read.source == JsonSource::kData ? "data " : "secret_data ";
      out += read.path_text;
    }
    out += "]\n";
  }
  return out;
}

struct Case {
  std::string name;
  testing::SourceFiles files;
  std::string expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ActionPathsTest : public ::testing::TestWithParam<Case> {};

TEST_P(ActionPathsTest, Partitions) {
  const Case& c = GetParam();
  absl::StatusOr<Program> program = testing::LowerSources(c.files, /*optimise=*/true);
  ASSERT_TRUE(program.ok()) << program.status();
  ActionPaths paths = ComputeActionPaths(*program);
  EXPECT_EQ(Describe(*program, paths), c.expected);
  // The analysis does not depend on the passes: they keep every JSON read and Require.
  absl::StatusOr<Program> unoptimised = testing::LowerSources(c.files, /*optimise=*/false);
  ASSERT_TRUE(unoptimised.ok()) << unoptimised.status();
  EXPECT_EQ(Describe(*unoptimised, ComputeActionPaths(*unoptimised)), c.expected);
}

constexpr const char* kActionName = "ActionName = GetActionName()\n";

INSTANTIATE_TEST_SUITE_P(
    ActionPaths, ActionPathsTest,
    ::testing::Values(
        Case{"NoRequire",
             {{"main.sml",
               "UserId: Entity[str] = EntityJson(type='User', path='$.user.id')\n"
               "Token: Secret[str] = JsonData(path='$.token')\n"
               "Name: str = JsonData(path='$.user.name', required=False)\n"
               "NameAgain: Optional[str] = JsonData(path='$.user.name', required=False)\n"
               "Id = GetActionId()\n"}},
             "*: files [main.sml] reads [data $.user.id, data $.user.name, "
             "secret_data $.token]\n"},
        Case{"ImportsAreAlwaysRead",
             {{"main.sml", "Import(rules=['models/a.sml'])\nX = A\n"},
              {"models/a.sml", "Import(rules=['models/b.sml'])\nA: str = JsonData(path='$.a')\n"},
              {"models/b.sml", "B: int = JsonData(path='$.b')\n"}},
             "*: files [main.sml, models/a.sml, models/b.sml] reads [data $.a, data $.b]\n"},
        Case{
            "FStringOfTheActionName",
            {{"main.sml", std::string(kActionName) + "Require(rule=f'actions/{ActionName}.sml')\n"},
             {"actions/login.sml", "User: str = JsonData(path='$.user')\n"},
             {"actions/post.sml",
              "Import(rules=['models/post.sml'])\nText: str = JsonData(path='$.text')\n"},
             {"models/post.sml", "PostId: int = JsonData(path='$.post.id')\n"}},
            "login: files [actions/login.sml, main.sml] reads [data $.user]\n"
            "post: files [actions/post.sml, main.sml, models/post.sml] reads [data $.post.id, "
            "data $.text]\n"
            "*: files [main.sml] reads []\n"},
        Case{"FStringUsingTheNameTwice",
             {{"main.sml",
               std::string(kActionName) + "Require(rule=f'{ActionName}/{ActionName}.sml')\n"},
              {"a/a.sml", "A: str = JsonData(path='$.a')\n"},
              {"b/b.sml", "B: str = JsonData(path='$.b')\n"}},
             "a: files [a/a.sml, main.sml] reads [data $.a]\n"
             "b: files [b/b.sml, main.sml] reads [data $.b]\n"
             "*: files [main.sml] reads []\n"},
        Case{"ConstantPathIsAlwaysTaken",
             {{"main.sml", "Require(rule='extra.sml')\n"},
              {"extra.sml", "E: str = JsonData(path='$.e')\n"}},
             "*: files [extra.sml, main.sml] reads [data $.e]\n"},
        Case{"RequireIfComparesTheActionName",
             {{"main.sml", std::string(kActionName) +
                               "Require(rule='login.sml', require_if=ActionName == 'login')\n"
                               "Require(rule='signup.sml', require_if='signup' == ActionName)\n"},
              {"login.sml", "L: str = JsonData(path='$.l')\n"},
              {"signup.sml", "S: str = JsonData(path='$.s')\n"}},
             "login: files [login.sml, main.sml] reads [data $.l]\n"
             "signup: files [main.sml, signup.sml] reads [data $.s]\n"
             "*: files [main.sml] reads []\n"},
        Case{"ConstantRequireIf",
             {{"main.sml",
               "Require(rule='yes.sml', require_if=True)\n"
               "Require(rule='no.sml', require_if=False)\n"},
              {"yes.sml", "Y: str = JsonData(path='$.y')\n"},
              {"no.sml", "N: str = JsonData(path='$.n')\n"}},
             "*: files [main.sml, yes.sml] reads [data $.y]\n"},
        Case{"RequireIfOnDataIsConservative",
             {{"main.sml",
               "Flag: bool = JsonData(path='$.flag', required=False)\n"
               "Require(rule='flagged.sml', require_if=Flag)\n"},
              {"flagged.sml", "F: str = JsonData(path='$.f')\n"}},
             "*: files [flagged.sml, main.sml] reads [data $.f, data $.flag]\n"},
        Case{"OtherComparisonIsConservative",
             {{"main.sml", std::string(kActionName) +
                               "Require(rule='x.sml', require_if=ActionName != 'login')\n"},
              {"x.sml", "X: str = JsonData(path='$.x')\n"}},
             "*: files [main.sml, x.sml] reads [data $.x]\n"},
        Case{"PathOnDataIsConservative",
             {{"main.sml", std::string(kActionName) +
                               "Kind: str = JsonData(path='$.kind')\n"
                               "Require(rule=f'kinds/{ActionName}_{Kind}.sml')\n"},
              {"kinds/a_1.sml", "A: str = JsonData(path='$.a')\n"},
              {"kinds/b_2.sml", "B: str = JsonData(path='$.b')\n"}},
             "*: files [kinds/a_1.sml, kinds/b_2.sml, main.sml] reads [data $.a, data $.b, "
             "data $.kind]\n"},
        Case{"NameConditionAndNamePath",
             {{"main.sml",
               std::string(kActionName) +
                   "Require(rule=f'actions/{ActionName}.sml', require_if=ActionName == 'a')\n"},
              {"actions/a.sml", "A: str = JsonData(path='$.a')\n"},
              {"actions/b.sml", "B: str = JsonData(path='$.b')\n"}},
             "a: files [actions/a.sml, main.sml] reads [data $.a]\n"
             "b: files [main.sml] reads []\n"
             "*: files [main.sml] reads []\n"},
        Case{"NestedRequiresAndSharedFeatures",
             {{"main.sml",
               "Import(rules=['models/base.sml', 'models/user.sml'])\n"
               "Require(rule=f'actions/{ActionName}.sml')\n"},
              {"models/base.sml", kActionName},
              {"models/user.sml", "UserName: str = JsonData(path='$.user.name')\n"},
              {"actions/a.sml",
               "Import(rules=['models/base.sml', 'models/user.sml'])\n"
               "Require(rule='deep/only_a.sml', require_if=ActionName == 'a')\n"
               "Long = Rule(when_all=[UserName == 'x'], description='d')\n"},
              {"deep/only_a.sml",
               "Import(rules=['models/user.sml'])\n"
               "Deep: Secret[str] = JsonData(path='$.deep')\n"}},
             "a: files [actions/a.sml, deep/only_a.sml, main.sml, models/base.sml, "
             "models/user.sml] reads [data $.user.name, secret_data $.deep]\n"
             "*: files [main.sml, models/base.sml, models/user.sml] reads "
             "[data $.user.name]\n"}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(ActionPathsExampleTest, ExampleRules) {
  frontend::DiagnosticSink sink;
  absl::StatusOr<frontend::ValidatedRuleset> ruleset =
      frontend::ValidateDirectory("examples/rules", frontend::ValidateOptions{}, sink);
  ASSERT_TRUE(ruleset.ok()) << ruleset.status();
  absl::StatusOr<Program> program = testing::LowerValidated(*ruleset, sink);
  ASSERT_TRUE(program.ok()) << program.status();
  testing::Optimise(*program);
  ActionPaths paths = ComputeActionPaths(*program);
  EXPECT_EQ(Describe(*program, paths),
            "create_post: files [main.sml, models/base.sml, models/post.sml, models/user.sml, "
            "rules/create_post.sml] reads [data $.post.id, data $.post.links, data $.post.text, "
            "data $.user.created_at, data $.user.email, data $.user.id, data $.user.name]\n"
            "register: files [main.sml, models/base.sml, models/user.sml, rules/register.sml] "
            "reads [data $.user.created_at, data $.user.email, data $.user.id, "
            "data $.user.name]\n"
            "*: files [main.sml, models/base.sml] reads []\n");
  EXPECT_EQ(paths.ForActionName("register").action_name, "register");
  EXPECT_EQ(paths.ForActionName("login").action_name, std::nullopt);
  EXPECT_EQ(paths.ForActionName("login").files, paths.partitions.back().files);
}

}  // namespace
}  // namespace osprey::ir
