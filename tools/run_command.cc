#include "tools/run_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "frontend/diagnostic_render.h"
#include "runtime/batch_evaluator.h"
#include "runtime/labels.h"
#include "tools/etcd_client.h"
#include "tools/rules_watcher.h"

namespace osprey::tools {
void AddRunCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* command = app.add_subcommand("run", "Evaluate JSONL actions against a ruleset");
  command->add_option("--rules-etcd", options->rules_etcd,
                      "Read (and watch) the rules from this etcd endpoint instead of --rules");
  command->add_option("--rules-key", options->rules_key,
                      "The etcd key holding the ruleset (a JSON map of path to source)");
  command->add_option("--rules", options->rules_dir, "Rules directory (contains main.sml)");
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

namespace {

// Where the rules come from: the rules directory, or Osprey's JSON map under an etcd key.
absl::StatusOr<CompiledRules> CompileFromSource(const RunCommandOptions& options,
                                                const std::string& etcd_value,
                                                frontend::DiagnosticSink& sink) {
  if (options.rules_etcd.empty()) {
    return CompileRulesDirectory(options.rules_dir, options.compile, sink);
  }
  absl::StatusOr<std::map<std::string, std::string>> files = DecodeRulesetJson(etcd_value);
  if (!files.ok()) return files.status();
  frontend::SourceSet sources;
  for (const auto& [path, text] : *files) sources.Add(path, text);
  return CompileRulesSources(std::move(sources), options.compile, sink);
}

}  // namespace

int RunRun(const RunCommandOptions& options, std::istream& in, std::ostream& out, std::ostream& err,
           bool color) {
  if (options.rules_etcd.empty() == options.rules_dir.empty()) {
    return Fail(err, "give the rules with --rules DIR or with --rules-etcd and --rules-key");
  }
  if (!options.rules_etcd.empty() && options.rules_key.empty()) {
    return Fail(err, "--rules-etcd needs --rules-key");
  }
  EtcdClient etcd(options.rules_etcd);
  std::optional<EtcdValue> stored;
  if (!options.rules_etcd.empty()) {
    absl::StatusOr<std::optional<EtcdValue>> fetched = etcd.Get(options.rules_key);
    if (!fetched.ok()) return Fail(err, std::string(fetched.status().message()));
    if (!fetched->has_value()) {
      return Fail(err, "no ruleset under key " + options.rules_key + " in etcd");
    }
    stored = **fetched;
  }
  frontend::DiagnosticSink sink;
  absl::StatusOr<CompiledRules> compiled =
      CompileFromSource(options, stored ? stored->value : "", sink);
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

  // Reloads run on the watching thread, never on the evaluating one; the new version is
  // published for the next batch, or reported and dropped when it has errors.
  std::mutex err_mutex;
  std::string applied = rulesets.Current()->identity();
  auto reload = [&](const std::string& etcd_value) {
    frontend::DiagnosticSink reload_sink;
    absl::StatusOr<CompiledRules> reloaded = CompileFromSource(options, etcd_value, reload_sink);
    std::lock_guard<std::mutex> lock(err_mutex);
    if (!reloaded.ok()) {
      err << "osprey-jit: reload failed, keeping ruleset " << applied << ": "
          << reloaded.status().message() << "\n";
    } else if (reloaded->ruleset == nullptr) {
      const frontend::SourceSet& sources = reloaded->validated.parsed.sources;
      err << frontend::RenderText(reload_sink.Sorted(sources), sources, color)
          << "osprey-jit: the new rules have errors; keeping ruleset " << applied << "\n";
    } else if (reloaded->ruleset->identity() != applied) {  // Equal: skipped, as in Osprey.
      applied = reloaded->ruleset->identity();
      rulesets.Publish(std::move(reloaded->ruleset));
      err << "osprey-jit: applied ruleset " << applied << "\n";
    }
    err.flush();
  };
  RulesWatcher watcher(options.rules_dir, std::chrono::milliseconds(options.watch_quiet_ms),
                       [&] { reload(""); });
  if (options.watch && options.rules_etcd.empty()) {
    std::string error;
    if (!watcher.Start(error)) return Fail(err, "cannot watch " + options.rules_dir + ": " + error);
  }
  std::atomic<bool> stop_etcd{false};
  std::jthread etcd_watch;
  if (stored) {
    etcd_watch = std::jthread([&] {
      // Watches until stopped; when the stream breaks, reports it, re-reads the key (a change
      // made meanwhile is applied) and watches again from there.
      int64_t revision = stored->mod_revision;
      while (!stop_etcd) {
        absl::Status watched =
            etcd.Watch(options.rules_key, revision, stop_etcd, [&](const EtcdValue& value) {
              revision = std::max(revision, value.mod_revision);
              reload(value.value);
            });
        if (stop_etcd) break;
        {
          std::lock_guard<std::mutex> lock(err_mutex);
          err << "osprey-jit: watching etcd: " << watched.message() << "; retrying\n";
        }
        for (int i = 0; i < 10 && !stop_etcd; ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        absl::StatusOr<std::optional<EtcdValue>> current = etcd.Get(options.rules_key);
        if (current.ok() && current->has_value() && (*current)->mod_revision > revision) {
          revision = (*current)->mod_revision;
          reload((*current)->value);
        }
      }
    });
  }
  struct StopEtcd {
    std::atomic<bool>& flag;
    ~StopEtcd() { flag = true; }  // Before etcd_watch's destructor joins it.
  } stop_etcd_on_exit{stop_etcd};

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
