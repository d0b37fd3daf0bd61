#include "ir/typed_calls.h"

namespace osprey::ir {

bool ArgumentsHaveDeclaredTypes(const Program& program, const Node& call) {
  const Call& site = program.calls[call.payload];
  for (size_t p = 0; p < site.udf->params.size(); ++p) {
    const int32_t operand = site.operand_of_param[p];
    if (operand < 0) continue;
    const frontend::Type type = program.node(call.operands[operand]).type;
    if (type == nullptr || type->kind == frontend::TypeKind::kAny ||
        type->kind == frontend::TypeKind::kObject || frontend::IsNullable(type) ||
        !frontend::IsAssignable(type, site.udf->params[p].type)) {
      return false;
    }
  }
  return true;
}

}  // namespace osprey::ir
