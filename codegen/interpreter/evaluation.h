// One action's evaluation by the Interpreter: node values, active files, effects, errors.
#ifndef OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_
#define OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_

#include <array>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "codegen/interpreter/interpreter.h"
#include "runtime/abi/jit_abi.h"

namespace osprey::codegen {

class Evaluation {
 public:
  // An evaluation of one action at a time; Start() begins the next one, reusing the storage.
  explicit Evaluation(const Interpreter& interpreter);

  // Evaluates the action begun by Start, node by node (the reference interpreter).
  void Run(runtime::ResultFeatures features);

  // --- For compiled code (codegen/engine): the same evaluation, driven from outside. ---
  // Nodes marked in `lane_nodes` keep their value in `lanes` (runtime/abi/jit_abi.h), where
  // compiled code computes it; reads of such a node here convert its lane. Both outlive this.
  // The runtime writes the lane of each node marked in `lanes_written` when it stores the
  // node's value (compiled code reads it there).
  void UseLanes(OspreyLane* lanes, const std::vector<uint8_t>* lane_nodes,
                const std::vector<uint8_t>* lanes_written);
  // Begins evaluating `action` into `*result` (cleared here): forgets the previous action's
  // values and marks the nodes of main.sml and its imports pending. The action, labels and
  // result must outlive the action's evaluation.
  void Start(const runtime::Action& action, const runtime::LabelStore* labels, uint64_t random_seed,
             runtime::ActionResult* result);
  // True (once) when nodes became pending since the last call: run the pending nodes again.
  bool TakeNewActivations() { return std::exchange(activated_new_nodes_, false); }
  // Computes every pending node, in id order, until none is left.
  void RunPending();
  // Completes the result of the action begun by Start, once no node is pending.
  void Finish(runtime::ResultFeatures features);
  uint8_t* state_data() { return reinterpret_cast<uint8_t*>(state_.data()); }
  // Computes node `id` and stores its value (in its lane too, for a lane node).
  void EvaluateAndStore(int32_t id) {
    if (IsLaneNode(id)) {
      const ir::Op op = interpreter_.packed_nodes_[id].op;
      if (op == ir::Op::kRule) return ComputeRuleLane(View(id));
      if (op == ir::Op::kWhenRules) return ComputeWhenRulesLane(View(id));
    }
    Store(id, EvaluateNode(ir::NodeId{id}));
  }
  // Pattern-set member `match` (an ir::PatternMatch index) answered from its set's one search
  // of the target: 1 or 0, or -1 when the set cannot answer for it (the member is then
  // computed as the node it replaced; see evaluation_pattern_sets.cc).
  int32_t AnswerFromSet(int32_t match);
  // The value of a computed node: nullopt when it failed.
  const std::optional<runtime::Value>& Get(int32_t id) {
    if (IsLaneNode(id)) return GetLane(id);
    return values_[id];
  }

 private:
  using Outcome = std::optional<runtime::Value>;  // nullopt: the node failed.

  // Finish for a result that shows only the true rules (runtime::ResultFeatures::kTrueRules).
  void FinishTrueRules();
  // Appends the feature of `slot` with `value` (nullopt, a Value or an Outcome), made in place.
  template <typename V>
  void AddFeature(const Interpreter::FeatureSlot& slot, V&& value) {
    result_->features.emplace_back(&(*interpreter_.feature_names_)[slot.feature],
                                   std::forward<V>(value));
  }
  // What a result exports for rule lane `id` when its value object was not built.
  const runtime::Value& ExportedRule(int32_t id, bool value) const {
    return exported_rules_[View(id).payload][value];
  }
  // AddFeature of the node's value: moved when nothing reads it after the action.
  void AddFeatureValue(const Interpreter::FeatureSlot& slot, Outcome& value) {
    if (slot.result_takes_value) {
      AddFeature(slot, std::move(value));
    } else {
      AddFeature(slot, value);
    }
  }
  // Store of a bool value, without the general conversion to a lane.
  void StoreBool(int32_t id, bool value) {
    if (lanes_ != nullptr && (*lanes_written_)[id]) {
      OspreyLane& lane = lanes_[id];
      lane.tag = OSPREY_LANE_BOOL;
      lane.length = 0;
      lane.bits = value ? 1 : 0;
    }
    written_.push_back(id);
    values_[id] = runtime::Value::Bool(value);
  }
  // Get of a lane node: its value converted from the lane compiled code wrote.
  const std::optional<runtime::Value>& GetLane(int32_t id);
  bool IsLaneNode(int32_t id) const { return lanes_ != nullptr && (*lane_nodes_)[id]; }
  bool IsRuleLane(int32_t id) const {
    return IsLaneNode(id) && interpreter_.packed_nodes_[id].op == ir::Op::kRule;
  }
  enum class Truth : uint8_t { kFalse, kTrue, kFailed };
  // Python truthiness of a computed node, read from its lane when it has one (no Value built).
  Truth TruthOf(int32_t id);
  // The truth a lane holding a value (not OBJECT) tells; `is_rule`: the lane of a Rule.
  static Truth TruthOfLane(const OspreyLane& lane, bool is_rule);
  // TruthOf and Failed of an operand of a Rule (rule_operand_list_), whose op and lane are
  // known. Inline for the common case, a bool lane (every Rule reads a few on every action).
  Truth TruthOf(const Interpreter::RuleOperand& operand) {
    if (operand.in_lane && lanes_[operand.id].tag == OSPREY_LANE_BOOL) {
      return operand.is_rule || lanes_[operand.id].bits != 0 ? Truth::kTrue : Truth::kFalse;
    }
    return TruthOfOperand(operand);
  }
  bool Failed(const Interpreter::RuleOperand& operand) {
    if (operand.in_lane && lanes_[operand.id].tag != OSPREY_LANE_OBJECT) {
      return lanes_[operand.id].tag == OSPREY_LANE_FAILED;
    }
    return !values_[operand.id].has_value();
  }
  Truth TruthOfOperand(const Interpreter::RuleOperand& operand);
  // What evaluation reads of a node on every action, from the interpreter's packed table
  // (Interpreter::packed_nodes_) rather than the much larger ir::Node.
  struct NodeView {
    int32_t id;
    ir::Op op;
    uint8_t detail;
    int32_t payload;
    std::span<const ir::NodeId> operands;
  };
  NodeView View(int32_t id) const {
    const Interpreter::PackedNode& packed = interpreter_.packed_nodes_[id];
    return {id, packed.op, packed.detail, packed.payload,
            std::span<const ir::NodeId>(interpreter_.packed_operands_.data() + packed.first_operand,
                                        packed.operand_count)};
  }
  void Activate(int32_t file);
  // Makes the effect, rule value or entity `node` made in the previous action let go of the
  // values it holds, when no one else holds it: the strings and lists those came from can
  // then be refilled by this action's reads instead of allocated anew. Inline in Start, which
  // calls it for every node the last action wrote, most of which hold no such object.
  void ReleaseSlotContents(const Interpreter::PackedNode& node);
  void Store(int32_t id, Outcome value);
  Outcome EvaluateNode(ir::NodeId id);
  Outcome EvaluateList(NodeView node);
  Outcome EvaluateFormatString(NodeView node);
  Outcome EvaluateCompare(NodeView node, ir::CompareOp op);
  // `call_index` is the node's payload, or for a kPatternMatch its PatternMatch::call.
  Outcome EvaluateCall(NodeView node, int32_t call_index);
  // A call's outcome as the node's: errors recorded, a dynamic result checked.
  Outcome FinishCall(NodeView node, int32_t call_index, runtime::UdfOutcome outcome);
  Outcome EvaluateJsonRead(NodeView node);
  Outcome EvaluateRule(NodeView node);
  // Whether Rule `node`'s items are all truthy, or kFailed when an item or field failed.
  Truth RuleTruth(NodeView node);
  // A Rule lane (codegen/jit/lane_nodes.h): RuleTruth, with no value object built.
  void ComputeRuleLane(NodeView node);
  // A WhenRules lane: None, after emitting its effects when one of its rule lanes is true.
  void ComputeWhenRulesLane(NodeView node);
  // The value object of Rule `node` with boolean `value`, its fields read from their nodes.
  std::shared_ptr<const runtime::RuleValue> RuleValueOf(NodeView node, bool value);
  Outcome EvaluateWhenRules(NodeView node);
  Outcome EvaluateRequire(NodeView node);
  // A pattern set member: from its set when the set can answer, else as the node it replaced
  // (evaluation_pattern_sets.cc).
  Outcome EvaluatePatternMatch(NodeView node);
  // Searches the set's target for `member`'s first question in this action; false when the
  // target is no string for it (an entity's id is, for a pattern) or the set cannot decide.
  bool SearchPatternSet(const Interpreter::PatternMember& member);
  // Once set `set` has answered (for node `current`), its other pending members the answer
  // decides (AnswerFromSet) are stored at once, so that their own turn finds them done.
  void StorePendingMembers(int32_t set, int32_t current);
  const Outcome& Input(NodeView node, size_t operand) { return Get(node.operands[operand].value); }
  void RecordError(NodeView node, std::string message);

  const Interpreter& interpreter_;
  const ir::Program& program_;
  const runtime::Action* action_ = nullptr;
  const runtime::LabelStore* labels_ = nullptr;
  uint64_t random_seed_ = 0;

  std::vector<Outcome> values_;
  // Nodes given a value in this action (Store, or a lane's value built on a read): what the
  // next Start resets, rather than looking at every node.
  std::vector<int32_t> written_;
  // OspreyNodeState by node (the layout compiled code reads and writes).
  // kFixed: a node whose value is the same for every action (a constant, or a list or string
  // the Rule reading it never needs built): set once, never computed per action.
  enum class State : uint8_t { kIdle, kPending, kDone, kFixed };
  std::vector<State> state_;
  // The state and active files every action starts from: main.sml and its imports pending.
  std::vector<State> entry_state_;
  std::vector<int32_t> entry_files_;
  OspreyLane* lanes_ = nullptr;
  const std::vector<uint8_t>* lane_nodes_ = nullptr;
  const std::vector<uint8_t>* lanes_written_ = nullptr;
  // With lanes, by file: every rule feature of the file is a lane node, so that a result
  // showing only the true rules reads nothing but their lanes (FinishTrueRules).
  std::vector<uint8_t> rule_features_in_lanes_;
  std::vector<bool> active_files_;
  std::vector<int32_t> activation_order_;
  bool activated_new_nodes_ = false;
  // By pattern set: not searched yet, searched (answers in set_found_), or undecidable.
  enum class SetState : uint8_t { kUnknown, kFound, kUndecided };
  std::vector<SetState> set_state_;
  std::vector<std::vector<uint8_t>> set_found_;
  // By pattern set, once searched: the target was an entity (its id was searched), which
  // literal members do not answer from the set.
  std::vector<uint8_t> set_target_is_entity_;
  // By pattern set: some member is computed here rather than by compiled code, so a search
  // stores those members at once (StorePendingMembers). Every set without lanes.
  std::vector<uint8_t> set_has_runtime_members_;
  runtime::ActionResult* result_ = nullptr;  // The current action's, given to Start.
  // Interpreter::rule_operand_list_, with `in_lane` set when this evaluation has lanes.
  std::vector<Interpreter::RuleOperand> rule_operand_list_;
  // By ir::Rule index: this evaluation's value of the rule, reused across actions.
  std::vector<std::shared_ptr<runtime::RuleValue>> rule_values_;
  // With lanes, by ir::Rule index and boolean: the value a result exports for a rule whose
  // value object was not built in the action (without fields: a result shows a rule feature
  // as its boolean only).
  std::vector<std::array<runtime::Value, 2>> exported_rules_;
  // By call: the objects the call made, refilled by the next action's call when no one holds
  // them any more (runtime::CallContext::slots).
  std::vector<runtime::CallContext::Slots> call_slots_;
  // By ir::JsonRead: the objects the read made, refilled by the next action's read when no one
  // holds them any more (runtime::JsonReadSlots).
  std::vector<runtime::JsonReadSlots> read_slots_;
  // By f-string (Interpreter::format_string_count_): its text, refilled likewise.
  std::vector<std::shared_ptr<std::string>> format_slots_;
  std::vector<int32_t> activation_stack_;  // Activate's, kept between actions.
};

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_EVALUATION_H_
