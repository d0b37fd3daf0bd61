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

LabelMutation& LabelMutationBuffer::Add() {
  if (size_ == storage_.size()) storage_.emplace_back();
  return storage_[size_++];
}

void AppendLabelMutations(const ActionResult& result, const Action& action,
                          LabelMutationBuffer* mutations) {
  std::string id_text;  // An id that is not a string, as str() writes it.
  for (const EmittedEffect& emitted : result.effects) {
    const Effect& effect = *emitted.effect;
    if (effect.kind != Effect::Kind::kLabel || effect.suppressed) continue;
    if (effect.dependent_rule && !effect.dependent_rule->value) continue;
    std::string_view id;
    if (effect.entity_id.kind() == Value::Kind::kString) {
      id = effect.entity_id.as_string();
    } else {
      id_text = PythonStr(effect.entity_id);
      id = id_text;
    }
    if (id.empty()) continue;
    std::optional<int64_t> expires_at;
    if (effect.expires_after_seconds) {
      expires_at = action.timestamp.unix_micros +
                   static_cast<int64_t>(*effect.expires_after_seconds * 1'000'000);
    }
    // One mutation per rule that caused the effect, and one for its `apply_if=` rule.
    auto add_mutation = [&](const RuleValue& rule) {
      LabelMutation& mutation = mutations->Add();
      mutation.entity_type = effect.entity_type;
      mutation.entity_id = id;
      mutation.label = effect.label;
      mutation.add = effect.add;
      mutation.reason.name = rule.name();
      mutation.reason.created_at_micros = action.timestamp.unix_micros;
      mutation.reason.expires_at_micros = expires_at;
    };
    for (const std::shared_ptr<const RuleValue>& rule : result.RulesOf(emitted)) {
      add_mutation(*rule);
    }
    if (effect.dependent_rule) add_mutation(*effect.dependent_rule);
  }
}

}  // namespace osprey::runtime
