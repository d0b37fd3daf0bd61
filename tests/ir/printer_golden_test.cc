// Golden IR dumps: each directory under tests/golden/ir/ is a small rules directory (main.sml
// and the files it imports or requires) plus `expected.ir`, the PrintProgram text of the rules
// after lowering, FoldConstants and ShareCommonSubexpressions (what tools/compile_rules.cc
// compiles). The rules loader reads only .sml and config files, so expected.ir is not part of
// the ruleset. With OSPREY_GOLDEN_AUTOUPDATE=1 in the environment expected.ir is rewritten
// instead of compared; review the diff before committing it.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/validate.h"
#include "gtest/gtest.h"
#include "ir/printer.h"
#include "tests/ir/ir_test_util.h"

#ifndef OSPREY_SOURCE_DIR
#error "OSPREY_SOURCE_DIR must be defined to the repository root"
#endif

namespace osprey::ir {
namespace {

namespace fs = std::filesystem;

fs::path GoldenRoot() { return fs::path(OSPREY_SOURCE_DIR) / "tests" / "golden" / "ir"; }

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(GoldenRoot(), error)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool AutoUpdate() {
  const char* value = std::getenv("OSPREY_GOLDEN_AUTOUPDATE");
  return value != nullptr && std::string(value) == "1";
}

class PrinterGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PrinterGoldenTest, MatchesExpectedIr) {
  const fs::path dir = GoldenRoot() / GetParam();
  frontend::DiagnosticSink sink;
  absl::StatusOr<frontend::ValidatedRuleset> ruleset =
      frontend::ValidateDirectory(dir, frontend::ValidateOptions{}, sink);
  ASSERT_TRUE(ruleset.ok()) << ruleset.status();
  absl::StatusOr<Program> program = testing::LowerValidated(*ruleset, sink);
  ASSERT_TRUE(program.ok()) << program.status();
  testing::Optimise(*program);
  const std::string actual = PrintProgram(*program);

  const fs::path expected_file = dir / "expected.ir";
  if (AutoUpdate()) {
    std::ofstream(expected_file, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(expected_file, std::ios::binary);
  ASSERT_TRUE(in) << expected_file << " is missing; run with OSPREY_GOLDEN_AUTOUPDATE=1";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "rerun with OSPREY_GOLDEN_AUTOUPDATE=1 to accept the new dump of " << dir;
}

TEST(PrinterGoldenCasesTest, CasesExist) { EXPECT_GE(CaseNames().size(), 10u) << GoldenRoot(); }

INSTANTIATE_TEST_SUITE_P(Golden, PrinterGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace
}  // namespace osprey::ir
