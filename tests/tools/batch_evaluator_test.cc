// runtime::BatchEvaluator and RulesetHandle, on rulesets compiled from real rules directories:
// one result per line in input order whatever the thread count and batch size, results equal to
// the one-line-at-a-time StreamEvaluator, the label-effect semantics of one and several threads,
// ruleset swaps between batches, and the keys of each EmitMode.
#include "runtime/batch_evaluator.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/labels.h"
#include "runtime/stream_evaluator.h"
#include "tests/tools/rules_dir.h"
#include "tools/compile_rules.h"

namespace osprey::runtime {
namespace {

namespace fs = std::filesystem;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Ruleset = std::shared_ptr<const CompiledRuleset>;

fs::path MakeDir(const std::string& name, const std::map<std::string, std::string>& files) {
  return osprey::testing::WriteRulesDir("batch_test", name, files);
}

// Compiles `main_sml` (plus a labels config); the returned pointer shares ownership of the
// whole CompiledRules, because the program refers to the UDF registry kept there.
Ruleset Compile(const std::string& name, const std::string& main_sml,
                tools::Engine engine = tools::Engine::kInterpreter) {
  fs::path dir = MakeDir(name, {{"main.sml", main_sml},
                                {"config/labels.yaml",
                                 "labels:\n  vip:\n    valid_for: [User]\n"
                                 "  spammer:\n    valid_for: [User]\n"}});
  frontend::DiagnosticSink sink;
  tools::CompileOptions options;
  options.engine = engine;
  options.opt_level = 0;
  absl::StatusOr<tools::CompiledRules> compiled =
      tools::CompileRulesDirectory(dir.string(), options, sink);
  fs::remove_all(dir);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  if (!compiled.ok()) return nullptr;
  EXPECT_NE(compiled->ruleset, nullptr) << "rules " << name << " have errors";
  auto owner = std::make_shared<tools::CompiledRules>(*std::move(compiled));
  return Ruleset(owner, owner->ruleset.get());
}

// For tests that must hold on each engine.
constexpr tools::Engine kBothEngines[] = {tools::Engine::kInterpreter, tools::Engine::kJit};
const char* EngineName(tools::Engine engine) {
  return engine == tools::Engine::kJit ? "jit" : "interpreter";
}

std::string Action(int id, const std::string& data) {
  return "{\"action_id\": " + std::to_string(id) +
         ", \"action_name\": \"a\", \"timestamp\": \"2025-01-01T00:00:00+00:00\", \"data\": " +
         data + "}";
}

// Evaluates `lines` in batches of `batch_size`, numbering lines from 1, into one result list.
// The result vector is reused across batches and starts with junk, as a caller's would.
std::vector<std::string> RunBatches(BatchEvaluator& evaluator,
                                    const std::vector<std::string>& lines, size_t batch_size) {
  std::vector<std::string> all;
  std::vector<std::string> results(7, "junk");
  for (size_t begin = 0; begin < lines.size(); begin += batch_size) {
    size_t count = std::min(batch_size, lines.size() - begin);
    evaluator.Evaluate(std::span(lines).subspan(begin, count), static_cast<int64_t>(begin) + 1,
                       results);
    EXPECT_EQ(results.size(), count);
    all.insert(all.end(), results.begin(), results.end());
  }
  return all;
}

std::vector<std::string> RunStream(const CompiledRuleset& ruleset,
                                   const std::vector<std::string>& lines, uint64_t seed) {
  InMemoryLabelStore labels;
  StreamEvaluator stream(ruleset, &labels, StreamOptions{false, seed});
  std::vector<std::string> all;
  for (size_t i = 0; i < lines.size(); ++i) {
    all.push_back(stream.EvaluateLine(lines[i], static_cast<int64_t>(i) + 1));
  }
  return all;
}

// Results depend on the action and on the seed mixed with the line number (RandomInt), never on
// labels: the LabelAdd effect is emitted but nothing reads it.
constexpr const char* kLabelFreeRules = R"(
Text: str = JsonData(path='$.text', required=False)
Count: int = JsonData(path='$.count', required=False)
User: Entity[str] = EntityJson(type='User', path='$.user')
Upper = StringToUpper(s=Text)
Length = StringLength(s=Text)
Spammy = RegexMatch(pattern=r'sp[a4]m', target=Text, case_insensitive=True)
Big = Count > 10
Dice = RandomInt(start=1, end=1000)
Coin = RandomBool(percentage=0.5)
SpamRule = Rule(when_all=[Spammy], description=f'{User} posted spam')
BigRule = Rule(when_all=[Big, Spammy], description='big spam')
WhenRules(rules_any=[SpamRule], then=[DeclareVerdict(verdict='reject')])
WhenRules(rules_any=[BigRule], then=[LabelAdd(entity=User, label='spammer')])
)";

// Good actions with malformed lines (not JSON, no action_name, empty) among them.
std::vector<std::string> MixedLines(int count) {
  std::vector<std::string> lines;
  const char* texts[] = {"hello", "SPAM here", "sp4m", "", "caf\xc3\xa9 spam"};
  for (int i = 1; i <= count; ++i) {
    switch (i % 7) {
      case 3:
        lines.push_back("{\"action_id\": " + std::to_string(i));  // Not JSON.
        break;
      case 5:
        lines.push_back("{\"action_id\": " + std::to_string(i) + ", \"data\": {}}");
        break;
      case 6:
        lines.push_back(i % 2 == 0 ? "" : "[1]");
        break;
      default:
        lines.push_back(Action(i, std::string("{\"text\": \"") + texts[i % 5] +
                                      "\", \"count\": " + std::to_string(i) + ", \"user\": \"u" +
                                      std::to_string(i % 4) + "\"}"));
    }
  }
  return lines;
}

class BatchOrderTest : public ::testing::TestWithParam<std::tuple<int, size_t>> {};

TEST_P(BatchOrderTest, OneResultPerLineInOrderWithAbsoluteLineNumbers) {
  const auto [threads, batch_size] = GetParam();
  Ruleset ruleset = Compile("order", kLabelFreeRules);
  ASSERT_NE(ruleset, nullptr);
  RulesetHandle handle(ruleset);
  InMemoryLabelStore labels;
  BatchEvaluator evaluator(handle, &labels, BatchOptions{threads, {}, 42});
  const std::vector<std::string> lines = MixedLines(23);
  std::vector<std::string> results = RunBatches(evaluator, lines, batch_size);
  ASSERT_EQ(results.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    if (n % 7 == 3 || n % 7 == 5 || n % 7 == 6) {
      EXPECT_THAT(results[i], StartsWith("{\"__error\": \"")) << "line " << n;
      EXPECT_THAT(results[i], HasSubstr(", \"__line\": " + std::to_string(n) + "}")) << results[i];
    } else {
      EXPECT_THAT(results[i], StartsWith("{\"__action_id\": " + std::to_string(n) + ", "));
    }
  }
  EXPECT_THAT(results[4], HasSubstr("missing action_name"));
  EXPECT_THAT(results[5], HasSubstr("empty line"));
  // Same seed, same line numbers: the RandomInt draws and error records equal the reference's.
  EXPECT_EQ(results, RunStream(*ruleset, lines, 42));
}

INSTANTIATE_TEST_SUITE_P(Batch, BatchOrderTest,
                         ::testing::Combine(::testing::Values(1, 2, 4),
                                            ::testing::Values<size_t>(1, 3, 1000)),
                         [](const ::testing::TestParamInfo<std::tuple<int, size_t>>& param_info) {
                           return "Threads" + std::to_string(std::get<0>(param_info.param)) +
                                  "Batch" + std::to_string(std::get<1>(param_info.param));
                         });

class BatchEngineTest : public ::testing::TestWithParam<std::tuple<tools::Engine, int>> {};

TEST_P(BatchEngineTest, ThreadsGiveTheSameBytesAsOneThreadAndTheStream) {
  const auto [engine, threads] = GetParam();
  Ruleset ruleset = Compile("engine", kLabelFreeRules, engine);
  ASSERT_NE(ruleset, nullptr);
  RulesetHandle handle(ruleset);
  const std::vector<std::string> lines = MixedLines(400);
  InMemoryLabelStore one_labels, many_labels;
  BatchEvaluator one(handle, &one_labels, BatchOptions{1, {}, 7});
  BatchEvaluator many(handle, &many_labels, BatchOptions{threads, {}, 7});
  std::vector<std::string> expected = RunBatches(one, lines, 64);
  EXPECT_EQ(expected, RunStream(*ruleset, lines, 7));
  for (size_t batch_size : {size_t{64}, size_t{5}, size_t{1000}}) {
    EXPECT_EQ(RunBatches(many, lines, batch_size), expected) << "batch size " << batch_size;
  }
  // The ruleset does produce the effects the comparison is about.
  EXPECT_THAT(expected[1], HasSubstr("\"__verdicts\": [\"reject\"]"));
  EXPECT_THAT(expected[15], HasSubstr("\"__entity_label_mutations\": [\"User/spammer/1\"]"));
}

INSTANTIATE_TEST_SUITE_P(
    Batch, BatchEngineTest,
    ::testing::Combine(::testing::Values(tools::Engine::kInterpreter, tools::Engine::kJit),
                       ::testing::Values(2, 4)),
    [](const ::testing::TestParamInfo<std::tuple<tools::Engine, int>>& param_info) {
      return std::string(std::get<0>(param_info.param) == tools::Engine::kJit ? "Jit" : "Interp") +
             "Threads" + std::to_string(std::get<1>(param_info.param));
    });

constexpr const char* kLabelRules = R"(
UserId: Entity[str] = EntityJson(type='User', path='$.user')
Flagged: bool = JsonData(path='$.flagged', required=False)
Cleared: bool = JsonData(path='$.cleared', required=False)
IsVip = HasLabel(entity=UserId, label='vip')
MakeVip = Rule(when_all=[Flagged], description='flagged')
ClearVip = Rule(when_all=[Cleared], description='cleared')
WhenRules(rules_any=[MakeVip], then=[LabelAdd(entity=UserId, label='vip')])
WhenRules(rules_any=[ClearVip], then=[LabelRemove(entity=UserId, label='vip')])
)";

std::string Flag(int id, const std::string& user) {
  return Action(id, "{\"user\": \"" + user + "\", \"flagged\": true}");
}
std::string Clear(int id, const std::string& user) {
  return Action(id, "{\"user\": \"" + user + "\", \"cleared\": true}");
}
std::string Check(int id, const std::string& user) {
  return Action(id, "{\"user\": \"" + user + "\"}");
}

bool HasVip(const InMemoryLabelStore& labels, const std::string& user) {
  std::optional<LabelState> state = labels.Get("User", user, "vip");
  return state.has_value() && state->status == LabelStatus::kAdded;
}

TEST(BatchLabelsTest, OneThreadSeesEarlierEffectsOfTheSameBatch) {
  Ruleset ruleset = Compile("labels_one", kLabelRules);
  ASSERT_NE(ruleset, nullptr);
  RulesetHandle handle(ruleset);
  InMemoryLabelStore labels;
  BatchEvaluator evaluator(handle, &labels, BatchOptions{1, {}, 0});
  const std::vector<std::string> lines = {Check(1, "u1"), Flag(2, "u1"),  "nope",
                                          Check(4, "u1"), Clear(5, "u1"), Check(6, "u1")};
  std::vector<std::string> results;
  evaluator.Evaluate(lines, 1, results);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_THAT(results[0], HasSubstr("\"IsVip\": false"));
  EXPECT_THAT(results[1], HasSubstr("\"__entity_label_mutations\": [\"User/vip/1\"]"));
  EXPECT_THAT(results[3], HasSubstr("\"IsVip\": true"));
  EXPECT_THAT(results[4], HasSubstr("\"IsVip\": true"));
  EXPECT_THAT(results[5], HasSubstr("\"IsVip\": false"));
  EXPECT_FALSE(HasVip(labels, "u1"));
}

TEST(BatchLabelsTest, SeveralThreadsSeeTheBatchStartAndApplyAfterInInputOrder) {
  Ruleset ruleset = Compile("labels_many", kLabelRules);
  ASSERT_NE(ruleset, nullptr);
  RulesetHandle handle(ruleset);
  InMemoryLabelStore labels;
  BatchEvaluator evaluator(handle, &labels, BatchOptions{2, {}, 0});
  std::vector<std::string> results;
  evaluator.Evaluate(std::vector<std::string>{Flag(1, "u1"), Check(2, "u1")}, 1, results);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_THAT(results[0], HasSubstr("\"__entity_label_mutations\": [\"User/vip/1\"]"));
  EXPECT_THAT(results[1], HasSubstr("\"IsVip\": false"));  // The state at the batch's start.
  EXPECT_TRUE(HasVip(labels, "u1"));                       // Applied once the batch is done.
  evaluator.Evaluate(std::vector<std::string>{Check(3, "u1"), Check(4, "u2")}, 3, results);
  EXPECT_THAT(results[0], HasSubstr("\"IsVip\": true"));
  EXPECT_THAT(results[1], HasSubstr("\"IsVip\": false"));

  // Opposite effects on one entity from different workers' slices: the later line wins.
  BatchEvaluator four(handle, &labels, BatchOptions{4, {}, 0});
  four.Evaluate(
      std::vector<std::string>{Flag(5, "u3"), Clear(6, "u4"), "{", Clear(8, "u3"), Flag(9, "u4"),
                               Check(10, "u3"), Check(11, "u4"), Flag(12, "u5")},
      5, results);
  ASSERT_EQ(results.size(), 8u);
  EXPECT_THAT(results[2], HasSubstr("\"__line\": 7}"));
  EXPECT_THAT(results[5], HasSubstr("\"IsVip\": false"));
  EXPECT_THAT(results[6], HasSubstr("\"IsVip\": false"));
  EXPECT_FALSE(HasVip(labels, "u3"));
  EXPECT_TRUE(HasVip(labels, "u4"));
  EXPECT_TRUE(HasVip(labels, "u5"));
}

constexpr const char* kReasonRules = R"(
UserId: Entity[str] = EntityJson(type='User', path='$.user')
Flagged: bool = JsonData(path='$.flagged', required=False)
Name: str = JsonData(path='$.user')
Shout = StringToUpper(s=Name)
First = Rule(when_all=[Flagged], description='first')
Second = Rule(when_all=[Flagged], description='second')
Never = Rule(when_all=[not Flagged], description='never')
Third = Rule(when_all=[Flagged], description='third')
WhenRules(rules_any=[First, Never, Second],
          then=[LabelAdd(entity=UserId, label='vip'), LabelAdd(entity=UserId, label='spammer')])
WhenRules(rules_any=[Third], then=[LabelAdd(entity=UserId, label='spammer')])
)";

std::vector<std::string> ReasonNames(const InMemoryLabelStore& labels, const std::string& user,
                                     const std::string& label) {
  std::vector<std::string> names;
  std::optional<LabelState> state = labels.Get("User", user, label);
  if (state.has_value()) {
    for (const LabelReason& reason : state->reasons) names.push_back(reason.name);
  }
  return names;
}

// Each effect of a WhenRules names exactly the rules of that WhenRules that were true, in
// every action of a stream whose result storage is reused.
TEST(BatchLabelsTest, EachEffectNamesTheTrueRulesOfItsWhenRules) {
  for (tools::Engine engine : kBothEngines) {
    SCOPED_TRACE(EngineName(engine));
    Ruleset ruleset = Compile("reasons", kReasonRules, engine);
    ASSERT_NE(ruleset, nullptr);
    RulesetHandle handle(ruleset);
    InMemoryLabelStore labels;
    BatchEvaluator evaluator(handle, &labels, BatchOptions{1, {}, 0});
    std::vector<std::string> results;
    evaluator.Evaluate(std::vector<std::string>{Flag(1, "u1"), Check(2, "u2"), Flag(3, "u3")}, 1,
                       results);
    for (const std::string user : {"u1", "u3"}) {
      EXPECT_THAT(ReasonNames(labels, user, "vip"), ::testing::ElementsAre("First", "Second"));
      EXPECT_THAT(ReasonNames(labels, user, "spammer"),
                  ::testing::ElementsAre("First", "Second", "Third"));
    }
    EXPECT_THAT(ReasonNames(labels, "u2", "vip"), ::testing::IsEmpty());
  }
}

// The label effect's entity id of a result with one label effect per WhenRules.
std::vector<std::string> EffectEntityIds(const ActionResult& result) {
  std::vector<std::string> ids;
  for (const EmittedEffect& emitted : result.effects) {
    ids.push_back(emitted.effect->entity_id.as_string());
  }
  return ids;
}

// The str value of the feature `name` of `result` ("" when it has none).
std::string FeatureText(const ActionResult& result, const std::string& name) {
  for (const auto& [feature, value] : result.features) {
    if (feature->text == name && value && value->kind() == Value::Kind::kString) {
      return value->as_string();
    }
  }
  return "";
}

// An evaluator refills its effect, string and rule objects from action to action only when
// no one holds them: a result the caller keeps is never changed by the next evaluation.
TEST(ResultReuseTest, ResultsTheCallerHoldsStayAsTheyWere) {
  for (tools::Engine engine : kBothEngines) {
    SCOPED_TRACE(EngineName(engine));
    Ruleset ruleset = Compile("reuse", kReasonRules, engine);
    ASSERT_NE(ruleset, nullptr);
    ActionReader first_reader, second_reader;
    absl::StatusOr<runtime::Action> first = first_reader.Read(Flag(1, "u1"));
    absl::StatusOr<runtime::Action> second = second_reader.Read(Flag(2, "u2"));
    ASSERT_TRUE(first.ok() && second.ok());
    const ActionResult held = ruleset->Evaluate(*first, nullptr, 0, ResultFeatures::kAll);
    ActionResult reused;
    for (const runtime::Action* action : {&*second, &*first, &*second}) {
      ruleset->EvaluateInto(*action, nullptr, 0, ResultFeatures::kAll, &reused);
      const std::string user = action == &*second ? "u2" : "u1";
      EXPECT_THAT(EffectEntityIds(reused), ::testing::ElementsAre(user, user, user));
      EXPECT_EQ(FeatureText(reused, "Shout"), user == "u1" ? "U1" : "U2");
      EXPECT_EQ(reused.action_id, action->id);
      ASSERT_EQ(reused.effects.size(), 3u);
      EXPECT_EQ(reused.RulesOf(reused.effects[2]).size(), 1u);  // Third's WhenRules.
    }
    EXPECT_THAT(EffectEntityIds(held), ::testing::ElementsAre("u1", "u1", "u1"));
    EXPECT_EQ(FeatureText(held, "Name"), "u1");
    EXPECT_EQ(FeatureText(held, "Shout"), "U1");
    EXPECT_EQ(held.action_id, 1);
    ASSERT_EQ(held.effects.size(), 3u);
    EXPECT_EQ(held.RulesOf(held.effects[0]).size(), 2u);
    EXPECT_EQ(held.RulesOf(held.effects[0])[1]->name(), "Second");
  }
}

// The objects a read, a rule or an effect makes hold values of their own (a list's items, an
// entity's id, a rule's description fields, a label's entity), and strings are made in place
// (the action name, an f-string): those stay as they were in a result the caller keeps, while
// the evaluator refills what no one holds.
constexpr const char* kHeldObjectRules = R"(
Name: str = JsonData(path='$.user')
UserId: Entity[str] = EntityJson(type='User', path='$.user')
Tags: List[str] = JsonData(path='$.tags')
Kind = GetActionName()
Greeting = f'hello {UserId} in {Kind}'
Tagged = Rule(when_all=[ListLength(list=Tags) > 0], description=f'{Name} tagged')
WhenRules(rules_any=[Tagged], then=[LabelAdd(entity=UserId, label='vip')])
)";

// What `result` holds of kHeldObjectRules' features and effect, as text.
std::string HeldObjects(const ActionResult& result) {
  std::string text;
  for (const auto& [feature, value] : result.features) {
    if (!value) continue;
    text += feature->text + "=";
    switch (value->kind()) {
      case Value::Kind::kList:
        for (const Value& item : value->as_list()) text += item.as_string() + ",";
        break;
      case Value::Kind::kEntity:
        text += value->as_entity().type + "/" + value->as_entity().id.as_string();
        break;
      case Value::Kind::kRule:
        for (const Value& field : value->as_rule().field_values) text += field.as_string();
        break;
      case Value::Kind::kString:
        text += value->as_string();
        break;
      default:
        break;
    }
    text += " ";
  }
  for (const EmittedEffect& emitted : result.effects) {
    text += "effect=" + emitted.effect->entity_id.as_string();
  }
  return text;
}

TEST(ResultReuseTest, ObjectsInsideKeptValuesStayAsTheyWere) {
  auto line = [](int id, const std::string& name, const std::string& user,
                 const std::string& tags) {
    return "{\"action_id\": " + std::to_string(id) + ", \"action_name\": \"" + name +
           "\", \"timestamp\": \"2025-01-01T00:00:00+00:00\", \"data\": {\"user\": \"" + user +
           "\", \"tags\": [" + tags + "]}}";
  };
  const std::string first_expected =
      "Name=first_user UserId=User/first_user Tags=tag_one_long_enough,tag_two, "
      "Kind=first_action_name Greeting=hello first_user in first_action_name Tagged=first_user "
      "effect=first_user";
  const std::string second_expected =
      "Name=second_user UserId=User/second_user Tags=tag_three_long_enough, "
      "Kind=second_action_name Greeting=hello second_user in second_action_name Tagged=second_user "
      "effect=second_user";
  for (tools::Engine engine : kBothEngines) {
    SCOPED_TRACE(EngineName(engine));
    Ruleset ruleset = Compile("held_objects", kHeldObjectRules, engine);
    ASSERT_NE(ruleset, nullptr);
    ActionReader first_reader, second_reader;
    absl::StatusOr<runtime::Action> first = first_reader.Read(
        line(1, "first_action_name", "first_user", R"("tag_one_long_enough", "tag_two")"));
    absl::StatusOr<runtime::Action> second = second_reader.Read(
        line(2, "second_action_name", "second_user", R"("tag_three_long_enough")"));
    ASSERT_TRUE(first.ok() && second.ok());
    const ActionResult held = ruleset->Evaluate(*first, nullptr, 0, ResultFeatures::kAll);
    ASSERT_EQ(HeldObjects(held), first_expected);
    ActionResult reused;
    for (const runtime::Action* action : {&*second, &*first, &*second, &*second}) {
      ruleset->EvaluateInto(*action, nullptr, 0, ResultFeatures::kAll, &reused);
      EXPECT_EQ(HeldObjects(reused), action == &*first ? first_expected : second_expected);
    }
    EXPECT_EQ(HeldObjects(held), first_expected);
  }
}

// Features a result must copy rather than take: a list of constants (fixed once per
// ruleset), a pure call of constants, and nodes two features export.
constexpr const char* kSharedValueRules = R"(
Text: str = JsonData(path='$.text', required=False)
Greeting = 'a constant long enough to live on the heap'
Verdict = DeclareVerdict(verdict='reject')
Words = [Greeting, 'other']
Alias = Text
Again = Alias
Hit = Rule(when_all=[Text == 'hit'], description='hit')
SameHit = Hit
WhenRules(rules_any=[Hit], then=[Verdict])
)";

TEST(ResultReuseTest, ValuesSharedAcrossActionsOrFeaturesAreInEveryResult) {
  const std::vector<std::string> lines = {Action(1, "{\"text\": \"hit\"}"),
                                          Action(2, "{\"text\": \"miss\"}"),
                                          Action(3, "{\"text\": \"hit\"}"), Action(4, "{}")};
  Ruleset reference = Compile("shared_interp", kSharedValueRules, tools::Engine::kInterpreter);
  Ruleset jit = Compile("shared_jit", kSharedValueRules, tools::Engine::kJit);
  ASSERT_NE(reference, nullptr);
  ASSERT_NE(jit, nullptr);
  const std::vector<std::string> expected = RunStream(*reference, lines, 0);
  RulesetHandle handle(jit);
  BatchEvaluator evaluator(handle, nullptr, BatchOptions{1, {}, 0});
  EXPECT_EQ(RunBatches(evaluator, lines, 2), expected);
  EXPECT_EQ(RunStream(*jit, lines, 0), expected);
  // Each line, not only the first, shows the constants and both exports of a node.
  for (const std::string& line : expected) {
    EXPECT_THAT(
        line, HasSubstr("\"Words\": [\"a constant long enough to live on the heap\", \"other\"]"));
  }
  EXPECT_THAT(expected[2], HasSubstr("\"Alias\": \"hit\", \"Again\": \"hit\""));
  EXPECT_THAT(expected[2], HasSubstr("\"Hit\": true, \"SameHit\": true"));
}

constexpr const char* kRulesA = "Tag = 'A'\nHitA = Rule(when_all=[Tag == 'A'], description='a')\n";
constexpr const char* kRulesB = "Tag = 'B'\nHitB = Rule(when_all=[Tag == 'B'], description='b')\n";

std::string HitsLine(int id, const std::string& identity, const std::string& rules) {
  return "{\"__action_id\": " + std::to_string(id) + ", \"__ruleset\": \"" + identity +
         "\", \"__error_count\": 0, \"__rules\": [\"" + rules + "\"]}";
}

TEST(RulesetHandleTest, NextBatchUsesTheNewlyPublishedRuleset) {
  Ruleset a = Compile("swap_a", kRulesA);
  Ruleset b = Compile("swap_b", kRulesB);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  ASSERT_NE(a->identity(), b->identity());
  RulesetHandle handle;
  EXPECT_EQ(handle.Current(), nullptr);
  BatchOptions options{4, {EmitMode::kHits, false}, 0};
  BatchEvaluator evaluator(handle, nullptr, options);
  const std::vector<std::string> lines = {Check(1, "x"), "", Check(3, "x")};
  std::vector<std::string> results;

  // Nothing published: an error record per line, good or bad.
  EXPECT_EQ(evaluator.Evaluate(lines, 10, results), nullptr);
  ASSERT_EQ(results.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(results[i], "{\"__error\": \"no ruleset is loaded\", \"__line\": " +
                              std::to_string(10 + i) + "}");
  }

  std::weak_ptr<const CompiledRuleset> weak_a = a;
  handle.Publish(a);
  Ruleset used = evaluator.Evaluate(lines, 1, results);
  EXPECT_EQ(used, a);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0], HitsLine(1, a->identity(), "HitA"));
  EXPECT_THAT(results[1], HasSubstr("\"__line\": 2}"));
  EXPECT_EQ(results[2], HitsLine(3, a->identity(), "HitA"));

  // An empty batch still reports the version it would have used, and clears `results`.
  EXPECT_EQ(evaluator.Evaluate({}, 4, results), a);
  EXPECT_TRUE(results.empty());

  handle.Publish(b);
  EXPECT_EQ(evaluator.Evaluate(lines, 4, results), b);
  EXPECT_EQ(results[0], HitsLine(1, b->identity(), "HitB"));
  EXPECT_EQ(results[2], HitsLine(3, b->identity(), "HitB"));

  // The evaluator keeps no reference of its own: A goes with its last holder.
  a.reset();
  EXPECT_FALSE(weak_a.expired());
  used.reset();
  EXPECT_TRUE(weak_a.expired());
}

// Swaps published while batches run: each batch is evaluated by one version, the one returned.
TEST(RulesetHandleTest, ConcurrentSwapsNeverMixVersionsInABatch) {
  Ruleset a = Compile("race_a", kRulesA);
  Ruleset b = Compile("race_b", kRulesB);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  RulesetHandle handle(a);
  // A jthread stops and joins on every way out, failed assertions included.
  std::jthread publisher([&](std::stop_token stop) {
    for (int i = 0; !stop.stop_requested(); ++i) handle.Publish(i % 2 == 0 ? b : a);
  });
  BatchEvaluator evaluator(handle, nullptr, BatchOptions{4, {EmitMode::kHits, false}, 0});
  std::vector<std::string> lines;
  for (int i = 1; i <= 16; ++i) lines.push_back(Check(i, "x"));
  std::vector<std::string> results;
  for (int batch = 0; batch < 300; ++batch) {
    Ruleset used = evaluator.Evaluate(lines, 1, results);
    ASSERT_TRUE(used == a || used == b);
    const std::string rule = used == a ? "HitA" : "HitB";
    for (size_t i = 0; i < lines.size(); ++i) {
      ASSERT_EQ(results[i], HitsLine(static_cast<int>(i) + 1, used->identity(), rule));
    }
  }
}

constexpr const char* kHitsRules = R"(
UserId: Entity[str] = EntityJson(type='User', path='$.user')
Text: str = JsonData(path='$.text')
Zed = Rule(when_all=[Text == 'hit'], description='z')
Alpha = Rule(when_all=[Text == 'nope'], description='a')
Mid = Rule(when_all=[StringLength(s=Text) > 0], description='m')
WhenRules(rules_any=[Zed], then=[DeclareVerdict(verdict='reject'),
                                 LabelAdd(entity=UserId, label='vip')])
)";

TEST(EmitModeTest, HitsWritesExactlyItsKeys) {
  Ruleset ruleset = Compile("hits", kHitsRules);
  ASSERT_NE(ruleset, nullptr);
  RulesetHandle handle(ruleset);
  const std::string id = ruleset->identity();
  const std::vector<std::string> lines = {
      Action(1, "{\"user\": \"u1\", \"text\": \"hit\"}"),
      Action(2, "{\"user\": \"u1\", \"text\": \"other\"}"),
      Action(3, "{\"user\": \"u1\"}"),  // Text fails: every rule is false or failed.
  };
  for (int threads : {1, 2}) {
    BatchEvaluator evaluator(handle, nullptr, BatchOptions{threads, {EmitMode::kHits, false}, 0});
    std::vector<std::string> results;
    evaluator.Evaluate(lines, 1, results);
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0], "{\"__action_id\": 1, \"__ruleset\": \"" + id +
                              "\", \"__error_count\": 0, \"__rules\": [\"Zed\", \"Mid\"], "
                              "\"__verdicts\": [\"reject\"], "
                              "\"__entity_label_mutations\": [\"User/vip/1\"]}");
    EXPECT_EQ(results[1], HitsLine(2, id, "Mid"));
    EXPECT_THAT(results[2], StartsWith("{\"__action_id\": 3, \"__ruleset\": \"" + id +
                                       "\", \"__error_count\": "));
    EXPECT_THAT(results[2], Not(HasSubstr("\"__error_count\": 0,")));
    EXPECT_THAT(results[2], EndsWith(", \"__rules\": []}"));
  }
}

// Hit lines list the rule features that are true, aliases of rules included, and no other
// feature whose value is true.
constexpr const char* kRuleLikeRules = R"(
Text: str = JsonData(path='$.text')
Zed = Rule(when_all=[Text == 'hit'], description='z')
IsHit = Text == 'hit'
ZedAgain = Zed
Words = [Text, 'x']
Mid = Rule(when_all=[StringLength(s=Text) > 0, IsHit or not IsHit], description='m')
Rules = [Zed, Mid]
)";

TEST(EmitModeTest, HitsListEveryTrueRuleFeatureAndNothingElse) {
  for (tools::Engine engine : kBothEngines) {
    SCOPED_TRACE(EngineName(engine));
    Ruleset ruleset = Compile("rule_like", kRuleLikeRules, engine);
    ASSERT_NE(ruleset, nullptr);
    RulesetHandle handle(ruleset);
    BatchEvaluator evaluator(handle, nullptr, BatchOptions{1, {EmitMode::kHits, false}, 0});
    std::vector<std::string> results;
    evaluator.Evaluate(
        std::vector<std::string>{Action(1, "{\"text\": \"hit\"}"), Action(2, "{\"text\": \"no\"}")},
        1, results);
    ASSERT_EQ(results.size(), 2u);
    EXPECT_THAT(results[0], EndsWith("\"__rules\": [\"Zed\", \"ZedAgain\", \"Mid\"]}"));
    EXPECT_THAT(results[1], EndsWith("\"__rules\": [\"Mid\"]}"));
  }
}

TEST(EmitModeTest, FullIsOspreysMapAndRulesetKeyAddsTheIdentity) {
  Ruleset ruleset = Compile("full", kHitsRules);
  ASSERT_NE(ruleset, nullptr);
  RulesetHandle handle(ruleset);
  const std::vector<std::string> lines = {Action(1, "{\"user\": \"u1\", \"text\": \"hit\"}"),
                                          Action(2, "{\"user\": \"u1\", \"text\": \"x\"}")};
  std::vector<std::string> plain, keyed;
  BatchEvaluator(handle, nullptr, BatchOptions{2, {EmitMode::kFull, false}, 0})
      .Evaluate(lines, 1, plain);
  BatchEvaluator(handle, nullptr, BatchOptions{2, {EmitMode::kFull, true}, 0})
      .Evaluate(lines, 1, keyed);
  ASSERT_EQ(plain.size(), 2u);
  ASSERT_EQ(keyed.size(), 2u);
  const std::string effects =
      "{\"__action_id\": 1, \"__timestamp\": \"2025-01-01T00:00:00+00:00\", "
      "\"__error_count\": 0, \"__verdicts\": [\"reject\"], "
      "\"__entity_label_mutations\": [\"User/vip/1\"], ";
  const std::string features = "\"UserId\": \"u1\", \"Text\": \"hit\", \"Zed\": true, ";
  EXPECT_THAT(plain[0], StartsWith(effects + features));
  EXPECT_THAT(keyed[0],
              StartsWith(effects + "\"__ruleset\": \"" + ruleset->identity() + "\", " + features));
  EXPECT_THAT(plain[1], Not(HasSubstr("__verdicts")));
  EXPECT_THAT(plain[1], Not(HasSubstr("__rules")));
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_THAT(plain[i], Not(HasSubstr("__ruleset")));
    StreamEvaluator reference(*ruleset, nullptr, StreamOptions{true, 0});
    EXPECT_EQ(keyed[i], reference.EvaluateLine(lines[i], static_cast<int64_t>(i) + 1));
  }
}

}  // namespace
}  // namespace osprey::runtime
