// The C++ embedding API (embed/osprey_jit/engine.h), through the shared library: loading,
// Osprey's reload contract, diagnostics, swaps, tiers and the structured results.
#include <map>
#include <memory>
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

// An embedder's label store: a map, recording what the engine asked and applied.
class MapLabelStore : public osprey_jit::LabelStore {
 public:
  std::optional<osprey_jit::LabelState> Get(const std::string& entity_type,
                                            const std::string& entity_id,
                                            const std::string& label) const override {
    auto it = labels_.find(entity_type + "/" + entity_id + "/" + label);
    if (it == labels_.end()) return std::nullopt;
    return it->second;
  }
  bool HasAnyLabel(const std::string& entity_type, const std::string& entity_id) const override {
    const std::string prefix = entity_type + "/" + entity_id + "/";
    auto it = labels_.lower_bound(prefix);
    return it != labels_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
  }
  void Apply(const std::vector<osprey_jit::LabelMutation>& mutations) override {
    for (const osprey_jit::LabelMutation& mutation : mutations) {
      applied.push_back(mutation);
      osprey_jit::LabelState& state =
          labels_[mutation.entity_type + "/" + mutation.entity_id + "/" + mutation.label];
      state.status =
          mutation.add ? osprey_jit::LabelStatus::kAdded : osprey_jit::LabelStatus::kRemoved;
      state.reasons = {mutation.reason};
    }
  }
  // A label with one unexpiring reason (a label whose reasons all expired counts as absent).
  void Set(const std::string& key, osprey_jit::LabelStatus status) {
    labels_[key] = osprey_jit::LabelState{status, {osprey_jit::LabelReason{"seeded", 0, {}}}};
  }
  std::vector<osprey_jit::LabelMutation> applied;

 private:
  std::map<std::string, osprey_jit::LabelState> labels_;
};

TEST(EngineApi, AnEmbeddersLabelStoreIsReadAndWritten) {
  auto store = std::make_shared<MapLabelStore>();
  store->Set("User/u2/spammer", osprey_jit::LabelStatus::kManuallyAdded);
  EngineOptions options;
  options.label_store = store;
  std::unique_ptr<Engine> engine = MakeEngine(options);
  LoadResult loaded = engine->LoadSources(
      {{"main.sml",
        "U: Entity[str] = EntityJson(type='User', path='$.u')\n"
        "Mark: bool = JsonData(path='$.mark')\n"
        "Before = HasLabel(entity=U, label='spammer')\n"
        "ShouldMark = Rule(when_all=[Mark], description='mark')\n"
        "WhenRules(rules_any=[ShouldMark], then=[LabelAdd(entity=U, label='spammer')])\n"},
       {"config/labels.yaml", "labels:\n  spammer:\n    valid_for: [User]\n"}});
  ASSERT_EQ(loaded.outcome, LoadResult::Outcome::kApplied) << loaded.rendered_diagnostics;
  auto action = [](int id, const char* user, bool mark) {
    return "{\"action_id\": " + std::to_string(id) +
           ", \"action_name\": \"a\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"data\": "
           "{\"u\": \"" +
           user + "\", \"mark\": " + (mark ? "true" : "false") + "}}";
  };
  std::vector<osprey_jit::Result> results =
      engine->Evaluate({action(1, "u1", true), action(2, "u1", false), action(3, "u2", false)});
  EXPECT_NE(results[0].json.find("\"Before\": false"), std::string::npos) << results[0].json;
  EXPECT_NE(results[1].json.find("\"Before\": true"), std::string::npos) << results[1].json;
  EXPECT_NE(results[2].json.find("\"Before\": true"), std::string::npos) << results[2].json;
  ASSERT_EQ(store->applied.size(), 1u);
  EXPECT_EQ(store->applied[0].entity_type, "User");
  EXPECT_EQ(store->applied[0].entity_id, "u1");
  EXPECT_EQ(store->applied[0].label, "spammer");
  EXPECT_TRUE(store->applied[0].add);
  EXPECT_EQ(store->applied[0].reason.name, "ShouldMark");
}

TEST(EngineApi, ADirectoryThatDoesNotExistIsAnError) {
  std::unique_ptr<Engine> engine = MakeEngine();
  LoadResult result = engine->LoadDirectory("/nonexistent/rules");
  EXPECT_EQ(result.outcome, LoadResult::Outcome::kRejected);
  EXPECT_FALSE(result.error.empty());
}

}  // namespace
