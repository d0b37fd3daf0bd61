#include "runtime/stream_evaluator.h"

#include <algorithm>

#include "runtime/result.h"
#include "runtime/result_json.h"

namespace osprey::runtime {
namespace {

// The result map of spec §4.7: the extra `__` keys first, then the exported features.
std::vector<ResultEntry> ResultMap(const ActionResult& result, const CompiledRuleset& ruleset,
                                   const StreamOptions& options) {
  std::vector<ResultEntry> entries;
  entries.emplace_back("__action_id", Value::Int(result.action_id));
  entries.emplace_back("__timestamp", Value::String(result.timestamp));
  entries.emplace_back("__error_count", Value::Int(result.error_count));
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
        label_mutations.push_back(Value::String(effect.entity_type + "/" + effect.label + "/" +
                                                (effect.add ? "1" : "0")));
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
  if (options.include_ruleset_identity) {
    entries.emplace_back("__ruleset", Value::String(ruleset.identity()));
  }
  for (const auto& [name, value] : result.features) entries.emplace_back(name, value);
  return entries;
}

}  // namespace

StreamEvaluator::StreamEvaluator(const CompiledRuleset& ruleset, LabelStore* labels,
                                 StreamOptions options)
    : ruleset_(ruleset), labels_(labels), options_(options) {}

std::string StreamEvaluator::EvaluateLine(std::string_view line, int64_t line_number) {
  absl::StatusOr<Action> action = reader_.Read(line);
  if (!action.ok()) return ErrorRecordJson(std::string(action.status().message()), line_number);
  ActionResult result = ruleset_.Evaluate(
      *action, labels_, options_.random_seed ^ static_cast<uint64_t>(line_number));
  // Label effects are visible to the actions after this one (spec §4.5.3).
  if (labels_ != nullptr) labels_->Apply(LabelMutationsOf(result, *action));
  return ResultJson(ResultMap(result, ruleset_, options_));
}

}  // namespace osprey::runtime
