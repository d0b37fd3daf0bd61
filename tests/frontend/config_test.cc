#include "frontend/config.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

struct Reported {
  DiagnosticKind kind;
  std::string path;
  uint32_t line;
  std::string message;
  uint32_t note_line = 0;  // Of the first note, if any.
};

// Loads the config of a rules directory made of `files` (path, text), returning the config and
// the diagnostics in report order, located by path and line.
std::pair<Config, std::vector<Reported>> Load(
    const std::vector<std::pair<std::string, std::string>>& files) {
  SourceSet sources;
  sources.Add("main.sml", "X = 1\n");
  for (const auto& [path, text] : files) sources.Add(path, text);
  DiagnosticSink sink;
  Config config = LoadConfig(sources, sink);
  std::vector<Reported> reported;
  for (const Diagnostic& d : sink.Sorted(sources)) {
    uint32_t note_line = 0;
    if (!d.notes.empty() && d.notes[0].location) {
      const SourceLocation& at = *d.notes[0].location;
      note_line = sources.file(at.file).LineColumnOf(at.offset).line;
    }
    reported.push_back({d.kind, std::string(DiagnosticPath(d, sources)),
                        sources.file(d.location.file).LineColumnOf(d.location.offset).line,
                        d.message, note_line});
  }
  return {std::move(config), std::move(reported)};
}

// The single diagnostic of a config that must have exactly one problem.
Reported OnlyError(const std::vector<std::pair<std::string, std::string>>& files) {
  auto [config, reported] = Load(files);
  EXPECT_EQ(reported.size(), 1u);
  if (reported.empty()) return {DiagnosticKind::kConfigError, "", 0, "", 0};
  EXPECT_EQ(reported[0].kind, DiagnosticKind::kConfigError);
  return reported[0];
}

TEST(IsConfigPathTest, RootFileAndConfigDirectoriesAtAnyDepth) {
  EXPECT_TRUE(IsConfigPath("config.yaml"));
  EXPECT_TRUE(IsConfigPath("config/labels.yaml"));
  EXPECT_TRUE(IsConfigPath("sub/deeper/config/x.yaml"));
  EXPECT_FALSE(IsConfigPath("sub/config.yaml"));
  EXPECT_FALSE(IsConfigPath("lists/words.yaml"));
  EXPECT_FALSE(IsConfigPath("config/labels.yml"));
  EXPECT_FALSE(IsConfigPath("config/nested/x.yaml"));
  EXPECT_FALSE(IsConfigPath("myconfig/x.yaml"));
  EXPECT_FALSE(IsConfigPath("main.sml"));
}

TEST(LoadConfigTest, NoConfigFilesIsAnEmptyConfig) {
  auto [config, reported] = Load({});
  EXPECT_TRUE(reported.empty());
  EXPECT_TRUE(config.labels.empty());
}

TEST(LoadConfigTest, ReadsLabels) {
  auto [config, reported] = Load({{"config/labels.yaml",
                                   "labels:\n"
                                   "  spammer:\n"
                                   "    valid_for: [User, Email]\n"
                                   "    connotation: negative\n"
                                   "    description: sends spam\n"
                                   "  trusted: {valid_for: [User], connotation: positive}\n"
                                   "  plain: {}\n"}});
  EXPECT_TRUE(reported.empty());
  ASSERT_EQ(config.label_names, (std::vector<std::string>{"plain", "spammer", "trusted"}));
  const LabelConfig& spammer = config.labels.at("spammer");
  EXPECT_EQ(spammer.valid_for, (std::vector<std::string>{"User", "Email"}));
  EXPECT_EQ(spammer.connotation, LabelConnotation::kNegative);
  EXPECT_EQ(spammer.description, "sends spam");
  ASSERT_TRUE(spammer.location.has_value());  // At `[User, Email]`, for notes.
  EXPECT_EQ(spammer.location->offset, std::string("labels:\n  spammer:\n    valid_for: ").size());
  EXPECT_EQ(config.labels.at("trusted").connotation, LabelConnotation::kPositive);
  EXPECT_EQ(config.labels.at("plain").connotation, LabelConnotation::kNeutral);
  EXPECT_TRUE(config.labels.at("plain").valid_for.empty());
}

TEST(LoadConfigTest, MergesFilesAtAnyDepthAndConcatenatesLists) {
  auto [config, reported] =
      Load({{"config.yaml", "labels:\n  a: {valid_for: [User]}\n"},
            {"config/labels.yaml", "labels:\n  a: {valid_for: [Post]}\n  b: {}\n"},
            {"sub/config/more.yaml", "labels:\n  c: {}\nui_config: {}\n"}});
  EXPECT_TRUE(reported.empty());
  EXPECT_EQ(config.label_names, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(config.labels.at("a").valid_for, (std::vector<std::string>{"User", "Post"}));
}

TEST(LoadConfigTest, LabelsNamedPositiveOrNegativeAreDropped) {
  auto [config, reported] = Load(
      {{"config/labels.yaml", "labels:\n  positive: {bogus: 1}\n  negative: 3\n  spam: {}\n"}});
  EXPECT_TRUE(reported.empty());
  EXPECT_EQ(config.label_names, (std::vector<std::string>{"spam"}));
}

TEST(LoadConfigTest, AnEmptyConfigFileHidesEveryConfigFile) {
  auto [config, reported] =
      Load({{"config/a.yaml", ""}, {"config/labels.yaml", "labels:\n  spam: {}\nbogus: 1\n"}});
  EXPECT_TRUE(reported.empty());
  EXPECT_TRUE(config.labels.empty());
}

TEST(LoadConfigTest, AcceptsEveryRegisteredTopLevelKey) {
  auto [config, reported] = Load({{"config.yaml",
                                   "labels: {}\nanalytics: {}\nfeature_flags: {}\nacl: {}\n"
                                   "actions: {}\nauthorized_keys: {anything: 1}\n"
                                   "example: {some_str: x, some_int: '42'}\n"
                                   "ui_config:\n  default_summary_features: []\n"}});
  EXPECT_TRUE(reported.empty());
}

TEST(LoadConfigTest, ScalarsResolveAsInYaml11) {
  // `yes` is a bool and 12 an int; pydantic's str fields take both.
  auto [config, reported] = Load(
      {{"config.yaml", "labels:\n  l: {valid_for: [yes, 12, '0x1', 0x1f], description: 1.5}\n"}});
  EXPECT_TRUE(reported.empty());
  EXPECT_EQ(config.labels.at("l").valid_for, (std::vector<std::string>{"True", "12", "0x1", "31"}));
  EXPECT_EQ(config.labels.at("l").description, "1.5");
}

TEST(LoadConfigTest, AliasesShareTheAnchoredValue) {
  auto [config, reported] =
      Load({{"config.yaml", "labels:\n  a: &user {valid_for: [User]}\n  b: *user\n"}});
  EXPECT_TRUE(reported.empty());
  EXPECT_EQ(config.labels.at("b").valid_for, (std::vector<std::string>{"User"}));
}

TEST(LoadConfigErrorTest, AliasExpansionIsBounded) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", " : "") + prev;
    text += "]\n";
  }
  Reported e = OnlyError({{"config.yaml", text}});
  EXPECT_NE(e.message.find("too many"), std::string::npos);
}

// The error cases of the conformance suite, at the lines Osprey reports.
TEST(LoadConfigErrorTest, BadConnotationPointsAtTheLabelsMapping) {
  Reported e = OnlyError({{"config/labels.yaml",
                           "labels:\n  spammer:\n    valid_for: [User]\n    connotation: evil\n"}});
  EXPECT_EQ(e.path, "config/labels.yaml");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.message, "invalid config value at `labels.labels.spammer.connotation`");
  EXPECT_EQ(e.note_line, 4u);  // The value itself.
}

TEST(LoadConfigErrorTest, UnknownLabelFieldPointsAtTheLabelsKey) {
  Reported e = OnlyError(
      {{"config/labels.yaml", "labels:\n  spammer:\n    valid_for: [User]\n    colour: red\n"}});
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.message, "invalid config value at `labels.labels.spammer.colour`");
  EXPECT_EQ(e.note_line, 4u);
}

TEST(LoadConfigErrorTest, ValidForNotAList) {
  Reported e = OnlyError({{"config/labels.yaml", "labels:\n  spammer:\n    valid_for: 7\n"}});
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.message, "invalid config value at `labels.labels.spammer.valid_for`");
}

TEST(LoadConfigErrorTest, ValidForItemNotAString) {
  Reported e = OnlyError({{"config/labels.yaml", "labels:\n  spammer:\n    valid_for: [~]\n"}});
  EXPECT_EQ(e.message, "invalid config value at `labels.labels.spammer.valid_for.0`");
}

TEST(LoadConfigErrorTest, LabelThatIsNotAMapping) {
  Reported e = OnlyError({{"config.yaml", "labels:\n  spammer: 3\n"}});
  EXPECT_EQ(e.message, "invalid config value at `labels.labels.spammer`");
}

TEST(LoadConfigErrorTest, LabelsThatAreNotAMapping) {
  Reported e = OnlyError({{"config.yaml", "example: {}\nlabels:\n"}});
  EXPECT_EQ(e.message, "invalid config value at `labels.__root__`");
  EXPECT_EQ(e.line, 2u);  // The value has no position: the key's.
}

TEST(LoadConfigErrorTest, UnknownTopLevelKey) {
  auto [config, reported] = Load({{"config/labels.yaml", "labels: {}\nnot_a_real_key:\n  a: 1\n"}});
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].line, 2u);
  EXPECT_EQ(reported[0].message, "invalid top-level config key `not_a_real_key`");
}

TEST(LoadConfigErrorTest, UnknownKeyInAnotherModel) {
  Reported e = OnlyError({{"config.yaml", "example:\n  some_str: x\n  other: 1\n"}});
  EXPECT_EQ(e.message, "invalid config value at `example.other`");
  EXPECT_EQ(e.line, 3u);
  e = OnlyError({{"config.yaml", "\nexample:\n  some_int: abc\n"}});
  EXPECT_EQ(e.message, "invalid config value at `example.some_int`");
  EXPECT_EQ(e.line, 3u);
  e = OnlyError({{"config.yaml", "ui_config: 3\n"}});
  EXPECT_EQ(e.message, "invalid config value at `ui_config.__root__`");
}

TEST(LoadConfigErrorTest, TopLevelKeyMustBeAString) {
  Reported e = OnlyError({{"config.yaml", "labels: {}\n1: x\n"}});
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.message, "config key `1` is not a string");
}

TEST(LoadConfigErrorTest, FileMustBeAMapping) {
  EXPECT_EQ(OnlyError({{"config/a.yaml", "- a\n- b\n"}}).message,
            "a config file must hold a YAML mapping");
  EXPECT_EQ(OnlyError({{"config/a.yaml", "# only a comment\n"}}).message,
            "a config file must hold a YAML mapping");
}

TEST(LoadConfigErrorTest, InvalidYamlAtItsLine) {
  Reported e = OnlyError({{"config/a.yaml", "labels:\n  a: [\n"}});
  EXPECT_EQ(e.path, "config/a.yaml");
  EXPECT_EQ(e.line, 3u);
  EXPECT_NE(e.message.find("invalid YAML"), std::string::npos);
}

TEST(LoadConfigErrorTest, SeveralDocuments) {
  Reported e = OnlyError({{"config/a.yaml", "a: 1\n---\nb: 2\n"}});
  EXPECT_EQ(e.line, 2u);
}

TEST(LoadConfigErrorTest, ConflictingValuesAcrossFiles) {
  Reported e = OnlyError({{"config/a.yaml", "labels:\n  spam:\n    description: one\n"},
                          {"config/b.yaml", "\nlabels:\n  spam:\n    description: one\n"}});
  EXPECT_EQ(e.path, "config/b.yaml");
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(e.note_line, 3u);  // Where config/a.yaml set it first.
  EXPECT_EQ(e.message, "conflicting values for config key `labels.spam.description`");
  // A mapping against a list conflicts too.
  e = OnlyError({{"config/a.yaml", "labels: {}\n"}, {"config/b.yaml", "labels: []\n"}});
  EXPECT_EQ(e.message, "conflicting values for config key `labels`");
}

TEST(LoadConfigErrorTest, ReportsEveryFieldProblem) {
  auto [config, reported] = Load({{"config/labels.yaml",
                                   "labels:\n"
                                   "  a: {valid_for: 1, connotation: good}\n"
                                   "  b: {description: [x]}\n"
                                   "  c: {valid_for: [User]}\n"
                                   "bogus: 1\n"}});
  ASSERT_EQ(reported.size(), 4u);
  EXPECT_EQ(reported[3].message, "invalid top-level config key `bogus`");
  EXPECT_EQ(reported[3].line, 5u);
  // Labels without problems are still available.
  EXPECT_EQ(config.label_names, (std::vector<std::string>{"c"}));
}

}  // namespace
}  // namespace osprey::frontend
