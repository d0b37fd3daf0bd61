// Tests of the name validators (UniqueStoredNames, VariablesMustBeDefined, NoUnusedLocals) and of
// the call-result validator, run through the whole Validate() pipeline. Many cases mirror
// /work/shared/conformance/validate/names, whose expectations come from the reference engine.
#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/internal/validation_context.h"
#include "frontend/ruleset.h"
#include "frontend/source.h"
#include "frontend/validate.h"
#include "gtest/gtest.h"
#include "tests/frontend/diagnostic_test_util.h"

namespace osprey::frontend {
namespace {

using testing_util::Expected;
using testing_util::Files;

struct Case {
  std::string name;
  Files files;
  std::vector<Expected> expected;  // Empty: no diagnostic of the kinds below.
};

constexpr auto kDuplicateFeature = DiagnosticKind::kDuplicateFeature;
constexpr auto kDuplicateLocal = DiagnosticKind::kDuplicateLocal;
constexpr auto kUnknownName = DiagnosticKind::kUnknownName;
constexpr auto kUnknownLocal = DiagnosticKind::kUnknownLocal;
constexpr auto kSelfReference = DiagnosticKind::kSelfReference;
constexpr auto kUnusedLocal = DiagnosticKind::kUnusedLocal;
constexpr auto kUnusedCallResult = DiagnosticKind::kUnusedCallResult;
constexpr auto kCallHasNoResult = DiagnosticKind::kCallHasNoResult;

// Only the kinds these validators report are compared: other validators' diagnostics (a type
// error a case cannot avoid, say) are theirs to test.
bool IsNameValidatorKind(DiagnosticKind kind) {
  for (DiagnosticKind k : {kDuplicateFeature, kDuplicateLocal, kUnknownName, kUnknownLocal,
                           kSelfReference, kUnusedLocal, kUnusedCallResult, kCallHasNoResult}) {
    if (k == kind) return true;
  }
  return false;
}

class NameValidatorsTest : public testing::TestWithParam<Case> {};

TEST_P(NameValidatorsTest, ReportsExpectedDiagnostics) {
  const Case& c = GetParam();
  SourceSet sources;
  for (const auto& [path, text] : c.files) sources.Add(path, text);
  DiagnosticSink sink;
  ParsedRuleset parsed = ParseRuleset(std::move(sources), sink);
  ASSERT_FALSE(sink.has_errors()) << "the case must parse";
  ValidatedRuleset result = Validate(std::move(parsed), ValidateOptions{}, sink);

  std::vector<Expected> actual;
  for (const Diagnostic& d : sink.diagnostics()) {
    if (!IsNameValidatorKind(d.kind)) continue;
    const SourceFile& file = result.parsed.sources.file(d.location.file);
    actual.push_back({d.kind, file.path(), file.LineColumnOf(d.location.offset).line});
  }
  std::vector<Expected> expected = c.expected;
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(actual, expected);
}

const std::string kImportA = "Import(rules=['a.sml'])\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, NameValidatorsTest,
    testing::Values(
        // UniqueStoredNames: reported once, at the first definition in path order.
        Case{"DuplicateFeatureSameFile",
             {{"main.sml", "X = GetActionId()\nX = GetActionName()\n"}},
             {{kDuplicateFeature, "main.sml", 1}}},
        Case{"DuplicateFeatureAcrossFilesAtFirstPath",
             {{"main.sml", "X = 1\n"}, {"a.sml", "Y = 1\nX = 2\n"}},
             {{kDuplicateFeature, "a.sml", 2}}},
        Case{"DuplicateFeatureThreeTimesReportedOnce",
             {{"main.sml", "X = 1\nX = 2\nX = 3\n"}},
             {{kDuplicateFeature, "main.sml", 1}}},
        Case{"DuplicateLocal",
             {{"main.sml", "_L = 1\n_L = 2\nX = _L\n"}},
             {{kDuplicateLocal, "main.sml", 1}}},
        Case{"SameLocalInTwoFiles",
             {{"main.sml", "_L = 1\nX = _L\n"}, {"a.sml", "_L = 2\nY = _L\n"}},
             {}},
        // A duplicate stops name checking (its dependants are skipped), not the unused check.
        Case{"DuplicateHidesUnknownNames",
             {{"main.sml", "X = 1\nX = 2\nY = Missing\n_U = 1\n"}},
             {{kDuplicateFeature, "main.sml", 1}, {kUnusedLocal, "main.sml", 4}}},

        // VariablesMustBeDefined.
        Case{"DefinedEarlier", {{"main.sml", "A = 1\nB = A + 1\n"}}, {}},
        Case{"UndefinedName", {{"main.sml", "X = Missing\n"}}, {{kUnknownName, "main.sml", 1}}},
        Case{"UseBeforeDefinition",
             {{"main.sml", "X = Y + 1\nY = 1\n"}},
             {{kUnknownName, "main.sml", 1}}},
        Case{"ImportedFeatureVisible",
             {{"main.sml", kImportA + "Y = X\n"}, {"a.sml", "X = 1\n"}},
             {}},
        Case{"ImportedFeatureVisibleOnlyAfterImport",
             {{"main.sml", "Y = X\n" + kImportA + "Z = X\n"}, {"a.sml", "X = 1\n"}},
             {{kUnknownName, "main.sml", 1}}},
        Case{"NotImported",
             {{"main.sml", "Y = X\n"}, {"a.sml", "X = 1\n"}},
             {{kUnknownName, "main.sml", 1}}},
        Case{"ImportsAreNotTransitive",
             {{"main.sml", "Import(rules=['b.sml'])\nY = X\nZ = B\n"},
              {"b.sml", kImportA + "B = X\n"},
              {"a.sml", "X = 1\n"}},
             {{kUnknownName, "main.sml", 2}}},
        Case{"RequiredNamesNotVisible",
             {{"main.sml", "Require(rule='a.sml')\nY = X\n"}, {"a.sml", "X = 1\n"}},
             {{kUnknownName, "main.sml", 2}}},
        Case{"ImportedLocalsNotVisible",
             {{"main.sml", kImportA + "Y = _Secret\n"}, {"a.sml", "_Secret = 1\nX = _Secret\n"}},
             {{kUnknownLocal, "main.sml", 2}}},
        Case{"UndefinedLocal", {{"main.sml", "X = _Nope\n"}}, {{kUnknownLocal, "main.sml", 1}}},
        Case{"DidYouMeanInScope",
             {{"main.sml", "UserName = GetActionName()\nX = Username + 'x'\n"}},
             {{kUnknownName, "main.sml", 2}}},
        Case{"DidYouMeanOtherFile",
             {{"main.sml", "X = UserNam\n"}, {"a.sml", "UserName = GetActionName()\n"}},
             {{kUnknownName, "main.sml", 1}}},
        // A similar local is suggested by name; the misspelt read does not count as a use.
        Case{"DidYouMeanLocal",
             {{"main.sml", "_Abcd = 1\nX = _Abce\n"}},
             {{kUnknownName, "main.sml", 2}, {kUnusedLocal, "main.sml", 1}}},
        Case{"UndefinedNameInFormatString",
             {{"main.sml", "X = f'hello {Nobody}'\n"}},
             {{kUnknownName, "main.sml", 1}}},
        Case{"UndefinedNameInCallArgument",
             {{"main.sml", "X = Rule(when_all=[Nothing], description='d')\n"}},
             {{kUnknownName, "main.sml", 1}}},
        // Function names are a separate namespace, in both directions.
        Case{"CalleeIsNotAName", {{"main.sml", "X = GetActionName()\n"}}, {}},
        Case{"UdfNameIsNotAValue",
             {{"main.sml", "X = GetActionName\n"}},
             {{kUnknownName, "main.sml", 1}}},
        Case{"SelfReference",
             {{"main.sml", "X = 1\nY = Y + X\n"}},
             {{kSelfReference, "main.sml", 2}}},
        Case{"SelfReferenceThroughCallee",
             {{"main.sml", "GetActionName = GetActionName()\n"}},
             {{kSelfReference, "main.sml", 1}}},

        // NoUnusedLocals.
        Case{"UnusedLocal",
             {{"main.sml", "_A = 1\n_B = 2\n"}},
             {{kUnusedLocal, "main.sml", 1}, {kUnusedLocal, "main.sml", 2}}},
        Case{"DunderIsLocal", {{"main.sml", "__X = 1\n"}}, {{kUnusedLocal, "main.sml", 1}}},
        Case{"LocalUsedOnlyByUnusedLocal",
             {{"main.sml", "_A = 1\n_B = _A + 1\n"}},
             {{kUnusedLocal, "main.sml", 2}}},
        Case{"LocalUsedInFormatStringAndCall",
             {{"main.sml",
               "_N = GetActionName()\n_R = _N == 'x'\nX = f'{_N}'\n"
               "Y = Rule(when_all=[_R], description='d')\n"}},
             {}},
        Case{"LocalReadBeforeAssignmentIsUnused",
             {{"main.sml", "X = _A\n_A = 1\n"}},
             {{kUnknownLocal, "main.sml", 1}, {kUnusedLocal, "main.sml", 2}}},

        // ValidateCallRValue.
        Case{"ResultDropped",
             {{"main.sml", "GetActionName()\n"}},
             {{kUnusedCallResult, "main.sml", 1}}},
        Case{"NoResultStored",
             {{"main.sml", "X = Import(rules=[])\n"}},
             {{kCallHasNoResult, "main.sml", 1}}},
        Case{"NoResultUsed",
             {{"main.sml", "X = Rule(when_all=[Import(rules=[])], description='d')\n"}},
             {{kCallHasNoResult, "main.sml", 1}}},
        Case{"NoResultAsStatement", {{"main.sml", "Import(rules=[])\n"}}, {}},
        Case{"UnknownFunctionIsNotChecked", {{"main.sml", "NoSuchFunction()\n"}}, {}}),
    [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

struct SuggestCase {
  std::string name;
  std::vector<std::string> candidates;
  std::string expected;
};

class SuggestSimilarTest : public testing::TestWithParam<SuggestCase> {};

TEST_P(SuggestSimilarTest, PicksClosestWithinThreshold) {
  const SuggestCase& c = GetParam();
  EXPECT_EQ(internal::SuggestSimilar(c.name, c.candidates), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SuggestSimilarTest,
    testing::Values(SuggestCase{"Username", {"Other", "UserName"}, "UserName"},
                    SuggestCase{"UserNmae", {"UserName"}, "UserName"},  // Distance 2.
                    SuggestCase{"Abcd", {"Wxyz"}, ""},                  // Distance 4.
                    SuggestCase{"Abd", {"Abc"}, ""},                    // Too short.
                    SuggestCase{"Abcde", {"Abcxy", "Abcdx"}, "Abcdx"},  // Closest wins.
                    SuggestCase{"Abcde", {"Abcdy", "Abcdx"}, "Abcdy"},  // Ties: first.
                    SuggestCase{"Abcde", {}, ""}));

}  // namespace
}  // namespace osprey::frontend
