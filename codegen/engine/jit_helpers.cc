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

void EvaluateRun(OspreyFrame* frame, const int32_t* nodes, int32_t count) {
  Evaluation& evaluation = AsEvaluation(frame);
  uint8_t* state = evaluation.state_data();
  for (int32_t i = 0; i < count; ++i) {
    int32_t node = nodes[i];
    if (state[node] != OSPREY_NODE_PENDING) continue;
    evaluation.EvaluateAndStore(node);
    state[node] = OSPREY_NODE_DONE;
  }
}

}  // namespace

const OspreyJitHelpers& RuntimeJitHelpers() {
  static const OspreyJitHelpers helpers = {&Evaluate, &Load, &Truth, &EvaluateRun, &EvaluateLane};
  return helpers;
}

}  // namespace osprey::codegen
