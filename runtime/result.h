// What evaluating one action produces (spec §4.7), before it is written out.
#ifndef OSPREY_RUNTIME_RESULT_H_
#define OSPREY_RUNTIME_RESULT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "runtime/action.h"
#include "runtime/labels.h"
#include "runtime/value.h"

namespace osprey::runtime {

// An effect a WhenRules emitted, with the rules that made it fire: a range of the result's
// `effect_rules`, which all the effects of one WhenRules share.
struct EmittedEffect {
  std::shared_ptr<const Effect> effect;
  uint32_t first_rule = 0;
  uint32_t rule_count = 0;
};

// A feature's name as results carry it: fixed when its ruleset compiles, and written as JSON
// once, so that a result line copies it instead of escaping it again for every action.
struct FeatureName {
  explicit FeatureName(std::string name);
  std::string text;
  std::string quoted;    // The JSON string: `"<text>"`, escaped.
  std::string json_key;  // `, "<text>": `, before an entry that is not a line's first.
};

struct ActionResult {
  int64_t action_id = 0;
  std::string timestamp;  // isoformat() of the action's timestamp.
  // Exported features in definition order; nullopt for a feature whose node failed. The names
  // are entries of `feature_names`, so that building a result copies no name.
  std::vector<std::pair<const FeatureName*, std::optional<Value>>> features;
  std::shared_ptr<const std::vector<FeatureName>> feature_names;  // Shared with the ruleset.
  int64_t error_count = 0;
  std::vector<std::string> errors;     // Messages of the recorded errors, in order.
  std::vector<EmittedEffect> effects;  // In emission order.
  std::vector<std::shared_ptr<const RuleValue>> effect_rules;  // See EmittedEffect.

  std::span<const std::shared_ptr<const RuleValue>> RulesOf(const EmittedEffect& emitted) const {
    return std::span(effect_rules).subspan(emitted.first_rule, emitted.rule_count);
  }
  // Empties the result for the next action, keeping its storage.
  void Clear();
};

// Label mutations collected action after action, in storage kept between them: a mutation
// is refilled in place, so its strings keep their capacity and a steady stream allocates
// nothing for them, however long its rule names.
class LabelMutationBuffer {
 public:
  // A mutation after the current ones, holding what an earlier one left: set every field.
  LabelMutation& Add();
  void Clear() { size_ = 0; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const LabelMutation> mutations() const { return {storage_.data(), size_}; }

 private:
  std::vector<LabelMutation> storage_;
  size_t size_ = 0;
};

// The label mutations an action's emitted label effects apply (spec §4.5.3): skipped when
// suppressed or when the `apply_if` rule is false; otherwise one per firing rule plus one for
// the `apply_if` rule. Entities with an empty id are dropped. Added to `mutations`.
void AppendLabelMutations(const ActionResult& result, const Action& action,
                          LabelMutationBuffer* mutations);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_RESULT_H_
