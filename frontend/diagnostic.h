// Diagnostics: what the frontend says about a ruleset, and where.
//
// Phases report into a `DiagnosticSink` and keep going; callers check `has_errors()`.
#ifndef OSPREY_FRONTEND_DIAGNOSTIC_H_
#define OSPREY_FRONTEND_DIAGNOSTIC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source.h"

namespace osprey::frontend {

enum class DiagnosticKind : uint8_t {
#define OSPREY_DIAGNOSTIC_KIND(Name, Summary) k##Name,
#include "frontend/diagnostic_kind.def"
};

inline constexpr int kDiagnosticKindCount = 0
#define OSPREY_DIAGNOSTIC_KIND(Name, Summary) +1
#include "frontend/diagnostic_kind.def"
    ;

// "ImportCycle" for DiagnosticKind::kImportCycle.
std::string_view DiagnosticKindName(DiagnosticKind kind);
std::string_view DiagnosticKindSummary(DiagnosticKind kind);
std::optional<DiagnosticKind> DiagnosticKindFromName(std::string_view name);

enum class Severity : uint8_t { kError, kWarning };

// A secondary location that explains the primary one ("it was found here", "the chain is ...").
struct DiagnosticNote {
  std::string message;
  std::optional<SourceLocation> location;
  uint32_t length = 1;
};

struct Diagnostic {
  DiagnosticKind kind;
  Severity severity = Severity::kError;
  SourceLocation location;
  uint32_t length = 1;  // Bytes underlined from `location`; at least one caret is drawn.
  std::string message;
  std::vector<std::string> hints;  // Printed as "help:" lines under the caret.
  std::vector<DiagnosticNote> notes;
  // Only for a diagnostic about a file that does not exist (location.file == kNoFile): its path.
  std::string path;
};

// The path a diagnostic is reported at.
std::string_view DiagnosticPath(const Diagnostic& diagnostic, const SourceSet& sources);

class DiagnosticSink {
 public:
  void Report(Diagnostic diagnostic);
  // Shorthand for the common case of one message and optional hint.
  void Error(DiagnosticKind kind, SourceLocation location, uint32_t length, std::string message,
             std::string hint = "");

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  // Diagnostics ordered stably by (path, offset), errors before warnings at one place.
  std::vector<Diagnostic> Sorted(const SourceSet& sources) const;

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
};

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_DIAGNOSTIC_H_
