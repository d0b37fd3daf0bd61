// Helpers shared by the frontend's table-driven tests: in-memory rule files and the
// (kind, path, line) summary that expectations are written in.
#ifndef OSPREY_TESTS_FRONTEND_DIAGNOSTIC_TEST_UTIL_H_
#define OSPREY_TESTS_FRONTEND_DIAGNOSTIC_TEST_UTIL_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <tuple>

#include "frontend/diagnostic.h"
#include "frontend/source.h"

namespace osprey::frontend::testing_util {

// Path -> source text of a ruleset held in memory.
using Files = std::map<std::string, std::string>;

// An expected diagnostic: its kind, the path it is reported at, and its line (0 for a
// diagnostic about a missing file).
struct Expected {
  DiagnosticKind kind;
  std::string path;
  uint32_t line;

  friend bool operator==(const Expected&, const Expected&) = default;
  friend bool operator<(const Expected& a, const Expected& b) {
    return std::tie(a.path, a.line, a.kind) < std::tie(b.path, b.line, b.kind);
  }
  friend std::ostream& operator<<(std::ostream& os, const Expected& e) {
    return os << e.path << ":" << e.line << " [" << DiagnosticKindName(e.kind) << "]";
  }
};

inline SourceSet SourcesOf(const Files& files) {
  SourceSet sources;
  for (const auto& [path, text] : files) sources.Add(path, text);
  return sources;
}

}  // namespace osprey::frontend::testing_util

#endif  // OSPREY_TESTS_FRONTEND_DIAGNOSTIC_TEST_UTIL_H_
