// A parsed ruleset: every source file of a rules directory, parsed, with its module graph.
#ifndef OSPREY_FRONTEND_RULESET_H_
#define OSPREY_FRONTEND_RULESET_H_

#include <filesystem>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/module_graph.h"
#include "frontend/source.h"

namespace osprey::frontend {

struct ParsedRuleset {
  SourceSet sources;
  std::vector<ast::Module> modules;  // Indexed by FileId.
  ModuleGraph graph;                 // Built by Validate(); empty before.
};

// Reads every `*.sml` regular file under `root` (recursively; paths relative to root with '/'),
// and the config files (`config.yaml`, `**/config/*.yaml`, see config.h), byte for byte, adding
// them to the set in path order. Like the reference, it does not descend
// into symbolic links to directories (links to files are read). Errors, each naming the path:
// NotFound when `root` does not exist, InvalidArgument when it is not a directory, and the
// errno-derived code when a directory or file cannot be read. Invalid UTF-8 is not an error here:
// the parser reports it as a diagnostic.
absl::StatusOr<SourceSet> LoadRulesDirectory(const std::filesystem::path& root);

// Parses every SML file (config files get an empty module, so `modules` stays indexed by
// FileId). The module graph is left empty: validation builds it. Diagnostics go to `sink`.
ParsedRuleset ParseRuleset(SourceSet sources, DiagnosticSink& sink);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_RULESET_H_
