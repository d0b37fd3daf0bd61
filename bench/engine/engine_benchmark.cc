// The engine on the generated workload (bench/workload: 500 rules in 25 files, 4 action
// names, ~570-byte actions), DESIGN.md's performance model measured side by side:
//   BM_Compile/<tier>            validate + lower + JIT-compile the rules, per tier
//   BM_Evaluate/<engine>/<emit>  actions through BatchEvaluator (one thread), results rendered
//   BM_SimdjsonRead              the floor: parsing the same actions with simdjson and touching
//                                every field the rules read, nothing evaluated
// Counters: actions/s ("items_per_second") and rule evaluations/s. Run it with
// `--benchmark_min_time=2` for the figures in docs/PERFORMANCE.md.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "bench/workload/action_generator.h"
#include "bench/workload/ruleset_generator.h"
#include "benchmark/benchmark.h"
#include "runtime/batch_evaluator.h"
#include "simdjson.h"
#include "tools/compile_rules.h"

namespace osprey::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kRules = 500;
constexpr int kBatch = 1000;

// The generated rules, written once to a temporary directory.
const std::string& RulesDir() {
  static const std::string dir = [] {
    std::string pattern = (fs::temp_directory_path() / "osprey-engine-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return std::string();
    RulesetShape shape;
    shape.rules = kRules;
    shape.rule_files = 25;
    for (const auto& [path, text] : GenerateRuleset(shape)) {
      fs::path file = fs::path(pattern) / path;
      fs::create_directories(file.parent_path());
      std::ofstream(file, std::ios::binary) << text;
    }
    return pattern;
  }();
  return dir;
}

const std::vector<std::string>& Actions() {
  static const std::vector<std::string> actions = [] {
    ActionShape shape;
    shape.actions = kBatch;
    return GenerateActions(shape);
  }();
  return actions;
}

std::shared_ptr<const runtime::CompiledRuleset> Compile(tools::Engine engine, int opt_level) {
  tools::CompileOptions options;
  options.engine = engine;
  options.opt_level = opt_level;
  frontend::DiagnosticSink sink;
  absl::StatusOr<tools::CompiledRules> compiled =
      tools::CompileRulesDirectory(RulesDir(), options, sink);
  if (!compiled.ok() || compiled->ruleset == nullptr) return nullptr;
  return std::move(compiled->ruleset);
}

void BM_Compile(benchmark::State& state) {
  const int opt_level = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::shared_ptr<const runtime::CompiledRuleset> ruleset =
        Compile(tools::Engine::kJit, opt_level);
    if (ruleset == nullptr) state.SkipWithError("the generated rules do not compile");
    benchmark::DoNotOptimize(ruleset);
  }
  state.SetLabel(opt_level == 0 ? "fast tier" : "O2 tier");
}
BENCHMARK(BM_Compile)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);

// Args: engine (0 interpreter, 1 JIT O2), emit (0 full, 1 hits).
void BM_Evaluate(benchmark::State& state) {
  const bool jit = state.range(0) == 1;
  const bool hits = state.range(1) == 1;
  static std::map<bool, std::shared_ptr<const runtime::CompiledRuleset>> compiled;
  if (!compiled.contains(jit)) {
    compiled[jit] = Compile(jit ? tools::Engine::kJit : tools::Engine::kInterpreter, 2);
  }
  if (compiled[jit] == nullptr) {
    state.SkipWithError("the generated rules do not compile");
    return;
  }
  runtime::RulesetHandle handle(compiled[jit]);
  runtime::InMemoryLabelStore labels;
  runtime::BatchOptions options;
  options.render.emit = hits ? runtime::EmitMode::kHits : runtime::EmitMode::kFull;
  runtime::BatchEvaluator evaluator(handle, &labels, options);
  std::vector<std::string> results;
  for (auto _ : state) {
    evaluator.Evaluate(Actions(), 1, results);
    benchmark::DoNotOptimize(results.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Actions().size()));
  state.counters["rules_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(Actions().size()) * kRules,
      benchmark::Counter::kIsRate);
  state.SetLabel(std::string(jit ? "jit O2" : "interpreter") +
                 (hits ? ", emit hits" : ", emit full"));
}
BENCHMARK(BM_Evaluate)->Args({0, 0})->Args({1, 0})->Args({1, 1})->Unit(benchmark::kMillisecond);

// Visits every value under `value` once, returning the bytes of the scalars seen.
size_t Touch(simdjson::ondemand::value value) {
  size_t touched = 0;
  simdjson::ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return 0;
  switch (type) {
    case simdjson::ondemand::json_type::object:
      for (auto field : value.get_object()) {
        touched += field.unescaped_key().value_unsafe().size();
        touched += Touch(field.value().value_unsafe());
      }
      return touched;
    case simdjson::ondemand::json_type::array:
      for (auto item : value.get_array()) touched += Touch(item.value_unsafe());
      return touched;
    default:
      return value.raw_json_token().size();
  }
}

// What any evaluator of these actions must do at least: parse each one and visit every value
// in it (simdjson On-Demand, one forward pass, no DOM), evaluating nothing.
void BM_SimdjsonRead(benchmark::State& state) {
  std::vector<simdjson::padded_string> padded;
  for (const std::string& line : Actions()) padded.emplace_back(line);
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    size_t touched = 0;
    for (const simdjson::padded_string& json : padded) {
      simdjson::ondemand::document doc = parser.iterate(json);
      for (auto field : doc.get_object()) {
        touched += field.unescaped_key().value_unsafe().size();
        touched += Touch(field.value().value_unsafe());
      }
    }
    benchmark::DoNotOptimize(touched);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Actions().size()));
}
BENCHMARK(BM_SimdjsonRead)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace osprey::bench
