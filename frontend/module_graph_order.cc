// The import graph's order and its cycles (the reference's ImportsMustNotHaveCycles).
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "frontend/internal/module_graph.h"
#include "frontend/internal/str_cat.h"
#include "frontend/module_graph.h"

namespace osprey::frontend {
namespace internal {
namespace {

struct Edge {
  FileId target;
  SourceLocation location;  // The Import list item that makes the edge.
  uint32_t length;
};

// A file on the depth-first walk's stack, and the import edge the walk reached it by.
struct Frame {
  FileId file;
  size_t next_edge = 0;
  const Edge* entered_by = nullptr;
};

// Each file's edges in source order, one per imported file (its first Import item).
std::vector<std::vector<Edge>> CollectEdges(const ModuleGraph& graph) {
  std::vector<std::vector<Edge>> edges(graph.modules.size());
  for (size_t file = 0; file < graph.modules.size(); ++file) {
    std::vector<Edge>& out = edges[file];
    for (const ImportSite& site : graph.modules[file].import_sites) {
      for (const ImportItem& item : site.items) {
        if (!item.target) continue;
        bool seen = std::any_of(out.begin(), out.end(),
                                [&](const Edge& e) { return e.target == *item.target; });
        if (!seen) out.push_back({*item.target, item.location, item.length});
      }
    }
  }
  return edges;
}

// Reports the cycle that `closing` (an edge from the top of `stack` to a file on it) closes: at
// the closing item, with the chain in the hint and a note at each other edge of the cycle.
void ReportCycle(const SourceSet& sources, const std::vector<Frame>& stack, const Edge& closing,
                 DiagnosticSink& sink) {
  auto path = [&](FileId id) { return std::string_view(sources.file(id).path()); };
  size_t start = stack.size() - 1;
  while (stack[start].file != closing.target) --start;
  std::vector<std::string_view> chain;
  for (size_t i = start; i < stack.size(); ++i) chain.push_back(path(stack[i].file));
  chain.push_back(path(closing.target));
  Diagnostic diagnostic = MakeError(
      DiagnosticKind::kImportCycle, closing.location, closing.length, "import cycle detected here",
      StrCat({"this import results in a cyclic dependency: ", Join(chain, " -> ", AsIs)}));
  for (size_t i = start + 1; i < stack.size(); ++i) {
    const Edge* edge = stack[i].entered_by;
    diagnostic.notes.push_back(MakeNote(
        StrCat({"`", path(stack[i - 1].file), "` imports `", path(stack[i].file), "` here"}),
        edge->location, edge->length));
  }
  sink.Report(std::move(diagnostic));
}

}  // namespace

// One depth-first walk both orders the files and finds cycles: an edge to a file still on the
// walk's stack closes one. Each such edge is reported once, with the chain that it closes.
void OrderImports(const SourceSet& sources, std::span<const FileId> rule_files, ModuleGraph& graph,
                  DiagnosticSink& sink) {
  const std::vector<std::vector<Edge>> edges = CollectEdges(graph);
  enum class State : uint8_t { kUnvisited, kOnStack, kDone };
  std::vector<State> state(graph.modules.size(), State::kUnvisited);
  for (FileId root : rule_files) {
    if (root.value >= state.size() || state[root.value] != State::kUnvisited) continue;
    std::vector<Frame> stack = {{root}};
    state[root.value] = State::kOnStack;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const std::vector<Edge>& out = edges[frame.file.value];
      if (frame.next_edge == out.size()) {
        state[frame.file.value] = State::kDone;
        graph.topological_order.push_back(frame.file);
        stack.pop_back();
        continue;
      }
      const Edge& edge = out[frame.next_edge++];
      if (state[edge.target.value] == State::kUnvisited) {
        state[edge.target.value] = State::kOnStack;
        stack.push_back({edge.target, 0, &edge});  // `frame` dangles from here on.
      } else if (state[edge.target.value] == State::kOnStack) {
        graph.has_import_cycle = true;
        ReportCycle(sources, stack, edge, sink);
      }
    }
  }
}

}  // namespace internal

std::vector<FileId> ModuleGraph::DirectImports(FileId file) const {
  std::vector<FileId> out;
  if (file.value >= modules.size()) return out;
  for (const ImportSite& site : modules[file.value].import_sites) {
    for (const ImportItem& item : site.items) {
      if (item.target && std::find(out.begin(), out.end(), *item.target) == out.end()) {
        out.push_back(*item.target);
      }
    }
  }
  return out;
}

}  // namespace osprey::frontend
