#include "runtime/result.h"

#include "runtime/python_semantics.h"
#include "runtime/result_json.h"

namespace osprey::runtime {

FeatureName::FeatureName(std::string name) : text(std::move(name)) {
  AppendJsonString(text, &quoted);
  json_key = ", " + quoted + ": ";
}

void ActionResult::Clear() {
  action_id = 0;
  timestamp.clear();
  features.clear();
  error_count = 0;
  errors.clear();
  effects.clear();
  effect_rules.clear();
}

void AppendLabelMutations(const ActionResult& result, const Action& action,
                          std::vector<LabelMutation>* mutations) {
  for (const EmittedEffect& emitted : result.effects) {
    const Effect& effect = *emitted.effect;
    if (effect.kind != Effect::Kind::kLabel || effect.suppressed) continue;
    if (effect.dependent_rule && !effect.dependent_rule->value) continue;
    std::string id = PythonStr(effect.entity_id);
    if (id.empty()) continue;
    // One mutation per rule that caused the effect, and one for its `apply_if=` rule.
    auto add_mutation = [&](const RuleValue& rule) {
      LabelMutation& mutation = mutations->emplace_back();
      mutation.entity_type = effect.entity_type;
      mutation.entity_id = id;
      mutation.label = effect.label;
      mutation.add = effect.add;
      mutation.reason.name = rule.name();
      mutation.reason.created_at_micros = action.timestamp.unix_micros;
      if (effect.expires_after_seconds) {
        mutation.reason.expires_at_micros =
            action.timestamp.unix_micros +
            static_cast<int64_t>(*effect.expires_after_seconds * 1'000'000);
      }
    };
    for (const std::shared_ptr<const RuleValue>& rule : result.RulesOf(emitted)) {
      add_mutation(*rule);
    }
    if (effect.dependent_rule) add_mutation(*effect.dependent_rule);
  }
}

}  // namespace osprey::runtime
