// The module graph of a ruleset: which file imports or requires which (spec §2.2, §2.3).
//
// `BuildModuleGraph` finds every `Import(rules=[...])` and `Require(rule=...)` call, checks their
// arguments the way the reference's Import and Require UDF constructors do, detects import cycles
// (ImportsMustNotHaveCycles) and records the result for the later phases: name visibility needs the
// imports of each file and the statement after which they take effect; lowering needs the Require
// sites and a topological order of the import graph.
#ifndef OSPREY_FRONTEND_MODULE_GRAPH_H_
#define OSPREY_FRONTEND_MODULE_GRAPH_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/source.h"

namespace osprey::frontend {

// The path of the only entry point, relative to the rules root.
inline constexpr std::string_view kEntryPath = "main.sml";

// One string of an `Import(rules=[...])` list.
struct ImportItem {
  std::string path;              // The string's value, exactly as written (no normalisation).
  std::optional<FileId> target;  // The file it names; nullopt when there is no such file.
  SourceLocation location;       // The string literal. When `rules=` was a name resolved to a
  uint32_t length = 1;           // list (`Files = [...]`), this is in the file defining it.
};

// One `Import(...)` call.
struct ImportSite {
  ast::ExprId call;
  // Index of the top-level statement containing the call; the imported features become visible
  // to the statements after it.
  uint32_t statement_index = 0;
  // True when the call is the statement itself. An Import used as a value is an error reported
  // by the call-result validator; its edges are recorded anyway, as the reference does.
  bool is_statement = true;
  // False when `rules=` is not a list of string literals (ImportArgument reported); `items` is
  // then empty. Missing or unknown keyword arguments are left to the call-kwargs validator and
  // leave `items` empty too.
  bool well_formed = false;
  std::vector<ImportItem> items;  // In list order, duplicates included.
};

// One `Require(rule=..., require_if=...)` call.
struct RequireSite {
  ast::ExprId call;
  uint32_t statement_index = 0;
  bool is_statement = true;
  ast::ExprId rule;          // The `rule=` value; invalid when the keyword is missing.
  bool is_template = false;  // `rule=` is an f-string.
  // The literal path, or the f-string template as written ("actions/{ActionName}.sml", literal
  // braces doubled). Empty when `rule=` is neither (RequireArgument reported).
  std::string path;
  std::string glob;  // For a template: the template with every field replaced by `*`.
  // The files the call may enqueue at run time, by path: the named file for a literal path, every
  // file the glob matches for a template. Empty when none exists (an error was reported).
  std::vector<FileId> candidates;
  ast::ExprId require_if;  // Invalid when absent (the default, True).
};

struct ModuleInfo {
  std::vector<ImportSite> import_sites;    // In source order.
  std::vector<RequireSite> require_sites;  // In source order.
};

struct ModuleGraph {
  std::vector<ModuleInfo> modules;  // Indexed by FileId; empty when the graph was not built.
  std::optional<FileId> entry;      // main.sml, when it exists.
  // Every rule file (`.sml`; the set's config files are not modules) once, each after all the
  // files it imports: the post-order of a depth-first walk that starts from the files in path
  // order and follows imports in source order. Import edges that close a cycle are left out, so
  // the order exists even when an ImportCycle was reported.
  std::vector<FileId> topological_order;
  bool has_import_cycle = false;

  // The files `file` imports directly (existing targets of all its Import calls, in source
  // order, without repeats).
  std::vector<FileId> DirectImports(FileId file) const;
};

// Looks up main.sml; reports MissingMain (at kNoFile, path "main.sml") when it is absent.
std::optional<FileId> FindEntry(const SourceSet& sources, DiagnosticSink& sink);

// Builds the module graph of `sources`. `modules[i]` is the parsed module of FileId i and every
// module must have parsed without errors (modules that are not `ok()` are skipped). Only `.sml`
// files take part: Import and Require cannot name the config files that the set also holds. A
// missing main.sml is not reported here (FindEntry does that). Always
// returns a complete graph of what could be understood, and reports into `sink`:
//   ImportArgument       `rules=` is not a list of string literals, directly or through a name
//                        (at the offending node; only the first bad item of a list);
//   ImportNotFound       one per item naming no file (with a did-you-mean hint when the path
//                        relative to the importing file, or normalised, exists);
//   ImportDuplicate      at the first of the repeated items, a note at each repeat;
//   ImportNotSorted      at the list, the hint showing the sorted call;
//   ImportCycle          at the item whose edge closes a cycle, notes along the chain; one per
//                        such edge of a depth-first walk from the files in path order;
//   RequireArgument, RequireNotFound, RequireNeverMatches   at the `rule=` value.
// Import and Require calls are checked wherever they appear, as the reference does; that such a
// call is not a statement is the call-result validator's to report. Missing or unknown keyword
// arguments are left to the call-kwargs validator. Messages are the reference's. A pure function:
// `sources` and `modules` need to outlive the call only.
ModuleGraph BuildModuleGraph(const SourceSet& sources, std::span<const ast::Module> modules,
                             DiagnosticSink& sink);

namespace internal {

// The reference's glob for a Require template: each `{Name}` field becomes `*`, and the doubled
// braces `{{` / `}}` become single ones (Python's `str.format`).
std::string TemplateToGlob(std::string_view format_template);

}  // namespace internal

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_MODULE_GRAPH_H_
