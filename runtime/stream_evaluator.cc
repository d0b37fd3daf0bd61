#include "runtime/stream_evaluator.h"

#include "runtime/result.h"
#include "runtime/result_json.h"
#include "runtime/result_render.h"

namespace osprey::runtime {
StreamEvaluator::StreamEvaluator(const CompiledRuleset& ruleset, LabelStore* labels,
                                 StreamOptions options)
    : ruleset_(ruleset), labels_(labels), options_(options) {}

std::string StreamEvaluator::EvaluateLine(std::string_view line, int64_t line_number) {
  absl::StatusOr<Action> action = reader_.Read(line);
  if (!action.ok()) return ErrorRecordJson(std::string(action.status().message()), line_number);
  ActionResult result = ruleset_.Evaluate(
      *action, labels_, options_.random_seed ^ static_cast<uint64_t>(line_number),
      options_.emit == EmitMode::kHits ? ResultFeatures::kTrueRules : ResultFeatures::kAll);
  // Label effects are visible to the actions after this one (spec §4.5.3).
  if (labels_ != nullptr) {
    LabelMutationBuffer mutations;
    AppendLabelMutations(result, *action, &mutations);
    labels_->Apply(mutations.mutations());
  }
  std::string line_out;
  RenderOptions render;
  render.include_ruleset_identity = options_.include_ruleset_identity;
  render.emit = options_.emit;
  AppendResultLine(result, ruleset_.identity(), render, &line_out);
  return line_out;
}

}  // namespace osprey::runtime
