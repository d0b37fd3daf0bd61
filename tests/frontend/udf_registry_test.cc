#include "frontend/udf_registry.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

using ::testing::HasSubstr;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

// ---------------------------------------------------------------------------------------------
// ParseUdfSignature: valid forms.

struct ValidCase {
  std::string_view text;
  std::string_view name;
  std::vector<std::string_view> param_names;
  ReturnKind return_kind;
  std::string_view return_type;  // TypeName of the result.
};

class ParseValidTest : public testing::TestWithParam<ValidCase> {};

TEST_P(ParseValidTest, Parses) {
  const ValidCase& c = GetParam();
  absl::StatusOr<UdfSignature> signature = ParseUdfSignature(c.text);
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(signature->name, c.name);
  std::vector<std::string_view> names;
  for (const UdfParam& param : signature->params) names.push_back(param.name);
  EXPECT_EQ(names, c.param_names);
  EXPECT_EQ(signature->return_kind, c.return_kind);
  EXPECT_EQ(TypeName(signature->return_type), c.return_type);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ParseValidTest,
    testing::Values(
        ValidCase{"F() -> int", "F", {}, ReturnKind::kValue, "int"},
        ValidCase{"  F ( a : str , ) -> str  ", "F", {"a"}, ReturnKind::kValue, "str"},
        ValidCase{"F(a: str) -> None", "F", {"a"}, ReturnKind::kNone, "None"},
        ValidCase{"F(p: const str) -> dynamic Any", "F", {"p"}, ReturnKind::kDynamic, "Any"},
        ValidCase{"F(id: ~T) -> Entity[~T]", "F", {"id"}, ReturnKind::kValue, "Entity[~T]"},
        ValidCase{
            "F(x: List[List[str]]) -> list[str]", "F", {"x"}, ReturnKind::kValue, "list[str]"},
        ValidCase{
            "F(x: Optional[int]) -> int | None", "F", {"x"}, ReturnKind::kValue, "int | None"},
        ValidCase{"F(x: Union[int, str]) -> RuleT", "F", {"x"}, ReturnKind::kValue, "RuleT"},
        ValidCase{"F(a: int, **rest: list[bool]) -> list[bool]",
                  "F",
                  {"a"},
                  ReturnKind::kValue,
                  "list[bool]"},
        ValidCase{"F(x: MyThing) -> EffectBase", "F", {"x"}, ReturnKind::kValue, "EffectBase"},
        ValidCase{"F(t: TimeDeltaT, e: ExperimentT, o: object) -> TimeDeltaT",
                  "F",
                  {"t", "e", "o"},
                  ReturnKind::kValue,
                  "TimeDeltaT"}));

TEST(ParseUdfSignatureTest, ReadsDefaultsAndConstness) {
  absl::StatusOr<UdfSignature> signature = ParseUdfSignature(
      "F(a: const int = -3, b: float = 2.5, c: str = 'x', d: str | None = None, "
      "e: bool = False, f: const list[str] = ['p', \"q\"], g: int) -> int");
  ASSERT_TRUE(signature.ok()) << signature.status();
  const auto& p = signature->params;
  ASSERT_EQ(p.size(), 7u);
  EXPECT_TRUE(p[0].constant);
  EXPECT_EQ(p[0].default_value, ConstValue{int64_t{-3}});
  EXPECT_FALSE(p[1].constant);
  EXPECT_EQ(p[1].default_value, ConstValue{2.5});
  EXPECT_EQ(p[2].default_value, ConstValue{std::string("x")});
  EXPECT_EQ(p[3].default_value, ConstValue{});
  EXPECT_TRUE(p[3].nullable());
  EXPECT_EQ(p[4].default_value, ConstValue{false});
  EXPECT_EQ(p[5].default_value,
            (ConstValue{ConstList{ConstValue{std::string("p")}, ConstValue{std::string("q")}}}));
  EXPECT_TRUE(p[6].required());
  EXPECT_FALSE(p[6].nullable());
}

TEST(ParseUdfSignatureTest, ReadsExtraKeywords) {
  absl::StatusOr<UdfSignature> signature =
      ParseUdfSignature("F(a: int, **buckets: list[bool]) -> int");
  ASSERT_TRUE(signature.ok()) << signature.status();
  ASSERT_TRUE(signature->extra_keywords.has_value());
  EXPECT_EQ(signature->extra_keywords->name, "buckets");
  EXPECT_EQ(TypeName(signature->extra_keywords->type), "list[bool]");
}

// ---------------------------------------------------------------------------------------------
// ParseUdfSignature: each error.

struct ErrorCase {
  std::string_view text;
  std::string_view message;
};

class ParseErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParseErrorTest, Fails) {
  absl::StatusOr<UdfSignature> signature = ParseUdfSignature(GetParam().text);
  ASSERT_FALSE(signature.ok());
  EXPECT_THAT(Message(signature.status()), HasSubstr(GetParam().message));
  EXPECT_THAT(Message(signature.status()), HasSubstr("column"));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, ParseErrorTest,
    testing::Values(ErrorCase{"", "expected a function name"},
                    ErrorCase{"F -> int", "expected '('"},
                    ErrorCase{"F(a: int b: int) -> int", "expected ',' or ')'"},
                    ErrorCase{"F(: int) -> int", "expected a parameter name"},
                    ErrorCase{"F(a int) -> int", "expected ':' after the parameter name"},
                    ErrorCase{"F(a: int, a: str) -> int", "duplicate parameter 'a'"},
                    ErrorCase{"F(**a: int, **b: int) -> int", "must come last"},
                    ErrorCase{"F(**a: int, b: int) -> int", "must come last"},
                    ErrorCase{"F(**a: int = 1) -> int", "takes no default"},
                    ErrorCase{"F()", "expected '->'"},
                    ErrorCase{"F() -> int extra", "unexpected text after the return type"},
                    ErrorCase{"F(a: ~) -> int", "expected a type variable name"},
                    ErrorCase{"F(a: ) -> int", "expected a type"},
                    ErrorCase{"F(a: list) -> int", "expected '[' after list"},
                    ErrorCase{"F(a: list[int) -> int", "expected ']'"},
                    ErrorCase{"F(a: Union[int) -> int", "expected ']'"},
                    ErrorCase{"F(a: string) -> int", "unknown type 'string'"},
                    ErrorCase{"F(a: str = 'x) -> int", "unterminated string default"},
                    ErrorCase{"F(a: list[int] = [1 2]) -> int", "expected ',' in list default"},
                    ErrorCase{"F(a: int = ) -> int", "expected a default value"},
                    ErrorCase{"F(a: int = 1-2) -> int", "bad integer"},
                    ErrorCase{"F(a: float = 1.2.3) -> int", "bad number"}));

// ---------------------------------------------------------------------------------------------
// Stdlib().

TEST(StdlibTest, HasExactlyTheExpectedFunctions) {
  std::vector<std::string> expected = {
      // The 61 functions of Osprey 1.1.0's register_udfs.
      "Base64Decode", "Base64Encode", "CountRegexMatches", "DeclareVerdict", "DomainChopper",
      "DomainTld", "EmailDomain", "EmailLocalPart", "EmailSubdomain", "Entity", "EntityJson",
      "Experiment", "ExperimentWhen", "ExperimentsBucketAssignment", "ExtractCookie", "GetActionId",
      "GetActionName", "GetSnowflakeBucket", "GetTimedeltaBucket", "GetTimestampBucket", "HasLabel",
      "HashMd5", "HashSha1", "HashSha256", "HashSha512", "Import", "IpNetwork", "JsonData",
      "LabelAdd", "LabelRemove", "ListLength", "ListRead", "ListSort", "MXLookup", "PhoneCountry",
      "PhonePrefix", "RandomBool", "RandomInt", "RegexMatch", "RegexMatchMap", "Require",
      "ResolveOptional", "Rule", "StringClean", "StringEndsWith", "StringExtractDomains",
      "StringExtractURLs", "StringJoin", "StringLStrip", "StringLength", "StringRStrip",
      "StringReplace", "StringSlice", "StringSplit", "StringStartsWith", "StringStrip",
      "StringToLower", "StringToUpper", "TimeDelta", "TimeSince", "WhenRules",
      // Osprey's example plugin.
      "BanUser", "TextContains"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(UdfRegistry::Stdlib().Names(), expected);
  EXPECT_EQ(UdfRegistry::Stdlib().size(), 63u);
  EXPECT_EQ(&UdfRegistry::Stdlib(), &UdfRegistry::Stdlib());
}

TEST(StdlibTest, OriginsChecksAndPurity) {
  const UdfRegistry& stdlib = UdfRegistry::Stdlib();
  EXPECT_EQ(stdlib.Find("TextContains")->origin, "example-plugin");
  EXPECT_EQ(stdlib.Find("BanUser")->origin, "example-plugin");
  EXPECT_EQ(stdlib.Find("JsonData")->origin, "stdlib");
  EXPECT_EQ(stdlib.Find("Nope"), nullptr);

  struct CheckRow {
    std::string_view name;
    UdfCheck check;
  };
  for (const CheckRow& row : std::vector<CheckRow>{
           {"JsonData", UdfCheck::kJsonPath},
           {"EntityJson", UdfCheck::kEntityJson},
           {"RegexMatch", UdfCheck::kRegexPattern},
           {"RegexMatchMap", UdfCheck::kRegexMatchMap},
           {"CountRegexMatches", UdfCheck::kRegexPatternList},
           {"StringSlice", UdfCheck::kStringSlice},
           {"GetTimedeltaBucket", UdfCheck::kTimeBucket},
           {"GetTimestampBucket", UdfCheck::kTimeBucket},
           {"GetSnowflakeBucket", UdfCheck::kTimeBucket},
           {"RandomBool", UdfCheck::kRandomBool},
           {"RandomInt", UdfCheck::kRandomInt},
           {"Experiment", UdfCheck::kExperiment},
           {"ExperimentsBucketAssignment", UdfCheck::kExperiment},
           {"ExperimentWhen", UdfCheck::kExperimentWhen},
           {"HasLabel", UdfCheck::kHasLabel},
           {"LabelAdd", UdfCheck::kLabelEffect},
           {"LabelRemove", UdfCheck::kLabelEffect},
           {"Rule", UdfCheck::kRule},
           {"Import", UdfCheck::kImport},
           {"Require", UdfCheck::kRequire},
           {"ResolveOptional", UdfCheck::kResolveOptional},
           {"StringLength", UdfCheck::kNone},
       }) {
    EXPECT_EQ(stdlib.Find(row.name)->check, row.check) << row.name;
  }
  EXPECT_EQ(stdlib.Find("WhenRules")->purity, Purity::kControl);
  EXPECT_EQ(stdlib.Find("RandomInt")->purity, Purity::kRandom);
  EXPECT_EQ(stdlib.Find("MXLookup")->purity, Purity::kExternalState);
}

// One spot-checked parameter: name, printed type, const-ness and default (absent = required).
struct ParamSpec {
  std::string_view name;
  std::string_view type;
  bool constant;
  std::optional<ConstValue> default_value;
};

struct SignatureSpec {
  std::string_view name;
  std::vector<ParamSpec> params;
  ReturnKind return_kind;
  std::string_view return_type;
};

ConstValue Str(std::string_view s) { return ConstValue{std::string(s)}; }
ConstValue Int(int64_t i) { return ConstValue{i}; }
ConstValue Bool(bool b) { return ConstValue{b}; }
constexpr std::nullopt_t kRequired = std::nullopt;

class StdlibSignatureTest : public testing::TestWithParam<SignatureSpec> {};

TEST_P(StdlibSignatureTest, Matches) {
  const SignatureSpec& spec = GetParam();
  const UdfSignature* signature = UdfRegistry::Stdlib().Find(spec.name);
  ASSERT_NE(signature, nullptr);
  ASSERT_EQ(signature->params.size(), spec.params.size());
  for (size_t i = 0; i < spec.params.size(); ++i) {
    const UdfParam& param = signature->params[i];
    const ParamSpec& expected = spec.params[i];
    EXPECT_EQ(param.name, expected.name);
    EXPECT_EQ(TypeName(param.type), expected.type) << param.name;
    EXPECT_EQ(param.constant, expected.constant) << param.name;
    EXPECT_EQ(param.default_value, expected.default_value) << param.name;
  }
  EXPECT_EQ(signature->return_kind, spec.return_kind);
  EXPECT_EQ(TypeName(signature->return_type), spec.return_type);
}

INSTANTIATE_TEST_SUITE_P(
    SpotChecks, StdlibSignatureTest,
    testing::Values(
        SignatureSpec{"JsonData",
                      {{"path", "str", true, kRequired},
                       {"required", "bool", false, Bool(true)},
                       {"coerce_type", "bool", false, Bool(true)}},
                      ReturnKind::kDynamic,
                      "Any"},
        SignatureSpec{"EntityJson",
                      {{"type", "str", true, kRequired},
                       {"path", "str", true, kRequired},
                       {"required", "bool", false, Bool(true)},
                       {"coerce_type", "bool", false, Bool(true)}},
                      ReturnKind::kDynamic,
                      "Entity[~_T]"},
        SignatureSpec{"Entity",
                      {{"type", "str", true, kRequired}, {"id", "~_T", false, kRequired}},
                      ReturnKind::kValue,
                      "Entity[~_T]"},
        SignatureSpec{"ResolveOptional",
                      {{"optional_value", "~_T | None", false, kRequired},
                       {"default_value", "~_T | None", false, ConstValue{}},
                       {"should_report_error", "bool", true, Bool(false)}},
                      ReturnKind::kValue,
                      "~_T"},
        SignatureSpec{"HasLabel",
                      {{"entity", "Entity[Any]", false, kRequired},
                       {"label", "str", true, kRequired},
                       {"manual", "bool | None", false, ConstValue{}},
                       {"status", "str", true, Str("added")},
                       {"min_label_age", "TimeDeltaT | None", false, ConstValue{}},
                       {"error_on_empty", "bool", false, Bool(false)}},
                      ReturnKind::kValue,
                      "bool"},
        SignatureSpec{"LabelAdd",
                      {{"entity", "Entity[Any]", false, kRequired},
                       {"label", "str", true, kRequired},
                       {"delay_action_by", "TimeDeltaT | None", false, ConstValue{}},
                       {"apply_if", "RuleT | None", false, ConstValue{}},
                       {"expires_after", "TimeDeltaT | None", false, ConstValue{}}},
                      ReturnKind::kValue,
                      "EffectBase"},
        SignatureSpec{
            "Import", {{"rules", "list[str]", true, kRequired}}, ReturnKind::kNone, "None"},
        SignatureSpec{
            "Require",
            {{"rule", "str", false, kRequired}, {"require_if", "bool", false, Bool(true)}},
            ReturnKind::kNone,
            "None"},
        SignatureSpec{"WhenRules",
                      {{"rules_any", "list[RuleT]", false, kRequired},
                       {"then", "list[EffectBase]", false, kRequired}},
                      ReturnKind::kNone,
                      "None"},
        SignatureSpec{"Rule",
                      {{"when_all", "list[bool]", false, kRequired},
                       {"description", "str", false, kRequired}},
                      ReturnKind::kValue,
                      "RuleT"},
        SignatureSpec{"StringSplit",
                      {{"s", "str", false, kRequired},
                       {"sep", "str | None", false, ConstValue{}},
                       {"maxsplit", "int", false, Int(-1)}},
                      ReturnKind::kValue,
                      "list[str]"},
        SignatureSpec{"RegexMatchMap",
                      {{"pattern", "str", true, kRequired},
                       {"case_insensitive", "bool", true, Bool(false)},
                       {"target", "list[str]", false, kRequired},
                       {"mode", "str", true, Str("any")}},
                      ReturnKind::kValue,
                      "bool"},
        SignatureSpec{"Experiment",
                      {{"entity", "Entity[Any]", false, kRequired},
                       {"buckets", "list[str]", true, kRequired},
                       {"bucket_sizes", "list[float]", true, kRequired},
                       {"version", "int", true, kRequired},
                       {"revision", "int", true, kRequired}},
                      ReturnKind::kValue,
                      "ExperimentT"},
        SignatureSpec{"TimeDelta",
                      {{"weeks", "int", true, Int(0)},
                       {"days", "int", true, Int(0)},
                       {"hours", "int", true, Int(0)},
                       {"minutes", "int", true, Int(0)},
                       {"seconds", "int", true, Int(0)}},
                      ReturnKind::kValue,
                      "TimeDeltaT"},
        SignatureSpec{"StringClean",
                      {{"s", "str", false, kRequired},
                       {"form", "str", false, Str("NFKC")},
                       {"remove_emoji", "bool", false, Bool(false)},
                       {"space", "bool", false, Bool(true)},
                       {"l33t", "bool", false, Bool(false)},
                       {"homoglyph", "bool", false, Bool(true)},
                       {"unicode_normalize", "bool", false, Bool(true)},
                       {"unidecode", "bool", false, Bool(false)},
                       {"upper", "bool", false, Bool(false)},
                       {"lower", "bool", false, Bool(false)},
                       {"remove_space", "bool", false, Bool(false)},
                       {"remove_punctuation", "bool", false, Bool(false)}},
                      ReturnKind::kValue,
                      "str"},
        SignatureSpec{"TextContains",
                      {{"text", "str", false, kRequired}, {"phrase", "str", false, kRequired}},
                      ReturnKind::kValue,
                      "bool"},
        SignatureSpec{"GetActionId", {}, ReturnKind::kValue, "int"}),
    [](const testing::TestParamInfo<SignatureSpec>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(StdlibTest, ExperimentWhenTakesBooleanListKeywords) {
  const UdfSignature* signature = UdfRegistry::Stdlib().Find("ExperimentWhen");
  ASSERT_NE(signature, nullptr);
  ASSERT_EQ(signature->params.size(), 1u);
  EXPECT_EQ(TypeName(signature->params[0].type), "ExperimentT");
  ASSERT_TRUE(signature->extra_keywords.has_value());
  EXPECT_EQ(TypeName(signature->extra_keywords->type), "list[bool]");
  EXPECT_TRUE(UdfRegistry::Stdlib().Find("DeclareVerdict")->returns_effect());
  EXPECT_FALSE(UdfRegistry::Stdlib().Find("Import")->has_result());
}

}  // namespace
}  // namespace osprey::frontend
