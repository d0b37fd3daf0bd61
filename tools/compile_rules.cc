#include "tools/compile_rules.h"

#include "absl/strings/str_format.h"
#include "codegen/engine/jit_ruleset.h"
#include "codegen/interpreter/interpreted_ruleset.h"
#include "frontend/ruleset.h"
#include "ir/lower.h"
#include "ir/passes.h"

namespace osprey::tools {

std::string RulesetIdentity(const frontend::SourceSet& sources) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ull;
    }
    hash ^= 0xff;  // Separates fields, so ("ab", "c") and ("a", "bc") differ.
    hash *= 0x100000001b3ull;
  };
  for (frontend::FileId id : sources.IdsByPath()) {
    mix(sources.file(id).path());
    mix(sources.file(id).text());
  }
  return absl::StrFormat("%016x", hash);
}

namespace {

// A compiled ruleset that keeps the function signatures its program points to alive.
class RulesetWithSignatures : public runtime::CompiledRuleset {
 public:
  RulesetWithSignatures(std::shared_ptr<const frontend::UdfRegistry> registry,
                        std::unique_ptr<runtime::CompiledRuleset> ruleset)
      : registry_(std::move(registry)), ruleset_(std::move(ruleset)) {}

  void EvaluateInto(const runtime::Action& action, const runtime::LabelStore* labels,
                    uint64_t random_seed, runtime::ResultFeatures features,
                    runtime::ActionResult* result) const override {
    ruleset_->EvaluateInto(action, labels, random_seed, features, result);
  }
  const std::string& identity() const override { return ruleset_->identity(); }
  std::vector<std::pair<std::string, double>> compile_phases_ms() const override {
    return ruleset_->compile_phases_ms();
  }

 private:
  std::shared_ptr<const frontend::UdfRegistry> registry_;  // Destroyed after ruleset_.
  std::unique_ptr<runtime::CompiledRuleset> ruleset_;
};

}  // namespace

absl::StatusOr<CompiledRules> CompileRulesDirectory(const std::string& rules_dir,
                                                    const CompileOptions& options,
                                                    frontend::DiagnosticSink& sink) {
  absl::StatusOr<frontend::SourceSet> sources = frontend::LoadRulesDirectory(rules_dir);
  if (!sources.ok()) return sources.status();
  return CompileRulesSources(*std::move(sources), options, sink);
}

absl::StatusOr<CompiledRules> CompileRulesSources(frontend::SourceSet sources,
                                                  const CompileOptions& options,
                                                  frontend::DiagnosticSink& sink) {
  CompiledRules compiled;
  compiled.registry = std::make_shared<frontend::UdfRegistry>(frontend::UdfRegistry::Stdlib());
  for (const std::string& file : options.udf_files) {
    absl::Status loaded = frontend::LoadUdfDeclarations(file, *compiled.registry);
    if (!loaded.ok()) return loaded;
  }
  std::shared_ptr<codegen::JitCompiler> jit;
  if (options.engine == Engine::kJit) {
    absl::StatusOr<std::shared_ptr<codegen::JitCompiler>> shared = codegen::SharedJitCompiler();
    if (!shared.ok()) return shared.status();
    jit = *std::move(shared);
  }
  frontend::ValidateOptions validate_options;
  validate_options.udfs = compiled.registry.get();
  compiled.validated = frontend::ParseAndValidate(std::move(sources), validate_options, sink);
  if (!compiled.validated.valid) return compiled;

  absl::StatusOr<ir::Program> program = ir::Lower(compiled.validated);
  if (!program.ok()) return program.status();
  ir::FoldConstants(*program);
  ir::ShareCommonSubexpressions(*program);
  if (options.pattern_sets) ir::GroupPatternSets(*program);
  std::string identity = RulesetIdentity(compiled.validated.parsed.sources);
  absl::StatusOr<std::unique_ptr<runtime::CompiledRuleset>> ruleset =
      jit != nullptr
          ? codegen::CompileJit(
                *std::move(program), std::move(identity), runtime::NativeUdfRegistry::Stdlib(),
                *jit, options.opt_level == 0 ? codegen::Tier::kFast : codegen::Tier::kOptimized)
          : codegen::CompileInterpreted(*std::move(program), std::move(identity),
                                        runtime::NativeUdfRegistry::Stdlib());
  if (!ruleset.ok()) return ruleset.status();
  compiled.ruleset =
      std::make_unique<RulesetWithSignatures>(compiled.registry, *std::move(ruleset));
  return compiled;
}

}  // namespace osprey::tools
