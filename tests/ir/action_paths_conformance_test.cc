// Soundness of ComputeActionPaths on the exec conformance corpus: for every action of every
// case, each feature the reference interpreter exports comes from a file of the action's
// partition (so the partition's files, and with them its paths, cover what really runs), and
// the catch-all partition's files are in every named partition.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "frontend/validate.h"
#include "gtest/gtest.h"
#include "ir/action_paths.h"
#include "runtime/action.h"
#include "tests/conformance/conformance_dir.h"
#include "tests/ir/ir_test_util.h"
#include "tools/compile_rules.h"

namespace osprey::ir {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> ExecCases(const fs::path& root) {
  std::vector<fs::path> cases;
  std::error_code error;
  for (const auto& group : fs::directory_iterator(root / "exec", error)) {
    if (!group.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(group.path())) {
      if (fs::is_directory(entry.path() / "rules")) cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

bool Contains(const std::vector<int32_t>& sorted, int32_t value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

TEST(ActionPathsConformanceTest, PartitionsCoverWhatTheInterpreterRuns) {
  std::optional<fs::path> root = osprey::testing::ConformanceDir();
  if (!root) {
    if (osprey::testing::RunningInCi()) FAIL() << "no conformance directory";
    GTEST_SKIP() << "no conformance directory";
  }
  int checked_features = 0;
  int checked_cases = 0;
  for (const fs::path& dir : ExecCases(*root)) {
    SCOPED_TRACE(dir.string());
    frontend::DiagnosticSink sink;
    absl::StatusOr<tools::CompiledRules> compiled =
        tools::CompileRulesDirectory((dir / "rules").string(), tools::CompileOptions{}, sink);
    if (!compiled.ok() || compiled->ruleset == nullptr) continue;  // Not runnable here.
    absl::StatusOr<Program> program = testing::LowerValidated(compiled->validated, sink);
    ASSERT_TRUE(program.ok()) << program.status();
    testing::Optimise(*program);
    const ActionPaths paths = ComputeActionPaths(*program);
    ASSERT_FALSE(paths.partitions.empty());
    ASSERT_EQ(paths.partitions.back().action_name, std::nullopt);
    for (const ActionPartition& partition : paths.partitions) {
      for (int32_t file : paths.partitions.back().files) {
        EXPECT_TRUE(Contains(partition.files, file))
            << program->files[file].path << " runs for any other name but not for "
            << partition.action_name.value_or("*");
      }
    }
    absl::flat_hash_map<std::string, int32_t> file_of_feature;
    for (const Feature& feature : program->features) file_of_feature[feature.name] = feature.file;

    ++checked_cases;
    std::ifstream actions(dir / "actions.jsonl", std::ios::binary);
    runtime::ActionReader reader;
    for (std::string line; std::getline(actions, line);) {
      absl::StatusOr<runtime::Action> action = reader.Read(line);
      if (!action.ok()) continue;
      const ActionPartition& partition = paths.ForActionName(action->name);
      runtime::ActionResult result = compiled->ruleset->Evaluate(
          *action, /*labels=*/nullptr, /*random_seed=*/0, runtime::ResultFeatures::kAll);
      for (const auto& [name, value] : result.features) {
        auto it = file_of_feature.find(name->text);
        ASSERT_NE(it, file_of_feature.end()) << name->text;
        EXPECT_TRUE(Contains(partition.files, it->second))
            << "feature " << name->text << " of " << program->files[it->second].path
            << " ran for action " << action->name << " outside its partition";
        ++checked_features;
      }
    }
  }
  EXPECT_GT(checked_cases, 100);
  EXPECT_GT(checked_features, 1000);
}

}  // namespace
}  // namespace osprey::ir
