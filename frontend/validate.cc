// The validation pipeline: the reference engine's validators and their dependencies.
#include "frontend/validate.h"

#include "frontend/internal/validation_context.h"

namespace osprey::frontend {
namespace internal {

bool ValidationContext::IsSml(FileId file) const {
  std::string_view path = sources().file(file).path();
  return path.size() >= 4 && path.substr(path.size() - 4) == ".sml";
}

}  // namespace internal

ValidatedRuleset Validate(ParsedRuleset parsed, const ValidateOptions& options,
                          DiagnosticSink& sink) {
  ValidatedRuleset result;
  result.parsed = std::move(parsed);
  result.facts.resize(result.parsed.modules.size());
  for (size_t i = 0; i < result.facts.size(); ++i) {
    size_t count = result.parsed.modules[i].expr_count();
    result.facts[i].expr_types.assign(count, nullptr);
    result.facts[i].unwrap.assign(count, false);
  }
  size_t errors_before = sink.error_count();
  internal::ValidationContext ctx(result, *options.udfs, sink);

  // A validator runs only when every validator it depends on reported nothing, as in the
  // reference (spec §3.1); independent validators always run, so unrelated errors are reported
  // together.
  result.config = LoadConfig(ctx.sources(), sink);
  bool config_ok = sink.error_count() == errors_before;
  bool unique_ok = internal::CheckUniqueStoredNames(ctx);
  // Function constructors read the config (HasLabel checks label names), so the reference's
  // call-kwargs validator depends on the config validator.
  bool kwargs_ok = unique_ok && config_ok && internal::CheckCallKwargs(ctx);
  bool cycles_ok = kwargs_ok && internal::CheckImportCycles(ctx);
  bool names_ok = kwargs_ok && cycles_ok && internal::CheckVariablesDefined(ctx);
  bool dynamic_ok = kwargs_ok && internal::CheckDynamicCalls(ctx);
  if (names_ok && dynamic_ok) internal::CheckStaticTypes(ctx);
  bool entities_ok = kwargs_ok && internal::MapFeatureEntityTypes(ctx);
  if (entities_ok && config_ok) internal::CheckLabels(ctx);
  if (entities_ok) internal::CheckExperiments(ctx);
  internal::CheckCallResultUse(ctx);
  internal::CheckUnusedLocals(ctx);
  if (kwargs_ok) internal::MapRuleDescriptions(ctx);

  result.valid = sink.error_count() == errors_before;
  return result;
}

ValidatedRuleset ParseAndValidate(SourceSet sources, const ValidateOptions& options,
                                  DiagnosticSink& sink) {
  size_t errors_before = sink.error_count();
  // The entry point is checked first, as the reference's loader does.
  FindEntry(sources, sink);
  ParsedRuleset parsed = ParseRuleset(std::move(sources), sink);
  if (sink.error_count() != errors_before) {
    // As in the reference, parse errors stop validation: report them alone.
    ValidatedRuleset result;
    result.parsed = std::move(parsed);
    return result;
  }
  return Validate(std::move(parsed), options, sink);
}

absl::StatusOr<ValidatedRuleset> ValidateDirectory(const std::filesystem::path& root,
                                                   const ValidateOptions& options,
                                                   DiagnosticSink& sink) {
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root);
  if (!sources.ok()) return sources.status();
  return ParseAndValidate(*std::move(sources), options, sink);
}

}  // namespace osprey::frontend
