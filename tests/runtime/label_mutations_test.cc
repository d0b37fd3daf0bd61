// Tests of the label mutations a result's label effects make (runtime/result.h), collected in
// a buffer reused from action to action as the batch runtime does.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/result.h"

namespace osprey::runtime {
namespace {

constexpr int64_t kSecond = 1000000;
constexpr int64_t kNow = 1756132245LL * kSecond;

std::shared_ptr<const RuleValue> TrueRule(std::string name) {
  auto definition = std::make_shared<RuleDefinition>();
  definition->name = std::move(name);
  auto rule = std::make_shared<RuleValue>();
  rule->definition = std::move(definition);
  rule->value = true;
  return rule;
}

// Adds a label effect emitted by `rules` to `result`.
void AddLabelEffect(ActionResult& result, Value entity_id, std::string label, bool add,
                    std::optional<double> expires_after_seconds,
                    const std::vector<std::string>& rules) {
  auto effect = std::make_shared<Effect>();
  effect->kind = Effect::Kind::kLabel;
  effect->entity_type = "User";
  effect->entity_id = std::move(entity_id);
  effect->label = std::move(label);
  effect->add = add;
  effect->expires_after_seconds = expires_after_seconds;
  EmittedEffect& emitted = result.effects.emplace_back();
  emitted.effect = std::move(effect);
  emitted.first_rule = static_cast<uint32_t>(result.effect_rules.size());
  emitted.rule_count = static_cast<uint32_t>(rules.size());
  for (const std::string& name : rules) result.effect_rules.push_back(TrueRule(name));
}

Action ActionAt(int64_t unix_micros) {
  Action action;
  action.timestamp.unix_micros = unix_micros;
  return action;
}

TEST(LabelMutationBufferTest, OneMutationPerRuleWithTheEffectsFields) {
  ActionResult result;
  AddLabelEffect(result, Value::String("u1"), "spammer", true, 60.0, {"A", "B"});
  AddLabelEffect(result, Value::Int(5), "trusted", false, std::nullopt, {"C"});
  LabelMutationBuffer buffer;
  AppendLabelMutations(result, ActionAt(kNow), &buffer);
  ASSERT_EQ(buffer.size(), 3u);
  const std::span<const LabelMutation> m = buffer.mutations();
  EXPECT_EQ(m[0].entity_id, "u1");
  EXPECT_EQ(m[0].label, "spammer");
  EXPECT_TRUE(m[0].add);
  EXPECT_EQ(m[0].reason.name, "A");
  EXPECT_EQ(m[0].reason.created_at_micros, kNow);
  EXPECT_EQ(m[0].reason.expires_at_micros, kNow + 60 * kSecond);
  EXPECT_EQ(m[1].reason.name, "B");
  EXPECT_EQ(m[2].entity_type, "User");
  EXPECT_EQ(m[2].entity_id, "5");  // str() of an int id.
  EXPECT_EQ(m[2].label, "trusted");
  EXPECT_FALSE(m[2].add);
  EXPECT_EQ(m[2].reason.name, "C");
  EXPECT_EQ(m[2].reason.expires_at_micros, std::nullopt);
}

TEST(LabelMutationBufferTest, RefilledMutationsKeepNothingOfTheEarlierOnes) {
  LabelMutationBuffer buffer;
  ActionResult first;
  AddLabelEffect(first, Value::String("a-rather-long-entity-id"), "a-rather-long-label-name", true,
                 3600.0, {"AnEarlierRuleWithALongName", "AnotherEarlierRule"});
  AppendLabelMutations(first, ActionAt(kNow), &buffer);
  ASSERT_EQ(buffer.size(), 2u);

  buffer.Clear();
  EXPECT_TRUE(buffer.empty());
  ActionResult second;
  AddLabelEffect(second, Value::String("u2"), "l", false, std::nullopt, {"R"});
  AppendLabelMutations(second, ActionAt(kNow + kSecond), &buffer);
  ASSERT_EQ(buffer.size(), 1u);
  const LabelMutation& m = buffer.mutations()[0];
  EXPECT_EQ(m.entity_type, "User");
  EXPECT_EQ(m.entity_id, "u2");
  EXPECT_EQ(m.label, "l");
  EXPECT_FALSE(m.add);
  EXPECT_EQ(m.reason.name, "R");
  EXPECT_EQ(m.reason.created_at_micros, kNow + kSecond);
  EXPECT_EQ(m.reason.expires_at_micros, std::nullopt);
}

TEST(LabelMutationBufferTest, EmptyIdsAndSuppressedEffectsMakeNoMutation) {
  ActionResult result;
  AddLabelEffect(result, Value::String(""), "l", true, std::nullopt, {"A"});
  AddLabelEffect(result, Value::String("u1"), "l", true, std::nullopt, {"B"});
  std::const_pointer_cast<Effect>(result.effects.back().effect)->suppressed = true;
  LabelMutationBuffer buffer;
  AppendLabelMutations(result, ActionAt(kNow), &buffer);
  EXPECT_TRUE(buffer.empty());
}

}  // namespace
}  // namespace osprey::runtime
