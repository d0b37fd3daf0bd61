#include "codegen/jit/lane_nodes.h"

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

bool IsLaneNode(const ir::Program& program, const ir::Node& node) {
  switch (node.op) {
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
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    lane[i] = IsLaneNode(program, program.nodes[i]);
  }
  return lane;
}

}  // namespace osprey::codegen
