// ValidateCallRValue (spec §3.2.10): a function with a result must not be called as a
// statement, and the result of one without must not be stored or used.
#include <string>
#include <string_view>

#include "frontend/internal/str_cat.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

// Where a call appears.
enum class Position { kStatement, kAssignedValue, kNested };

class CallChecker {
 public:
  CallChecker(ValidationContext& ctx, FileId file)
      : ctx_(ctx), file_(file), module_(ctx.module(file)) {}

  void Run() {
    for (const ast::Stmt& stmt : module_.statements()) {
      if (stmt.kind == ast::StmtKind::kCall) {
        Visit(stmt.value, Position::kStatement);
      } else if (stmt.kind == ast::StmtKind::kAssign) {
        Visit(stmt.value, Position::kAssignedValue);
      }
    }
  }

 private:
  void Visit(ExprId id, Position position) {
    if (!id.valid()) return;
    const Expr& e = module_.expr(id);
    switch (e.kind) {
      case ExprKind::kCall:
        CheckCall(e, position);
        for (const ast::Keyword& keyword : module_.keywords(e)) {
          Visit(keyword.value, Position::kNested);
        }
        break;
      case ExprKind::kList:
      case ExprKind::kFormatString:
      case ExprKind::kBooleanOp:
        for (ExprId item : module_.items(e)) Visit(item, Position::kNested);
        break;
      case ExprKind::kBinary:
      case ExprKind::kComparison:
        Visit(e.left, Position::kNested);
        Visit(e.right, Position::kNested);
        break;
      case ExprKind::kUnary:
        Visit(e.left, Position::kNested);
        break;
      default:
        break;
    }
  }

  // Looks the function up by name rather than in the bound calls, which are incomplete when the
  // keyword check failed; unknown functions are that check's business.
  void CheckCall(const Expr& call, Position position) {
    std::string_view callee = module_.CalleeName(call);
    const UdfSignature* udf = ctx_.udfs.Find(callee);
    if (udf == nullptr) return;
    SourceLocation location = ctx_.At(file_, call.span);
    uint32_t length = call.span.end - call.span.begin;
    if (udf->has_result()) {
      if (position != Position::kStatement) return;
      ctx_.sink.Error(DiagnosticKind::kUnusedCallResult, location, length,
                      "you must use the result of this function call",
                      StrCat({"`", callee,
                              "(...)` has a result, so it cannot be a statement: "
                              "assign it (`Foo = ",
                              callee, "(...)`) or pass it to another call"}));
      return;
    }
    if (position == Position::kAssignedValue) {
      ctx_.sink.Error(
          DiagnosticKind::kCallHasNoResult, location, length,
          "you cannot store the result of this function call because it has no return value",
          StrCat({"`", callee, "(...)` has no result; call it as a statement instead"}));
    } else if (position == Position::kNested) {
      ctx_.sink.Error(
          DiagnosticKind::kCallHasNoResult, location, length,
          "you cannot use the result of this function call because it has no return value",
          StrCat({"`", callee,
                  "(...)` has no result, so it cannot be an argument, list item or operand; "
                  "call it as a statement instead"}));
    }
  }

  ValidationContext& ctx_;
  FileId file_;
  const ast::Module& module_;
};

}  // namespace

bool CheckCallResultUse(ValidationContext& ctx) {
  size_t errors_before = ctx.sink.error_count();
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    CallChecker(ctx, file).Run();
  }
  return ctx.sink.error_count() == errors_before;
}

}  // namespace osprey::frontend::internal
