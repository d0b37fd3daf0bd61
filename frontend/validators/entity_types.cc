// FeatureNameToEntityTypeMapping (spec §3.2.7): the entity type of each feature stored from an
// entity constructor, for the label validator and the UI.
#include "frontend/internal/call_arguments.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {

bool MapFeatureEntityTypes(ValidationContext& ctx) {
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    const ast::Module& module = ctx.module(file);
    const ModuleFacts& facts = ctx.result.facts[file.value];
    const std::vector<ast::Stmt>& statements = module.statements();
    for (uint32_t i = 0; i < statements.size(); ++i) {
      const ast::Stmt& stmt = statements[i];
      if (stmt.kind != ast::StmtKind::kAssign || !stmt.target.valid() || !stmt.value.valid()) {
        continue;
      }
      const ast::Expr& target = module.expr(stmt.target);
      if (target.kind != ast::ExprKind::kName || target.text.starts_with('_')) continue;
      auto bound = facts.calls.find(stmt.value.value);
      if (bound == facts.calls.end() || bound->second.udf == nullptr) continue;
      const std::string& udf = bound->second.udf->name;
      if (udf != "Entity" && udf != "EntityJson") continue;
      const ConstValue* type = ConstantArgument(bound->second, "type");
      if (type == nullptr || !type->is_string()) continue;
      FeatureInfo& info = ctx.result.features[target.text];
      info.file = file;
      info.statement_index = i;
      info.entity_type = type->as_string();
    }
  }
  return true;
}

}  // namespace osprey::frontend::internal
