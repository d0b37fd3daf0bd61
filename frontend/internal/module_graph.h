// Pieces of the module graph shared by its translation units. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_MODULE_GRAPH_H_
#define OSPREY_FRONTEND_INTERNAL_MODULE_GRAPH_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "frontend/diagnostic.h"
#include "frontend/module_graph.h"
#include "frontend/source.h"

namespace osprey::frontend::internal {

// Fills `graph.topological_order` and reports ImportCycle, from the import sites already in
// `graph.modules`. `rule_files` are the `.sml` files in path order (module_graph_order.cc).
void OrderImports(const SourceSet& sources, std::span<const FileId> rule_files, ModuleGraph& graph,
                  DiagnosticSink& sink);

// `format(element)` of each element, separated by `separator`.
template <typename Range, typename Format>
std::string Join(const Range& range, std::string_view separator, Format format) {
  std::string out;
  bool first = true;
  for (const auto& element : range) {
    if (!first) out.append(separator);
    first = false;
    out.append(format(element));
  }
  return out;
}

inline std::string_view AsIs(std::string_view s) { return s; }

// Diagnostics are built field by field: GCC 12's -Wmissing-field-initializers (on under -Wextra)
// rejects designated initializers that leave members to their defaults.
inline Diagnostic MakeError(DiagnosticKind kind, SourceLocation location, uint32_t length,
                            std::string message, std::string hint) {
  Diagnostic diagnostic;
  diagnostic.kind = kind;
  diagnostic.location = location;
  diagnostic.length = length;
  diagnostic.message = std::move(message);
  diagnostic.hints.push_back(std::move(hint));
  return diagnostic;
}

inline DiagnosticNote MakeNote(std::string message, SourceLocation location, uint32_t length) {
  DiagnosticNote note;
  note.message = std::move(message);
  note.location = location;
  note.length = length;
  return note;
}

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_MODULE_GRAPH_H_
