// Effect constructors: DeclareVerdict, LabelAdd, LabelRemove (spec udfs.md §J.2, §K) and the
// example plugin's BanUser (§O.2). They only build Effect values; WhenRules decides whether an
// effect is emitted.
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

UdfOutcome DeclareVerdict(CallContext& context, Args args) {
  OSPREY_UDF_STR_ARG(verdict, args, 0, "DeclareVerdict", "verdict");
  std::shared_ptr<Effect> effect = NewEffect(context);
  effect->kind = Effect::Kind::kVerdict;
  effect->verdict = *verdict;
  return Value::Effect(std::move(effect));
}

// A TimeDelta | None argument as seconds.
std::optional<double> OptionalSeconds(const Value& value) {
  if (value.kind() == Value::Kind::kTimeDelta || value.kind() == Value::Kind::kFloat) {
    return value.as_float();
  }
  if (value.kind() == Value::Kind::kInt) return static_cast<double>(value.as_int());
  return std::nullopt;
}

// LabelAdd / LabelRemove(entity, label, delay_action_by, apply_if, expires_after).
UdfOutcome Label(const SiteData& site, CallContext& context, Args args, bool add) {
  const char* function = add ? "LabelAdd" : "LabelRemove";
  const Value& entity = args[0];
  if (entity.kind() != Value::Kind::kEntity) return WrongType(function, "entity", "Entity", entity);
  const Value& label = ConstOr(site, args, 1);
  if (label.kind() != Value::Kind::kString) return WrongType(function, "label", "str", label);
  std::shared_ptr<Effect> effect = NewEffect(context);
  effect->kind = Effect::Kind::kLabel;
  effect->entity_type = entity.as_entity().type;
  effect->entity_id = entity.as_entity().id;
  effect->label = label.as_string();
  effect->add = add;
  effect->delay_action_by_seconds = OptionalSeconds(args[2]);
  effect->expires_after_seconds = OptionalSeconds(args[4]);
  const Value& apply_if = args[3];
  if (apply_if.kind() == Value::Kind::kRule) effect->dependent_rule = apply_if.rule_ptr();
  // `apply_if=` was written but its rule failed (it arrives as None): the effect is kept but
  // suppressed (fail closed), unlike every other optional argument.
  effect->suppressed =
      apply_if.is_none() && context.argument_failed.size() > 3 && context.argument_failed[3];
  return Value::Effect(std::move(effect));
}

UdfOutcome BanUser(CallContext& context, Args args) {
  OSPREY_UDF_STR_ARG(entity, args, 0, "BanUser", "entity");
  OSPREY_UDF_STR_ARG(comment, args, 1, "BanUser", "comment");
  std::shared_ptr<Effect> effect = NewEffect(context);
  effect->kind = Effect::Kind::kCustom;
  effect->output_key = "__ban_user";
  absl::StrAppend(&effect->output_value, *entity, "|", *comment);
  return Value::Effect(std::move(effect));
}

}  // namespace

void RegisterEffectUdfs(NativeUdfRegistry& registry) {
  registry.Register("DeclareVerdict", Stateless([](CallContext& context, Args args) {
                      return DeclareVerdict(context, args);
                    }));
  registry.Register("LabelAdd", WithSite([](const SiteData& site, CallContext& context, Args args) {
                      return Label(site, context, args, /*add=*/true);
                    }));
  registry.Register("LabelRemove",
                    WithSite([](const SiteData& site, CallContext& context, Args args) {
                      return Label(site, context, args, /*add=*/false);
                    }));
  registry.Register(
      "BanUser", Stateless([](CallContext& context, Args args) { return BanUser(context, args); }));
  // Effects are values: the same arguments give the same effect.
  registry.MarkPure("DeclareVerdict");
  registry.MarkPure("BanUser");
  // Label effects fail only on an argument of the wrong type (WrongType above).
  registry.MarkDeferrable("LabelAdd");
  registry.MarkDeferrable("LabelRemove");
}

}  // namespace osprey::runtime::udfs
