#include "codegen/engine/jit_helpers.h"

#include <cstring>
#include <string_view>

#include "codegen/interpreter/lane_values.h"
#include "runtime/python_semantics.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::codegen {
namespace {

Evaluation& AsEvaluation(OspreyFrame* frame) { return *reinterpret_cast<Evaluation*>(frame); }

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

int32_t StringsEqual(const char* a, uint32_t length_a, const char* b, uint32_t length_b) {
  return length_a == length_b && std::memcmp(a, b, length_a) == 0 ? 1 : 0;
}

int64_t CodePointCount(const char* text, uint32_t count) {
  return static_cast<int64_t>(runtime::udfs::CodePointCount(std::string_view(text, count)));
}

int32_t PatternMember(OspreyFrame* frame, int32_t match) {
  return AsEvaluation(frame).AnswerFromSet(match);
}

}  // namespace

const OspreyJitHelpers& RuntimeJitHelpers() {
  static const OspreyJitHelpers helpers = {
      &EvaluateRun, &Load, &Truth, &EvaluateLane, &StringsEqual, &CodePointCount, &PatternMember};
  return helpers;
}

}  // namespace osprey::codegen
