// The reference interpreter: evaluates a rule IR Program on one action at a time, node by node,
// with the reference engine's semantics (spec §4). Kept simple and obviously right: it is the
// yardstick the JIT is tested against.
#ifndef OSPREY_CODEGEN_INTERPRETER_INTERPRETER_H_
#define OSPREY_CODEGEN_INTERPRETER_INTERPRETER_H_

#include <array>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "codegen/interpreter/json_reads.h"
#include "ir/program.h"
#include "runtime/action.h"
#include "runtime/compiled_ruleset.h"
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
  runtime::ActionResult Evaluate(
      const runtime::Action& action, const runtime::LabelStore* labels, uint64_t random_seed = 0,
      runtime::ResultFeatures features = runtime::ResultFeatures::kAll) const;
  // As Evaluate, into `*result` (cleared first, its storage kept).
  void EvaluateInto(const runtime::Action& action, const runtime::LabelStore* labels,
                    uint64_t random_seed, runtime::ResultFeatures features,
                    runtime::ActionResult* result) const;

  // Whether an evaluation ever computes node `id` in its pass over pending nodes. It does not
  // for a node whose value is fixed (set up once: fixed_values_), one only a Rule reads
  // (read_by_rule_only_) and a deferred effect (computed by the WhenRules that fires), so
  // compiled code need not contain them.
  bool ComputedInPass(int32_t id) const { return !IsFixed(id) && !deferred_[id]; }

 private:
  // Whether evaluations mark node `id` fixed (Evaluation::State::kFixed).
  bool IsFixed(int32_t id) const { return fixed_values_[id].has_value() || read_by_rule_only_[id]; }

  explicit Interpreter(const ir::Program& program) : program_(program) {}
  // See fixed_values_; needs instances_, call_constants_ and dynamic_results_.
  static std::vector<std::optional<runtime::Value>> FixedValues(
      const ir::Program& program, const runtime::NativeUdfRegistry& natives,
      const Interpreter& interpreter);

  const ir::Program& program_;
  // By node: the fields evaluation reads for every action, packed in 16 bytes (an ir::Node is
  // ~180 and a ruleset's nodes overflow the cache), and all operands in one array.
  struct PackedNode {
    ir::Op op;
    uint8_t detail;
    int32_t payload;
    uint32_t first_operand;  // Into packed_operands_.
    uint32_t operand_count;
  };
  std::vector<PackedNode> packed_nodes_;
  int32_t format_string_count_ = 0;  // kFormatString nodes: their payload numbers them.
  std::vector<ir::NodeId> packed_operands_;
  // By call index: the native instance, or null when the function has no implementation.
  std::vector<std::unique_ptr<runtime::UdfInstance>> instances_;
  // By JsonRead index: the runtime path and checker.
  std::vector<PreparedRead> reads_;
  // By call index: the checker of a dynamic result, if any.
  std::vector<std::optional<runtime::ValueType>> dynamic_results_;
  // By ir::PatternSet index: the automaton answering the members it covers.
  std::vector<std::unique_ptr<const runtime::PatternSet>> pattern_sets_;
  // By ir::PatternMatch index: its kPatternMatch node with what reading its answer from its
  // set needs, gathered so that the first search of a set can store every member at once.
  struct PatternMember {
    int32_t node;
    int32_t set;     // ir::PatternMatch::set.
    int32_t member;  // ir::PatternMatch::member.
    bool literal;    // `literal in target`: an entity target is not unwrapped, so not answered.
    bool not_in;     // `literal not in target`: true when the set did not find it.
    bool covered;    // The set's automaton answers for it (runtime::PatternSet::covers).
    // The member's value from its set's answers: a match, or for `not in` its absence.
    bool Answer(const std::vector<uint8_t>& found) const { return (found[member] != 0) != not_in; }
  };
  std::vector<PatternMember> pattern_members_;
  // By ir::PatternSet index: its members, as indices into pattern_members_.
  std::vector<std::vector<int32_t>> pattern_set_members_;
  // By file: every node its statements need, in increasing id order.
  std::vector<std::vector<ir::NodeId>> file_nodes_;
  // By file: its features, in order, with what a result reads of each on every action (an
  // ir::Feature's name is needed only for the features a result shows).
  struct FeatureSlot {
    int32_t feature;  // Into Program::features.
    int32_t node;
    bool is_rule;  // The node is a Rule.
    // No other feature exports the node and its value is not fixed: the result can take the
    // value instead of copying it, since nothing reads it after the action.
    bool result_takes_value;
  };
  std::vector<std::vector<FeatureSlot>> file_features_;
  // By file: the slots of file_features_ whose node is a Rule, all a result that shows only
  // the true rules reads (no other node's value is a rule).
  std::vector<std::vector<FeatureSlot>> file_rule_features_;
  // By feature: its name, as every result of the ruleset carries it.
  std::shared_ptr<const std::vector<runtime::FeatureName>> feature_names_;
  // By node: its value when it is the same for every action, built once (copies share it):
  // a kConstant; a list or f-string whose operands are all fixed; a call of a pure function
  // (runtime::NativeUdfRegistry::MarkPure) whose arguments are all constant or fixed and which
  // gives a value without error. nullopt for the others.
  std::vector<std::optional<runtime::Value>> fixed_values_;
  // By call, by parameter: the constant argument's value (None when the call has none).
  std::vector<std::vector<runtime::Value>> call_constants_;
  // By ir::Rule index: what its values share.
  std::vector<std::shared_ptr<const runtime::RuleDefinition>> rule_definitions_;
  // By node: a `when_all` list or description f-string whose only reader is a Rule. The Rule
  // reads what it needs from such a node's operands, so the node itself builds no list or
  // string: its value is None, or failed when an operand failed (which fails the Rule, as the
  // list or string would).
  std::vector<bool> read_by_rule_only_;
  // By ir::Rule index: the operands Evaluation::RuleTruth reads of a `when_all` list and a
  // description only the rule reads (read_by_rule_only_) — the items, then the fields — in
  // rule_operand_list_, so that an action reads their values without looking them up.
  struct RuleOperand {
    int32_t id;
    bool is_rule;          // A Rule: its value object is truthy whatever its boolean.
    bool in_lane = false;  // Set by an evaluation with lanes: the lane holds the value.
  };
  struct RuleOperands {
    uint32_t first = 0;
    uint32_t items = 0;
    uint32_t fields = 0;
    bool items_listed = false;   // The list is read by the rule only: its items are here.
    bool fields_listed = false;  // Likewise for the description and its fields.
  };
  std::vector<RuleOperands> rule_operands_;
  std::vector<RuleOperand> rule_operand_list_;
  // By node: an effect call that is computed only when a WhenRules reading it fires, because
  // nothing else reads it and it cannot record an error (runtime::NativeUdfRegistry::
  // MarkDeferrable, with every argument of its declared type, statically). Most WhenRules do
  // not fire for a given action, so most of their effects are never built.
  std::vector<bool> deferred_;

  friend class Evaluation;
};

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_INTERPRETER_H_
