// The real rule sets under ../shared/corpus: every file parses, and each rule set validates
// with its plugin declarations (tests/udfs/<corpus>.yaml) exactly when Osprey 1.1.0 accepts it
// (shared/corpus/README.md lists the ones it rejects, and why).
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "frontend/diagnostic_render.h"
#include "frontend/parse.h"
#include "frontend/validate.h"
#include "gtest/gtest.h"

namespace osprey::testing {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> CorpusDir() {
  fs::path dir = fs::path(OSPREY_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (const char* env = std::getenv("OSPREY_CORPUS_DIR"); env != nullptr && *env != '\0') {
    dir = env;
  }
  if (!fs::is_directory(dir)) return std::nullopt;
  return dir;
}

std::vector<std::string> ListCorpora() {
  std::vector<std::string> names;
  if (std::optional<fs::path> dir = CorpusDir()) {
    for (const fs::directory_entry& entry : fs::directory_iterator(*dir)) {
      if (fs::is_directory(entry.path() / "rules")) names.push_back(entry.path().filename());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Rule sets Osprey 1.1.0 rejects, each with a kind of diagnostic its defect must produce.
const std::map<std::string, frontend::DiagnosticKind>& RejectedByOsprey() {
  static const std::map<std::string, frontend::DiagnosticKind> rejected = {
      // StringLength(value=...)
      {"osprey-async-testdata", frontend::DiagnosticKind::kUnknownKeyword},
      // labels used but not declared (HasLabel checks its label while binding the call, which
      // stops the later validators that would report its annotation-less JsonData)
      {"plyr-fm", frontend::DiagnosticKind::kUnknownLabel},
      // names used without importing the file that defines them
      {"sara", frontend::DiagnosticKind::kUnknownName},
  };
  return rejected;
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, EveryFileParses) {
  absl::StatusOr<frontend::SourceSet> sources =
      frontend::LoadRulesDirectory(*CorpusDir() / GetParam() / "rules");
  ASSERT_TRUE(sources.ok()) << sources.status();
  frontend::DiagnosticSink sink;
  size_t sml_files = 0;
  for (frontend::FileId id : sources->IdsByPath()) {
    const std::string& path = sources->file(id).path();
    if (path.size() < 4 || path.substr(path.size() - 4) != ".sml") continue;
    ++sml_files;
    frontend::ast::Module module = frontend::Parse(*sources, id, sink);
    EXPECT_TRUE(module.ok()) << path;
  }
  EXPECT_GT(sml_files, 0u);
  EXPECT_FALSE(sink.has_errors()) << frontend::RenderText(sink.Sorted(*sources), *sources, false);
}

TEST_P(CorpusTest, ValidatesLikeOsprey) {
  frontend::UdfRegistry registry = frontend::UdfRegistry::Stdlib();
  fs::path declarations = fs::path(OSPREY_SOURCE_DIR) / "tests" / "udfs" / (GetParam() + ".yaml");
  if (fs::exists(declarations)) {
    absl::Status loaded = frontend::LoadUdfDeclarations(declarations.string(), registry);
    ASSERT_TRUE(loaded.ok()) << loaded;
  }
  frontend::ValidateOptions options;
  options.udfs = &registry;
  frontend::DiagnosticSink sink;
  absl::StatusOr<frontend::ValidatedRuleset> ruleset =
      frontend::ValidateDirectory(*CorpusDir() / GetParam() / "rules", options, sink);
  ASSERT_TRUE(ruleset.ok()) << ruleset.status();
  std::string rendered =
      frontend::RenderText(sink.Sorted(ruleset->parsed.sources), ruleset->parsed.sources, false);
  if (auto it = RejectedByOsprey().find(GetParam()); it != RejectedByOsprey().end()) {
    bool found = std::any_of(sink.diagnostics().begin(), sink.diagnostics().end(),
                             [&](const frontend::Diagnostic& d) { return d.kind == it->second; });
    EXPECT_TRUE(found) << "expected a " << frontend::DiagnosticKindName(it->second)
                       << " diagnostic for " << GetParam() << "'s known defect; we report:\n"
                       << rendered;
  } else {
    EXPECT_FALSE(sink.has_errors()) << rendered;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(ListCorpora()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusTest);

}  // namespace
}  // namespace osprey::testing
