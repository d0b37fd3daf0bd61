// UniqueStoredNames (spec §2.5, §3.2.1): a feature is assigned once across all rule files, a
// local once in its file. Establishes ctx.features and ctx.locals for the later validators.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

bool IsLocalName(std::string_view name) { return !name.empty() && name.front() == '_'; }

// Every definition of one name, in the order the reference walks them (files by path, then
// statements), and the order in which names were first defined, so that reports and the
// resulting maps do not depend on hash order.
struct DefinitionsByName {
  StringMap<std::vector<Definition>> by_name;
  std::vector<std::string> first_seen;

  void Add(std::string_view name, Definition definition) {
    auto [it, inserted] = by_name.try_emplace(name);
    if (inserted) first_seen.emplace_back(name);
    it->second.push_back(definition);
  }
};

// Keeps the unique definitions in `unique`, and reports every name defined more than once at
// its first definition, with a note for each other one, as the reference does.
void ResolveDefinitions(ValidationContext& ctx, const DefinitionsByName& definitions,
                        DiagnosticKind kind, std::string_view message, std::string_view hint,
                        StringMap<Definition>& unique) {
  for (const std::string& name : definitions.first_seen) {
    const std::vector<Definition>& all = definitions.by_name.find(name)->second;
    if (all.size() == 1) {
      unique.try_emplace(name, all.front());
      continue;
    }
    auto location_of = [&](const Definition& d, uint32_t* length) {
      ast::Span span = ctx.module(d.file).expr(d.target).span;
      *length = span.end - span.begin;
      return ctx.At(d.file, span);
    };
    Diagnostic diagnostic;
    diagnostic.kind = kind;
    diagnostic.location = location_of(all.front(), &diagnostic.length);
    diagnostic.message = std::string(message);
    diagnostic.hints.emplace_back(hint);
    for (size_t i = 1; i < all.size(); ++i) {
      DiagnosticNote note;
      note.message = i == 1 ? "also defined here:" : "and here:";
      note.location = location_of(all[i], &note.length);
      diagnostic.notes.push_back(std::move(note));
    }
    ctx.sink.Report(std::move(diagnostic));
  }
}

}  // namespace

bool CheckUniqueStoredNames(ValidationContext& ctx) {
  size_t errors_before = ctx.sink.error_count();
  ctx.features.clear();
  ctx.locals.assign(ctx.modules().size(), {});

  DefinitionsByName features;
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    const ast::Module& module = ctx.module(file);
    DefinitionsByName locals;
    const std::vector<ast::Stmt>& statements = module.statements();
    for (uint32_t i = 0; i < statements.size(); ++i) {
      const ast::Stmt& stmt = statements[i];
      // After CheckSubset the only stored names are the targets of assignments.
      if (stmt.kind != ast::StmtKind::kAssign || !stmt.target.valid()) continue;
      const ast::Expr& target = module.expr(stmt.target);
      if (target.kind != ast::ExprKind::kName) continue;
      Definition definition{file, i, stmt.target};
      if (IsLocalName(target.text)) {
        locals.Add(target.text, definition);
      } else {
        features.Add(target.text, definition);
      }
    }
    ResolveDefinitions(ctx, locals, DiagnosticKind::kDuplicateLocal,
                       "local variables must be unique in their file",
                       "this local variable is assigned more than once in this file",
                       ctx.locals[file.value]);
  }
  ResolveDefinitions(ctx, features, DiagnosticKind::kDuplicateFeature,
                     "features must be unique across all rule files",
                     "this feature is assigned in more than one place; features are global, so "
                     "each may be assigned only once",
                     ctx.features);
  return ctx.sink.error_count() == errors_before;
}

}  // namespace osprey::frontend::internal
