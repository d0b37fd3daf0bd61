// RuleNameToDescriptionMapping (spec §3.2.9): each stored Rule's description, the raw string or
// the f-string's template, for the UI and for lowering.
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {

bool MapRuleDescriptions(ValidationContext& ctx) {
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    const ast::Module& module = ctx.module(file);
    const std::vector<ast::Stmt>& statements = module.statements();
    for (uint32_t i = 0; i < statements.size(); ++i) {
      const ast::Stmt& stmt = statements[i];
      if (stmt.kind != ast::StmtKind::kAssign || !stmt.target.valid() || !stmt.value.valid()) {
        continue;
      }
      const ast::Expr& target = module.expr(stmt.target);
      const ast::Expr& value = module.expr(stmt.value);
      // Rules must be stored in features; a local one was already rejected by the Rule check.
      if (target.kind != ast::ExprKind::kName || target.text.starts_with('_') ||
          value.kind != ast::ExprKind::kCall || module.CalleeName(value) != "Rule") {
        continue;
      }
      for (const ast::Keyword& keyword : module.keywords(value)) {
        if (keyword.name != "description") continue;
        const ast::Expr& description = module.expr(keyword.value);
        if (description.kind == ast::ExprKind::kString ||
            description.kind == ast::ExprKind::kFormatString) {
          FeatureInfo& info = ctx.result.features[target.text];
          info.file = file;
          info.statement_index = i;
          info.rule_description = std::string(description.text);
        }
        break;
      }
    }
  }
  return true;
}

}  // namespace osprey::frontend::internal
