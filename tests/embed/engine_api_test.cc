// The C++ embedding API (embed/osprey_jit/engine.h), through the shared library: loading,
// Osprey's reload contract, diagnostics, swaps, tiers and the structured results.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "osprey_jit/engine.h"

namespace {

using osprey_jit::Engine;
using osprey_jit::EngineOptions;
using osprey_jit::LoadResult;

constexpr const char* kHigh = R"(
Score: int = JsonData(path='$.score')
High = Rule(when_all=[Score > 10], description='high score')
WhenRules(rules_any=[High], then=[DeclareVerdict(verdict='review')])
)";
// The same feature names, visibly different results: the threshold moved.
constexpr const char* kHigher = R"(
Score: int = JsonData(path='$.score')
High = Rule(when_all=[Score > 100], description='high score')
WhenRules(rules_any=[High], then=[DeclareVerdict(verdict='review')])
)";

std::string Action(int id, int score) {
  return "{\"action_id\": " + std::to_string(id) +
         ", \"action_name\": \"a\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"data\": "
         "{\"score\": " +
         std::to_string(score) + "}}";
}

std::unique_ptr<Engine> MakeEngine(EngineOptions options = {}) {
  std::string error;
  std::unique_ptr<Engine> engine = Engine::Create(options, &error);
  EXPECT_NE(engine, nullptr) << error;
  return engine;
}

TEST(EngineApi, BeforeAnyLoadEveryResultIsAnErrorRecord) {
  std::unique_ptr<Engine> engine = MakeEngine();
  std::vector<osprey_jit::Result> results = engine->Evaluate({Action(1, 50), Action(2, 5)});
  ASSERT_EQ(results.size(), 2u);
  for (const osprey_jit::Result& result : results) {
    EXPECT_TRUE(result.is_error);
    EXPECT_NE(result.json.find("\"__error\""), std::string::npos) << result.json;
  }
  EXPECT_EQ(engine->applied_ruleset_id(), "");
}

TEST(EngineApi, EvaluatesWithStructuredResults) {
  std::unique_ptr<Engine> engine = MakeEngine();
  LoadResult loaded = engine->LoadSources({{"main.sml", kHigh}});
  ASSERT_EQ(loaded.outcome, LoadResult::Outcome::kApplied) << loaded.rendered_diagnostics;
  EXPECT_EQ(engine->applied_ruleset_id(), loaded.ruleset_id);
  std::vector<osprey_jit::Result> results =
      engine->Evaluate({Action(7, 50), "not json", Action(9, 5)});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].action_id, 7);
  EXPECT_EQ(results[0].true_rules, std::vector<std::string>{"High"});
  EXPECT_EQ(results[0].verdicts, std::vector<std::string>{"review"});
  EXPECT_EQ(results[0].ruleset_id, loaded.ruleset_id);
  EXPECT_NE(results[0].json.find("\"High\": true"), std::string::npos) << results[0].json;
  EXPECT_TRUE(results[1].is_error);
  EXPECT_NE(results[1].json.find("\"__line\": 2"), std::string::npos) << results[1].json;
  EXPECT_FALSE(results[2].is_error);
  EXPECT_TRUE(results[2].true_rules.empty());
  EXPECT_TRUE(results[2].verdicts.empty());
}

TEST(EngineApi, TheSameRulesetAgainIsSkipped) {
  std::unique_ptr<Engine> engine = MakeEngine();
  ASSERT_EQ(engine->LoadSources({{"main.sml", kHigh}}).outcome, LoadResult::Outcome::kApplied);
  LoadResult again = engine->LoadSources({{"main.sml", kHigh}});
  EXPECT_EQ(again.outcome, LoadResult::Outcome::kUnchanged);
  EXPECT_EQ(again.ruleset_id, engine->applied_ruleset_id());
}

TEST(EngineApi, InvalidRulesKeepTheRunningRulesetAndReportWhere) {
  std::unique_ptr<Engine> engine = MakeEngine();
  LoadResult good = engine->LoadSources({{"main.sml", kHigh}});
  ASSERT_EQ(good.outcome, LoadResult::Outcome::kApplied);
  LoadResult bad = engine->LoadSources({{"main.sml",
                                         "Score: int = JsonData(path='$.score')\n"
                                         "High = Rule(when_all=[Scor > 1], "
                                         "description='x')\n"}});
  EXPECT_EQ(bad.outcome, LoadResult::Outcome::kRejected);
  ASSERT_FALSE(bad.diagnostics.empty());
  EXPECT_EQ(bad.diagnostics[0].path, "main.sml");
  EXPECT_EQ(bad.diagnostics[0].line, 2);
  EXPECT_GT(bad.diagnostics[0].column, 0);
  EXPECT_EQ(bad.diagnostics[0].severity, "error");
  EXPECT_NE(bad.rendered_diagnostics.find("main.sml:2:"), std::string::npos)
      << bad.rendered_diagnostics;
  EXPECT_EQ(engine->applied_ruleset_id(), good.ruleset_id);
  EXPECT_EQ(engine->last_diagnostics().size(), bad.diagnostics.size());
  std::vector<osprey_jit::Result> results = engine->Evaluate({Action(1, 50)});
  EXPECT_EQ(results[0].true_rules, std::vector<std::string>{"High"});
  EXPECT_EQ(results[0].ruleset_id, good.ruleset_id);
}

TEST(EngineApi, ASwapShowsInTheNextBatchAndEachResultNamesItsRuleset) {
  std::unique_ptr<Engine> engine = MakeEngine();
  LoadResult first = engine->LoadSources({{"main.sml", kHigh}});
  std::vector<osprey_jit::Result> before = engine->Evaluate({Action(1, 50)});
  LoadResult second = engine->LoadSources({{"main.sml", kHigher}});
  ASSERT_EQ(second.outcome, LoadResult::Outcome::kApplied);
  EXPECT_NE(first.ruleset_id, second.ruleset_id);
  std::vector<osprey_jit::Result> after = engine->Evaluate({Action(2, 50)});
  EXPECT_EQ(before[0].ruleset_id, first.ruleset_id);
  EXPECT_EQ(before[0].true_rules, std::vector<std::string>{"High"});
  EXPECT_EQ(after[0].ruleset_id, second.ruleset_id);
  EXPECT_TRUE(after[0].true_rules.empty());
}

TEST(EngineApi, TheOptimisedTierChangesNoResult) {
  EngineOptions options;
  options.optimize_in_background = true;
  std::unique_ptr<Engine> engine = MakeEngine(options);
  ASSERT_EQ(engine->LoadSources({{"main.sml", kHigh}}).outcome, LoadResult::Outcome::kApplied);
  std::vector<std::string> actions = {Action(1, 50), Action(2, 5), Action(3, 11)};
  std::vector<osprey_jit::Result> fast = engine->Evaluate(actions);
  engine->WaitForOptimizedTier();
  std::vector<osprey_jit::Result> optimized = engine->Evaluate(actions);
  ASSERT_EQ(fast.size(), optimized.size());
  for (size_t i = 0; i < fast.size(); ++i) {
    EXPECT_EQ(fast[i].json, optimized[i].json);
    EXPECT_EQ(fast[i].ruleset_id, optimized[i].ruleset_id);
  }
}

TEST(EngineApi, HitsModeAndTheRulesetKey) {
  EngineOptions options;
  options.emit = osprey_jit::Emit::kHits;
  std::unique_ptr<Engine> engine = MakeEngine(options);
  LoadResult loaded = engine->LoadSources({{"main.sml", kHigh}});
  std::vector<osprey_jit::Result> results = engine->Evaluate({Action(1, 50)});
  EXPECT_EQ(results[0].json, "{\"__action_id\": 1, \"__ruleset\": \"" + loaded.ruleset_id +
                                 "\", \"__error_count\": 0, \"__rules\": [\"High\"], "
                                 "\"__verdicts\": [\"review\"]}");
}

TEST(EngineApi, ADirectoryThatDoesNotExistIsAnError) {
  std::unique_ptr<Engine> engine = MakeEngine();
  LoadResult result = engine->LoadDirectory("/nonexistent/rules");
  EXPECT_EQ(result.outcome, LoadResult::Outcome::kRejected);
  EXPECT_FALSE(result.error.empty());
}

}  // namespace
