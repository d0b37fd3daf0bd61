// NoUnusedLocals (spec §2.5, §3.2.11): every local must be read somewhere in its file.
#include <string>
#include <string_view>
#include <vector>

#include "frontend/internal/str_cat.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

bool IsLocalName(std::string_view name) { return !name.empty() && name.front() == '_'; }

// One file's locals, counted the way the reference counts them: walking the file in order, a
// store registers a local (its first store is where an unused one is reported), and a load
// counts only for a local already registered. So a read before the assignment does not count,
// while a read from the value of another, itself unused, local does.
class LocalUseCounter {
 public:
  explicit LocalUseCounter(const ast::Module& module) : module_(module) {}

  void Run() {
    for (const ast::Stmt& stmt : module_.statements()) {
      if (stmt.kind == ast::StmtKind::kAssign && stmt.target.valid()) {
        const Expr& target = module_.expr(stmt.target);
        if (IsLocalName(target.text) && !uses_.contains(target.text)) {
          uses_.try_emplace(target.text, 0);
          order_.push_back(stmt.target);
        }
      }
      Visit(stmt.value);
    }
  }

  // The first store of each local never read, in file order.
  std::vector<ExprId> Unused() const {
    std::vector<ExprId> unused;
    for (ExprId target : order_) {
      if (uses_.find(module_.expr(target).text)->second == 0) unused.push_back(target);
    }
    return unused;
  }

 private:
  void Load(std::string_view name) {
    if (auto it = uses_.find(name); it != uses_.end()) ++it->second;
  }

  void Visit(ExprId id) {
    if (!id.valid()) return;
    const Expr& e = module_.expr(id);
    switch (e.kind) {
      case ExprKind::kName:
        Load(e.text);
        break;
      case ExprKind::kCall:
        // The reference counts a callee name as a read too. Calling a local is an unknown
        // function error anyway; counting it keeps this validator's verdict the same.
        Load(module_.CalleeName(e));
        break;
      default:
        break;
    }
    ast::ForEachChild(module_, e, [this](ExprId child) { Visit(child); });
  }

  const ast::Module& module_;
  StringMap<int> uses_;
  std::vector<ExprId> order_;
};

}  // namespace

bool CheckUnusedLocals(ValidationContext& ctx) {
  size_t errors_before = ctx.sink.error_count();
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    const ast::Module& module = ctx.module(file);
    LocalUseCounter counter(module);
    counter.Run();
    for (ExprId target : counter.Unused()) {
      const Expr& name = module.expr(target);
      ctx.sink.Error(
          DiagnosticKind::kUnusedLocal, ctx.At(file, name.span), name.span.end - name.span.begin,
          StrCat({"unused local variable: `", name.text, "`"}),
          "this local is never read, so assigning it has no effect; remove it or use it");
    }
  }
  return ctx.sink.error_count() == errors_before;
}

}  // namespace osprey::frontend::internal
