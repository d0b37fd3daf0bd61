// Deterministic generator of realistic SML rulesets for benchmarks: models files with JsonData
// and EntityJson features, rule files with Rules over string, numeric and list tests, f-strings,
// and WhenRules with verdicts and labels, all imported from main.sml.
#ifndef OSPREY_BENCH_WORKLOAD_RULESET_GENERATOR_H_
#define OSPREY_BENCH_WORKLOAD_RULESET_GENERATOR_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace osprey::bench {

// The action names the generated rules test (`ActionName == '...'`) and
// bench/workload/action_generator.h produces.
const std::vector<std::string>& GeneratedActionNames();

// Words the generated rules look for; the action generator mixes them into its texts.
const std::vector<std::string>& GeneratedSpamWords();

struct RulesetShape {
  int rule_files = 50;
  int rules = 1000;  // Spread evenly over rule_files.
  uint64_t seed = 42;
};

// Path -> source text, including main.sml, models/*.sml and config/labels.yaml. The same shape
// and seed always give the same files.
std::map<std::string, std::string> GenerateRuleset(const RulesetShape& shape);

}  // namespace osprey::bench

#endif  // OSPREY_BENCH_WORKLOAD_RULESET_GENERATOR_H_
