// Resolution of ConstExpr arguments (spec §3.4.2): the literal a constant parameter receives,
// found the way the reference's ValidateCallKwargs finds it. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_CONSTANT_ARGUMENTS_H_
#define OSPREY_FRONTEND_INTERNAL_CONSTANT_ARGUMENTS_H_

#include <optional>
#include <string_view>

#include "frontend/ast.h"
#include "frontend/const_value.h"
#include "frontend/internal/validation_context.h"
#include "frontend/types.h"

namespace osprey::frontend::internal {

// Where a constant's value was found: the literal node after resolving a name one level and
// folding `-<number>` (then the number itself, whose value is negated). It may be in another file
// than the call, when the argument names a feature defined there.
struct ConstantNode {
  FileId file;
  ast::ExprId expr;
  bool negated = false;
};

struct ResolvedConstant {
  ConstantNode node;
  std::optional<ConstValue> value;  // Absent when an error was found.
};

// Resolves the keyword value `value` (in `file`) of a ConstExpr parameter of type `type`:
//   * a Name is replaced by the value of the feature's assignment (features are global), or for
//     a local of this file by its assigned value when that is a literal; anything else is
//     "name `X` could not be resolved to a `Literal";
//   * `-<number>` is folded; another unary operation is "`USub()` not supported ...";
//   * the node must then be the literal kind of `type` (String, Number, Boolean, None_, or a List
//     whose items, unresolved, are each of the item kind): "invalid argument type: `Number`".
// Errors (ConstantArgument) are reported into ctx.sink only when `report` is true.
ResolvedConstant ResolveConstant(ValidationContext& ctx, FileId file, ast::ExprId value, Type type,
                                 bool report);

// The constant node of parameter `param` of a bound call in `file`, for locating messages about
// its value; nullopt when the default applies or the parameter does not exist.
std::optional<ConstantNode> FindConstantNode(ValidationContext& ctx, FileId file, ast::ExprId call,
                                             const BoundCall& bound, std::string_view param);

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_CONSTANT_ARGUMENTS_H_
