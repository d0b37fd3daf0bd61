#include "runtime/result_render.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "runtime/result_json.h"

namespace osprey::runtime {
namespace {

// `__entity_label_mutations`' text of a label effect: "EntityType/label/1" (add) or ".../0".
std::string LabelMutationText(const Effect& effect) {
  return effect.entity_type + "/" + effect.label + "/" + (effect.add ? "1" : "0");
}

// A feature that is a Rule whose value is true (what `__rules` lists).
bool IsTrueRule(const std::optional<Value>& value) {
  return value && value->kind() == Value::Kind::kRule && value->as_rule().value;
}

// The effects' keys, in the order the reference writes them: plugin keys, `__verdicts`,
// `__entity_label_mutations`; a key only when some effect of its kind was emitted.
void AddEffectEntries(const ActionResult& result, std::vector<ResultEntry>& entries) {
  std::vector<Value> verdicts;
  std::vector<Value> label_mutations;
  std::vector<std::pair<std::string, std::vector<Value>>> custom;
  for (const EmittedEffect& emitted : result.effects) {
    const Effect& effect = *emitted.effect;
    switch (effect.kind) {
      case Effect::Kind::kVerdict:
        verdicts.push_back(Value::String(effect.verdict));
        break;
      case Effect::Kind::kLabel:
        label_mutations.push_back(Value::String(LabelMutationText(effect)));
        break;
      case Effect::Kind::kCustom: {
        auto it = std::find_if(custom.begin(), custom.end(),
                               [&](const auto& entry) { return entry.first == effect.output_key; });
        if (it == custom.end()) it = custom.insert(custom.end(), {effect.output_key, {}});
        it->second.push_back(Value::String(effect.output_value));
        break;
      }
    }
  }
  for (auto& [key, values] : custom) entries.emplace_back(key, Value::List(std::move(values)));
  if (!verdicts.empty()) entries.emplace_back("__verdicts", Value::List(std::move(verdicts)));
  if (!label_mutations.empty()) {
    entries.emplace_back("__entity_label_mutations", Value::List(std::move(label_mutations)));
  }
}

}  // namespace

void AppendResultLine(const ActionResult& result, const std::string& identity,
                      const RenderOptions& options, std::string* out) {
  std::vector<ResultEntry> entries;
  entries.emplace_back("__action_id", Value::Int(result.action_id));
  if (options.emit == EmitMode::kHits) {
    entries.emplace_back("__ruleset", Value::String(identity));
    entries.emplace_back("__error_count", Value::Int(result.error_count));
    std::vector<Value> rules;
    for (const auto& [name, value] : result.features) {
      if (IsTrueRule(value)) rules.push_back(Value::String(name));
    }
    entries.emplace_back("__rules", Value::List(std::move(rules)));
    AddEffectEntries(result, entries);
    AppendResultJson(entries, out);
    return;
  }
  entries.emplace_back("__timestamp", Value::String(result.timestamp));
  entries.emplace_back("__error_count", Value::Int(result.error_count));
  AddEffectEntries(result, entries);
  if (options.include_ruleset_identity) entries.emplace_back("__ruleset", Value::String(identity));
  AppendResultJson(entries, out, result.features);
}

ResultSummary SummarizeResult(const ActionResult& result) {
  ResultSummary summary;
  summary.action_id = result.action_id;
  summary.error_count = result.error_count;
  for (const auto& [name, value] : result.features) {
    if (IsTrueRule(value)) summary.true_rules.push_back(name);
  }
  for (const EmittedEffect& emitted : result.effects) {
    const Effect& effect = *emitted.effect;
    if (effect.kind == Effect::Kind::kVerdict) summary.verdicts.push_back(effect.verdict);
    if (effect.kind == Effect::Kind::kLabel) {
      summary.label_mutations.push_back(LabelMutationText(effect));
    }
  }
  return summary;
}

}  // namespace osprey::runtime
