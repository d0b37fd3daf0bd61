#include "runtime/result_render.h"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
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

// A JSON list of the items of `items` that `selected` accepts (no list when none is the
// caller's business). Written straight from the result: nothing is collected first.
template <typename Items, typename Selected, typename AppendText>
void AppendList(const Items& items, Selected selected, AppendText append_text, std::string* out) {
  out->push_back('[');
  bool first = true;
  for (const auto& item : items) {
    if (!selected(item)) continue;
    if (!first) out->append(", ");
    first = false;
    append_text(item, out);
  }
  out->push_back(']');
}

// Writes list items that often repeat: one label effect object is emitted by every WhenRules
// that fires it (identical label effects are one node), and one verdict by many. An item whose
// key equals one of the last few items' copies that item's text, already escaped, instead of
// escaping it again (a few: WhenRules that add two labels in turn alternate). The key is what
// the text is made from: the effect object, or the verdict itself.
template <typename Key>
class RepeatedItemWriter {
 public:
  template <typename Write>
  void Append(Key key, std::string* out, Write write) {
    for (size_t i = 0; i < used_; ++i) {
      if (recent_[i].key == key) {
        out->append(*out, recent_[i].start, recent_[i].size);
        return;
      }
    }
    Written& slot = recent_[used_ < kRecent ? used_++ : next_++ % kRecent];
    slot.key = key;
    slot.start = out->size();
    write(out);
    slot.size = out->size() - slot.start;
  }

 private:
  static constexpr size_t kRecent = 4;
  struct Written {
    Key key{};
    size_t start = 0;
    size_t size = 0;
  };
  std::array<Written, kRecent> recent_;
  size_t used_ = 0;
  size_t next_ = 0;  // The slot to replace once all are used, round robin.
};

bool IsKind(const EmittedEffect& emitted, Effect::Kind kind) {
  return emitted.effect->kind == kind;
}

// The effects' keys, in the order the reference writes them: plugin keys (each in the order
// of its first effect), `__verdicts`, `__entity_label_mutations`; a key only when some effect
// of its kind was emitted. Written straight to `out`, as the lists of strings they are.
void AppendEffectEntries(const ActionResult& result, std::string* out) {
  const std::vector<EmittedEffect>& effects = result.effects;
  for (auto first = effects.begin(); first != effects.end(); ++first) {
    if (!IsKind(*first, Effect::Kind::kCustom)) continue;
    const std::string_view key = first->effect->output_key;
    auto has_key = [key](const EmittedEffect& emitted) {
      return IsKind(emitted, Effect::Kind::kCustom) && emitted.effect->output_key == key;
    };
    if (std::any_of(effects.begin(), first, has_key)) continue;  // Written already.
    AppendKey(key, out);
    AppendList(
        std::span(first, effects.end()), has_key,
        [](const EmittedEffect& emitted, std::string* text) {
          AppendJsonString(emitted.effect->output_value, text);
        },
        out);
  }
  auto is_verdict = [](const EmittedEffect& e) { return IsKind(e, Effect::Kind::kVerdict); };
  if (std::any_of(effects.begin(), effects.end(), is_verdict)) {
    AppendKey("__verdicts", out);
    RepeatedItemWriter<std::string_view> items;
    AppendList(
        effects, is_verdict,
        [&items](const EmittedEffect& emitted, std::string* text) {
          const std::string& verdict = emitted.effect->verdict;
          items.Append(verdict, text,
                       [&verdict](std::string* item) { AppendJsonString(verdict, item); });
        },
        out);
  }
  auto is_label = [](const EmittedEffect& e) { return IsKind(e, Effect::Kind::kLabel); };
  if (std::any_of(effects.begin(), effects.end(), is_label)) {
    AppendKey("__entity_label_mutations", out);
    RepeatedItemWriter<const Effect*> items;
    AppendList(
        effects, is_label,
        [&items](const EmittedEffect& emitted, std::string* text) {
          const Effect& effect = *emitted.effect;
          items.Append(&effect, text, [&effect](std::string* item) {
            // LabelMutationText, escaped piece by piece.
            item->push_back('"');
            AppendJsonStringContents(effect.entity_type, item);
            item->push_back('/');
            AppendJsonStringContents(effect.label, item);
            item->append(effect.add ? "/1\"" : "/0\"");
          });
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
    AppendList(
        result.features, [](const auto& feature) { return IsTrueRule(feature.second); },
        [](const auto& feature, std::string* text) { text->append(feature.first->quoted); }, out);
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
    out->append(name->json_key);
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
    if (IsTrueRule(value)) summary.true_rules.push_back(name->text);
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
