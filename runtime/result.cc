#include "runtime/result.h"

#include "runtime/python_semantics.h"

namespace osprey::runtime {

std::vector<LabelMutation> LabelMutationsOf(const ActionResult& result, const Action& action) {
  std::vector<LabelMutation> mutations;
  for (const EmittedEffect& emitted : result.effects) {
    const Effect& effect = *emitted.effect;
    if (effect.kind != Effect::Kind::kLabel || effect.suppressed) continue;
    if (effect.dependent_rule && !effect.dependent_rule->value) continue;
    std::string id = PythonStr(effect.entity_id);
    if (id.empty()) continue;
    std::vector<std::shared_ptr<const RuleValue>> reasons = emitted.rules;
    if (effect.dependent_rule) reasons.push_back(effect.dependent_rule);
    for (const std::shared_ptr<const RuleValue>& rule : reasons) {
      LabelMutation mutation;
      mutation.entity_type = effect.entity_type;
      mutation.entity_id = id;
      mutation.label = effect.label;
      mutation.add = effect.add;
      mutation.reason.name = rule->name();
      mutation.reason.created_at_micros = action.timestamp.unix_micros;
      if (effect.expires_after_seconds) {
        mutation.reason.expires_at_micros =
            action.timestamp.unix_micros +
            static_cast<int64_t>(*effect.expires_after_seconds * 1'000'000);
      }
      mutations.push_back(std::move(mutation));
    }
  }
  return mutations;
}

}  // namespace osprey::runtime
