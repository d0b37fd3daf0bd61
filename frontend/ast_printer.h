// A stable text form of the syntax tree, for golden tests and `osprey-jit parse --dump`.
#ifndef OSPREY_FRONTEND_AST_PRINTER_H_
#define OSPREY_FRONTEND_AST_PRINTER_H_

#include <string>

#include "frontend/ast.h"

namespace osprey::frontend {

// One statement per line, expressions as S-expressions:
//   (assign UserId : Entity[str] (call EntityJson type="User" path="$.user_id"))
//   (call Import rules=(list "a.sml" "b.sml"))
// Strings are printed with JSON-style escapes; floats with enough digits to round-trip.
std::string PrintModule(const ast::Module& module);
std::string PrintExpr(const ast::Module& module, ast::ExprId id);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_AST_PRINTER_H_
