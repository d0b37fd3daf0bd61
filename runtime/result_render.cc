#include "runtime/result_render.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
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

// `, "key": ` before an entry that is not the first.
void AppendKey(std::string_view key, std::string* out) {
  out->append(", ");
  AppendJsonString(key, out);
  out->append(": ");
}

// A JSON list of `texts` (no list when empty is the caller's business).
template <typename Texts, typename AppendText>
void AppendList(const Texts& texts, AppendText append_text, std::string* out) {
  out->push_back('[');
  bool first = true;
  for (const auto& text : texts) {
    if (!first) out->append(", ");
    first = false;
    append_text(text, out);
  }
  out->push_back(']');
}

// The effects' keys, in the order the reference writes them: plugin keys, `__verdicts`,
// `__entity_label_mutations`; a key only when some effect of its kind was emitted. Written
// straight to `out`, as the lists of strings they are.
void AppendEffectEntries(const ActionResult& result, std::string* out) {
  std::vector<const Effect*> verdicts;
  std::vector<const Effect*> labels;
  std::vector<std::pair<std::string_view, std::vector<const Effect*>>> custom;
  for (const EmittedEffect& emitted : result.effects) {
    const Effect& effect = *emitted.effect;
    switch (effect.kind) {
      case Effect::Kind::kVerdict:
        verdicts.push_back(&effect);
        break;
      case Effect::Kind::kLabel:
        labels.push_back(&effect);
        break;
      case Effect::Kind::kCustom: {
        auto it = std::find_if(custom.begin(), custom.end(),
                               [&](const auto& entry) { return entry.first == effect.output_key; });
        if (it == custom.end()) it = custom.insert(custom.end(), {effect.output_key, {}});
        it->second.push_back(&effect);
        break;
      }
    }
  }
  for (const auto& [key, effects] : custom) {
    AppendKey(key, out);
    AppendList(
        effects,
        [](const Effect* effect, std::string* text) {
          AppendJsonString(effect->output_value, text);
        },
        out);
  }
  if (!verdicts.empty()) {
    AppendKey("__verdicts", out);
    AppendList(
        verdicts,
        [](const Effect* effect, std::string* text) { AppendJsonString(effect->verdict, text); },
        out);
  }
  if (!labels.empty()) {
    AppendKey("__entity_label_mutations", out);
    AppendList(
        labels,
        [](const Effect* effect, std::string* text) {
          // LabelMutationText, escaped piece by piece.
          text->push_back('"');
          AppendJsonStringContents(effect->entity_type, text);
          text->push_back('/');
          AppendJsonStringContents(effect->label, text);
          text->append(effect->add ? "/1\"" : "/0\"");
        },
        out);
  }
}

}  // namespace

void AppendResultLine(const ActionResult& result, const std::string& identity,
                      const RenderOptions& options, std::string* out) {
  // Written field by field rather than through ResultEntry values: no copy of the features,
  // no string or list built only to be printed.
  out->append("{\"__action_id\": ");
  absl::StrAppend(out, result.action_id);
  if (options.emit == EmitMode::kHits) {
    AppendKey("__ruleset", out);
    AppendJsonString(identity, out);
    AppendKey("__error_count", out);
    absl::StrAppend(out, result.error_count);
    AppendKey("__rules", out);
    std::vector<std::string_view> rules;
    for (const auto& [name, value] : result.features) {
      if (IsTrueRule(value)) rules.push_back(name);
    }
    AppendList(rules, AppendJsonString, out);
    AppendEffectEntries(result, out);
    out->push_back('}');
    return;
  }
  AppendKey("__timestamp", out);
  AppendJsonString(result.timestamp, out);
  AppendKey("__error_count", out);
  absl::StrAppend(out, result.error_count);
  AppendEffectEntries(result, out);
  if (options.include_ruleset_identity) {
    AppendKey("__ruleset", out);
    AppendJsonString(identity, out);
  }
  for (const auto& [name, value] : result.features) {
    AppendKey(name, out);
    if (value.has_value()) {
      AppendJsonValue(*value, out);
    } else {
      out->append("null");
    }
  }
  out->push_back('}');
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
