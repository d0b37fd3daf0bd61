// Tests of the type-checking validators (ValidateDynamicCallsHaveAnnotatedRValue and
// ValidateStaticTypes, spec §3.2.5, §3.3), run through the whole Validate() pipeline: the
// diagnostics they report, the feature types they infer, and the facts they record for lowering
// (expression types, unwrap marks, extractability). Many cases mirror
// /work/shared/conformance/validate/types, whose expectations come from the reference engine.
#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/ruleset.h"
#include "frontend/source.h"
#include "frontend/types.h"
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
  std::vector<Expected> errors;  // Empty: the ruleset must be valid.
  // Feature name -> TypeName() of its type, for the features worth checking.
  std::vector<std::pair<std::string, std::string>> feature_types;
};

constexpr auto kTypeMismatch = DiagnosticKind::kTypeMismatch;
constexpr auto kOperandTypes = DiagnosticKind::kOperandTypes;
constexpr auto kIncompatibleComparison = DiagnosticKind::kIncompatibleComparison;
constexpr auto kListItemTypes = DiagnosticKind::kListItemTypes;
constexpr auto kEmptyListType = DiagnosticKind::kEmptyListType;
constexpr auto kFormatStringType = DiagnosticKind::kFormatStringType;
constexpr auto kConflictingGenerics = DiagnosticKind::kConflictingGenerics;
constexpr auto kSecretLeak = DiagnosticKind::kSecretLeak;
constexpr auto kUnsupportedAnnotation = DiagnosticKind::kUnsupportedAnnotation;
constexpr auto kDynamicCallAnnotation = DiagnosticKind::kDynamicCallAnnotation;

bool IsTypeKind(DiagnosticKind kind) {
  for (DiagnosticKind k : {kTypeMismatch, kOperandTypes, kIncompatibleComparison, kListItemTypes,
                           kEmptyListType, kFormatStringType, kConflictingGenerics, kSecretLeak,
                           kUnsupportedAnnotation, kDynamicCallAnnotation}) {
    if (k == kind) return true;
  }
  return false;
}

ValidatedRuleset ValidateFiles(const Files& files, DiagnosticSink& sink) {
  SourceSet sources;
  for (const auto& [path, text] : files) sources.Add(path, text);
  ParsedRuleset parsed = ParseRuleset(std::move(sources), sink);
  EXPECT_FALSE(sink.has_errors()) << "the case must parse";
  return Validate(std::move(parsed), ValidateOptions{}, sink);
}

Files Main(std::string text) { return {{"main.sml", std::move(text)}}; }

class TypeCheckerTest : public testing::TestWithParam<Case> {};

TEST_P(TypeCheckerTest, ReportsDiagnosticsAndInfersTypes) {
  const Case& c = GetParam();
  DiagnosticSink sink;
  ValidatedRuleset result = ValidateFiles(c.files, sink);

  std::vector<Expected> actual;
  for (const Diagnostic& d : sink.diagnostics()) {
    if (!IsTypeKind(d.kind)) continue;
    const SourceFile& file = result.parsed.sources.file(d.location.file);
    actual.push_back({d.kind, file.path(), file.LineColumnOf(d.location.offset).line});
  }
  std::vector<Expected> expected = c.errors;
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(actual, expected);
  if (c.errors.empty()) {
    for (const Diagnostic& d : sink.diagnostics()) ADD_FAILURE() << d.message;
    EXPECT_TRUE(result.valid);
  }
  for (const auto& [name, type] : c.feature_types) {
    auto it = result.features.find(name);
    ASSERT_NE(it, result.features.end()) << name;
    ASSERT_NE(it->second.type, nullptr) << name;
    EXPECT_EQ(TypeName(it->second.type), type) << name;
  }
}

constexpr char kPrelude[] =
    "N = GetActionId()\n"
    "S = GetActionName()\n"
    "F: float = JsonData(path='$.f')\n"
    "B = N > 1\n"
    "O: Optional[int] = JsonData(path='$.o', required=False)\n";  // Line 6 is the first free.

Files WithPrelude(std::string text) { return Main(kPrelude + std::move(text)); }

INSTANTIATE_TEST_SUITE_P(
    Cases, TypeCheckerTest,
    testing::Values(
        // Literals, names and the numeric tower.
        Case{"literals",
             Main("A = 1\nB = 1.5\nC = 'x'\nD = True\nE = None\nL = [1, 2]\nG = f'{A}'\n"),
             {},
             {{"A", "int"},
              {"B", "float"},
              {"C", "str"},
              {"D", "bool"},
              {"E", "None"},
              {"L", "list[int]"},
              {"G", "str"}}},
        Case{"int_accepted_as_float_and_stays_declared",
             WithPrelude("X: float = 1 + 1\nY: float = N\nZ: List[float] = [1, 2]\n"),
             {},
             {{"X", "float"}, {"Y", "float"}, {"Z", "list[float]"}}},
        Case{"bool_is_not_int", Main("X: int = True\n"), {{kTypeMismatch, "main.sml", 1}}, {}},
        Case{"int_is_not_bool", Main("X: bool = 1\n"), {{kTypeMismatch, "main.sml", 1}}, {}},
        Case{"float_is_not_int", Main("X: int = 1.5 + 1\n"), {{kTypeMismatch, "main.sml", 1}}, {}},
        Case{"arithmetic_results",
             WithPrelude("A = N + N\nC = N + F\nK = N / N\nD = S * 3\nE = 3 * S\nG = N << 2\n"
                         "H = -F\nI = S + S\n"),
             {},
             {{"A", "int"},
              {"C", "float"},
              {"K", "float"},
              {"D", "str"},
              {"E", "str"},
              {"G", "int"},
              {"H", "float"},
              {"I", "str"}}},
        Case{"operand_errors",
             WithPrelude("A = S + N\nC = B + 1\nD = F | 1\nE = [1] + [2]\nG = None + 1\n"
                         "H = S * F\n"),
             {{kOperandTypes, "main.sml", 6},
              {kOperandTypes, "main.sml", 7},
              {kOperandTypes, "main.sml", 8},
              {kOperandTypes, "main.sml", 9},
              {kOperandTypes, "main.sml", 10},
              {kOperandTypes, "main.sml", 11}},
             {}},
        // A failed operation has type Any, and Any is no operand of arithmetic.
        Case{"failed_operation_cascades",
             Main("X = (1 + 'a') + 1\n"),
             {{kOperandTypes, "main.sml", 1}, {kOperandTypes, "main.sml", 1}},
             {}},
        Case{"unary_operators",
             WithPrelude("A = not S\nC = -B\nD = -S\n"),
             {{kOperandTypes, "main.sml", 6},
              {kOperandTypes, "main.sml", 7},
              {kOperandTypes, "main.sml", 8}},
             {}},
        // Comparisons.
        Case{"equality",
             WithPrelude("A = N == 1.0\nC = N == None\nD = None == [1]\nE = O == 5\n"),
             {},
             {{"A", "bool"}}},
        Case{"equality_errors",
             WithPrelude("A = S == 1\nC = B == 1\nD = [1] == ['a']\n"),
             {{kIncompatibleComparison, "main.sml", 6},
              {kIncompatibleComparison, "main.sml", 7},
              {kIncompatibleComparison, "main.sml", 8}},
             {}},
        Case{"ordering_and_membership",
             WithPrelude("A = S < 'm'\nC = B > 0\nD = O > 1\nE = 1 in S\nG = N in ['a']\n"
                         "H = N in [1.5]\nI = 'a' in S\n"),
             {{kOperandTypes, "main.sml", 6},
              {kOperandTypes, "main.sml", 7},
              {kOperandTypes, "main.sml", 8},
              {kOperandTypes, "main.sml", 9},
              {kIncompatibleComparison, "main.sml", 10}},
             {}},
        Case{"boolean_operands",
             WithPrelude("OB: Optional[bool] = JsonData(path='$.b', required=False)\n"
                         "A = B and N\nC = S or B\nD = OB and True\n"),
             {{kOperandTypes, "main.sml", 7},
              {kOperandTypes, "main.sml", 8},
              {kOperandTypes, "main.sml", 9}},
             {}},
        // None-narrowing (spec §3.3.7).
        Case{"narrowing_accepted",
             WithPrelude("A = O != None and O > 1\nC = None != O and O + 1 > 2\n"
                         "D = O == None or O > 1\nE = (O != None) and (O > 1)\n"
                         "R = Rule(when_all=[O != None and O > 1], description='r')\n"),
             {},
             {}},
        Case{"narrowing_rejected",
             WithPrelude("A = O == None and O > 1\nC = (O != None) or O > 1\n"
                         "D = (O != None and O > 1) or O > 5\n"
                         "E = ResolveOptional(optional_value=O) != None and O > 1\n"
                         "G = O > 2\n"),
             {{kOperandTypes, "main.sml", 6},
              {kOperandTypes, "main.sml", 7},
              {kOperandTypes, "main.sml", 8},
              {kOperandTypes, "main.sml", 9},
              {kOperandTypes, "main.sml", 10}},
             {}},
        Case{"narrowing_not_across_list_items",
             WithPrelude("R = Rule(when_all=[O != None, O > 1], description='r')\n"),
             {{kListItemTypes, "main.sml", 6}, {kOperandTypes, "main.sml", 6}},
             {}},
        // `List[str] | None` is parsed as Optional[str]: narrowing gives str, not a list.
        Case{"list_or_none_annotation_quirk",
             Main("L: List[str] | None = JsonData(path='$.l', required=False)\n"
                  "X = L != None and ListLength(list=L) > 0\n"),
             {{kTypeMismatch, "main.sml", 2}},
             {{"L", "str | None"}}},
        // Lists.
        Case{"list_literals",
             Main("A = [1, 2.0]\nC = ['a', None]\nD = []\nE: List[str] = []\n"
                  "G = ListLength(list=[])\n"),
             {{kListItemTypes, "main.sml", 1},
              {kListItemTypes, "main.sml", 2},
              {kEmptyListType, "main.sml", 3}},
             {{"E", "list[str]"}, {"A", "list[Any]"}}},
        // Calls: arguments, generics, rules.
        Case{"call_arguments",
             WithPrelude("A = StringLength(s=N)\nC = StringLength(s=O)\n"
                         "D = StringJoin(s=',', iterable=[1])\nE = ListLength(list=[[1], [2]])\n"),
             {{kTypeMismatch, "main.sml", 6},
              {kTypeMismatch, "main.sml", 7},
              {kTypeMismatch, "main.sml", 8}},
             {{"E", "int"}}},
        Case{"generic_inference",
             WithPrelude("U = Entity(type='User', id=S)\nP = Entity(type='Post', id=N)\n"
                         "X: int = ResolveOptional(optional_value=O, default_value=0)\n"
                         "Y = ResolveOptional(optional_value=O)\n"),
             {},
             {{"U", "Entity[str]"}, {"P", "Entity[int]"}, {"X", "int"}, {"Y", "int"}}},
        Case{"conflicting_generics",
             WithPrelude("X = ResolveOptional(optional_value=O, default_value='zero')\n"),
             {{kConflictingGenerics, "main.sml", 6}},
             {}},
        Case{"rules_in_when_all",
             WithPrelude("A = Rule(when_all=[B], description='a')\n"
                         "C = Rule(when_all=[A], description='c')\n"
                         "D = Rule(when_all=[A, B], description='d')\n"
                         "E = Rule(when_all=[A == True, not A, A and B, A or False], "
                         "description='e')\n"
                         "G = Rule(when_all=B, description='g')\n"),
             {{kTypeMismatch, "main.sml", 7},
              {kListItemTypes, "main.sml", 8},
              {kTypeMismatch, "main.sml", 10}},
             {{"A", "RuleT"}}},
        // Unwrapping convertible types.
        Case{"unwrapping",
             Main("U: Entity[str] = EntityJson(type='User', path='$.u')\n"
                  "P: Entity[int] = EntityJson(type='Post', path='$.p')\n"
                  "T = TimeDelta(minutes=5)\n"
                  "A = U == 'bob'\nC = U in ['a']\nD = StringLength(s=U)\nE = P + 1\n"
                  "G: str = U\nH = U == U\nI = T > TimeDelta(seconds=30)\nJ = T * 2\n"
                  "K: float = T\nM = f'{U} {T}'\n"),
             {},
             {{"E", "int"}, {"G", "str"}, {"J", "float"}, {"T", "TimeDeltaT"}}},
        Case{"unwrapping_errors",
             Main("U: Entity[str] = EntityJson(type='User', path='$.u')\n"
                  "T = TimeDelta(minutes=5)\n"
                  "A = U + 1\nC = U == 1\nD: int = U\nE: int = T\n"),
             {{kOperandTypes, "main.sml", 3},
              {kIncompatibleComparison, "main.sml", 4},
              {kTypeMismatch, "main.sml", 5},
              {kTypeMismatch, "main.sml", 6}},
             {}},
        // F-strings.
        Case{"format_string_fields",
             WithPrelude("L = [1]\nZ = None\nA = f'{L}'\nC = f'{Z}'\nD = f'{O}'\n"),
             {{kFormatStringType, "main.sml", 8},
              {kFormatStringType, "main.sml", 9},
              {kFormatStringType, "main.sml", 10}},
             {}},
        // Annotations (spec §3.3.6).
        Case{
            "annotation_forms",
            Main("A: str = JsonData(path='$.a')\nC: List[str] = JsonData(path='$.c')\n"
                 "D: Union[int, str] = JsonData(path='$.d')\nE: str | None = JsonData(path='$.e')\n"
                 "G: None = JsonData(path='$.g')\nH: Secret[str] = JsonData(path='$.h')\n"
                 "I: Entity[int] = EntityJson(type='Post', path='$.i')\n"
                 "J: ExtractSecret[List[int]] = JsonData(path='$.j')\n"),
            {},
            {{"A", "str"},
             {"C", "list[str]"},
             {"D", "int | str"},
             {"E", "str | None"},
             {"G", "None"},
             {"H", "str"},
             {"I", "Entity[int]"},
             {"J", "list[int]"}}},
        Case{"annotation_errors_on_plain_values",
             Main("A: Any = 1\nC: list[str] = ['a']\nD: dict = 1\nE: Optional = None\n"
                  "G: List[Optional[int]] = [1]\n"),
             {{kUnsupportedAnnotation, "main.sml", 1},
              {kUnsupportedAnnotation, "main.sml", 2},
              {kUnsupportedAnnotation, "main.sml", 3},
              {kUnsupportedAnnotation, "main.sml", 4},
              {kUnsupportedAnnotation, "main.sml", 5}},
             {}},
        Case{"annotation_errors_on_dynamic_calls",
             Main("A: str | str = JsonData(path='$.a')\nC: Entity[float] = EntityJson(type='U', "
                  "path='$.c')\nD: List[str, int] = JsonData(path='$.d')\n"
                  "E: str | int | None = JsonData(path='$.e')\n"
                  "G: Optional[str, int] = JsonData(path='$.g')\n"
                  "H: Union[str] = JsonData(path='$.h')\n"),
             {{kUnsupportedAnnotation, "main.sml", 1},
              {kUnsupportedAnnotation, "main.sml", 2},
              {kUnsupportedAnnotation, "main.sml", 3},
              {kUnsupportedAnnotation, "main.sml", 4},
              {kUnsupportedAnnotation, "main.sml", 5},
              {kUnsupportedAnnotation, "main.sml", 6}},
             {}},
        // Dynamic calls (spec §3.2.5).
        Case{"dynamic_calls",
             Main("A = JsonData(path='$.a')\nC: int = JsonData(path='$.c') + 1\n"
                  "D = StringLength(s=JsonData(path='$.d'))\n"
                  "E: str = EntityJson(type='User', path='$.e')\n"),
             {{kDynamicCallAnnotation, "main.sml", 1},
              {kDynamicCallAnnotation, "main.sml", 2},
              {kDynamicCallAnnotation, "main.sml", 3},
              {kDynamicCallAnnotation, "main.sml", 4}},
             {}},
        // Secrets (spec §3.3.8).
        Case{"secrets",
             Main("Tok: Secret[str] = JsonData(path='$.t')\nA = StringLength(s=Tok)\n"
                  "C = [Tok]\nD = f'{Tok}'\nE = Tok + 'x'\nG = Tok == 'abc'\n"),
             {{kSecretLeak, "main.sml", 2},
              {kSecretLeak, "main.sml", 3},
              {kSecretLeak, "main.sml", 4},
              {kSecretLeak, "main.sml", 4}},
             {}},
        // A Secret inside ExtractLiteral makes the value non-extractable, and ExtractLiteral is
        // not one of the wrappers that may hold one (a reference quirk kept on purpose).
        Case{"secret_inside_extract_literal",
             Main("X: ExtractLiteral[Secret[str]] = 'a'\n"),
             {{kSecretLeak, "main.sml", 1}},
             {}},
        // Types cross files: main.sml sorts before the file it imports, and still sees its types.
        Case{"imported_feature_types",
             {{"main.sml", "Import(rules=['z.sml'])\nX = N + 1\nY: str = N\n"},
              {"z.sml", "N = GetActionId()\n"}},
             {{kTypeMismatch, "main.sml", 3}},
             {{"X", "int"}, {"N", "int"}}}),
    [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

// The facts recorded for lowering: expression types, unwrap marks and extractability.
TEST(TypeCheckerFactsTest, RecordsTypesUnwrapsAndExtractability) {
  DiagnosticSink sink;
  ValidatedRuleset result =
      ValidateFiles(Main("U: Entity[str] = EntityJson(type='User', path='$.u')\n"
                         "A = U == 'bob'\n"
                         "Tok: Secret[str] = JsonData(path='$.t')\n"
                         "Len: Secret[int] = StringLength(s=Tok)\n"
                         "Pub: ExtractSecret[int] = StringLength(s=Tok)\n"
                         "T = TimeDelta(minutes=5)\n"
                         "M = -T\n"),
                    sink);
  ASSERT_TRUE(result.valid);
  const ast::Module& module = result.parsed.modules[0];
  const ModuleFacts& facts = result.facts[0];

  using ast::ExprId;
  const ast::Expr& comparison = module.expr(module.statements()[1].value);
  EXPECT_TRUE(facts.unwrap[comparison.left.value]) << "the entity is compared by its id";
  EXPECT_FALSE(facts.unwrap[comparison.right.value]);
  EXPECT_EQ(facts.expr_types[comparison.left.value], types::Entity(types::Str()));
  EXPECT_EQ(facts.expr_types[module.statements()[1].value.value], types::Bool());

  // As in the reference, a negation marks itself, not its operand, for unwrapping.
  ExprId negation = module.statements()[6].value;
  EXPECT_TRUE(facts.unwrap[negation.value]);
  EXPECT_FALSE(facts.unwrap[module.expr(negation).left.value]);
  EXPECT_EQ(result.features.at("M").type, types::TimeDelta());

  EXPECT_TRUE(result.features.at("A").extractable);
  EXPECT_FALSE(result.features.at("Tok").extractable);
  EXPECT_FALSE(result.features.at("Len").extractable);
  EXPECT_TRUE(result.features.at("Pub").extractable);
  EXPECT_EQ(result.features.at("Len").statement_index, 3u);
}

}  // namespace
}  // namespace osprey::frontend
