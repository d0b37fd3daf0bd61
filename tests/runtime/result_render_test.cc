#include "runtime/result_render.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/result.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

std::shared_ptr<const Effect> Verdict(std::string verdict) {
  auto effect = std::make_shared<Effect>();
  effect->kind = Effect::Kind::kVerdict;
  effect->verdict = std::move(verdict);
  return effect;
}

std::shared_ptr<const Effect> Label(std::string entity_type, std::string label, bool add) {
  auto effect = std::make_shared<Effect>();
  effect->kind = Effect::Kind::kLabel;
  effect->entity_type = std::move(entity_type);
  effect->label = std::move(label);
  effect->add = add;
  return effect;
}

std::string HitsLine(const ActionResult& result) {
  std::string line;
  AppendResultLine(result, "r1", RenderOptions{.emit = EmitMode::kHits}, &line);
  return line;
}

// One effect object emitted by several WhenRules, and equal verdicts of different effects,
// are written once each time, as if each were written afresh, with other items between them.
TEST(ResultRenderTest, RepeatedEffectsAreWrittenEachTime) {
  const std::shared_ptr<const Effect> spam = Label("User", "spam\"mer", true);
  const std::shared_ptr<const Effect> ham = Label("User", "ham", false);
  ActionResult result;
  result.action_id = 7;
  for (const auto& effect : {Verdict("reject"), spam, Verdict("reject"), spam, Verdict("al\\low"),
                             ham, Verdict("reject"), spam, Verdict("al\\low")}) {
    result.effects.push_back({effect, 0, 0});
  }
  EXPECT_EQ(HitsLine(result),
            R"({"__action_id": 7, "__ruleset": "r1", "__error_count": 0, "__rules": [], )"
            R"("__verdicts": ["reject", "reject", "al\\low", "reject", "al\\low"], )"
            R"("__entity_label_mutations": ["User/spam\"mer/1", "User/spam\"mer/1", )"
            R"("User/ham/0", "User/spam\"mer/1"]})");
}

// More distinct items than the writer remembers, repeated near and far: each is still
// written as itself.
TEST(ResultRenderTest, ManyDistinctItemsRepeated) {
  ActionResult result;
  std::string expected;
  for (int v : {0, 1, 2, 3, 4, 4, 0, 0, 3, 1, 4, 5, 2, 5, 0}) {
    const std::string verdict = absl::StrCat("v", v);
    result.effects.push_back({Verdict(verdict), 0, 0});
    absl::StrAppend(&expected, expected.empty() ? "" : ", ", "\"", verdict, "\"");
  }
  EXPECT_NE(HitsLine(result).find("\"__verdicts\": [" + expected + "]"), std::string::npos)
      << HitsLine(result);
}

// A later effect object with the same text is written from its own fields, and an effect
// refilled in place between two results is written as it is now.
TEST(ResultRenderTest, EachResultWritesItsOwnEffects) {
  auto label = std::make_shared<Effect>(*Label("User", "spam", true));
  ActionResult result;
  result.effects.push_back({label, 0, 0});
  result.effects.push_back({label, 0, 0});
  EXPECT_NE(HitsLine(result).find(R"(["User/spam/1", "User/spam/1"])"), std::string::npos);
  label->label = "ham";
  EXPECT_NE(HitsLine(result).find(R"(["User/ham/1", "User/ham/1"])"), std::string::npos);
}

}  // namespace
}  // namespace osprey::runtime
