// Shared state of one Validate() run: the inputs, the facts validators establish for each
// other, and the diagnostics sink. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_VALIDATION_CONTEXT_H_
#define OSPREY_FRONTEND_INTERNAL_VALIDATION_CONTEXT_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/string_map.h"
#include "frontend/validate.h"

namespace osprey::frontend::internal {

// Where a name is stored (assigned).
struct Definition {
  FileId file;
  uint32_t statement_index = 0;
  ast::ExprId target;  // The Name node on the left of `=`.
};

class ValidationContext {
 public:
  ValidationContext(ValidatedRuleset& validated, const UdfRegistry& registry,
                    DiagnosticSink& diagnostics)
      : result(validated), udfs(registry), sink(diagnostics) {}

  const SourceSet& sources() const { return result.parsed.sources; }
  const std::vector<ast::Module>& modules() const { return result.parsed.modules; }
  const ast::Module& module(FileId file) const { return result.parsed.modules[file.value]; }
  SourceLocation At(FileId file, ast::Span span) const { return {file, span.begin}; }
  // True for SML files (config files are in the source set too).
  bool IsSml(FileId file) const;

  ValidatedRuleset& result;
  const UdfRegistry& udfs;
  DiagnosticSink& sink;

  // UniqueStoredNames: the single definition of each feature, and per file of each local.
  StringMap<Definition> features;
  std::vector<StringMap<Definition>> locals;  // By FileId.
};

// The validators. Each reports into ctx.sink and returns true when it reported no error.
bool CheckUniqueStoredNames(ValidationContext& ctx);
bool CheckCallKwargs(ValidationContext& ctx);  // Includes UDF constructor checks.
bool CheckImportCycles(ValidationContext& ctx);
bool CheckVariablesDefined(ValidationContext& ctx);
bool CheckDynamicCalls(ValidationContext& ctx);
bool CheckStaticTypes(ValidationContext& ctx);
bool MapFeatureEntityTypes(ValidationContext& ctx);
bool CheckLabels(ValidationContext& ctx);
bool CheckExperiments(ValidationContext& ctx);
bool CheckCallResultUse(ValidationContext& ctx);
bool CheckUnusedLocals(ValidationContext& ctx);
bool MapRuleDescriptions(ValidationContext& ctx);

// Did-you-mean: the candidate closest to `name` within Levenshtein distance 3, compared
// case-insensitively, for names longer than 3 characters (the reference's rule); "" if none.
std::string_view SuggestSimilar(std::string_view name, std::span<const std::string> candidates);

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_VALIDATION_CONTEXT_H_
