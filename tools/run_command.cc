#include "tools/run_command.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>

#include "frontend/diagnostic_render.h"
#include "runtime/batch_evaluator.h"
#include "runtime/labels.h"
#include "tools/rules_watcher.h"

namespace osprey::tools {
namespace {

int Fail(std::ostream& err, std::string_view message) {
  err << "osprey-jit: error: " << message << "\n";
  return kExitUsage;
}

}  // namespace

void AddRunCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* command = app.add_subcommand("run", "Evaluate JSONL actions against a ruleset");
  command->add_option("--rules", options->rules_dir, "Rules directory (contains main.sml)")
      ->required();
  command->add_option("--input", options->input, "Actions, one JSON object per line (- = stdin)")
      ->capture_default_str();
  command->add_option("--output", options->output, "Results, one JSON object per line (- = stdout)")
      ->capture_default_str();
  command->add_option("--labels", options->labels_file, "Label state to start from (labels.json)");
  command->add_option("--udfs", options->compile.udf_files, "Plugin function declarations (YAML)");
  auto engine = std::make_shared<std::string>("jit");
  command->add_option("--engine", *engine, "Evaluation engine")
      ->check(CLI::IsMember({"interp", "jit"}))
      ->capture_default_str();
  command->add_option("--opt", options->compile.opt_level, "JIT optimisation tier")
      ->check(CLI::IsMember({0, 2}))
      ->capture_default_str();
  command->add_flag("--ruleset-key", options->include_ruleset_identity,
                    "Add the ruleset identity to every result as \"__ruleset\"");
  command->add_option("--seed", options->seed, "Seed of RandomBool/RandomInt")
      ->capture_default_str();
  command->add_option("--threads", options->threads, "Worker threads evaluating each batch")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--emit", options->emit, "Result lines: Osprey's full map, or hits only")
      ->check(CLI::IsMember({"full", "hits"}))
      ->capture_default_str();
  command->add_option("--batch-size", options->batch_size, "Most actions per batch")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  command->add_flag("--watch", options->watch,
                    "Reload the rules when files in the rules directory change");
  command
      ->add_option("--watch-quiet-ms", options->watch_quiet_ms,
                   "Reload once the rules directory has been quiet this long")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  command->callback([options, engine, &action] {
    options->compile.engine = *engine == "jit" ? Engine::kJit : Engine::kInterpreter;
    action = [options] {
      std::ifstream in_file;
      std::ofstream out_file;
      if (options->input != "-") {
        in_file.open(options->input, std::ios::binary);
        if (!in_file) return Fail(std::cerr, "cannot open input " + options->input);
      }
      if (options->output != "-") {
        out_file.open(options->output, std::ios::binary);
        if (!out_file) return Fail(std::cerr, "cannot open output " + options->output);
      }
      std::istream& in = options->input == "-" ? std::cin : in_file;
      std::ostream& out = options->output == "-" ? std::cout : out_file;
      return RunRun(*options, in, out, std::cerr, frontend::ShouldUseColor(STDERR_FILENO));
    };
  });
}

int RunRun(const RunCommandOptions& options, std::istream& in, std::ostream& out, std::ostream& err,
           bool color) {
  frontend::DiagnosticSink sink;
  absl::StatusOr<CompiledRules> compiled =
      CompileRulesDirectory(options.rules_dir, options.compile, sink);
  if (!compiled.ok()) return Fail(err, std::string(compiled.status().message()));
  if (compiled->ruleset == nullptr) {
    const frontend::SourceSet& sources = compiled->validated.parsed.sources;
    err << frontend::RenderText(sink.Sorted(sources), sources, color);
    return kExitRulesInvalid;
  }
  runtime::InMemoryLabelStore labels;
  if (!options.labels_file.empty()) {
    std::ifstream file(options.labels_file, std::ios::binary);
    if (!file) return Fail(err, "cannot open labels file " + options.labels_file);
    std::stringstream text;
    text << file.rdbuf();
    absl::Status loaded = labels.LoadJson(text.str());
    if (!loaded.ok()) return Fail(err, options.labels_file + ": " + std::string(loaded.message()));
  }
  runtime::RulesetHandle rulesets(std::move(compiled->ruleset));
  runtime::BatchOptions batch_options;
  batch_options.threads = options.threads;
  batch_options.random_seed = options.seed;
  batch_options.render.emit =
      options.emit == "hits" ? runtime::EmitMode::kHits : runtime::EmitMode::kFull;
  batch_options.render.include_ruleset_identity = options.include_ruleset_identity;
  runtime::BatchEvaluator evaluator(rulesets, &labels, batch_options);

  std::mutex err_mutex;  // The watcher reports from its own thread.
  std::string applied = rulesets.Current()->identity();
  RulesWatcher watcher(options.rules_dir, std::chrono::milliseconds(options.watch_quiet_ms), [&] {
    frontend::DiagnosticSink reload_sink;
    absl::StatusOr<CompiledRules> reloaded =
        CompileRulesDirectory(options.rules_dir, options.compile, reload_sink);
    std::lock_guard<std::mutex> lock(err_mutex);
    if (!reloaded.ok()) {
      err << "osprey-jit: reload failed, keeping ruleset " << applied << ": "
          << reloaded.status().message() << "\n";
    } else if (reloaded->ruleset == nullptr) {
      const frontend::SourceSet& sources = reloaded->validated.parsed.sources;
      err << frontend::RenderText(reload_sink.Sorted(sources), sources, color)
          << "osprey-jit: the new rules have errors; keeping ruleset " << applied << "\n";
    } else if (reloaded->ruleset->identity() != applied) {
      applied = reloaded->ruleset->identity();
      rulesets.Publish(std::move(reloaded->ruleset));
      err << "osprey-jit: applied ruleset " << applied << "\n";
    }
    err.flush();
  });
  if (options.watch) {
    std::string error;
    if (!watcher.Start(error)) return Fail(err, "cannot watch " + options.rules_dir + ": " + error);
  }

  std::vector<std::string> lines;
  std::vector<std::string> results;
  int64_t next_line_number = 1;
  std::string line;
  bool more = true;
  while (more) {
    lines.clear();
    // Fill the batch while input is at hand: stop when it is full, at the end, or when the
    // next line would have to be waited for.
    while (static_cast<int>(lines.size()) < options.batch_size) {
      if (!lines.empty() && in.rdbuf()->in_avail() <= 0) break;
      if (!std::getline(in, line)) {
        more = false;
        break;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
    if (lines.empty()) break;
    evaluator.Evaluate(lines, next_line_number, results);
    next_line_number += static_cast<int64_t>(lines.size());
    for (const std::string& result : results) out << result << '\n';
    out.flush();
  }
  out.flush();
  return out ? kExitOk : kExitUsage;
}

}  // namespace osprey::tools
