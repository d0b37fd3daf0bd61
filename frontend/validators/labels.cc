// ValidateLabels (spec §3.2.8) and the HasLabel constructor check (§3.5): labels must exist in
// the `labels:` config, and a label effect's entity type must be one its label is valid for.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "frontend/internal/call_arguments.h"
#include "frontend/internal/config_yaml.h"
#include "frontend/internal/str_cat.h"
#include "frontend/internal/udf_checks.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

// Where the `labels:` key is, for the note of an unknown label. The merged config is read again
// (quietly: LoadConfig has reported its problems) since Config keeps only the labels themselves.
std::optional<SourceLocation> LabelsKeyLocation(const SourceSet& sources) {
  DiagnosticSink scratch;
  std::optional<YamlNode> merged = LoadMergedConfig(sources, scratch);
  if (!merged) return std::nullopt;
  return ClosestConfigLocation(*merged, {"labels"}, /*key_only=*/true);
}

std::string DidYouMean(const ValidationContext& ctx, std::string_view label) {
  std::string_view similar = SuggestSimilar(label, ctx.result.config.label_names);
  return similar.empty() ? "" : StrCat({", did you mean `", similar, "`?"});
}

class LabelChecker {
 public:
  explicit LabelChecker(ValidationContext& ctx) : ctx_(ctx) {}

  bool Run() {
    for (FileId file : ctx_.sources().IdsByPath()) {
      if (!ctx_.IsSml(file)) continue;
      const ast::Module& module = ctx_.module(file);
      const ModuleFacts& facts = ctx_.result.facts[file.value];
      for (size_t i = 0; i < module.expr_count(); ++i) {
        ast::ExprId id{static_cast<int32_t>(i)};
        if (module.expr(id).kind != ast::ExprKind::kCall) continue;
        auto bound = facts.calls.find(id.value);
        if (bound == facts.calls.end() || bound->second.udf == nullptr ||
            bound->second.udf->check != UdfCheck::kLabelEffect) {
          continue;
        }
        CheckLabelEffect(file, module, id, bound->second);
      }
    }
    return ok_;
  }

 private:
  void CheckLabelEffect(FileId file, const ast::Module& module, ast::ExprId call,
                        const BoundCall& bound) {
    ast::ExprId entity_id = ArgumentExpr(module, call, bound, "entity");
    // Anything but a name (an inline `Entity(...)`) is left alone, as in Osprey.
    if (!entity_id.valid() || module.expr(entity_id).kind != ast::ExprKind::kName) return;
    const ast::Expr& entity = module.expr(entity_id);
    const SourceLocation entity_at = ctx_.At(file, entity.span);

    auto feature = ctx_.result.features.find(entity.text);
    if (feature == ctx_.result.features.end() || feature->second.entity_type.empty()) {
      // Osprey crashes here (its map has no entry); say what it needed instead.
      ctx_.sink.Error(DiagnosticKind::kLabelEntity, entity_at, SpanLength(entity.span),
                      StrCat({"label entity `", entity.text,
                              "` is not a feature defined by `Entity(...)` or `EntityJson(...)`"}),
                      "store the entity in a feature, e.g. `User = Entity(type='User', id=...)`, "
                      "and pass that feature");
      ok_ = false;
      return;
    }
    const std::string& entity_type = feature->second.entity_type;

    const ConstValue* label_value = ConstantArgument(bound, "label");
    if (label_value == nullptr || !label_value->is_string()) return;
    const std::string& label = label_value->as_string();
    ast::ExprId label_id = ArgumentExpr(module, call, bound, "label");
    ast::Span label_span = label_id.valid() ? module.expr(label_id).span : module.expr(call).span;

    auto config = ctx_.result.config.labels.find(label);
    if (config == ctx_.result.config.labels.end()) {
      Diagnostic diagnostic;
      diagnostic.kind = DiagnosticKind::kUnknownLabel;
      diagnostic.location = ctx_.At(file, label_span);
      diagnostic.length = SpanLength(label_span);
      diagnostic.message = "unknown label";
      diagnostic.hints.push_back(
          StrCat({"there is no `", label, "` label in the config", DidYouMean(ctx_, label)}));
      if (std::optional<SourceLocation> labels_key = LabelsKey()) {
        diagnostic.notes.push_back({"add the label to the config here", *labels_key, 1});
      }
      ctx_.sink.Report(std::move(diagnostic));
      ok_ = false;
      return;
    }

    const std::vector<std::string>& valid_for = config->second.valid_for;
    if (std::find(valid_for.begin(), valid_for.end(), entity_type) != valid_for.end()) return;
    std::string valid_types;
    for (const std::string& type : valid_for) {
      StrAppend(&valid_types, {valid_types.empty() ? "`" : ", `", type, "`"});
    }
    Diagnostic diagnostic;
    diagnostic.kind = DiagnosticKind::kLabelNotValidForEntity;
    diagnostic.location = entity_at;
    diagnostic.length = SpanLength(entity.span);
    diagnostic.message = "label is not valid for this entity type";
    diagnostic.hints.push_back(valid_for.empty()
                                   ? StrCat({"entity has type `", entity_type,
                                             "`, this label is valid for no entity type"})
                                   : StrCat({"entity has type `", entity_type,
                                             "`, this label is valid for ", valid_types}));
    if (config->second.location) {
      diagnostic.notes.push_back(
          {"valid types for this label are set here", *config->second.location, 1});
    }
    ctx_.sink.Report(std::move(diagnostic));
    ok_ = false;
  }

  const std::optional<SourceLocation>& LabelsKey() {
    if (!labels_key_read_) {
      labels_key_ = LabelsKeyLocation(ctx_.sources());
      labels_key_read_ = true;
    }
    return labels_key_;
  }

  ValidationContext& ctx_;
  bool ok_ = true;
  bool labels_key_read_ = false;
  std::optional<SourceLocation> labels_key_;
};

bool ConfigFailed(const ValidationContext& ctx) {
  const std::vector<Diagnostic>& diagnostics = ctx.sink.diagnostics();
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.kind == DiagnosticKind::kConfigError && d.severity == Severity::kError;
  });
}

}  // namespace

bool CheckLabels(ValidationContext& ctx) { return LabelChecker(ctx).Run(); }

bool CheckHasLabelCall(ValidationContext& ctx, const CallSite& site) {
  const ast::Module& module = ctx.module(site.file);
  const BoundCall& bound = *site.bound;
  bool ok = true;

  const ConstValue* status = ConstantArgument(bound, "status");
  if (status != nullptr && status->is_string() && status->as_string() != "added" &&
      status->as_string() != "removed") {
    ast::ExprId status_id = ArgumentExpr(module, site.call, bound, "status");
    ast::Span span = status_id.valid() ? module.expr(status_id).span : module.expr(site.call).span;
    Diagnostic diagnostic;
    diagnostic.kind = DiagnosticKind::kUnknownLabelStatus;
    diagnostic.location = ctx.At(site.file, span);
    diagnostic.length = SpanLength(span);
    diagnostic.message = "unknown label status";
    diagnostic.hints.push_back(
        StrCat({"expected `added` or `removed`, got `", status->as_string(), "`"}));
    std::string upper = status->as_string();
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper == "MANUALLY_ADDED" || upper == "MANUALLY_REMOVED") {
      diagnostic.hints.push_back("to check for a label set by hand, pass `manual=True`");
    }
    ctx.sink.Report(std::move(diagnostic));
    ok = false;
  }

  // With a broken config Osprey has no labels to look in and stops checking calls altogether;
  // every label would look unknown here, so the config's own errors are left to speak.
  if (ConfigFailed(ctx)) return ok;
  const ConstValue* label = ConstantArgument(bound, "label");
  if (label == nullptr || !label->is_string()) return ok;
  if (ctx.result.config.labels.contains(label->as_string())) return ok;
  ast::ExprId label_id = ArgumentExpr(module, site.call, bound, "label");
  ast::Span span = label_id.valid() ? module.expr(label_id).span : module.expr(site.call).span;
  ctx.sink.Error(
      DiagnosticKind::kUnknownLabel, ctx.At(site.file, span), SpanLength(span), "unknown label",
      StrCat({"unknown label `", label->as_string(), "`", DidYouMean(ctx, label->as_string())}));
  return false;
}

}  // namespace osprey::frontend::internal
