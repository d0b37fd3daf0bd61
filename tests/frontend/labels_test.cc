// Labels, entity types, experiments and rule descriptions, through the whole validation pipeline.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/ruleset.h"
#include "frontend/validate.h"
#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kLabels =
    "labels:\n"
    "  spammer:\n"
    "    valid_for: [User]\n"
    "    connotation: negative\n"
    "  trusted:\n"
    "    valid_for: [User, Domain]\n"
    "  reviewed:\n"
    "    valid_for: [Post]\n";

constexpr std::string_view kUser = "U: Entity[str] = EntityJson(type='User', path='$.u')\n";
constexpr std::string_view kRule = "R = Rule(when_all=[True], description='r')\n";

struct Outcome {
  ValidatedRuleset result;
  std::vector<Diagnostic> diagnostics;  // Sorted.
};

Outcome Validated(const Files& files) {
  SourceSet sources;
  for (const auto& [path, text] : files) sources.Add(path, text);
  DiagnosticSink sink;
  ParsedRuleset parsed = ParseRuleset(std::move(sources), sink);
  EXPECT_FALSE(sink.has_errors()) << "test rules must parse";
  Outcome run;
  run.result = Validate(std::move(parsed), ValidateOptions{}, sink);
  run.diagnostics = sink.Sorted(run.result.parsed.sources);
  return run;
}

std::string Main(std::initializer_list<std::string_view> lines) {
  std::string text;
  for (std::string_view line : lines) text += line;
  return text;
}

struct Case {
  std::string name;
  Files files;
  std::optional<DiagnosticKind> first_error;  // nullopt: valid.
  std::string path;
  uint32_t line = 0;
  std::string hint_contains;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

Case Valid(std::string name, Files files) {
  return {std::move(name), std::move(files), std::nullopt, "", 0, ""};
}

Case Invalid(std::string name, Files files, DiagnosticKind kind, std::string path, uint32_t line,
             std::string hint_contains = "") {
  return {std::move(name), std::move(files), kind, std::move(path), line, std::move(hint_contains)};
}

class PipelineCaseTest : public testing::TestWithParam<Case> {};

TEST_P(PipelineCaseTest, FirstErrorMatches) {
  const Case& c = GetParam();
  Outcome run = Validated(c.files);
  const SourceSet& sources = run.result.parsed.sources;
  if (!c.first_error) {
    EXPECT_TRUE(run.result.valid);
    for (const Diagnostic& d : run.diagnostics) ADD_FAILURE() << "unexpected: " << d.message;
    return;
  }
  ASSERT_FALSE(run.diagnostics.empty());
  const Diagnostic& first = run.diagnostics[0];
  EXPECT_EQ(DiagnosticKindName(first.kind), DiagnosticKindName(*c.first_error)) << first.message;
  EXPECT_EQ(DiagnosticPath(first, sources), c.path);
  EXPECT_EQ(sources.file(first.location.file).LineColumnOf(first.location.offset).line, c.line)
      << first.message;
  if (!c.hint_contains.empty()) {
    std::string hints;
    for (const std::string& hint : first.hints) hints += hint + "\n";
    EXPECT_NE(hints.find(c.hint_contains), std::string::npos) << hints;
  }
}

std::string CaseName(const testing::TestParamInfo<Case>& info) { return info.param.name; }

std::string LabelAdd(std::string_view entity, std::string_view label) {
  return "WhenRules(rules_any=[R], then=[LabelAdd(entity=" + std::string(entity) + ", label='" +
         std::string(label) + "')])\n";
}

INSTANTIATE_TEST_SUITE_P(
    Labels, PipelineCaseTest,
    testing::Values(
        Valid("LabelAddValid", {{"main.sml", Main({kUser, kRule, LabelAdd("U", "spammer")})},
                                {"config/labels.yaml", std::string(kLabels)}}),
        Valid("SecondValidType", {{"main.sml", Main({"D = Entity(type='Domain', id='x')\n", kRule,
                                                     LabelAdd("D", "trusted")})},
                                  {"config/labels.yaml", std::string(kLabels)}}),
        Invalid("UnknownLabelSuggests",
                {{"main.sml", Main({kUser, kRule, LabelAdd("U", "spamer")})},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kUnknownLabel, "main.sml", 3, "did you mean `spammer`?"),
        Invalid("UnknownLabelWithEmptyConfig",
                {{"main.sml", Main({kUser, kRule, LabelAdd("U", "spammer")})},
                 {"config/labels.yaml", "labels: {}\n"}},
                DiagnosticKind::kUnknownLabel, "main.sml", 3, "there is no `spammer` label"),
        Invalid("NotValidForEntityType",
                {{"main.sml", Main({kUser, kRule, LabelAdd("U", "reviewed")})},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kLabelNotValidForEntity, "main.sml", 3,
                "entity has type `User`, this label is valid for `Post`"),
        Invalid("EntityTypeIsCaseSensitive",
                {{"main.sml", Main({"U: Entity[str] = EntityJson(type='user', path='$.u')\n", kRule,
                                    LabelAdd("U", "spammer")})},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kLabelNotValidForEntity, "main.sml", 3),
        Invalid("EntityFromImportedModel",
                {{"main.sml",
                  Main({"Import(rules=['models/user.sml'])\n", kRule, LabelAdd("U", "reviewed")})},
                 {"models/user.sml", std::string(kUser)},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kLabelNotValidForEntity, "main.sml", 3),
        Valid("InlineEntitySkipsChecks",
              {{"main.sml", Main({kRule, LabelAdd("Entity(type='Nope', id='x')", "nope")})},
               {"config/labels.yaml", std::string(kLabels)}}),
        Valid("LabelFromConstant",
              {{"main.sml",
                Main({kUser, kRule, "L = 'spammer'\n",
                      "WhenRules(rules_any=[R], then=[LabelAdd(entity=U, label=L)])\n"})},
               {"config/labels.yaml", std::string(kLabels)}}),
        Invalid("EntityAliasIsReported",
                {{"main.sml", Main({kUser, "V = U\n", kRule, LabelAdd("V", "spammer")})},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kLabelEntity, "main.sml", 4),
        Invalid("LabelNamedPositiveIsDropped",
                {{"main.sml", Main({kUser, kRule, LabelAdd("U", "positive")})},
                 {"config/labels.yaml", "labels:\n  positive: {valid_for: [User]}\n"}},
                DiagnosticKind::kUnknownLabel, "main.sml", 3),
        Valid("ConfigInNestedDirectory",
              {{"main.sml", Main({kUser, kRule, LabelAdd("U", "extra")})},
               {"config/labels.yaml", std::string(kLabels)},
               {"sub/config/more.yaml", "labels:\n  extra: {valid_for: [User]}\n"}}),
        Invalid("ConfigErrorComesFirst",
                {{"main.sml", "X = 1\n"},
                 {"config/labels.yaml", "labels:\n  spam:\n    valid_for: [User]\n    bogus: 1\n"}},
                DiagnosticKind::kConfigError, "config/labels.yaml", 1),
        Valid("HasLabelValid", {{"main.sml", Main({kUser,
                                                   "A = HasLabel(entity=U, label='reviewed', "
                                                   "status='removed', manual=True)\n"})},
                                {"config/labels.yaml", std::string(kLabels)}}),
        Invalid("HasLabelUnknownLabel",
                {{"main.sml", Main({kUser, "A = HasLabel(entity=U, label='spamer')\n"})},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kUnknownLabel, "main.sml", 2, "did you mean `spammer`?"),
        Invalid("HasLabelUnknownStatus",
                {{"main.sml", Main({kUser,
                                    "A = HasLabel(entity=U, label='spammer', "
                                    "status='MANUALLY_ADDED')\n"})},
                 {"config/labels.yaml", std::string(kLabels)}},
                DiagnosticKind::kUnknownLabelStatus, "main.sml", 2, "manual=True")),
    CaseName);

std::string Experiment(std::string_view buckets, std::string_view sizes,
                       std::string_view tail = "version=1, revision=0") {
  return "E = Experiment(entity=U, buckets=" + std::string(buckets) +
         ", bucket_sizes=" + std::string(sizes) + ", " + std::string(tail) + ")\n";
}

INSTANTIATE_TEST_SUITE_P(
    Experiments, PipelineCaseTest,
    testing::Values(
        Valid("Valid", {{"main.sml",
                         Main({kUser, Experiment("['control', 'a', 'b']", "[33.33, 33.33, 20.0]"),
                               "W = ExperimentWhen(experiment=E, control=[True], a=[False], "
                               "b=[True])\n"})}}),
        Invalid("MissingControl",
                {{"main.sml", Main({kUser, Experiment("['a', 'b']", "[50.0, 50.0]")})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 2),
        Invalid("TooManyBuckets",
                {{"main.sml",
                  Main({kUser, Experiment("['control','a','b','c','d','e','f','g','h','i','j']",
                                          "[1.0]")})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 2),
        Invalid("SizesCountMismatch",
                {{"main.sml", Main({kUser, Experiment("['control', 'a']", "[50.0]")})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 2),
        Invalid("SizeTooPrecise",
                {{"main.sml", Main({kUser, Experiment("['control', 'a']", "[10.005, 10.0]")})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 2),
        Invalid("SizeOverMaximum",
                {{"main.sml",
                  Main({kUser, Experiment("['control', 'a', 'b']", "[33.34, 1.0, 1.0]")})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 2),
        Invalid("NegativeVersion",
                {{"main.sml", Main({kUser, Experiment("['control']", "[10]",
                                                      "version=-1, "
                                                      "revision=0")})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 2),
        Invalid("WhenUnknownBucket",
                {{"main.sml",
                  Main({kUser, Experiment("['control', 'a']", "[50.0, 50.0]"),
                        "W = ExperimentWhen(experiment=E, control=[True], b=[False])\n"})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 3),
        Invalid("WhenExperimentNotDefined",
                {{"main.sml", Main({kUser, "F = ['x']\n",
                                    "W = ExperimentWhen(experiment=F, control=[True])\n"})}},
                DiagnosticKind::kInvalidExperiment, "main.sml", 3),
        Valid("WhenExperimentInImportedFile",
              {{"a.sml", Main({"Import(rules=['main.sml'])\n",
                               "W = ExperimentWhen(experiment=E, control=[True], a=[False])\n"})},
               {"main.sml", Main({kUser, Experiment("['control', 'a']", "[50.0, 50.0]")})}})),
    CaseName);

TEST(ValidationFactsTest, EntityTypesAndRuleDescriptions) {
  Outcome run = Validated(
      {{"main.sml",
        Main({kUser, "P = Entity(type='Post', id=1)\n", "_L = Entity(type='Local', id=1)\n",
              "A = Rule(when_all=[True], description='plain')\n",
              "B = Rule(when_all=[True], description=f'{U} {{x}}')\n", "X = _L\n"})}});
  ASSERT_TRUE(run.result.valid);
  const StringMap<FeatureInfo>& features = run.result.features;
  EXPECT_EQ(features.at("U").entity_type, "User");
  EXPECT_EQ(features.at("P").entity_type, "Post");
  EXPECT_FALSE(features.contains("_L") && !features.at("_L").entity_type.empty());
  EXPECT_EQ(features.at("A").rule_description, "plain");
  EXPECT_EQ(features.at("B").rule_description, "{U} {{x}}");
}

TEST(ValidationFactsTest, LabelNotesPointIntoTheConfig) {
  Outcome run = Validated(
      {{"main.sml", Main({kUser, kRule, LabelAdd("U", "reviewed"), LabelAdd("U", "nope")})},
       {"config/labels.yaml", std::string(kLabels)}});
  const SourceSet& sources = run.result.parsed.sources;
  ASSERT_EQ(run.diagnostics.size(), 2u);
  for (const Diagnostic& d : run.diagnostics) {
    ASSERT_EQ(d.notes.size(), 1u) << d.message;
    ASSERT_TRUE(d.notes[0].location.has_value());
    EXPECT_EQ(sources.file(d.notes[0].location->file).path(), "config/labels.yaml");
  }
  // valid_for of `reviewed` (line 8), then the `labels:` key (line 1).
  auto line = [&](const DiagnosticNote& note) {
    return sources.file(note.location->file).LineColumnOf(note.location->offset).line;
  };
  EXPECT_EQ(line(run.diagnostics[0].notes[0]), 8u);
  EXPECT_EQ(line(run.diagnostics[1].notes[0]), 1u);
}

}  // namespace
}  // namespace osprey::frontend
