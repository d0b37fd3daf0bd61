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
  Outcome EvaluateCompare(const ir::Node& node);
  Outcome EvaluateCall(const ir::Node& node);
  Outcome EvaluateJsonRead(const ir::Node& node);
  Outcome EvaluateRule(const ir::Node& node);
  Outcome EvaluateWhenRules(const ir::Node& node);
  Outcome EvaluateRequire(const ir::Node& node);
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
  runtime::ActionResult result_;
};

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_
