// The reference interpreter: evaluates a rule IR Program on one action at a time, node by node,
// with the reference engine's semantics (spec §4). Kept simple and obviously right: it is the
// yardstick the JIT is tested against.
#ifndef OSPREY_CODEGEN_INTERPRETER_INTERPRETER_H_
#define OSPREY_CODEGEN_INTERPRETER_INTERPRETER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "codegen/interpreter/json_reads.h"
#include "ir/program.h"
#include "runtime/action.h"
#include "runtime/labels.h"
#include "runtime/pattern_set.h"
#include "runtime/result.h"
#include "runtime/udf.h"

namespace osprey::codegen {

class Interpreter {
 public:
  // Prepares `program` (which must outlive the interpreter): one native instance per call
  // site, created from its constants. A call of a function with no native implementation (a
  // plugin declared only by signature) fails at run time with a recorded error.
  static absl::StatusOr<std::unique_ptr<Interpreter>> Create(
      const ir::Program& program, const runtime::NativeUdfRegistry& natives);

  // Evaluates the files reachable from main.sml for `action`. `labels` may be null (HasLabel
  // then fails). Thread-safe: all per-action state is local to the call.
  runtime::ActionResult Evaluate(const runtime::Action& action, const runtime::LabelStore* labels,
                                 uint64_t random_seed = 0) const;

 private:
  explicit Interpreter(const ir::Program& program) : program_(program) {}

  const ir::Program& program_;
  // By call index: the native instance, or null when the function has no implementation.
  std::vector<std::unique_ptr<runtime::UdfInstance>> instances_;
  // By JsonRead index: the runtime path and checker.
  std::vector<PreparedRead> reads_;
  // By call index: the checker of a dynamic result, if any.
  std::vector<std::optional<runtime::ValueType>> dynamic_results_;
  // By ir::PatternSet index: the automaton answering the members it covers.
  std::vector<std::unique_ptr<const runtime::PatternSet>> pattern_sets_;
  // By file: every node its statements need, in increasing id order.
  std::vector<std::vector<ir::NodeId>> file_nodes_;

  friend class Evaluation;
};

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_INTERPRETER_H_
