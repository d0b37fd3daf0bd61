// Runs every case of <conformance>/validate/: the rules must be valid or invalid exactly when
// Osprey said so, and when invalid, our first error (in path, then position order) must be at
// the path and line of Osprey's first error (conformance/README.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/diagnostic_render.h"
#include "frontend/validate.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "tests/conformance/conformance_dir.h"

namespace osprey::testing {
namespace {

namespace fs = std::filesystem;

std::vector<Case> ListCases() { return testing::ListCases("validate", "expected.json"); }

struct Expected {
  bool valid = false;
  std::string path;
  int64_t line = 0;
  std::string message;
};

Expected ReadExpected(const fs::path& file) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.load(file.string());
  Expected expected;
  expected.valid = root["valid"].get_bool().value();
  simdjson::dom::array errors = root["errors"].get_array().value();
  if (errors.size() > 0) {
    simdjson::dom::element first = errors.at(0).value();
    expected.path = std::string(first["path"].get_string().value());
    expected.line = first["line"].get_int64().value();
    expected.message = std::string(first["message"].get_string().value());
  }
  return expected;
}

class ValidateConformanceTest : public ::testing::TestWithParam<Case> {};

TEST_P(ValidateConformanceTest, MatchesOsprey) {
  const Case& test_case = GetParam();
  Expected expected = ReadExpected(test_case.dir / "expected.json");
  frontend::DiagnosticSink sink;
  absl::StatusOr<frontend::ValidatedRuleset> ruleset =
      frontend::ValidateDirectory(test_case.dir / "rules", frontend::ValidateOptions{}, sink);
  ASSERT_TRUE(ruleset.ok()) << ruleset.status();
  std::vector<frontend::Diagnostic> diagnostics = sink.Sorted(ruleset->parsed.sources);
  std::string rendered = frontend::RenderText(diagnostics, ruleset->parsed.sources, false);
  ASSERT_EQ(!sink.has_errors(), expected.valid)
      << (expected.valid
              ? "Osprey accepts these rules; we report:\n" + rendered
              : "Osprey rejects these rules (" + expected.path + ":" +
                    std::to_string(expected.line) + ": " + expected.message + "); we accept them");
  if (expected.valid) return;
  const frontend::Diagnostic& first = *std::find_if(
      diagnostics.begin(), diagnostics.end(),
      [](const frontend::Diagnostic& d) { return d.severity == frontend::Severity::kError; });
  std::string path(frontend::DiagnosticPath(first, ruleset->parsed.sources));
  int64_t line = first.location.file == frontend::kNoFile
                     ? 0
                     : ruleset->parsed.sources.file(first.location.file)
                           .LineColumnOf(first.location.offset)
                           .line;
  EXPECT_EQ(path + ":" + std::to_string(line), expected.path + ":" + std::to_string(expected.line))
      << "Osprey's first error: " << expected.message << "\nours:\n"
      << rendered;
}

INSTANTIATE_TEST_SUITE_P(Conformance, ValidateConformanceTest, ::testing::ValuesIn(ListCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return CaseTestName(param_info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ValidateConformanceTest);

// Makes a missing conformance directory visible: skipped locally, a failure under CI=true.
TEST(ValidateConformanceSetup, CasesArePresent) {
  if (!ConformanceDir()) {
    if (RunningInCi()) FAIL() << "conformance cases not found (set OSPREY_CONFORMANCE_DIR)";
    GTEST_SKIP() << "conformance cases not found; set OSPREY_CONFORMANCE_DIR to run them";
  }
  EXPECT_GT(ListCases().size(), 0u);
}

}  // namespace
}  // namespace osprey::testing
