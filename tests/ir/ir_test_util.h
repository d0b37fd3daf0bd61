// Helpers of the IR tests: from SML sources to a lowered Program.
#ifndef OSPREY_TESTS_IR_IR_TEST_UTIL_H_
#define OSPREY_TESTS_IR_IR_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/diagnostic.h"
#include "frontend/diagnostic_render.h"
#include "frontend/source.h"
#include "frontend/validate.h"
#include "ir/lower.h"
#include "ir/passes.h"
#include "ir/program.h"

namespace osprey::ir::testing {

using SourceFiles = std::vector<std::pair<std::string, std::string>>;  // (path, text)

// What tools/compile_rules.cc does before compiling.
inline void Optimise(Program& program) {
  FoldConstants(program);
  ShareCommonSubexpressions(program);
}

// Validates and lowers `ruleset` (with the stdlib functions); an error Status with the
// rendered diagnostics when the rules are invalid.
inline absl::StatusOr<Program> LowerValidated(const frontend::ValidatedRuleset& ruleset,
                                              const frontend::DiagnosticSink& sink) {
  if (!ruleset.valid) {
    const frontend::SourceSet& sources = ruleset.parsed.sources;
    return absl::InvalidArgumentError(
        frontend::RenderText(sink.Sorted(sources), sources, /*color=*/false));
  }
  return Lower(ruleset);
}

inline absl::StatusOr<Program> LowerSources(const SourceFiles& files, bool optimise) {
  frontend::SourceSet sources;
  for (const auto& [path, text] : files) sources.Add(path, text);
  frontend::DiagnosticSink sink;
  frontend::ValidatedRuleset ruleset =
      frontend::ParseAndValidate(std::move(sources), frontend::ValidateOptions{}, sink);
  absl::StatusOr<Program> program = LowerValidated(ruleset, sink);
  if (program.ok() && optimise) Optimise(*program);
  return program;
}

}  // namespace osprey::ir::testing

#endif  // OSPREY_TESTS_IR_IR_TEST_UTIL_H_
