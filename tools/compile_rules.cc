#include "tools/compile_rules.h"

#include "absl/strings/str_format.h"
#include "codegen/interpreter/interpreted_ruleset.h"
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

absl::StatusOr<CompiledRules> CompileRulesDirectory(const std::string& rules_dir,
                                                    const CompileOptions& options,
                                                    frontend::DiagnosticSink& sink) {
  CompiledRules compiled;
  compiled.registry = std::make_unique<frontend::UdfRegistry>(frontend::UdfRegistry::Stdlib());
  for (const std::string& file : options.udf_files) {
    absl::Status loaded = frontend::LoadUdfDeclarations(file, *compiled.registry);
    if (!loaded.ok()) return loaded;
  }
  if (options.engine == Engine::kJit) {
    return absl::UnimplementedError(
        "the JIT engine is not available in this build yet; use --engine interp");
  }
  frontend::ValidateOptions validate_options;
  validate_options.udfs = compiled.registry.get();
  absl::StatusOr<frontend::ValidatedRuleset> validated =
      frontend::ValidateDirectory(rules_dir, validate_options, sink);
  if (!validated.ok()) return validated.status();
  compiled.validated = *std::move(validated);
  if (!compiled.validated.valid) return compiled;

  absl::StatusOr<ir::Program> program = ir::Lower(compiled.validated);
  if (!program.ok()) return program.status();
  ir::FoldConstants(*program);
  ir::ShareCommonSubexpressions(*program);
  if (options.pattern_sets) ir::GroupPatternSets(*program);
  absl::StatusOr<std::unique_ptr<runtime::CompiledRuleset>> ruleset = codegen::CompileInterpreted(
      *std::move(program), RulesetIdentity(compiled.validated.parsed.sources),
      runtime::NativeUdfRegistry::Stdlib());
  if (!ruleset.ok()) return ruleset.status();
  compiled.ruleset = *std::move(ruleset);
  return compiled;
}

}  // namespace osprey::tools
