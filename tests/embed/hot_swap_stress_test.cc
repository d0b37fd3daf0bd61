// Hot swap under load: one thread swaps rulesets (two versions with visibly different
// results, and now and then a broken one) while the main thread feeds actions through an
// Engine with two worker threads. Every action must get exactly one result, in order, and each
// result must equal what the ruleset it names produces for that action, as computed by the
// reference interpreter; broken rulesets must change nothing.
//
// Sizes: OSPREY_STRESS_ACTIONS (default 1 000 000) and OSPREY_STRESS_SWAPS (default 1 000);
// the swapper keeps going until both the actions and the swaps are done.
#include <atomic>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "osprey_jit/engine.h"

namespace {

using osprey_jit::Engine;
using osprey_jit::EngineOptions;
using osprey_jit::LoadResult;

int64_t EnvOr(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoll(value) : fallback;
}

std::string Variant(int threshold) {
  return "Score: int = JsonData(path='$.score')\n"
         "Name: str = JsonData(path='$.name')\n"
         "Threshold = " +
         std::to_string(threshold) +
         "\n"
         "High = Rule(when_all=[Score > Threshold], description=f'{Name} scored high')\n"
         "Shouted = Rule(when_all=[StringLength(s=Name) > Score % 7], description='long')\n"
         "WhenRules(rules_any=[High], then=[DeclareVerdict(verdict='review')])\n";
}

constexpr const char* kBroken = "Score: int = JsonData(path='$.score')\nHigh = Rule(when_all=[\n";

std::vector<std::string> DistinctActions() {
  std::vector<std::string> actions;
  for (int i = 0; i < 100; ++i) {
    actions.push_back("{\"action_id\": " + std::to_string(i) +
                      ", \"action_name\": \"post\", \"timestamp\": \"2025-01-01T00:00:00Z\", "
                      "\"data\": {\"score\": " +
                      std::to_string(i * 2) + ", \"name\": \"user" + std::to_string(i) + "\"}}");
  }
  actions.push_back("not an action");  // An error record, from every version alike.
  return actions;
}

std::unique_ptr<Engine> MakeEngine(EngineOptions options) {
  options.emit = osprey_jit::Emit::kHits;
  options.optimize_in_background = false;
  std::string error;
  std::unique_ptr<Engine> engine = Engine::Create(options, &error);
  EXPECT_NE(engine, nullptr) << error;
  return engine;
}

TEST(HotSwapStress, EveryResultComesFromTheRulesetItNames) {
  const int64_t total_actions = EnvOr("OSPREY_STRESS_ACTIONS", 1'000'000);
  const int64_t total_swaps = EnvOr("OSPREY_STRESS_SWAPS", 1'000);
  const std::vector<std::string> distinct = DistinctActions();
  const std::vector<int> thresholds = {50, 150};

  // What each version gives for each distinct action, by ruleset identity, from the reference
  // interpreter (one thread, so nothing but the ruleset differs).
  std::map<std::string, std::vector<std::string>> expected;
  for (int threshold : thresholds) {
    EngineOptions options;
    options.interpreter = true;
    std::unique_ptr<Engine> reference = MakeEngine(options);
    LoadResult loaded = reference->LoadSources({{"main.sml", Variant(threshold)}});
    ASSERT_EQ(loaded.outcome, LoadResult::Outcome::kApplied) << loaded.rendered_diagnostics;
    std::vector<std::string>& lines = expected[loaded.ruleset_id];
    for (const osprey_jit::Result& result : reference->Evaluate(distinct)) {
      lines.push_back(result.json);
    }
  }
  ASSERT_EQ(expected.size(), 2u);
  ASSERT_NE(expected.begin()->second, expected.rbegin()->second) << "versions must differ";

  EngineOptions options;
  options.threads = 2;
  std::unique_ptr<Engine> engine = MakeEngine(options);
  ASSERT_EQ(engine->LoadSources({{"main.sml", Variant(thresholds[0])}}).outcome,
            LoadResult::Outcome::kApplied);

  std::atomic<bool> actions_done{false};
  std::atomic<int64_t> swaps{0};
  std::atomic<int64_t> rejected{0};
  std::atomic<int64_t> wrongly_applied{0};
  std::thread swapper([&] {
    for (int64_t i = 1; !actions_done.load() || swaps.load() < total_swaps; ++i) {
      if (i % 10 == 0) {
        LoadResult broken = engine->LoadSources({{"main.sml", kBroken}});
        if (broken.outcome == LoadResult::Outcome::kRejected) {
          ++rejected;
        } else {
          ++wrongly_applied;
        }
        continue;
      }
      LoadResult loaded = engine->LoadSources(
          {{"main.sml", Variant(thresholds[static_cast<size_t>(i) % thresholds.size()])}});
      if (loaded.outcome == LoadResult::Outcome::kApplied) ++swaps;
    }
  });

  std::map<std::string, int64_t> results_by_version;
  int64_t evaluated = 0;
  int64_t mismatches = 0;
  std::vector<std::string> batch;
  for (size_t i = 0; i < 1000; ++i) batch.push_back(distinct[i % distinct.size()]);
  while (evaluated < total_actions || swaps.load() < total_swaps) {
    std::vector<osprey_jit::Result> results = engine->Evaluate(batch);
    ASSERT_EQ(results.size(), batch.size());
    for (size_t i = 0; i < results.size(); ++i) {
      auto version = expected.find(results[i].ruleset_id);
      const size_t which = i % distinct.size();
      // An error record names its line number, which differs from the reference run's.
      const bool as_expected =
          version != expected.end() &&
          (which == distinct.size() - 1 ? results[i].is_error
                                        : results[i].json == version->second[which]);
      if (!as_expected) {
        if (++mismatches <= 5) {
          ADD_FAILURE() << "result " << evaluated + static_cast<int64_t>(i) << " from ruleset '"
                        << results[i].ruleset_id << "': " << results[i].json;
        }
        continue;
      }
      ++results_by_version[results[i].ruleset_id];
    }
    evaluated += static_cast<int64_t>(results.size());
    if (evaluated >= total_actions) actions_done = true;
  }
  actions_done = true;
  swapper.join();

  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(wrongly_applied.load(), 0) << "a broken ruleset was applied";
  EXPECT_GT(rejected.load(), 0);
  EXPECT_GE(swaps.load(), total_swaps);
  EXPECT_GE(evaluated, total_actions);
  EXPECT_EQ(results_by_version.size(), 2u) << "both versions must have produced results";
  std::cout << "hot swap stress: " << evaluated << " actions, " << swaps.load() << " swaps, "
            << rejected.load() << " broken rulesets rejected, results per version:";
  for (const auto& [id, count] : results_by_version) std::cout << " " << id << "=" << count;
  std::cout << "\n";
}

}  // namespace
