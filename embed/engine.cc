// The embedding API over the project's layers: tools::CompileRulesSources compiles, a
// runtime::RulesetHandle publishes, a runtime::BatchEvaluator evaluates.
//
// Loads run on the caller's thread (never an evaluating one) and publish with one pointer
// store; a retired ruleset (its JIT code included) is freed when the last batch using it ends.
// The optimised tier is compiled by one background thread that only ever works on the latest
// applied ruleset and publishes it only if that ruleset is still the applied one.
#include "osprey_jit/engine.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "frontend/diagnostic_render.h"
#include "frontend/ruleset.h"
#include "runtime/batch_evaluator.h"
#include "runtime/labels.h"
#include "tools/compile_rules.h"

namespace osprey_jit {

using osprey::frontend::SourceSet;

namespace {

// The embedder's LabelStore seen as the runtime's.
class EmbedderLabels : public osprey::runtime::LabelStore {
 public:
  explicit EmbedderLabels(std::shared_ptr<osprey_jit::LabelStore> store)
      : store_(std::move(store)) {}

  std::optional<osprey::runtime::LabelState> Get(std::string_view entity_type,
                                                 std::string_view entity_id,
                                                 std::string_view label) const override {
    std::optional<osprey_jit::LabelState> state =
        store_->Get(std::string(entity_type), std::string(entity_id), std::string(label));
    if (!state) return std::nullopt;
    osprey::runtime::LabelState converted;
    converted.status = static_cast<osprey::runtime::LabelStatus>(state->status);
    for (const osprey_jit::LabelReason& reason : state->reasons) {
      converted.reasons.push_back(
          {reason.name, reason.created_at_micros, reason.expires_at_micros});
    }
    return converted;
  }
  bool HasAnyLabel(std::string_view entity_type, std::string_view entity_id) const override {
    return store_->HasAnyLabel(std::string(entity_type), std::string(entity_id));
  }
  void Apply(std::span<const osprey::runtime::LabelMutation> mutations) override {
    std::vector<osprey_jit::LabelMutation> converted;
    for (const osprey::runtime::LabelMutation& mutation : mutations) {
      converted.push_back({mutation.entity_type,
                           mutation.entity_id,
                           mutation.label,
                           mutation.add,
                           {mutation.reason.name, mutation.reason.created_at_micros,
                            mutation.reason.expires_at_micros}});
    }
    store_->Apply(converted);
  }

 private:
  std::shared_ptr<osprey_jit::LabelStore> store_;
};

static_assert(static_cast<int>(LabelStatus::kManuallyRemoved) ==
              static_cast<int>(osprey::runtime::LabelStatus::kManuallyRemoved));

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  osprey::runtime::InMemoryLabelStore in_process_labels;
  std::unique_ptr<EmbedderLabels> embedder_labels;
  osprey::runtime::LabelStore* labels = nullptr;  // One of the two.
  osprey::runtime::RulesetHandle rulesets;
  std::unique_ptr<osprey::runtime::BatchEvaluator> evaluator;  // Guarded by evaluate_mutex.
  std::mutex evaluate_mutex;
  int64_t next_line_number = 1;  // Guarded by evaluate_mutex.

  mutable std::mutex load_mutex;  // One load at a time; guards the fields below.
  std::string applied_id;
  std::vector<Diagnostic> last_diagnostics;

  // The background optimiser: the latest request, and whether one is being compiled.
  std::mutex optimize_mutex;
  std::condition_variable optimize_changed;
  std::optional<std::pair<std::string, SourceSet>> optimize_request;  // (identity, sources)
  bool optimizing = false;
  bool stopping = false;
  std::thread optimizer;

  osprey::tools::CompileOptions CompileOptionsFor(Tier tier) const {
    osprey::tools::CompileOptions compile;
    compile.udf_files = options.udf_declaration_files;
    compile.engine =
        options.interpreter ? osprey::tools::Engine::kInterpreter : osprey::tools::Engine::kJit;
    compile.opt_level = tier == Tier::kFast ? 0 : 2;
    return compile;
  }

  LoadResult Load(SourceSet sources);
  void OptimizerLoop();
};

namespace {

std::vector<Diagnostic> ToDiagnostics(const osprey::frontend::DiagnosticSink& sink,
                                      const SourceSet& sources) {
  std::vector<Diagnostic> out;
  for (const osprey::frontend::Diagnostic& diagnostic : sink.Sorted(sources)) {
    Diagnostic converted;
    converted.path = std::string(osprey::frontend::DiagnosticPath(diagnostic, sources));
    if (diagnostic.location.file != osprey::frontend::kNoFile) {
      osprey::frontend::LineColumn position =
          sources.file(diagnostic.location.file).LineColumnOf(diagnostic.location.offset);
      converted.line = static_cast<int>(position.line);
      converted.column = static_cast<int>(position.column);
    }
    converted.severity =
        diagnostic.severity == osprey::frontend::Severity::kError ? "error" : "warning";
    converted.message = diagnostic.message;
    out.push_back(std::move(converted));
  }
  return out;
}

}  // namespace

LoadResult Engine::Impl::Load(SourceSet sources) {
  std::lock_guard<std::mutex> lock(load_mutex);
  LoadResult result;
  result.ruleset_id = osprey::tools::RulesetIdentity(sources);
  // Osprey's reload contract: a ruleset equal to the applied one is skipped.
  if (result.ruleset_id == applied_id) {
    result.outcome = LoadResult::Outcome::kUnchanged;
    return result;
  }
  SourceSet for_optimizer;  // The same files, for the background compile.
  for (size_t i = 0; i < sources.size(); ++i) {
    const osprey::frontend::SourceFile& file =
        sources.file(osprey::frontend::FileId{static_cast<uint32_t>(i)});
    for_optimizer.Add(file.path(), std::string(file.text()));
  }
  osprey::frontend::DiagnosticSink sink;
  absl::StatusOr<osprey::tools::CompiledRules> compiled =
      osprey::tools::CompileRulesSources(std::move(sources), CompileOptionsFor(options.tier), sink);
  if (!compiled.ok()) {
    result.error = std::string(compiled.status().message());
    return result;
  }
  const SourceSet& compiled_sources = compiled->validated.parsed.sources;
  result.diagnostics = ToDiagnostics(sink, compiled_sources);
  result.rendered_diagnostics = osprey::frontend::RenderText(sink.Sorted(compiled_sources),
                                                             compiled_sources, /*color=*/false);
  last_diagnostics = result.diagnostics;
  if (compiled->ruleset == nullptr) return result;  // Invalid: the running ruleset stays.

  rulesets.Publish(std::move(compiled->ruleset));
  applied_id = result.ruleset_id;
  result.outcome = LoadResult::Outcome::kApplied;
  if (options.tier == Tier::kFast && options.optimize_in_background && !options.interpreter) {
    std::lock_guard<std::mutex> optimize_lock(optimize_mutex);
    optimize_request.emplace(result.ruleset_id, std::move(for_optimizer));
    optimize_changed.notify_all();
  }
  return result;
}

void Engine::Impl::OptimizerLoop() {
  while (true) {
    std::pair<std::string, SourceSet> request;
    {
      std::unique_lock<std::mutex> lock(optimize_mutex);
      optimize_changed.wait(lock, [this] { return stopping || optimize_request.has_value(); });
      if (stopping) return;
      request = std::move(*optimize_request);
      optimize_request.reset();
      optimizing = true;
    }
    osprey::frontend::DiagnosticSink sink;
    absl::StatusOr<osprey::tools::CompiledRules> compiled = osprey::tools::CompileRulesSources(
        std::move(request.second), CompileOptionsFor(Tier::kOptimized), sink);
    {
      // Published only while the ruleset it optimises is still the applied one: a newer load
      // wins, whichever compile finishes first.
      std::lock_guard<std::mutex> lock(load_mutex);
      if (compiled.ok() && compiled->ruleset != nullptr && applied_id == request.first) {
        rulesets.Publish(std::move(compiled->ruleset));
      }
    }
    {
      std::lock_guard<std::mutex> lock(optimize_mutex);
      optimizing = false;
    }
    optimize_changed.notify_all();
  }
}

std::unique_ptr<Engine> Engine::Create(const EngineOptions& options, std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->labels = &impl->in_process_labels;
  if (options.label_store != nullptr) {
    impl->embedder_labels = std::make_unique<EmbedderLabels>(options.label_store);
    impl->labels = impl->embedder_labels.get();
  } else if (!options.labels_json.empty()) {
    absl::Status loaded = impl->in_process_labels.LoadJson(options.labels_json);
    if (!loaded.ok()) {
      if (error != nullptr) *error = "labels: " + std::string(loaded.message());
      return nullptr;
    }
  }
  osprey::runtime::BatchOptions batch;
  batch.threads = options.threads;
  batch.random_seed = options.random_seed;
  batch.render.emit = options.emit == Emit::kHits ? osprey::runtime::EmitMode::kHits
                                                  : osprey::runtime::EmitMode::kFull;
  batch.render.include_ruleset_identity = options.include_ruleset_key;
  impl->evaluator =
      std::make_unique<osprey::runtime::BatchEvaluator>(impl->rulesets, impl->labels, batch);
  Impl* raw = impl.get();
  impl->optimizer = std::thread([raw] { raw->OptimizerLoop(); });
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Engine::~Engine() {
  {
    std::lock_guard<std::mutex> lock(impl_->optimize_mutex);
    impl_->stopping = true;
  }
  impl_->optimize_changed.notify_all();
  impl_->optimizer.join();
}

LoadResult Engine::LoadDirectory(const std::string& directory) {
  absl::StatusOr<SourceSet> sources = osprey::frontend::LoadRulesDirectory(directory);
  if (!sources.ok()) {
    LoadResult result;
    result.error = std::string(sources.status().message());
    return result;
  }
  return impl_->Load(*std::move(sources));
}

LoadResult Engine::LoadSources(const std::map<std::string, std::string>& files) {
  SourceSet sources;
  for (const auto& [path, text] : files) sources.Add(path, text);  // Path order, as on disk.
  return impl_->Load(std::move(sources));
}

std::vector<Result> Engine::Evaluate(const std::vector<std::string>& actions) {
  std::lock_guard<std::mutex> lock(impl_->evaluate_mutex);
  std::vector<std::string> lines;
  std::vector<osprey::runtime::ResultSummary> summaries;
  std::shared_ptr<const osprey::runtime::CompiledRuleset> ruleset =
      impl_->evaluator->Evaluate(actions, impl_->next_line_number, lines, &summaries);
  impl_->next_line_number += static_cast<int64_t>(actions.size());
  std::vector<Result> results(actions.size());
  for (size_t i = 0; i < actions.size(); ++i) {
    Result& result = results[i];
    result.json = std::move(lines[i]);
    result.ruleset_id = ruleset != nullptr ? ruleset->identity() : "";
    osprey::runtime::ResultSummary& summary = summaries[i];
    result.is_error = summary.is_error;
    result.action_id = summary.action_id;
    result.error_count = summary.error_count;
    result.true_rules = std::move(summary.true_rules);
    result.verdicts = std::move(summary.verdicts);
    result.label_mutations = std::move(summary.label_mutations);
  }
  return results;
}

std::string Engine::applied_ruleset_id() const {
  std::lock_guard<std::mutex> lock(impl_->load_mutex);
  return impl_->applied_id;
}

std::vector<Diagnostic> Engine::last_diagnostics() const {
  std::lock_guard<std::mutex> lock(impl_->load_mutex);
  return impl_->last_diagnostics;
}

void Engine::WaitForOptimizedTier() {
  std::unique_lock<std::mutex> lock(impl_->optimize_mutex);
  impl_->optimize_changed.wait(
      lock, [this] { return !impl_->optimize_request.has_value() && !impl_->optimizing; });
}

}  // namespace osprey_jit
