// ValidateDynamicCallsHaveAnnotatedRValue (spec §3.2.5): a call whose result type is only known
// at run time (JsonData, EntityJson) must be the whole value of an annotated assignment, whose
// annotation becomes the result's runtime check and its static type.
#include <string>

#include "frontend/internal/annotations.h"
#include "frontend/internal/str_cat.h"
#include "frontend/internal/type_rules.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

class DynamicCallChecker {
 public:
  DynamicCallChecker(ValidationContext& ctx, FileId file)
      : ctx_(ctx), file_(file), module_(ctx.module(file)) {}

  bool Run() {
    for (const ast::Stmt& stmt : module_.statements()) {
      if (!stmt.value.valid()) continue;
      Walk(stmt.value, stmt.kind == ast::StmtKind::kAssign ? &stmt : nullptr);
    }
    return ok_;
  }

 private:
  // `assign` is the assignment whose whole value `id` is, if any.
  void Walk(ast::ExprId id, const ast::Stmt* assign) {
    const ast::Expr& e = module_.expr(id);
    switch (e.kind) {
      case ast::ExprKind::kCall:
        CheckCall(e, assign);
        for (const ast::Keyword& keyword : module_.keywords(e)) Walk(keyword.value, nullptr);
        return;
      case ast::ExprKind::kBinary:
      case ast::ExprKind::kComparison:
        Walk(e.left, nullptr);
        Walk(e.right, nullptr);
        return;
      case ast::ExprKind::kUnary:
        Walk(e.left, nullptr);
        return;
      case ast::ExprKind::kList:
      case ast::ExprKind::kFormatString:
      case ast::ExprKind::kBooleanOp:
        for (ast::ExprId item : module_.items(e)) Walk(item, nullptr);
        return;
      default:
        return;
    }
  }

  void Error(ast::Span span, std::string message, std::string hint) {
    ctx_.sink.Error(DiagnosticKind::kDynamicCallAnnotation, ctx_.At(file_, span),
                    std::max<uint32_t>(1, span.end - span.begin), std::move(message),
                    std::move(hint));
    ok_ = false;
  }

  std::string_view Text(ast::Span span) const {
    return ctx_.sources().file(file_).text().substr(span.begin, span.end - span.begin);
  }

  void CheckCall(const ast::Expr& call, const ast::Stmt* assign) {
    std::string_view name = module_.CalleeName(call);
    const UdfSignature* udf = ctx_.udfs.Find(name);
    if (udf == nullptr || udf->return_kind != ReturnKind::kDynamic) return;
    bool generic = ContainsTypeVar(udf->return_type);

    if (assign == nullptr) {
      // Suggest a realistic annotation: the generic shape over `str`, or plain `str`.
      Type example = generic ? SubstituteTypeVar(udf->return_type, types::Str()) : types::Str();
      Error(call.span,
            StrCat({"`", name,
                    "(...)` returns a dynamic result, and thus must be assigned to a variable with "
                    "a type annotation"}),
            StrCat({"assign it to a variable before using it:\n`SomeVariable: ", TypeName(example),
                    " = ", Text(call.span), "`"}));
      return;
    }
    std::string_view target = module_.expr(assign->target).text;
    if (!assign->annotated || !assign->annotation.valid()) {
      Error(assign->span,
            StrCat({"`", name,
                    "(...)` returns a dynamic result, and the assignment must have a type "
                    "annotation"}),
            StrCat({"add a type annotation, like: `", target, ": str = ", name, "(...)`"}));
      return;
    }
    AnnotationConversion conversion = ConvertAnnotation(module_, assign->annotation, target);
    if (!conversion.ok()) {
      ReportAnnotationError(ctx_, file_, conversion.error);
      ok_ = false;
      return;
    }
    if (generic) {
      // The annotation must have the generic result's shape: `Entity[int]` fits `Entity[~_T]`,
      // `str` does not.
      Type shape = SubstituteTypeVar(udf->return_type, types::Any());
      if (Compatible(conversion.annotation->type, shape) == Fit::kNo) {
        Error(module_.annotation(assign->annotation).span,
              "annotation is incompatible with generic return type",
              StrCat({"annotation is incompatible with `", name, "` return type ",
                      Quoted(udf->return_type)}));
      }
    }
  }

  ValidationContext& ctx_;
  FileId file_;
  const ast::Module& module_;
  bool ok_ = true;
};

}  // namespace

bool CheckDynamicCalls(ValidationContext& ctx) {
  bool ok = true;
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file) || !ctx.module(file).ok()) continue;
    ok = DynamicCallChecker(ctx, file).Run() && ok;
  }
  return ok;
}

}  // namespace osprey::frontend::internal
