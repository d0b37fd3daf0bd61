// The SML subset of Python: which parsed constructs SML accepts, checked in the reference
// engine's order, and the resolution of assignment annotations.
#ifndef OSPREY_FRONTEND_SUBSET_CHECK_H_
#define OSPREY_FRONTEND_SUBSET_CHECK_H_

#include <string_view>

#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/source.h"

namespace osprey::frontend {

// Reports the first construct of `module` outside SML, in the order the reference engine's
// Python-to-SML transformer visits nodes, and returns false; else resolves every annotation
// (Stmt::annotation) and returns true.
bool CheckSubset(ast::Module& module, DiagnosticSink& sink);

// The name the reference engine gives an expression's node class in messages ("Number",
// "BinaryOperation", "FormatString").
std::string_view SmlNodeName(ast::ExprKind kind);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_SUBSET_CHECK_H_
