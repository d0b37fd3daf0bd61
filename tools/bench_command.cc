#include "tools/bench_command.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench/workload/action_generator.h"
#include "bench/workload/ruleset_generator.h"
#include "frontend/diagnostic_render.h"
#include "frontend/types.h"
#include "runtime/batch_evaluator.h"
#include "runtime/labels.h"
#include "tools/heap_allocations.h"
#include "tools/percentile.h"
#include "tools/swap_bench.h"

namespace osprey::tools {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kBatch = 1000;
constexpr double kMinSeconds = 2.0;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// A directory holding the generated rules and actions, removed when the bench is done.
class GeneratedWorkload {
 public:
  ~GeneratedWorkload() {
    std::error_code ignored;
    if (!root_.empty()) fs::remove_all(root_, ignored);
  }

  // Writes the rules; returns false (with a message in `error`) when the files cannot be made.
  bool Write(int actions, std::string& error) {
    std::string pattern = (fs::temp_directory_path() / "osprey-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      error = "cannot create a temporary directory";
      return false;
    }
    root_ = pattern;
    bench::RulesetShape shape;
    shape.rules = 500;
    shape.rule_files = 25;
    for (const auto& [path, text] : bench::GenerateRuleset(shape)) {
      fs::path file = root_ / path;
      std::error_code ec;
      fs::create_directories(file.parent_path(), ec);
      std::ofstream stream(file, std::ios::binary);
      stream << text;
      if (!stream) {
        error = "cannot write " + file.string();
        return false;
      }
    }
    bench::ActionShape action_shape;
    action_shape.actions = actions;
    lines_ = bench::GenerateActions(action_shape);
    return true;
  }

  std::string rules_dir() const { return root_.string(); }
  std::vector<std::string>& lines() { return lines_; }

 private:
  fs::path root_;
  std::vector<std::string> lines_;
};

}  // namespace

void AddBenchCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<BenchCommandOptions>();
  CLI::App* command =
      app.add_subcommand("bench", "Measure compile time and evaluation throughput of a ruleset");
  command->add_option("--rules", options->rules_dir, "Rules directory (contains main.sml)");
  command->add_option("--input", options->input, "Actions, one JSON object per line");
  command->add_option("--udfs", options->compile.udf_files, "Plugin function declarations (YAML)");
  command->add_option("--threads", options->threads, "Worker threads evaluating each batch")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto engine = std::make_shared<std::string>("jit");
  command->add_option("--engine", *engine, "Evaluation engine")
      ->check(CLI::IsMember({"interp", "jit"}))
      ->capture_default_str();
  command->add_option("--opt", options->compile.opt_level, "JIT optimisation tier")
      ->check(CLI::IsMember({0, 2}))
      ->capture_default_str();
  command->add_option("--emit", options->emit, "Result lines: Osprey's full map, or hits only")
      ->check(CLI::IsMember({"full", "hits"}))
      ->capture_default_str();
  command->add_option("--repeat", options->repeat, "Passes over the input (0 = at least 2 s)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_option("--swaps", options->swaps, "Then swap in this many new rule versions")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--swap-batch-size", options->swap_batch_size, "Batch size while swapping")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--generate", options->generate,
                   "Ignore --rules/--input: generated 500 rules in 25 files and N actions")
      ->check(CLI::NonNegativeNumber);
  command->callback([options, engine, &action] {
    options->compile.engine = *engine == "jit" ? Engine::kJit : Engine::kInterpreter;
    action = [options] { return RunBench(*options, std::cout, std::cerr); };
  });
}

int RunBench(const BenchCommandOptions& options, std::ostream& out, std::ostream& err) {
  GeneratedWorkload generated;
  std::string rules_dir = options.rules_dir;
  std::vector<std::string> lines;
  if (options.generate > 0) {
    std::string error;
    if (!generated.Write(options.generate, error)) return Fail(err, error);
    rules_dir = generated.rules_dir();
    lines = std::move(generated.lines());
  } else {
    if (rules_dir.empty() || options.input.empty()) {
      return Fail(err, "bench needs --rules and --input, or --generate N");
    }
    std::ifstream in(options.input, std::ios::binary);
    if (!in) return Fail(err, "cannot open input " + options.input);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) lines.push_back(std::move(line));
    }
  }
  if (lines.empty()) return Fail(err, "no actions to evaluate");

  frontend::DiagnosticSink sink;
  Clock::time_point compile_start = Clock::now();
  absl::StatusOr<CompiledRules> compiled = CompileRulesDirectory(rules_dir, options.compile, sink);
  double compile_seconds = Seconds(Clock::now() - compile_start);
  if (!compiled.ok()) return Fail(err, std::string(compiled.status().message()));
  if (compiled->ruleset == nullptr) {
    const frontend::SourceSet& sources = compiled->validated.parsed.sources;
    err << frontend::RenderText(sink.Sorted(sources), sources, /*color=*/false);
    return kExitRulesInvalid;
  }
  int64_t rule_count = 0;
  for (const auto& [name, info] : compiled->validated.features) {
    if (info.type == frontend::types::Rule()) ++rule_count;
  }

  runtime::InMemoryLabelStore labels;
  runtime::RulesetHandle rulesets(std::move(compiled->ruleset));
  runtime::BatchOptions batch_options;
  batch_options.threads = options.threads;
  batch_options.render.emit =
      options.emit == "hits" ? runtime::EmitMode::kHits : runtime::EmitMode::kFull;
  runtime::BatchEvaluator evaluator(rulesets, &labels, batch_options);
  std::vector<double> batch_micros;
  int64_t evaluated = 0;
  size_t output_bytes = 0;  // Keeps the rendered results observable.
  int passes = 0;
  Clock::duration eval_time{};
  uint64_t allocations_before = heap_allocations.load(std::memory_order_relaxed);
  int64_t evaluated_after_first_batch = 0;
  std::vector<std::string> results;
  const bool terminal = isatty(STDERR_FILENO) != 0;
  Clock::time_point last_progress = Clock::now();
  // The last pass alone: by then every entity of the input has label state, so what it
  // allocates is what a long stream of such actions allocates.
  uint64_t last_pass_allocations = 0;
  while (options.repeat > 0 ? passes < options.repeat
                            : passes == 0 || Seconds(eval_time) < kMinSeconds) {
    const uint64_t pass_start_allocations = heap_allocations.load(std::memory_order_relaxed);
    for (size_t start = 0; start < lines.size(); start += kBatch) {
      size_t end = std::min(lines.size(), start + kBatch);
      Clock::time_point batch_start = Clock::now();
      evaluator.Evaluate(std::span<const std::string>(lines).subspan(start, end - start),
                         static_cast<int64_t>(start + 1), results);
      Clock::duration spent = Clock::now() - batch_start;
      for (const std::string& result : results) output_bytes += result.size();
      eval_time += spent;
      // Only full batches: a short last batch would drag the percentiles down.
      if (end - start == kBatch || lines.size() < kBatch) {
        batch_micros.push_back(Seconds(spent) * 1e6);
      }
      evaluated += static_cast<int64_t>(end - start);
      if (evaluated == static_cast<int64_t>(end - start)) {
        // Steady state starts after the first batch (per-thread frames are set up in it).
        allocations_before = heap_allocations.load(std::memory_order_relaxed);
        evaluated_after_first_batch = 0;
      } else {
        evaluated_after_first_batch += static_cast<int64_t>(end - start);
      }
      if (terminal && Seconds(Clock::now() - last_progress) > 0.5) {
        last_progress = Clock::now();
        err << absl::StrFormat("\r%d actions, %.0f/s   ", evaluated,
                               static_cast<double>(evaluated) / Seconds(eval_time));
      }
    }
    last_pass_allocations =
        heap_allocations.load(std::memory_order_relaxed) - pass_start_allocations;
    ++passes;
  }
  if (terminal) err << "\r" << std::string(40, ' ') << "\r";

  uint64_t allocations = heap_allocations.load(std::memory_order_relaxed) - allocations_before;
  double seconds = Seconds(eval_time);
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  out << absl::StrFormat("engine: %s (opt %d), %d thread(s), emit %s\n",
                         options.compile.engine == Engine::kJit ? "jit" : "interpreter",
                         options.compile.opt_level, options.threads, options.emit);
  out << absl::StrFormat("rules: %d Rule features\n", rule_count);
  out << absl::StrFormat("compile_ms: %.2f (validate, lower, optimise, compile)\n",
                         compile_seconds * 1e3);
  for (const auto& [phase, ms] : rulesets.Current()->compile_phases_ms()) {
    out << absl::StrFormat("  jit_%s_ms: %.2f\n", phase, ms);
  }
  out << absl::StrFormat("actions: %d (%d lines x %d passes)\n", evaluated, lines.size(), passes);
  out << absl::StrFormat("eval_s: %.3f\n", seconds);
  out << absl::StrFormat("actions_per_s: %.0f\n", static_cast<double>(evaluated) / seconds);
  out << absl::StrFormat("rules_per_s: %.0f (Rule features x actions / eval_s)\n",
                         static_cast<double>(rule_count * evaluated) / seconds);
  size_t batch = std::min(lines.size(), static_cast<size_t>(kBatch));
  out << absl::StrFormat("batch_%d_p50_us: %.1f\n", batch, Percentile(batch_micros, 0.50));
  out << absl::StrFormat("batch_%d_p99_us: %.1f\n", batch, Percentile(batch_micros, 0.99));
  out << absl::StrFormat("result_bytes_per_action: %.1f\n",
                         static_cast<double>(output_bytes) / static_cast<double>(evaluated));
  if (heap_allocations_counted && evaluated_after_first_batch > 0) {
    out << absl::StrFormat(
        "heap_allocations_per_action: %.1f (after the first batch)\n",
        static_cast<double>(allocations) / static_cast<double>(evaluated_after_first_batch));
    if (passes > 1) {
      out << absl::StrFormat(
          "heap_allocations_last_pass: %d (%.3f per action)\n", last_pass_allocations,
          static_cast<double>(last_pass_allocations) / static_cast<double>(lines.size()));
    }
  }
  out << absl::StrFormat("peak_rss_mib: %.1f\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  if (options.swaps > 0) {
    SwapBenchOptions swap_options;
    swap_options.swaps = options.swaps;
    swap_options.batch_size = options.swap_batch_size;
    swap_options.compile = options.compile;
    swap_options.batch = batch_options;
    std::string error;
    if (!RunSwapBench(rules_dir, lines, swap_options, out, error)) return Fail(err, error);
  }
  out.flush();
  return out ? kExitOk : kExitUsage;
}

}  // namespace osprey::tools
