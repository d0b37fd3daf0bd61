// Node semantics of the reference interpreter (spec §4.3 - §4.5).
#include "codegen/interpreter/evaluation.h"

#include <algorithm>
#include <bit>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_format.h"
#include "codegen/interpreter/json_reads.h"
#include "codegen/interpreter/lane_values.h"
#include "runtime/python_semantics.h"

namespace osprey::codegen {

using runtime::Value;

// The IR's operator codes are passed to the runtime as they are (the runtime cannot include
// the IR's headers, so each layer has its enum): they must agree.
template <typename A, typename B>
constexpr bool SameCode(A a, B b) {
  return static_cast<int>(a) == static_cast<int>(b);
}
static_assert(SameCode(ir::BinaryOp::kAdd, runtime::BinaryOperator::kAdd) &&
              SameCode(ir::BinaryOp::kPower, runtime::BinaryOperator::kPower) &&
              SameCode(ir::BinaryOp::kBitAnd, runtime::BinaryOperator::kBitAnd));
// Ordering comparisons map by their offset from kLess.
static_assert(static_cast<int>(ir::CompareOp::kGreaterEqual) -
                  static_cast<int>(ir::CompareOp::kLess) ==
              static_cast<int>(runtime::OrderOperator::kGreaterEqual));

static_assert(static_cast<int>(OSPREY_NODE_PENDING) == 1 &&
                  static_cast<int>(OSPREY_NODE_DONE) == 2 &&
                  static_cast<int>(OSPREY_NODE_FIXED) == 3,
              "Evaluation::State must keep the layout of OspreyNodeState");

Evaluation::Evaluation(const Interpreter& interpreter)
    : interpreter_(interpreter),
      program_(interpreter.program_),
      values_(program_.nodes.size()),
      state_(program_.nodes.size(), State::kIdle),
      active_files_(program_.files.size(), false),
      set_state_(program_.pattern_sets.size(), SetState::kUnknown),
      set_found_(program_.pattern_sets.size()),
      set_target_is_entity_(program_.pattern_sets.size(), 0),
      set_has_runtime_members_(program_.pattern_sets.size(), 1),
      rule_operand_list_(interpreter.rule_operand_list_),
      rule_values_(program_.rules.size()),
      call_slots_(program_.calls.size()),
      read_slots_(program_.json_reads.size()),
      format_slots_(interpreter_.format_string_count_) {
  for (size_t i = 0; i < program_.nodes.size(); ++i) {
    // A node only a Rule reads has no value: the Rule looks at its operands.
    if (interpreter_.IsFixed(static_cast<int32_t>(i))) state_[i] = State::kFixed;
    if (interpreter_.fixed_values_[i]) values_[i] = interpreter_.fixed_values_[i];
  }
  // Every action starts from main.sml and its imports: that activation is computed once.
  Activate(program_.entry);
  entry_state_ = state_;
  entry_files_ = activation_order_;
  for (int32_t f : activation_order_) active_files_[f] = false;
  activation_order_.clear();
  state_ = entry_state_;
  for (State& state : state_) state = state == State::kPending ? State::kIdle : state;
}

void Evaluation::UseLanes(OspreyLane* lanes, const std::vector<uint8_t>* lane_nodes,
                          const std::vector<uint8_t>* lanes_written) {
  lanes_ = lanes;
  lane_nodes_ = lane_nodes;
  lanes_written_ = lanes_written;
  for (size_t i = 0; i < state_.size(); ++i) {
    if (state_[i] == State::kFixed && (*lanes_written)[i]) SetLane(values_[i], lanes[i]);
  }
  for (Interpreter::RuleOperand& operand : rule_operand_list_) {
    operand.in_lane = (*lanes_written)[operand.id];
  }
  for (size_t set = 0; set < interpreter_.pattern_set_members_.size(); ++set) {
    const std::vector<int32_t>& members = interpreter_.pattern_set_members_[set];
    set_has_runtime_members_[set] = std::any_of(members.begin(), members.end(), [&](int32_t m) {
      return (*lane_nodes)[interpreter_.pattern_members_[m].node] == 0;
    });
  }
  rule_features_in_lanes_.clear();
  for (const std::vector<Interpreter::FeatureSlot>& slots : interpreter_.file_rule_features_) {
    rule_features_in_lanes_.push_back(std::all_of(
        slots.begin(), slots.end(),
        [&](const Interpreter::FeatureSlot& slot) { return (*lane_nodes)[slot.node] != 0; }));
  }
  // This evaluation's own objects: results of every thread copy them, and a shared object's
  // reference count would be one cache line all threads write.
  exported_rules_.clear();
  for (const std::shared_ptr<const runtime::RuleDefinition>& definition :
       interpreter_.rule_definitions_) {
    std::array<Value, 2>& exported = exported_rules_.emplace_back();
    for (bool value : {false, true}) {
      auto rule_value = std::make_shared<runtime::RuleValue>();
      rule_value->definition = definition;
      rule_value->value = value;
      exported[value] = Value::Rule(std::move(rule_value));
    }
  }
}

inline void Evaluation::ReleaseSlotContents(const Interpreter::PackedNode& node) {
  switch (node.op) {
    case ir::Op::kCall: {
      std::shared_ptr<runtime::Effect>& effect = call_slots_[node.payload].effect;
      if (effect != nullptr && effect.use_count() == 1) effect->Clear();
      break;
    }
    case ir::Op::kRule: {
      std::shared_ptr<runtime::RuleValue>& rule = rule_values_[node.payload];
      if (rule != nullptr && rule.use_count() == 1) rule->field_values.clear();
      break;
    }
    case ir::Op::kJsonData: {
      std::shared_ptr<runtime::EntityValue>& entity = read_slots_[node.payload].entity;
      if (entity != nullptr && entity.use_count() == 1) entity->id = Value();
      break;
    }
    default:
      break;
  }
}

void Evaluation::Start(const runtime::Action& action, const runtime::LabelStore* labels,
                       uint64_t random_seed, runtime::ActionResult* result) {
  result_ = result;
  result_->Clear();
  if (result_->feature_names != interpreter_.feature_names_) {
    result_->feature_names = interpreter_.feature_names_;
  }
  // Only what the previous action computed needs resetting.
  for (int32_t id : written_) {
    values_[id].reset();
    ReleaseSlotContents(interpreter_.packed_nodes_[id]);
  }
  written_.clear();
  std::copy(entry_state_.begin(), entry_state_.end(), state_.begin());
  for (int32_t f : activation_order_) active_files_[f] = false;
  activation_order_ = entry_files_;
  for (int32_t f : activation_order_) active_files_[f] = true;
  std::fill(set_state_.begin(), set_state_.end(), SetState::kUnknown);
  activated_new_nodes_ = true;
  action_ = &action;
  labels_ = labels;
  random_seed_ = random_seed;
  result_->action_id = action.id;
  result_->timestamp = action.timestamp.iso();
}

// Marks `file` and the files it imports as running for this action.
void Evaluation::Activate(int32_t file) {
  std::vector<int32_t>& stack = activation_stack_;
  stack.assign(1, file);
  while (!stack.empty()) {
    int32_t f = stack.back();
    stack.pop_back();
    if (f < 0 || active_files_[f]) continue;
    active_files_[f] = true;
    activation_order_.push_back(f);
    for (ir::NodeId id : interpreter_.file_nodes_[f]) {
      if (state_[id.value] == State::kIdle && !interpreter_.deferred_[id.value]) {
        state_[id.value] = State::kPending;
        activated_new_nodes_ = true;
      }
    }
    for (int32_t imported : program_.files[f].imports) stack.push_back(imported);
  }
}

void Evaluation::Run(runtime::ResultFeatures features) {
  RunPending();
  Finish(features);
}

void Evaluation::RunPending() {
  // Ids are a topological order, so one pass in id order computes every pending node after its
  // inputs. A Require that fires activates more nodes, possibly with smaller ids: passes repeat
  // until none does.
  while (TakeNewActivations()) {
    for (size_t i = 0; i < program_.nodes.size(); ++i) {
      if (state_[i] != State::kPending) continue;
      EvaluateAndStore(static_cast<int32_t>(i));
      state_[i] = State::kDone;
    }
  }
}

void Evaluation::Finish(runtime::ResultFeatures features) {
  if (features == runtime::ResultFeatures::kTrueRules) return FinishTrueRules();
  result_->features.reserve(program_.features.size());
  for (int32_t f : activation_order_) {
    for (const Interpreter::FeatureSlot& slot : interpreter_.file_features_[f]) {
      const int32_t id = slot.node;
      if (slot.is_rule && IsLaneNode(id) && !values_[id]) {
        // A rule lane whose value was not built in this action: the result needs only its
        // boolean.
        const OspreyLane& lane = lanes_[id];
        if (lane.tag == OSPREY_LANE_FAILED) {
          AddFeature(slot, std::nullopt);
        } else {
          AddFeature(slot, ExportedRule(id, lane.bits != 0));
        }
        continue;
      }
      Get(id);  // A lane node's value is built in values_ on this read.
      AddFeatureValue(slot, values_[id]);
    }
  }
}

void Evaluation::FinishTrueRules() {
  // Every rule of the ruleset is visited and few are true: the loops keep what they read in
  // locals, which adding a feature could otherwise make the compiler load again.
  const OspreyLane* const lanes = lanes_;
  Outcome* const values = values_.data();
  // A rule whose lane is true: its value when this action built one, else the exported one.
  auto add_true_lane_rule = [&](const Interpreter::FeatureSlot& slot) {
    Outcome& value = values[slot.node];
    if (!value) return AddFeature(slot, ExportedRule(slot.node, true));
    AddFeatureValue(slot, value);
  };
  auto is_true = [](const OspreyLane& lane) {
    return lane.tag == OSPREY_LANE_BOOL && lane.bits != 0;
  };
  for (int32_t f : activation_order_) {
    const std::vector<Interpreter::FeatureSlot>& slots = interpreter_.file_rule_features_[f];
    if (lanes != nullptr && rule_features_in_lanes_[f]) {
      for (const Interpreter::FeatureSlot& slot : slots) {
        if (is_true(lanes[slot.node])) add_true_lane_rule(slot);
      }
      continue;
    }
    for (const Interpreter::FeatureSlot& slot : slots) {
      const auto id = static_cast<size_t>(slot.node);
      if (IsLaneNode(slot.node)) {
        if (is_true(lanes[id])) add_true_lane_rule(slot);
        continue;
      }
      Outcome& value = values[id];
      if (value && value->as_rule().value) AddFeatureValue(slot, value);
    }
  }
}

const std::optional<runtime::Value>& Evaluation::GetLane(int32_t id) {
  const OspreyLane& lane = lanes_[id];
  Outcome& value = values_[id];
  if (interpreter_.packed_nodes_[id].op == ir::Op::kRule) {
    // A rule lane holds the rule's boolean: its value object is built on the first read in
    // this action (Start forgets it), from the fields its description reads.
    if (lane.tag == OSPREY_LANE_FAILED) {
      value.reset();
    } else if (!value) {
      value = Value::Rule(RuleValueOf(View(id), lane.bits != 0));
      written_.push_back(id);
    }
    return value;
  }
  // Another lane node's value is converted on each read, which allocates nothing. An OBJECT
  // lane means the value was stored here instead.
  if (lane.tag != OSPREY_LANE_OBJECT) {
    if (!value) written_.push_back(id);
    value = ValueOfLane(lane);
  }
  return value;
}

Evaluation::Truth Evaluation::TruthOfLane(const OspreyLane& lane, bool is_rule) {
  if (lane.tag == OSPREY_LANE_FAILED) return Truth::kFailed;
  if (is_rule) return Truth::kTrue;  // The rule's value object, truthy whatever its boolean.
  switch (lane.tag) {
    case OSPREY_LANE_NONE:
      return Truth::kFalse;
    case OSPREY_LANE_FLOAT:
      return std::bit_cast<double>(lane.bits) != 0.0 ? Truth::kTrue : Truth::kFalse;
    case OSPREY_LANE_STRING:
    case OSPREY_LANE_LIST:
      return lane.length != 0 ? Truth::kTrue : Truth::kFalse;
    default:  // BOOL and INT: nonzero bits.
      return lane.bits != 0 ? Truth::kTrue : Truth::kFalse;
  }
}

Evaluation::Truth Evaluation::TruthOf(int32_t id) {
  return TruthOf({id, interpreter_.packed_nodes_[id].op == ir::Op::kRule,
                  lanes_ != nullptr && (*lanes_written_)[id]});
}

Evaluation::Truth Evaluation::TruthOfOperand(const Interpreter::RuleOperand& operand) {
  // Every lane the runtime or compiled code writes (lane nodes and mirrored ones) tells the
  // truth of its value without a Value, except an OBJECT lane.
  const int32_t id = operand.id;
  if (operand.in_lane && lanes_[id].tag != OSPREY_LANE_OBJECT) {
    return TruthOfLane(lanes_[id], operand.is_rule);
  }
  const Outcome& value = values_[id];
  if (!value) return Truth::kFailed;
  return runtime::Truthy(*value) ? Truth::kTrue : Truth::kFalse;
}

void Evaluation::Store(int32_t id, Outcome value) {
  if (lanes_ != nullptr && (*lanes_written_)[id]) SetLane(value, lanes_[id]);
  if (value) written_.push_back(id);
  values_[id] = std::move(value);
}

void Evaluation::RecordError(NodeView node, std::string message) {
  const ir::SourceRef& source = program_.nodes[node.id].source;
  ++result_->error_count;
  result_->errors.push_back(
      absl::StrFormat("%s:%d:%d: %s", source.path, source.line, source.column, message));
}

Evaluation::Outcome Evaluation::EvaluateNode(ir::NodeId id) {
  const NodeView node = View(id.value);
  std::string error;
  switch (node.op) {
    case ir::Op::kConstant:
      return interpreter_.fixed_values_[id.value];
    case ir::Op::kFail:
      RecordError(node, program_.nodes[node.id].message);
      return std::nullopt;
    case ir::Op::kList:
      return EvaluateList(node);
    case ir::Op::kFormatString:
      return EvaluateFormatString(node);
    case ir::Op::kBinary: {
      if (!Input(node, 0) || !Input(node, 1)) return std::nullopt;
      Outcome value = runtime::ApplyBinary(static_cast<runtime::BinaryOperator>(node.detail),
                                           *Input(node, 0), *Input(node, 1), &error);
      if (!value) RecordError(node, error);
      return value;
    }
    case ir::Op::kNot:
      if (!Input(node, 0)) return std::nullopt;
      return Value::Bool(!runtime::Truthy(*Input(node, 0)));
    case ir::Op::kNegate: {
      if (!Input(node, 0)) return std::nullopt;
      Outcome value = runtime::Negate(*Input(node, 0), &error);
      if (!value) RecordError(node, error);
      return value;
    }
    case ir::Op::kCompare:
      return EvaluateCompare(node, static_cast<ir::CompareOp>(node.detail));
    case ir::Op::kAnd:
    case ir::Op::kOr: {
      // Failed operands count as None (falsy); every operand was evaluated (no short-circuit).
      bool is_and = node.op == ir::Op::kAnd;
      bool result = is_and;
      for (ir::NodeId operand : node.operands) {
        bool truthy = TruthOf(operand.value) == Truth::kTrue;
        result = is_and ? (result && truthy) : (result || truthy);
      }
      return Value::Bool(result);
    }
    case ir::Op::kUnwrap:
      if (!Input(node, 0)) return std::nullopt;
      return runtime::Unwrap(*Input(node, 0));
    case ir::Op::kCall:
      return EvaluateCall(node, node.payload);
    case ir::Op::kJsonData:
      return EvaluateJsonRead(node);
    case ir::Op::kRule:
      return EvaluateRule(node);
    case ir::Op::kWhenRules:
      return EvaluateWhenRules(node);
    case ir::Op::kRequire:
      return EvaluateRequire(node);
    case ir::Op::kPatternMatch:
      return EvaluatePatternMatch(node);
  }
  return std::nullopt;
}

Evaluation::Outcome Evaluation::EvaluateList(NodeView node) {
  std::vector<Value> items;
  items.reserve(node.operands.size());
  for (size_t i = 0; i < node.operands.size(); ++i) {
    if (!Input(node, i)) return std::nullopt;
    items.push_back(*Input(node, i));
  }
  return Value::List(std::move(items));
}

Evaluation::Outcome Evaluation::EvaluateFormatString(NodeView node) {
  for (size_t i = 0; i < node.operands.size(); ++i) {
    if (!Input(node, i)) return std::nullopt;
  }
  const std::vector<std::string>& format = program_.nodes[node.id].format;
  return runtime::StringValueFilled(format_slots_[node.payload], [&](std::string& text) {
    text.append(format[0]);
    for (size_t i = 0; i < node.operands.size(); ++i) {
      runtime::AppendPythonStr(*Input(node, i), &text);
      text.append(format[i + 1]);
    }
  });
}

Evaluation::Outcome Evaluation::EvaluateCompare(NodeView node, ir::CompareOp op) {
  const Outcome& left = Input(node, 0);
  const Outcome& right = Input(node, 1);
  std::string error;
  switch (op) {
    case ir::CompareOp::kEqual:
    case ir::CompareOp::kNotEqual: {
      // Failed operands compare as None: two failures are equal (spec §4.4.7).
      bool equal =
          runtime::PythonEquals(left.value_or(Value::None()), right.value_or(Value::None()));
      return Value::Bool(op == ir::CompareOp::kEqual ? equal : !equal);
    }
    case ir::CompareOp::kIn:
    case ir::CompareOp::kNotIn: {
      if (!right) return std::nullopt;
      Value needle = left.value_or(Value::None());
      bool found;
      if (needle.is_none()) {
        found = right->is_none();
        if (right->kind() == Value::Kind::kList) {
          for (const Value& item : right->as_list()) found = found || item.is_none();
        }
      } else if (right->is_none()) {
        found = false;
      } else {
        std::optional<bool> contains = runtime::Contains(*right, needle, &error);
        if (!contains) {
          RecordError(node, error);
          return std::nullopt;
        }
        found = *contains;
      }
      return Value::Bool(op == ir::CompareOp::kIn ? found : !found);
    }
    default: {
      if (!left || !right) return std::nullopt;
      if (left->is_none() || right->is_none()) return Value::Bool(false);
      auto order = static_cast<runtime::OrderOperator>(static_cast<int>(op) -
                                                       static_cast<int>(ir::CompareOp::kLess));
      std::optional<bool> compared = runtime::Compare(order, *left, *right, &error);
      if (!compared) {
        RecordError(node, error);
        return std::nullopt;
      }
      return Value::Bool(*compared);
    }
  }
}

Evaluation::Outcome Evaluation::EvaluateCall(NodeView node, int32_t call_index) {
  const ir::Call& call = program_.calls[call_index];
  const runtime::UdfInstance* instance = interpreter_.instances_[call_index].get();
  size_t param_count = call.udf->params.size();
  // Most calls have a handful of parameters: their arguments stay on the stack.
  absl::InlinedVector<Value, 8> arguments;
  absl::InlinedVector<bool, 8> failed_flags(param_count, false);
  for (size_t p = 0; p < param_count; ++p) {
    int32_t operand = call.operand_of_param[p];
    if (operand < 0) {
      arguments.push_back(interpreter_.call_constants_[call_index][p]);
      continue;
    }
    const Outcome& input = Input(node, operand);
    if (input) {
      arguments.push_back(*input);
    } else if (call.udf->params[p].nullable()) {
      // A failed argument of a nullable parameter is passed as None (fail open).
      arguments.push_back(Value::None());
      failed_flags[p] = true;
    } else {
      return std::nullopt;  // Propagated failure: not recorded again.
    }
  }
  if (!call.extra_names.empty()) {
    // Extra keyword arguments arrive as one trailing list of [name, value] pairs.
    std::vector<Value> pairs;
    size_t first = node.operands.size() - call.extra_names.size();
    for (size_t e = 0; e < call.extra_names.size(); ++e) {
      const Outcome& input = Input(node, first + e);
      if (!input) return std::nullopt;
      pairs.push_back(Value::List({Value::String(call.extra_names[e]), *input}));
    }
    arguments.push_back(Value::List(std::move(pairs)));
  }
  if (instance == nullptr) {
    RecordError(node, absl::StrFormat("function `%s` has no implementation in this engine",
                                      call.udf->name));
    return std::nullopt;
  }
  runtime::CallContext context;
  context.action = action_;
  context.labels = labels_;
  context.argument_failed = std::span<const bool>(failed_flags.data(), param_count);
  context.random_seed = random_seed_ ^ (static_cast<uint64_t>(call_index) * 0x9E3779B97F4A7C15u);
  context.slots = &call_slots_[call_index];
  return FinishCall(
      node, call_index,
      instance->Call(context, std::span<const Value>(arguments.data(), arguments.size())));
}

Evaluation::Outcome Evaluation::FinishCall(NodeView node, int32_t call_index,
                                           runtime::UdfOutcome outcome) {
  if (auto* udf_error = std::get_if<runtime::UdfError>(&outcome)) {
    if (udf_error->recorded) RecordError(node, udf_error->message);
    return std::nullopt;
  }
  Value value = std::get<Value>(std::move(outcome));
  const std::optional<runtime::ValueType>& expected = interpreter_.dynamic_results_[call_index];
  if (expected && !runtime::CheckValue(value, *expected)) {
    RecordError(node, absl::StrFormat("Function `%s` with dynamic return type returned `%s` but "
                                      "was expected to return `%s`.",
                                      program_.calls[call_index].udf->name,
                                      runtime::PythonTypeName(value), expected->DisplayName()));
    return std::nullopt;
  }
  return value;
}

Evaluation::Outcome Evaluation::EvaluateJsonRead(NodeView node) {
  const ir::JsonRead& read = program_.json_reads[node.payload];
  size_t operand = 0;
  bool required = true;
  bool coerce_type = true;
  if (read.required) {
    required = *read.required;
  } else {
    const Outcome& input = Input(node, operand++);
    if (!input) return std::nullopt;
    required = runtime::Truthy(*input);
  }
  if (read.coerce_type) {
    coerce_type = *read.coerce_type;
  } else {
    const Outcome& input = Input(node, operand++);
    if (!input) return std::nullopt;
    coerce_type = runtime::Truthy(*input);
  }
  runtime::UdfOutcome outcome = ReadJson(read, interpreter_.reads_[node.payload], *action_,
                                         required, coerce_type, &read_slots_[node.payload]);
  if (auto* udf_error = std::get_if<runtime::UdfError>(&outcome)) {
    if (udf_error->recorded) RecordError(node, udf_error->message);
    return std::nullopt;
  }
  return std::get<Value>(std::move(outcome));
}

Evaluation::Truth Evaluation::RuleTruth(NodeView node) {
  // Any failed item or field fails the rule, even next to a False item: no short-circuit
  // (§4.5.1). A list or f-string only this rule reads was not built
  // (Interpreter::read_by_rule_only_): it would have failed when one of its operands did.
  const Interpreter::RuleOperands& rule = interpreter_.rule_operands_[node.payload];
  const Interpreter::RuleOperand* operand = rule_operand_list_.data() + rule.first;
  bool all_true = true;
  if (rule.items_listed) {
    for (uint32_t i = 0; i < rule.items; ++i, ++operand) {
      Truth truth = TruthOf(*operand);
      if (truth == Truth::kFailed) return Truth::kFailed;
      all_true = all_true && truth == Truth::kTrue;
    }
  } else {
    const Outcome& items = Get(node.operands[0].value);
    if (!items) return Truth::kFailed;
    for (const Value& item : items->as_list()) all_true = all_true && runtime::Truthy(item);
  }
  if (rule.fields_listed) {
    for (uint32_t i = 0; i < rule.fields; ++i, ++operand) {
      if (Failed(*operand)) return Truth::kFailed;
    }
  } else if (!Get(node.operands[1].value)) {
    return Truth::kFailed;
  }
  return all_true ? Truth::kTrue : Truth::kFalse;
}

Evaluation::Outcome Evaluation::EvaluateRule(NodeView node) {
  Truth truth = RuleTruth(node);
  if (truth == Truth::kFailed) return std::nullopt;
  return Value::Rule(RuleValueOf(node, truth == Truth::kTrue));
}

void Evaluation::ComputeRuleLane(NodeView node) {
  Truth truth = RuleTruth(node);
  OspreyLane& lane = lanes_[node.id];
  lane.tag = truth == Truth::kFailed ? OSPREY_LANE_FAILED : OSPREY_LANE_BOOL;
  lane.bits = truth == Truth::kTrue ? 1 : 0;
}

void Evaluation::ComputeWhenRulesLane(NodeView node) {
  const int32_t rule_count = program_.when_rules[node.payload].rule_count;
  for (int32_t i = 0; i < rule_count; ++i) {
    const OspreyLane& rule = lanes_[node.operands[i].value];
    if (rule.tag == OSPREY_LANE_BOOL && rule.bits != 0) {
      // Its value is None whether it fires or not (a lane WhenRules is never malformed, the
      // one case that fails): the lane says so, and no value needs storing.
      EvaluateWhenRules(node);
      break;
    }
  }
  lanes_[node.id].tag = OSPREY_LANE_NONE;
  lanes_[node.id].bits = 0;
}

std::shared_ptr<const runtime::RuleValue> Evaluation::RuleValueOf(NodeView node, bool value) {
  // The previous action's value of this rule is reused when nothing holds it any more (its
  // result was written and dropped): no allocation per rule per action in a stream.
  std::shared_ptr<runtime::RuleValue>& rule = rule_values_[node.payload];
  if (!runtime::ReuseSlot(rule)) rule->definition = interpreter_.rule_definitions_[node.payload];
  rule->value = value;
  rule->field_values.clear();
  for (size_t f = 0; f < program_.rules[node.payload].field_names.size(); ++f) {
    const Outcome& field = Input(node, 2 + f);
    rule->field_values.push_back(field ? *field : Value::None());
  }
  return rule;
}

Evaluation::Outcome Evaluation::EvaluateWhenRules(NodeView node) {
  const ir::WhenRules& when = program_.when_rules[node.payload];
  if (when.malformed) {
    RecordError(node, "WhenRules needs list literals for `rules_any` and `then`");
    return std::nullopt;
  }
  // Failed items are skipped, not fatal (§4.5.2). The passing rules are appended to the
  // result's `effect_rules`, which every effect emitted here then names as one range.
  std::vector<std::shared_ptr<const runtime::RuleValue>>& effect_rules = result_->effect_rules;
  const size_t first_rule = effect_rules.size();
  for (int32_t i = 0; i < when.rule_count; ++i) {
    int32_t id = node.operands[i].value;
    // A false rule lane is skipped before its value object would be built.
    if (IsRuleLane(id) && (lanes_[id].tag != OSPREY_LANE_BOOL || lanes_[id].bits == 0)) {
      continue;
    }
    const Outcome& item = Get(id);
    if (item && item->kind() == Value::Kind::kRule && item->as_rule().value) {
      effect_rules.push_back(item->rule_ptr());
    }
  }
  const size_t rule_count = effect_rules.size() - first_rule;
  if (rule_count == 0) return Value::None();
  bool emitted = false;
  for (size_t i = when.rule_count; i < node.operands.size(); ++i) {
    int32_t id = node.operands[i].value;
    if (interpreter_.deferred_[id] && state_[id] == State::kIdle) {
      EvaluateAndStore(id);
      state_[id] = State::kDone;
    }
    const Outcome& item = Get(id);
    if (item && item->kind() == Value::Kind::kEffect) {
      result_->effects.push_back({item->effect_ptr(), static_cast<uint32_t>(first_rule),
                                  static_cast<uint32_t>(rule_count)});
      emitted = true;
    }
  }
  // Rules that emitted nothing are not kept (no effect's range follows them).
  if (!emitted && effect_rules.size() == first_rule + rule_count) effect_rules.resize(first_rule);
  return Value::None();
}

Evaluation::Outcome Evaluation::EvaluateRequire(NodeView node) {
  const ir::Require& require = program_.require_sites[node.payload];
  const Outcome& path = Input(node, 0);
  // A failed path or condition makes Require do nothing, silently (§2.3).
  if (!path || path->kind() != Value::Kind::kString) return Value::None();
  if (require.has_condition) {
    const Outcome& condition = Input(node, 1);
    if (!condition || !runtime::Truthy(*condition)) return Value::None();
  }
  for (int32_t candidate : require.candidates) {
    if (program_.files[candidate].path == path->as_string()) Activate(candidate);
  }
  return Value::None();
}

}  // namespace osprey::codegen
