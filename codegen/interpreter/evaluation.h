// One action's evaluation by the Interpreter: node values, active files, effects, errors.
#ifndef OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_
#define OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_

#include <optional>
#include <string>
#include <vector>

#include "codegen/interpreter/interpreter.h"

namespace osprey::codegen {

runtime::Value ConstantToValue(const frontend::ConstValue& constant);

class Evaluation {
 public:
  Evaluation(const Interpreter& interpreter, const runtime::Action& action,
             const runtime::LabelStore* labels, uint64_t random_seed);
  runtime::ActionResult Run();

 private:
  using Outcome = std::optional<runtime::Value>;  // nullopt: the node failed.

  void Activate(int32_t file);
  Outcome EvaluateNode(ir::NodeId id);
  Outcome EvaluateCompare(const ir::Node& node, ir::CompareOp op);
  // `call_index` is the node's payload, or for a kPatternMatch its PatternMatch::call.
  Outcome EvaluateCall(const ir::Node& node, int32_t call_index);
  Outcome EvaluateJsonRead(const ir::Node& node);
  Outcome EvaluateRule(const ir::Node& node);
  Outcome EvaluateWhenRules(const ir::Node& node);
  Outcome EvaluateRequire(const ir::Node& node);
  // A pattern set member: from its set when the set can answer, else as the node it replaced
  // (evaluation_pattern_sets.cc).
  Outcome EvaluatePatternMatch(const ir::Node& node);
  // The set's answers for this action (computed on first use), or null when it cannot decide.
  const std::vector<uint8_t>* PatternSetFound(int32_t set, const runtime::Value& text);
  const Outcome& Input(const ir::Node& node, size_t operand) const {
    return values_[node.operands[operand].value];
  }
  void RecordError(const ir::Node& node, std::string message);

  const Interpreter& interpreter_;
  const ir::Program& program_;
  const runtime::Action& action_;
  const runtime::LabelStore* labels_;
  uint64_t random_seed_;

  std::vector<Outcome> values_;
  enum class State : uint8_t { kIdle, kPending, kDone };
  std::vector<State> state_;
  std::vector<bool> active_files_;
  std::vector<int32_t> activation_order_;
  bool activated_new_nodes_ = false;
  // By pattern set: not searched yet, searched (answers in set_found_), or undecidable.
  enum class SetState : uint8_t { kUnknown, kFound, kUndecided };
  std::vector<SetState> set_state_;
  std::vector<std::vector<uint8_t>> set_found_;
  runtime::ActionResult result_;
};

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_
