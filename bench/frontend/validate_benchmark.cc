// Validation time of a generated ruleset (default 1 000 rules in 50 files): parse, module graph,
// every validator and the type checker, on one core.
#include "bench/workload/ruleset_generator.h"
#include "benchmark/benchmark.h"
#include "frontend/validate.h"

namespace osprey::bench {
namespace {

void BM_ValidateGeneratedRuleset(benchmark::State& state) {
  RulesetShape shape;
  shape.rules = static_cast<int>(state.range(0));
  shape.rule_files = static_cast<int>(state.range(1));
  std::map<std::string, std::string> files = GenerateRuleset(shape);
  for (auto _ : state) {
    frontend::SourceSet sources;
    for (const auto& [path, text] : files) sources.Add(path, text);
    frontend::DiagnosticSink sink;
    frontend::ValidatedRuleset ruleset =
        frontend::ParseAndValidate(std::move(sources), frontend::ValidateOptions{}, sink);
    if (!ruleset.valid) state.SkipWithError("the generated ruleset does not validate");
    benchmark::DoNotOptimize(ruleset);
  }
  state.counters["rules"] = static_cast<double>(shape.rules);
  state.counters["rules/s"] = benchmark::Counter(static_cast<double>(shape.rules),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ValidateGeneratedRuleset)
    ->Args({1000, 50})
    ->Args({500, 25})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace osprey::bench
