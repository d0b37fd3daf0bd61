#include "frontend/diagnostic.h"

#include <algorithm>
#include <array>

namespace osprey::frontend {
namespace {

struct KindInfo {
  std::string_view name;
  std::string_view summary;
};

constexpr std::array<KindInfo, kDiagnosticKindCount> kKinds = {{
#define OSPREY_DIAGNOSTIC_KIND(Name, Summary) {#Name, Summary},
#include "frontend/diagnostic_kind.def"
}};

}  // namespace

std::string_view DiagnosticKindName(DiagnosticKind kind) {
  return kKinds[static_cast<size_t>(kind)].name;
}

std::string_view DiagnosticKindSummary(DiagnosticKind kind) {
  return kKinds[static_cast<size_t>(kind)].summary;
}

std::optional<DiagnosticKind> DiagnosticKindFromName(std::string_view name) {
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i].name == name) return static_cast<DiagnosticKind>(i);
  }
  return std::nullopt;
}

std::string_view DiagnosticPath(const Diagnostic& diagnostic, const SourceSet& sources) {
  if (diagnostic.location.file == kNoFile) return diagnostic.path;
  return sources.file(diagnostic.location.file).path();
}

void DiagnosticSink::Report(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++error_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticSink::Error(DiagnosticKind kind, SourceLocation location, uint32_t length,
                           std::string message, std::string hint) {
  // Field by field: GCC 12 -Wextra rejects designated initializers that skip members.
  Diagnostic diagnostic;
  diagnostic.kind = kind;
  diagnostic.location = location;
  diagnostic.length = length;
  diagnostic.message = std::move(message);
  if (!hint.empty()) diagnostic.hints.push_back(std::move(hint));
  Report(std::move(diagnostic));
}

std::vector<Diagnostic> DiagnosticSink::Sorted(const SourceSet& sources) const {
  std::vector<Diagnostic> sorted = diagnostics_;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    std::string_view path_a = DiagnosticPath(a, sources);
    std::string_view path_b = DiagnosticPath(b, sources);
    if (path_a != path_b) return path_a < path_b;
    if (a.location.offset != b.location.offset) return a.location.offset < b.location.offset;
    return a.severity < b.severity;
  });
  return sorted;
}

}  // namespace osprey::frontend
