#include "codegen/jit/lane_nodes.h"

#include "ir/rule_operands.h"

namespace osprey::codegen {
namespace {

bool IsScalarConstant(const frontend::ConstValue& value) {
  return value.is_none() || value.is_bool() || value.is_int() || value.is_float();
}

bool OperandsAreScalar(const ir::Program& program, const ir::Node& node) {
  for (ir::NodeId operand : node.operands) {
    if (!IsScalarType(program.node(operand).type)) return false;
  }
  return true;
}

// `lane` holds the answer for every node before `node` (operands have smaller ids).
bool IsLaneNode(const ir::Program& program, const ir::Node& node,
                const std::vector<bool>& read_by_rule_only, const std::vector<bool>& lane) {
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
    case ir::Op::kCompare: {
      auto op = static_cast<ir::CompareOp>(node.detail);
      return op != ir::CompareOp::kIn && op != ir::CompareOp::kNotIn &&
             OperandsAreScalar(program, node);
    }
    case ir::Op::kBinary:
    case ir::Op::kNegate:
      return IsScalarType(node.type) && OperandsAreScalar(program, node);
    default:
      return false;
  }
}

}  // namespace

bool IsScalarType(frontend::Type type) {
  if (type == nullptr) return false;
  switch (type->kind) {
    case frontend::TypeKind::kNone:
    case frontend::TypeKind::kBool:
    case frontend::TypeKind::kInt:
    case frontend::TypeKind::kFloat:
      return true;
    case frontend::TypeKind::kUnion:
      for (frontend::Type alternative : type->args) {
        if (!IsScalarType(alternative)) return false;
      }
      return true;
    default:
      return false;
  }
}

std::vector<bool> LaneNodes(const ir::Program& program) {
  std::vector<bool> lane(program.nodes.size(), false);
  const std::vector<bool> read_by_rule_only = ir::ReadByRuleOnly(program);
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    lane[i] = IsLaneNode(program, program.nodes[i], read_by_rule_only, lane);
  }
  return lane;
}

bool IsRuntimeLane(const ir::Program& program, int32_t id) {
  const ir::Op op = program.nodes[id].op;
  return op == ir::Op::kRule || op == ir::Op::kWhenRules;
}

bool IsMirrored(const ir::Program& program, const std::vector<bool>& lane_nodes, int32_t id) {
  return !lane_nodes[id] && IsScalarType(program.nodes[id].type);
}

std::vector<bool> LanesWrittenByRuntime(const ir::Program& program,
                                        const std::vector<bool>& lane_nodes) {
  std::vector<bool> written(program.nodes.size(), false);
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    written[i] = lane_nodes[i] || IsMirrored(program, lane_nodes, static_cast<int32_t>(i));
  }
  return written;
}

}  // namespace osprey::codegen
