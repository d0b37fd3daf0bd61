// Reading a bound call's arguments by parameter name. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_CALL_ARGUMENTS_H_
#define OSPREY_FRONTEND_INTERNAL_CALL_ARGUMENTS_H_

#include <cstdint>
#include <string_view>

#include "frontend/ast.h"
#include "frontend/const_value.h"
#include "frontend/validate.h"

namespace osprey::frontend::internal {

// The index of `name` in the call's parameters, or -1.
inline int ParamIndex(const BoundCall& call, std::string_view name) {
  for (size_t i = 0; i < call.udf->params.size(); ++i) {
    if (call.udf->params[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// The expression passed for parameter `name`, or an invalid id when the default applies.
inline ast::ExprId ArgumentExpr(const ast::Module& module, ast::ExprId call_expr,
                                const BoundCall& call, std::string_view name) {
  int param = ParamIndex(call, name);
  if (param < 0 || static_cast<size_t>(param) >= call.argument_of_param.size()) return {};
  int32_t keyword = call.argument_of_param[param];
  if (keyword < 0) return {};
  return module.keywords(module.expr(call_expr))[keyword].value;
}

// The resolved value of ConstExpr parameter `name` (the literal or the default), or null.
inline const ConstValue* ConstantArgument(const BoundCall& call, std::string_view name) {
  int param = ParamIndex(call, name);
  if (param < 0 || static_cast<size_t>(param) >= call.constants.size()) return nullptr;
  const std::optional<ConstValue>& value = call.constants[param];
  return value ? &*value : nullptr;
}

inline uint32_t SpanLength(ast::Span span) {
  return span.end > span.begin ? span.end - span.begin : 1;
}

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_CALL_ARGUMENTS_H_
