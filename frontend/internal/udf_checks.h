// The per-function validation checks (UdfCheck rows), run by CheckCallKwargs once a call's
// keywords are bound and its ConstExpr arguments resolved. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_UDF_CHECKS_H_
#define OSPREY_FRONTEND_INTERNAL_UDF_CHECKS_H_

#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {

// One call being checked.
struct CallSite {
  FileId file;
  uint32_t statement_index = 0;
  ast::ExprId call;
  // The statement is `Target = <this call>` (directly, not nested): the target's Name expr.
  ast::ExprId assigned_to;
  const BoundCall* bound = nullptr;
};

// Dispatches on site.bound->udf->check. Returns false when it reported an error.
bool RunUdfCheck(ValidationContext& ctx, const CallSite& site);

// Checks implemented next to the validators they belong with.
bool CheckHasLabelCall(ValidationContext& ctx, const CallSite& site);        // labels.cc
bool CheckExperimentCall(ValidationContext& ctx, const CallSite& site);      // experiments.cc
bool CheckExperimentWhenCall(ValidationContext& ctx, const CallSite& site);  // experiments.cc

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_UDF_CHECKS_H_
