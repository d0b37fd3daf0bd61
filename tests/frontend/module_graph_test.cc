#include "frontend/module_graph.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/path_glob.h"
#include "frontend/ruleset.h"
#include "frontend/source.h"
#include "gtest/gtest.h"
#include "tests/frontend/diagnostic_test_util.h"

namespace osprey::frontend {
namespace {

using testing_util::Expected;
using testing_util::Files;

// Checks the entry point, parses `files` and, when they all parse, builds their module graph
// (as ParseAndValidate does).
ParsedRuleset ParseFiles(const Files& files, DiagnosticSink& sink) {
  SourceSet sources;
  for (const auto& [path, text] : files) sources.Add(path, text);
  FindEntry(sources, sink);
  ParsedRuleset ruleset = ParseRuleset(std::move(sources), sink);
  if (!sink.has_errors() || ruleset.sources.Find(kEntryPath) == std::nullopt) {
    ruleset.graph = BuildModuleGraph(ruleset.sources, ruleset.modules, sink);
  }
  return ruleset;
}

struct Case {
  std::string name;
  Files files;
  std::vector<Expected> expected;  // Empty: the ruleset is valid.
};

class ModuleGraphTest : public testing::TestWithParam<Case> {};

TEST_P(ModuleGraphTest, ReportsExpectedDiagnostics) {
  const Case& c = GetParam();
  DiagnosticSink sink;
  ParsedRuleset ruleset = ParseFiles(c.files, sink);
  std::vector<Expected> actual;
  for (const Diagnostic& d : sink.diagnostics()) {
    uint32_t line = 0;
    if (d.location.file != kNoFile) {
      line = ruleset.sources.file(d.location.file).LineColumnOf(d.location.offset).line;
    }
    actual.push_back({d.kind, std::string(DiagnosticPath(d, ruleset.sources)), line});
  }
  std::vector<Expected> expected = c.expected;
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(actual, expected);
}

constexpr auto kArg = DiagnosticKind::kImportArgument;
constexpr auto kNotFound = DiagnosticKind::kImportNotFound;
constexpr auto kDuplicate = DiagnosticKind::kImportDuplicate;
constexpr auto kNotSorted = DiagnosticKind::kImportNotSorted;
constexpr auto kCycle = DiagnosticKind::kImportCycle;
constexpr auto kRequireArg = DiagnosticKind::kRequireArgument;
constexpr auto kRequireNotFound = DiagnosticKind::kRequireNotFound;
constexpr auto kNeverMatches = DiagnosticKind::kRequireNeverMatches;

const std::string kA = "A = GetActionId()\n";

// Most cases mirror /work/shared/conformance/validate/modules, whose expected errors come from
// running the reference engine.
INSTANTIATE_TEST_SUITE_P(
    Modules, ModuleGraphTest,
    testing::Values(
        Case{"ImportBasic",
             {{"main.sml", "Import(rules=['models/base.sml'])\nX = UserName\n"},
              {"models/base.sml", "UserName: str = JsonData(path='$.user.name')\n"}},
             {}},
        Case{"ImportEmptyList", {{"main.sml", "Import(rules=[])\n"}}, {}},
        Case{"ImportMultilineTrailingComma",
             {{"main.sml", "Import(\n  rules=[\n    'a.sml',\n    'b.sml',\n  ],\n)\n"},
              {"a.sml", kA},
              {"b.sml", "B = 1\n"}},
             {}},
        Case{"ImportSeveralCallsNeedNotBeSortedAcrossCalls",
             {{"main.sml", "Import(rules=['b.sml'])\nImport(rules=['a.sml'])\n"},
              {"a.sml", kA},
              {"b.sml", "B = 1\n"}},
             {}},
        Case{"ImportSortIsCodePointOrder",
             {{"main.sml", "Import(rules=['B.sml', 'a.sml', 'a_b.sml', 'ab.sml'])\n"},
              {"B.sml", "U = 1\n"},
              {"a.sml", kA},
              {"a_b.sml", "C = 1\n"},
              {"ab.sml", "D = 1\n"}},
             {}},
        Case{"ImportBareString",
             {{"main.sml", "Import(rules='a.sml')\n"}, {"a.sml", kA}},
             {{kArg, "main.sml", 1}}},
        Case{"ImportFormatStringItem",
             {{"main.sml", "N = GetActionName()\nImport(rules=[f'{N}.sml'])\n"},
              {"a.sml", "A = 1\n"}},
             {{kArg, "main.sml", 2}}},
        Case{"ImportNumberItem", {{"main.sml", "Import(rules=[1])\n"}}, {{kArg, "main.sml", 1}}},
        Case{"ImportNegativeNumber", {{"main.sml", "Import(rules=-1)\n"}}, {{kArg, "main.sml", 1}}},
        Case{"ImportMissingFile",
             {{"main.sml", "Import(rules=['nope.sml'])\nX = 1\n"}},
             {{kNotFound, "main.sml", 1}}},
        Case{"ImportTwoMissingFiles",
             {{"main.sml", "Import(rules=['a.sml', 'missing1.sml', 'missing2.sml'])\n"},
              {"a.sml", kA}},
             {{kNotFound, "main.sml", 1}, {kNotFound, "main.sml", 1}}},
        Case{"ImportDotSlashNotNormalised",
             {{"main.sml", "Import(rules=['./a.sml'])\n"}, {"a.sml", kA}},
             {{kNotFound, "main.sml", 1}}},
        Case{"ImportDotDotNotNormalised",
             {{"main.sml", "Import(rules=['sub/a.sml'])\n"},
              {"sub/a.sml", "Import(rules=['../b.sml'])\nA = B\n"},
              {"b.sml", "B = 1\n"}},
             {{kNotFound, "sub/a.sml", 1}}},
        Case{"ImportPathsAreRelativeToTheRoot",
             {{"main.sml", "Import(rules=['sub/a.sml'])\n"},
              {"sub/a.sml", "Import(rules=['b.sml'])\nA = B\n"},
              {"sub/b.sml", "B = 1\n"}},
             {{kNotFound, "sub/a.sml", 1}}},
        Case{"ImportDuplicateItem",
             {{"main.sml", "Import(rules=['a.sml', 'a.sml'])\n"}, {"a.sml", kA}},
             {{kDuplicate, "main.sml", 1}}},
        Case{"ImportUnsorted",
             {{"main.sml", "Import(rules=['b.sml', 'a.sml'])\n"},
              {"a.sml", kA},
              {"b.sml", "B = 1\n"}},
             {{kNotSorted, "main.sml", 1}}},
        Case{"ImportUnsortedUppercaseFirst",
             {{"main.sml", "Import(rules=['a.sml', 'B.sml'])\n"},
              {"a.sml", kA},
              {"B.sml", "B = 1\n"}},
             {{kNotSorted, "main.sml", 1}}},
        Case{"ImportUsedAsValueStillChecked",
             {{"main.sml", "X = Import(rules=['nope.sml'])\n"}},
             {{kNotFound, "main.sml", 1}}},
        Case{"ImportRulesFromFeatureName",
             {{"main.sml", "Files = ['a.sml']\nImport(rules=Files)\n"}, {"a.sml", kA}},
             {}},
        Case{"ImportRulesFromFeatureInAnotherFile",
             {{"main.sml", "Import(rules=['lists.sml'])\nImport(rules=Files)\n"},
              {"lists.sml", "Files = ['nope.sml']\n"}},
             {{kNotFound, "lists.sml", 1}}},
        Case{"ImportRulesFromLocalName",
             {{"main.sml", "_Files = ['a.sml']\nImport(rules=_Files)\n"}, {"a.sml", kA}},
             {}},
        Case{"ImportRulesFromUndefinedName",
             {{"main.sml", "Import(rules=Files)\n"}},
             {{kArg, "main.sml", 1}}},
        Case{"ImportRulesFromNonLiteralFeature",
             {{"main.sml", "Files = GetActionName()\n\nImport(rules=Files)\n"}},
             {{kArg, "main.sml", 1}}},
        Case{"ImportSelfCycle",
             {{"main.sml", "Import(rules=['a.sml'])\n"}, {"a.sml", "Import(rules=['a.sml'])\n"}},
             {{kCycle, "a.sml", 1}}},
        Case{"ImportTwoFileCycle",
             {{"main.sml", "Import(rules=['a.sml'])\n"},
              {"a.sml", "X = 1\nImport(rules=['b.sml'])\n"},
              {"b.sml", "Y = 1\nZ = 2\nImport(rules=['a.sml'])\n"}},
             {{kCycle, "b.sml", 3}}},
        Case{"ImportCycleThroughMain",
             {{"main.sml", "Import(rules=['a.sml'])\n"}, {"a.sml", "Import(rules=['main.sml'])\n"}},
             {{kCycle, "main.sml", 1}}},
        Case{"ImportDiamondIsNoCycle",
             {{"main.sml", "Import(rules=['left.sml', 'right.sml'])\n"},
              {"left.sml", "Import(rules=['base.sml'])\n"},
              {"right.sml", "Import(rules=['base.sml'])\n"},
              {"base.sml", "Base = 1\n"}},
             {}},
        Case{"RequireLiteral",
             {{"main.sml", "Require(rule='rules/spam.sml')\n"}, {"rules/spam.sml", "S = 1\n"}},
             {}},
        Case{"RequireMissingFile",
             {{"main.sml", "Require(rule='rules/nope.sml')\n"}},
             {{kRequireNotFound, "main.sml", 1}}},
        Case{"RequireRuleIsName",
             {{"main.sml", "Path = 'a.sml'\nRequire(rule=Path)\n"}, {"a.sml", kA}},
             {{kRequireArg, "main.sml", 2}}},
        Case{"RequireRuleIsList",
             {{"main.sml", "Require(rule=['a.sml'])\n"}, {"a.sml", kA}},
             {{kRequireArg, "main.sml", 1}}},
        Case{"RequireFormatStringGlob",
             {{"main.sml",
               "ActionName = GetActionName()\nRequire(rule=f'actions/{ActionName}.sml')\n"},
              {"actions/create_post.sml", "P = 1\n"}},
             {}},
        Case{"RequireGlobStarMatchesSlash",
             {{"main.sml", "Kind = GetActionName()\nRequire(rule=f'rules/{Kind}')\n"},
              {"rules/deep/nested/file.sml", "Z = 1\n"}},
             {}},
        Case{"RequireFormatStringNeverMatches",
             {{"main.sml", "N = GetActionName()\nRequire(rule=f'actions/{N}.sml')\n"},
              {"rules/x.sml", "X = 1\n"}},
             {{kNeverMatches, "main.sml", 2}}},
        Case{"RequireCycleAllowed",
             {{"main.sml", "Require(rule='a.sml')\n"},
              {"a.sml", "Require(rule='b.sml')\n"},
              {"b.sml", "Require(rule='a.sml')\n"}},
             {}},
        Case{"RequireInsideListStillChecked",
             {{"main.sml", "X = [Require(rule='nope.sml')]\n"}},
             {{kRequireNotFound, "main.sml", 1}}},
        Case{"ConfigFilesAreNotRuleFiles",
             {{"main.sml",
               "Import(rules=['config.yaml'])\nN = GetActionName()\n"
               "Require(rule=f'config/{N}')\nRequire(rule='config/labels.yaml')\n"},
              {"config.yaml", "labels: {}\n"},
              {"config/labels.yaml", "labels: {}\n"}},
             {{kNotFound, "main.sml", 1},
              {kNeverMatches, "main.sml", 3},
              {kRequireNotFound, "main.sml", 4}}},
        Case{"MissingMain",
             {{"other.sml", "X = 1\n"}},
             {{DiagnosticKind::kMissingMain, "main.sml", 0}}}),
    [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(ModuleGraphStructureTest, DiamondOrderAndSites) {
  DiagnosticSink sink;
  ParsedRuleset ruleset =
      ParseFiles({{"main.sml", "X = 1\nImport(rules=['left.sml', 'right.sml'])\nY = L + R\n"},
                  {"left.sml", "Import(rules=['base.sml'])\nL = Base\n"},
                  {"right.sml", "Import(rules=['base.sml'])\nR = Base\n"},
                  {"base.sml", "Base = 1\n"}},
                 sink);
  ASSERT_FALSE(sink.has_errors());
  const SourceSet& sources = ruleset.sources;
  const ModuleGraph& graph = ruleset.graph;
  ASSERT_EQ(graph.modules.size(), sources.size());
  const FileId main = *sources.Find("main.sml");
  ASSERT_TRUE(graph.entry.has_value());
  EXPECT_EQ(*graph.entry, main);
  EXPECT_FALSE(graph.has_import_cycle);

  ASSERT_EQ(graph.modules[main.value].import_sites.size(), 1u);
  const ImportSite& site = graph.modules[main.value].import_sites[0];
  EXPECT_EQ(site.statement_index, 1u);
  EXPECT_TRUE(site.is_statement);
  EXPECT_TRUE(site.well_formed);
  ASSERT_EQ(site.items.size(), 2u);
  EXPECT_EQ(site.items[0].path, "left.sml");
  EXPECT_EQ(site.items[0].target, sources.Find("left.sml"));
  EXPECT_EQ(site.items[1].target, sources.Find("right.sml"));
  EXPECT_EQ(graph.DirectImports(main),
            (std::vector<FileId>{*sources.Find("left.sml"), *sources.Find("right.sml")}));

  std::vector<std::string> order;
  for (FileId id : graph.topological_order) order.push_back(sources.file(id).path());
  EXPECT_EQ(order, (std::vector<std::string>{"base.sml", "left.sml", "right.sml", "main.sml"}));
}

TEST(ModuleGraphStructureTest, RequireSites) {
  DiagnosticSink sink;
  ParsedRuleset ruleset =
      ParseFiles({{"main.sml",
                   "Name = GetActionName()\n"
                   "Require(rule=f'actions/{Name}.sml', require_if=Name != 'x')\n"
                   "Require(rule='extra.sml')\n"},
                  {"actions/b.sml", "B = 1\n"},
                  {"actions/a.sml", "A = 1\n"},
                  {"actions/sub/c.sml", "C = 1\n"},
                  {"actions/readme.txt.sml.bak.sml", "D = 1\n"},
                  {"other/a.sml", "E = 1\n"},
                  {"extra.sml", "F = 1\n"}},
                 sink);
  ASSERT_FALSE(sink.has_errors());
  const SourceSet& sources = ruleset.sources;
  ASSERT_EQ(ruleset.graph.modules.size(), sources.size());
  const ModuleInfo& info = ruleset.graph.modules[sources.Find("main.sml")->value];
  ASSERT_EQ(info.require_sites.size(), 2u);

  const RequireSite& templated = info.require_sites[0];
  EXPECT_EQ(templated.statement_index, 1u);
  EXPECT_TRUE(templated.is_template);
  EXPECT_EQ(templated.path, "actions/{Name}.sml");
  EXPECT_EQ(templated.glob, "actions/*.sml");
  EXPECT_TRUE(templated.require_if.valid());
  std::vector<std::string> candidates;
  for (FileId id : templated.candidates) candidates.push_back(sources.file(id).path());
  EXPECT_EQ(candidates,
            (std::vector<std::string>{"actions/a.sml", "actions/b.sml",
                                      "actions/readme.txt.sml.bak.sml", "actions/sub/c.sml"}));

  const RequireSite& literal = info.require_sites[1];
  EXPECT_FALSE(literal.is_template);
  EXPECT_EQ(literal.path, "extra.sml");
  EXPECT_FALSE(literal.require_if.valid());
  EXPECT_EQ(literal.candidates, (std::vector<FileId>{*sources.Find("extra.sml")}));
}

TEST(ModuleGraphStructureTest, CycleStillYieldsACompleteOrder) {
  DiagnosticSink sink;
  ParsedRuleset ruleset = ParseFiles({{"main.sml", "Import(rules=['a.sml'])\n"},
                                      {"a.sml", "Import(rules=['b.sml'])\n"},
                                      {"b.sml", "Import(rules=['a.sml'])\n"}},
                                     sink);
  EXPECT_TRUE(ruleset.graph.has_import_cycle);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  const Diagnostic& cycle = sink.diagnostics()[0];
  EXPECT_EQ(cycle.kind, DiagnosticKind::kImportCycle);
  ASSERT_EQ(cycle.hints.size(), 1u);
  EXPECT_EQ(cycle.hints[0], "this import results in a cyclic dependency: a.sml -> b.sml -> a.sml");
  ASSERT_EQ(cycle.notes.size(), 1u);
  EXPECT_EQ(cycle.notes[0].message, "`a.sml` imports `b.sml` here");
  EXPECT_EQ(ruleset.graph.topological_order.size(), 3u);
}

TEST(ModuleGraphStructureTest, NotFoundSuggestsTheIntendedPath) {
  DiagnosticSink sink;
  ParseFiles({{"main.sml", "Import(rules=['sub/a.sml'])\n"},
              {"sub/a.sml", "Import(rules=['b.sml', './sub/c.sml'])\n"},
              {"sub/b.sml", "B = 1\n"},
              {"sub/c.sml", "C = 1\n"}},
             sink);
  std::vector<std::string> hints;
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.kind == DiagnosticKind::kImportNotFound) hints.push_back(d.hints.back());
  }
  EXPECT_EQ(hints, (std::vector<std::string>{
                       "paths are relative to the rules root; did you mean `sub/b.sml`?",
                       "paths are not normalised; did you mean `sub/c.sml`?"}));
}

TEST(ModuleGraphStructureTest, UnsortedHintShowsTheSortedCall) {
  DiagnosticSink sink;
  ParseFiles({{"main.sml", "Import(rules=['b.sml', \"it's.sml\", 'a.sml'])\n"},
              {"a.sml", "A = 1\n"},
              {"b.sml", "B = 1\n"},
              {"it's.sml", "C = 1\n"}},
             sink);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].hints[0],
            "sort imports lexicographically: `Import(rules=['a.sml', 'b.sml', \"it's.sml\"])`");
}

TEST(FnmatchCaseTest, MatchesLikePython) {
  // Each row was checked against Python 3.11's fnmatch.fnmatchcase(name, pattern).
  const std::vector<std::tuple<std::string, std::string, bool>> rows = {
      {"actions/create.sml", "actions/*.sml", true},
      {"rules/deep/nested/file.sml", "rules/*", true},
      {"x/y.sml", "*.sml", true},
      {"a.sml", "?.sml", true},
      {"ab.sml", "?.sml", false},
      {"é.sml", "?.sml", true},
      {"a.sml", "[abc].sml", true},
      {"d.sml", "[!abc].sml", true},
      {"a.sml", "[!abc].sml", false},
      {"b.sml", "[a-c].sml", true},
      {"-.sml", "[a-].sml", true},
      {"b.sml", "[c-a].sml", false},
      {"b.sml", "[!c-a].sml", true},
      {"]", "[]]", true},
      {"[.sml", "[.sml", true},
      {"a\\b", "a\\b", true},
      {"-", "[a-b-c]", true},
      {"c", "[a-b-c]", true},
      {"", "*", true},
      {"a", "", false},
      {"", "", true},
      {"abcbc", "a*bc", true},
      {"abcd", "a*c", false},
      {".hidden", "*", true},
  };
  for (const auto& [name, pattern, matches] : rows) {
    EXPECT_EQ(FnmatchCase(name, pattern), matches) << name << " ~ " << pattern;
  }
}

TEST(TemplateToGlobTest, ReplacesFieldsAndUndoublesBraces) {
  EXPECT_EQ(internal::TemplateToGlob("actions/{ActionName}.sml"), "actions/*.sml");
  EXPECT_EQ(internal::TemplateToGlob("{{lit}}/{N}"), "{lit}/*");
  EXPECT_EQ(internal::TemplateToGlob("{A}{B}"), "**");
  EXPECT_EQ(internal::TemplateToGlob("plain.sml"), "plain.sml");
}

}  // namespace
}  // namespace osprey::frontend
