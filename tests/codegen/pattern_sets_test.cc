// ir::GroupPatternSets and the engines' pattern-set paths: which tests are grouped, and that
// every action gives byte-for-byte the result it gives with the pass off — values, failed
// (null) features and __error_count — including targets that fail, are None, are entities (which
// RegexMatch unwraps and `in` does not), and patterns the automaton does not cover.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "frontend/validate.h"
#include "gtest/gtest.h"
#include "ir/lower.h"
#include "ir/passes.h"
#include "ir/printer.h"
#include "runtime/stream_evaluator.h"
#include "tools/compile_rules.h"

namespace osprey::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRules = R"(
Text: str = JsonData(path='$.text')
Missing: str = JsonData(path='$.missing', required=False)
Maybe: str = JsonData(path='$.maybe', required=False)
User: Entity[str] = EntityJson(type='User', path='$.user')
Spam = RegexMatch(pattern='spam', target=Text)
FreeMoney = RegexMatch(pattern=r'^free\s+money', target=Text)
Cat = RegexMatch(pattern=r'\bcat\b', target=Text)
Accent = RegexMatch(pattern='é+', target=Text)
Dollar = RegexMatch(pattern='end$', target=Text)
SpamCi = RegexMatch(pattern='SPAM', target=Text, case_insensitive=True)
HamCi = RegexMatch(pattern='h[a-z]m', target=Text, case_insensitive=True)
AccentCi = RegexMatch(pattern='É', target=Text, case_insensitive=True)
HasSpam = 'spam' in Text
NoEggs = 'eggs' not in Text
HasDot = '.' in Text
MissingA = RegexMatch(pattern='a', target=Missing)
MissingB = RegexMatch(pattern='b', target=Missing)
MissingIn = 'a' in Missing
MaybeA = 'a' in Maybe
MaybeB = 'b' not in Maybe
UserU = RegexMatch(pattern='^u', target=User)
UserDigits = RegexMatch(pattern='[0-9]+', target=User)
UserIn = 'u' in User
UserNotIn = 'x' not in User
Single = RegexMatch(pattern='alone', target=Maybe)
Lonely = RegexMatch(pattern='U', target=User, case_insensitive=True)
AnyHit = Rule(when_all=[Spam or Cat or HasSpam], description='hit')
)";

constexpr const char* kActions[] = {
    R"({"action_id":1,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"text":"spam and eggs","user":"u1","maybe":"abc"}})",
    R"({"action_id":2,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"text":"free   money. a cat!","user":"x9","maybe":null}})",
    R"({"action_id":3,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"text":"ÉÉ end","missing":"ab","user":"user"}})",
    R"({"action_id":4,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"text":"","user":""}})",
    R"({"action_id":5,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"text":"HAM and SPAM\nend\n","user":"u"}})",
    R"({"action_id":6,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"text":"scatter é","missing":5,"user":"u2"}})",
    R"({"action_id":7,"action_name":"post","timestamp":"2025-08-25T14:30:45+00:00","data":{"user":"u3"}})",
};

class PatternSetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A parameterised test's name has a '/': one directory, not two.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() /
           ("osprey_pattern_sets_" + std::to_string(::getpid()) + "_" + name);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "main.sml") << kRules;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> Run(bool pattern_sets,
                               tools::Engine engine = tools::Engine::kInterpreter,
                               int opt_level = 2) {
    frontend::DiagnosticSink sink;
    tools::CompileOptions options;
    options.pattern_sets = pattern_sets;
    options.engine = engine;
    options.opt_level = opt_level;
    absl::StatusOr<tools::CompiledRules> compiled =
        tools::CompileRulesDirectory(dir_.string(), options, sink);
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    if (!compiled.ok() || compiled->ruleset == nullptr) {
      ADD_FAILURE() << "the rules do not validate";
      return {};
    }
    runtime::StreamEvaluator evaluator(*compiled->ruleset, nullptr);
    std::vector<std::string> out;
    int64_t line = 0;
    for (const char* action : kActions) out.push_back(evaluator.EvaluateLine(action, ++line));
    return out;
  }

  fs::path dir_;
};

TEST_F(PatternSetsTest, GroupsTestsOfOneText) {
  frontend::DiagnosticSink sink;
  absl::StatusOr<frontend::ValidatedRuleset> validated =
      frontend::ValidateDirectory(dir_, {}, sink);
  ASSERT_TRUE(validated.ok()) << validated.status();
  ASSERT_TRUE(validated->valid);
  absl::StatusOr<ir::Program> program = ir::Lower(*validated);
  ASSERT_TRUE(program.ok()) << program.status();
  ir::ShareCommonSubexpressions(*program);
  // Text: 5 case-sensitive regexes + 3 substring tests, and 3 case-insensitive regexes;
  // Missing: 2 + 1; Maybe: `Single` + 2 substring tests; User: 2 regexes + 2 substring tests
  // (`Lonely` stays a call: it is the only case-insensitive test of User).
  EXPECT_EQ(ir::GroupPatternSets(*program), 21) << ir::PrintProgram(*program);
  ASSERT_EQ(program->pattern_sets.size(), 5u);  // Text twice, Missing, Maybe, User.
  size_t members = 0;
  for (const ir::PatternSet& set : program->pattern_sets) members += set.members.size();
  EXPECT_EQ(members, 21u);
  EXPECT_NE(ir::PrintProgram(*program).find("pattern_match set"), std::string::npos);
}

// The engines that answer members from their sets: the interpreter, and compiled code at
// both tiers (which asks the runtime for each member's answer and computes the member in full
// when the set cannot answer).
struct EngineCase {
  std::string name;
  tools::Engine engine;
  int opt_level;
};

void PrintTo(const EngineCase& engine_case, std::ostream* os) { *os << engine_case.name; }

class PatternSetsEngineTest : public PatternSetsTest,
                              public ::testing::WithParamInterface<EngineCase> {};

TEST_P(PatternSetsEngineTest, SameResultsAsOneByOne) {
  std::vector<std::string> one_by_one = Run(false);
  std::vector<std::string> grouped = Run(true, GetParam().engine, GetParam().opt_level);
  ASSERT_EQ(one_by_one.size(), std::size(kActions));
  for (size_t i = 0; i < one_by_one.size(); ++i) {
    EXPECT_EQ(grouped[i], one_by_one[i]) << "action " << i + 1;
  }
  // Spot checks that the results are the expected ones, not merely equal.
  EXPECT_NE(grouped[0].find(R"("Spam": true)"), std::string::npos) << grouped[0];
  EXPECT_NE(grouped[0].find(R"("NoEggs": false)"), std::string::npos) << grouped[0];
  EXPECT_NE(grouped[1].find(R"("FreeMoney": true)"), std::string::npos) << grouped[1];
  EXPECT_NE(grouped[2].find(R"("AccentCi": true)"), std::string::npos) << grouped[2];
  EXPECT_NE(grouped[4].find(R"("SpamCi": true)"), std::string::npos) << grouped[4];
  EXPECT_NE(grouped[4].find(R"("Dollar": true)"), std::string::npos) << grouped[4];
  // A set whose target is an entity: its regex members read the id, its `in` members take the
  // comparison's own path, whichever member is reached first.
  EXPECT_NE(grouped[0].find(R"("UserU": true)"), std::string::npos) << grouped[0];
  EXPECT_NE(grouped[0].find(R"("UserIn": true, "UserNotIn": true)"), std::string::npos)
      << grouped[0];
  EXPECT_NE(grouped[1].find(R"("UserIn": false, "UserNotIn": false)"), std::string::npos)
      << grouped[1];
}

INSTANTIATE_TEST_SUITE_P(
    Engines, PatternSetsEngineTest,
    ::testing::Values(EngineCase{"Interpreter", tools::Engine::kInterpreter, 2},
                      EngineCase{"JitFast", tools::Engine::kJit, 0},
                      EngineCase{"JitOptimised", tools::Engine::kJit, 2}),
    [](const ::testing::TestParamInfo<EngineCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace osprey::testing
