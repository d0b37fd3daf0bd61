// From a rules directory to a runtime::CompiledRuleset: validate, lower, optimise, compile.
// Shared by `run`, `bench` and the tests.
#ifndef OSPREY_TOOLS_COMPILE_RULES_H_
#define OSPREY_TOOLS_COMPILE_RULES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/diagnostic.h"
#include "frontend/udf_registry.h"
#include "frontend/validate.h"
#include "runtime/compiled_ruleset.h"

namespace osprey::tools {

enum class Engine { kInterpreter, kJit };

struct CompileOptions {
  std::vector<std::string> udf_files;  // Plugin declarations (YAML), added to the stdlib.
  Engine engine = Engine::kInterpreter;
  int opt_level = 2;
  // Group regex and substring tests of one text into pattern sets (ir::GroupPatternSets);
  // off only to compare against the one-by-one path.
  bool pattern_sets = true;
};

struct CompiledRules {
  // The function signatures the program refers to; `ruleset` shares ownership, so a ruleset
  // may outlive this struct (a published ruleset does).
  std::shared_ptr<frontend::UdfRegistry> registry;
  frontend::ValidatedRuleset validated;               // Its sources render the diagnostics.
  std::unique_ptr<runtime::CompiledRuleset> ruleset;  // Null when the rules have errors.
};

// Errors: a Status when the directory or a declaration file cannot be read, or the engine is
// not available; diagnostics of the rules go to `sink` (and `ruleset` is then null).
absl::StatusOr<CompiledRules> CompileRulesDirectory(const std::string& rules_dir,
                                                    const CompileOptions& options,
                                                    frontend::DiagnosticSink& sink);

// The same, for sources already in memory (path -> text, as LoadRulesDirectory would read them).
absl::StatusOr<CompiledRules> CompileRulesSources(frontend::SourceSet sources,
                                                  const CompileOptions& options,
                                                  frontend::DiagnosticSink& sink);

// A stable identity of a ruleset's sources: the hex FNV-1a 64 hash of every (path, text).
std::string RulesetIdentity(const frontend::SourceSet& sources);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_COMPILE_RULES_H_
