#include "codegen/jit/lane_nodes.h"

#include "ir/rule_operands.h"

namespace osprey::codegen {
namespace {

bool IsScalarKind(frontend::TypeKind kind) {
  return kind == frontend::TypeKind::kNone || kind == frontend::TypeKind::kBool ||
         kind == frontend::TypeKind::kInt || kind == frontend::TypeKind::kFloat;
}

// Whether `type` (never Any) is of a kind `accepts`, or a union whose every alternative is.
template <typename Accepts>
bool EveryAlternative(frontend::Type type, Accepts accepts) {
  if (type == nullptr) return false;
  if (type->kind != frontend::TypeKind::kUnion) return accepts(type->kind);
  for (frontend::Type alternative : type->args) {
    if (!EveryAlternative(alternative, accepts)) return false;
  }
  return true;
}

bool IsScalarConstant(const frontend::ConstValue& value) {
  return value.is_none() || value.is_bool() || value.is_int() || value.is_float();
}

bool OperandsAreScalar(const ir::Program& program, const ir::Node& node) {
  for (ir::NodeId operand : node.operands) {
    if (!IsScalarType(program.node(operand).type)) return false;
  }
  return true;
}

bool IsScalarOrString(frontend::Type type) { return IsScalarType(type) || IsStringType(type); }

// `lane` holds the answer for every node before `node` (operands have smaller ids).
bool IsLaneNode(const ir::Program& program, const ir::Node& node,
                const std::vector<bool>& read_by_rule_only, const std::vector<uint8_t>& lane) {
  switch (node.op) {
    case ir::Op::kWhenRules: {
      // Compiled code tells whether one of its rules is true; the runtime emits the effects
      // only then. A malformed WhenRules records an error for every action: not a lane.
      const ir::WhenRules& when = program.when_rules[node.payload];
      if (when.malformed) return false;
      for (int32_t i = 0; i < when.rule_count; ++i) {
        const ir::NodeId rule = node.operands[i];
        if (!lane[rule.value] || program.node(rule).op != ir::Op::kRule) return false;
      }
      return true;
    }
    case ir::Op::kRule: {
      // A rule whose item list and description are its own (never built): its truth and
      // failure come from their operands, and its value object is built only when read.
      const ir::Node& description = program.node(node.operands[1]);
      return read_by_rule_only[node.operands[0].value] &&
             (read_by_rule_only[node.operands[1].value] || description.op == ir::Op::kConstant);
    }
    case ir::Op::kConstant:
      return IsScalarConstant(node.constant);
    case ir::Op::kAnd:
    case ir::Op::kOr:
    case ir::Op::kNot:
      return true;  // Always a bool (or, for `not`, failed); operands of any type.
    case ir::Op::kCompare:
      switch (static_cast<ir::CompareOp>(node.detail)) {
        case ir::CompareOp::kEqual:
        case ir::CompareOp::kNotEqual:
          return IsScalarOrString(program.node(node.operands[0]).type) &&
                 IsScalarOrString(program.node(node.operands[1]).type);
        case ir::CompareOp::kIn:
        case ir::CompareOp::kNotIn:
          return IsStringType(program.node(node.operands[0]).type) &&
                 StringConstants(program, program.node(node.operands[1])).has_value();
        default:
          return OperandsAreScalar(program, node);
      }
    case ir::Op::kCall:
      return LaneCallOf(program, node) != LaneCall::kNone;
    case ir::Op::kPatternMatch:
      // Its set's answer, read through one helper call (the runtime searches the target once
      // per action); the member computed in full when the set cannot answer.
      return IsScalarType(node.type);
    case ir::Op::kBinary:
    case ir::Op::kNegate:
      return IsScalarType(node.type) && OperandsAreScalar(program, node);
    default:
      return false;
  }
}

}  // namespace

bool IsStringType(frontend::Type type) {
  if (type == nullptr) return false;
  if (type->kind == frontend::TypeKind::kStr) return true;
  if (type->kind != frontend::TypeKind::kUnion) return false;
  bool has_str = false;
  for (frontend::Type alternative : type->args) {
    if (alternative->kind == frontend::TypeKind::kStr) {
      has_str = true;
    } else if (alternative->kind != frontend::TypeKind::kNone) {
      return false;
    }
  }
  return has_str;
}

bool IsLaneVisibleType(frontend::Type type) {
  return EveryAlternative(type, [](frontend::TypeKind kind) {
    return IsScalarKind(kind) || kind == frontend::TypeKind::kStr ||
           kind == frontend::TypeKind::kList;
  });
}

std::optional<std::vector<std::string>> StringConstants(const ir::Program& program,
                                                        const ir::Node& node) {
  constexpr size_t kMaxItems = 16;  // Compared one by one.
  std::vector<std::string> constants;
  if (node.op == ir::Op::kConstant && node.constant.is_list()) {
    for (const frontend::ConstValue& item : node.constant.as_list()) {
      if (!item.is_string()) return std::nullopt;
      constants.push_back(item.as_string());
    }
  } else if (node.op == ir::Op::kList) {
    for (ir::NodeId item : node.operands) {
      const ir::Node& item_node = program.node(item);
      if (item_node.op != ir::Op::kConstant || !item_node.constant.is_string()) {
        return std::nullopt;
      }
      constants.push_back(item_node.constant.as_string());
    }
  } else {
    return std::nullopt;
  }
  if (constants.size() > kMaxItems) return std::nullopt;
  return constants;
}

LaneCall LaneCallOf(const ir::Program& program, const ir::Node& node) {
  if (node.op != ir::Op::kCall) return LaneCall::kNone;
  const ir::Call& call = program.calls[node.payload];
  // Only the stdlib's own functions, whose semantics the lowerer knows; with no extra keyword
  // arguments and a declared (not dynamic) result.
  if (call.udf->origin != "stdlib" || !call.extra_names.empty() || call.dynamic_result != nullptr) {
    return LaneCall::kNone;
  }
  LaneCall kind = LaneCall::kNone;
  size_t params = 0;
  if (call.udf->name == "StringStartsWith") {
    kind = LaneCall::kStartsWith;
    params = 2;
  } else if (call.udf->name == "StringEndsWith") {
    kind = LaneCall::kEndsWith;
    params = 2;
  } else if (call.udf->name == "StringLength") {
    kind = LaneCall::kStringLength;
    params = 1;
  } else if (call.udf->name == "ListLength") {
    kind = LaneCall::kListLength;
    params = 1;
  } else {
    return LaneCall::kNone;
  }
  if (call.udf->params.size() != params) return LaneCall::kNone;
  for (size_t p = 0; p < params; ++p) {
    const int32_t operand = call.operand_of_param[p];
    if (operand < 0) {
      // A constant argument: compiled in, so it must be a string (a list for ListLength is
      // never constant here; the runtime computes those).
      if (kind == LaneCall::kListLength || !call.constants[p] || !call.constants[p]->is_string()) {
        return LaneCall::kNone;
      }
      continue;
    }
    const frontend::Type type = program.node(node.operands[operand]).type;
    const bool fits = kind == LaneCall::kListLength
                          ? type != nullptr && type->kind == frontend::TypeKind::kList
                          : IsStringType(type);
    if (!fits) return LaneCall::kNone;
  }
  return kind;
}

bool IsScalarType(frontend::Type type) { return EveryAlternative(type, IsScalarKind); }

std::vector<uint8_t> LaneNodes(const ir::Program& program) {
  std::vector<uint8_t> lane(program.nodes.size(), 0);
  const std::vector<bool> read_by_rule_only = ir::ReadByRuleOnly(program);
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    lane[i] = IsLaneNode(program, program.nodes[i], read_by_rule_only, lane);
  }
  return lane;
}

bool IsRuleOrWhenRulesLane(const ir::Program& program, int32_t id) {
  const ir::Op op = program.nodes[id].op;
  return op == ir::Op::kRule || op == ir::Op::kWhenRules;
}

bool IsMirrored(const ir::Program& program, const std::vector<uint8_t>& lane_nodes, int32_t id) {
  return !lane_nodes[id] && IsLaneVisibleType(program.nodes[id].type);
}

std::vector<uint8_t> LanesWrittenByRuntime(const ir::Program& program,
                                           const std::vector<uint8_t>& lane_nodes) {
  std::vector<uint8_t> written(program.nodes.size(), 0);
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    written[i] = lane_nodes[i] || IsMirrored(program, lane_nodes, static_cast<int32_t>(i));
  }
  return written;
}

}  // namespace osprey::codegen
