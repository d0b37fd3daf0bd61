#include "codegen/engine/jit_helpers.h"

#include "codegen/interpreter/lane_values.h"
#include "runtime/python_semantics.h"

namespace osprey::codegen {
namespace {

Evaluation& AsEvaluation(OspreyFrame* frame) { return *reinterpret_cast<Evaluation*>(frame); }

void Evaluate(OspreyFrame* frame, int32_t node) { AsEvaluation(frame).EvaluateAndStore(node); }

void Load(OspreyFrame* frame, int32_t node, OspreyLane* out) {
  SetLane(AsEvaluation(frame).Get(node), *out);
}

int32_t Truth(OspreyFrame* frame, int32_t node) {
  const std::optional<runtime::Value>& value = AsEvaluation(frame).Get(node);
  if (!value) return 2;
  return runtime::Truthy(*value) ? 1 : 0;
}

void EvaluateLane(OspreyFrame* frame, int32_t node, OspreyLane* out) {
  Evaluation& evaluation = AsEvaluation(frame);
  evaluation.EvaluateAndStore(node);  // Writes the node's lane, which `out` is.
  (void)out;
}

}  // namespace

const OspreyJitHelpers& RuntimeJitHelpers() {
  static const OspreyJitHelpers helpers = {&Evaluate, &Load, &Truth, &EvaluateLane};
  return helpers;
}

}  // namespace osprey::codegen
