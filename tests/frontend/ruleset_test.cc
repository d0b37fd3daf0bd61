#include "frontend/ruleset.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the test's temporary directory, removed afterwards.
class RulesDirTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) /
            ("ruleset_test_" + std::to_string(getpid()) + "_" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& relative, const std::string& bytes) {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }

  fs::path root_;
};

std::vector<std::string> Paths(const SourceSet& sources) {
  std::vector<std::string> paths;
  for (FileId id : sources.IdsByPath()) paths.push_back(sources.file(id).path());
  return paths;
}

TEST_F(RulesDirTest, ReadsSmlFilesRecursivelyInPathOrder) {
  Write("main.sml", "X = 1\n");
  Write("models/b.sml", "B = 1\n");
  Write("models/a.sml", "A = 1\n");
  Write("rules/deep/er/x.sml", "C = 1\n");
  Write("notes.txt", "not rules\n");
  Write("main.sml.bak", "no\n");
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  EXPECT_EQ(Paths(*sources), (std::vector<std::string>{"main.sml", "models/a.sml", "models/b.sml",
                                                       "rules/deep/er/x.sml"}));
  // Ids are handed out in path order too.
  EXPECT_EQ(sources->file(FileId{1}).path(), "models/a.sml");
}

TEST_F(RulesDirTest, ReadsConfigFilesButNotOtherData) {
  Write("main.sml", "X = 1\n");
  Write("config.yaml", "labels: {}\n");
  Write("config/labels.yaml", "labels: {}\n");
  Write("sub/config/more.yaml", "labels: {}\n");
  Write("lists/words.yaml", "- a\n");
  Write("config/notes.yml", "no\n");
  Write("other.yaml", "no\n");
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  EXPECT_EQ(Paths(*sources), (std::vector<std::string>{"config.yaml", "config/labels.yaml",
                                                       "main.sml", "sub/config/more.yaml"}));
}

TEST_F(RulesDirTest, KeepsBytesExactly) {
  using namespace std::string_literals;
  const std::string bytes = "X = 1\r\nY = '\xff'\r\n\x00Z"s;  // The NUL is kept.
  Write("main.sml", bytes);
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  EXPECT_EQ(sources->file(FileId{0}).text(), bytes);
}

TEST_F(RulesDirTest, DoesNotFollowDirectoryLinks) {
  Write("main.sml", "X = 1\n");
  Write("real/a.sml", "A = 1\n");
  fs::create_directory_symlink(root_, root_ / "real" / "loop");
  fs::create_directory_symlink(root_ / "real", root_ / "alias");
  fs::create_symlink(root_ / "real" / "a.sml", root_ / "linked.sml");
  fs::create_symlink(root_ / "missing.sml", root_ / "dangling.sml");
  fs::create_directories(root_ / "dir.sml");
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  EXPECT_EQ(Paths(*sources), (std::vector<std::string>{"linked.sml", "main.sml", "real/a.sml"}));
}

TEST_F(RulesDirTest, EmptyDirectoryIsAnEmptySet) {
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  EXPECT_EQ(sources->size(), 0u);
}

TEST_F(RulesDirTest, MissingDirectoryIsNotFound) {
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_ / "nope");
  EXPECT_EQ(sources.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(sources.status().message().find("nope"), absl::string_view::npos);
}

TEST_F(RulesDirTest, FileIsNotADirectory) {
  Write("main.sml", "X = 1\n");
  absl::StatusOr<SourceSet> sources = LoadRulesDirectory(root_ / "main.sml");
  EXPECT_EQ(sources.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(sources.status().message().find("main.sml"), absl::string_view::npos);
}

TEST(ParseRulesetTest, LeavesTheModuleChecksToValidation) {
  SourceSet sources;
  sources.Add("other.sml", "Import(rules=['nope.sml'])\n");  // No main.sml either.
  DiagnosticSink sink;
  ParsedRuleset ruleset = ParseRuleset(std::move(sources), sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_TRUE(ruleset.graph.modules.empty());
  EXPECT_FALSE(ruleset.graph.entry.has_value());
  ASSERT_EQ(ruleset.modules.size(), 1u);
  EXPECT_TRUE(ruleset.modules[0].ok());
}

TEST(ParseRulesetTest, ParseErrorSkipsTheModuleChecks) {
  SourceSet sources;
  sources.Add("main.sml", "Import(rules=['nope.sml'])\n");
  sources.Add("broken.sml", "X = (\n");
  DiagnosticSink sink;
  ParsedRuleset ruleset = ParseRuleset(std::move(sources), sink);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].kind, DiagnosticKind::kSyntaxError);
  EXPECT_TRUE(ruleset.graph.modules.empty());
  EXPECT_EQ(ruleset.modules.size(), 2u);
}

TEST(ParseRulesetTest, ConfigFilesGetEmptyModules) {
  SourceSet sources;
  sources.Add("main.sml", "X = 1\n");
  sources.Add("config/labels.yaml", "labels:\n  spam: {valid_for: [User]}\n");
  DiagnosticSink sink;
  ParsedRuleset ruleset = ParseRuleset(std::move(sources), sink);
  EXPECT_FALSE(sink.has_errors());
  ASSERT_EQ(ruleset.modules.size(), 2u);
  EXPECT_EQ(ruleset.modules[1].file(), FileId{1});
  EXPECT_TRUE(ruleset.modules[1].statements().empty());
  EXPECT_EQ(ruleset.modules[0].statements().size(), 1u);
}

}  // namespace
}  // namespace osprey::frontend
