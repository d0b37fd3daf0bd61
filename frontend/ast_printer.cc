#include "frontend/ast_printer.h"

#include "absl/strings/str_format.h"
#include "frontend/internal/str_cat.h"

namespace osprey::frontend {
namespace {

using ast::Expr;
using ast::ExprKind;

void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendAnnotation(const ast::Module& module, const ast::Annotation& annotation,
                      std::string* out) {
  out->append(annotation.name);
  if (!annotation.generic) return;
  out->push_back('[');
  bool first = true;
  for (ast::AnnotationId variant : module.variants(annotation)) {
    if (!first) out->append(", ");
    first = false;
    AppendAnnotation(module, module.annotation(variant), out);
  }
  out->push_back(']');
}

void AppendExpr(const ast::Module& module, ast::ExprId id, std::string* out) {
  const Expr& e = module.expr(id);
  auto items = [&](std::string_view head) {
    internal::StrAppend(out, {"(", head});
    for (ast::ExprId item : module.items(e)) {
      out->push_back(' ');
      AppendExpr(module, item, out);
    }
    out->push_back(')');
  };
  switch (e.kind) {
    case ExprKind::kName:
      out->append(e.text);
      return;
    case ExprKind::kString:
      AppendQuoted(e.text, out);
      return;
    case ExprKind::kInteger:
      if (e.flags & ast::kIntegerOverflow) {
        internal::StrAppend(out, {"(bigint ", e.text, ")"});
      } else {
        internal::StrAppend(out, {std::to_string(e.int_value)});
      }
      return;
    case ExprKind::kFloat:
      absl::StrAppendFormat(out, "%.17g", e.float_value);
      return;
    case ExprKind::kBoolean:
      out->append(e.bool_value ? "True" : "False");
      return;
    case ExprKind::kNone:
      out->append("None");
      return;
    case ExprKind::kList:
      return items("list");
    case ExprKind::kFormatString:
      out->append("(fstring ");
      AppendQuoted(e.text, out);
      for (ast::ExprId item : module.items(e)) {
        out->push_back(' ');
        AppendExpr(module, item, out);
      }
      out->push_back(')');
      return;
    case ExprKind::kCall:
      out->append("(call ");
      AppendExpr(module, e.left, out);
      for (const ast::Keyword& keyword : module.keywords(e)) {
        internal::StrAppend(out, {" ", keyword.name, "="});
        AppendExpr(module, keyword.value, out);
      }
      out->push_back(')');
      return;
    case ExprKind::kBinary:
    case ExprKind::kComparison: {
      std::string_view symbol = e.kind == ExprKind::kBinary
                                    ? ast::BinaryOpSymbol(static_cast<ast::BinaryOp>(e.op))
                                    : ast::CompareOpSymbol(static_cast<ast::CompareOp>(e.op));
      internal::StrAppend(out, {"(", symbol, " "});
      AppendExpr(module, e.left, out);
      out->push_back(' ');
      AppendExpr(module, e.right, out);
      out->push_back(')');
      return;
    }
    case ExprKind::kUnary:
      internal::StrAppend(out, {"(", ast::UnaryOpSymbol(static_cast<ast::UnaryOp>(e.op)), " "});
      AppendExpr(module, e.left, out);
      out->push_back(')');
      return;
    case ExprKind::kBooleanOp:
      return items(static_cast<ast::BoolOp>(e.op) == ast::BoolOp::kAnd ? "and" : "or");
    case ExprKind::kAttribute:
      out->append("(attribute ");
      AppendExpr(module, e.left, out);
      internal::StrAppend(out, {" ", e.text, ")"});
      return;
    case ExprKind::kSubscript:
      out->append("(subscript ");
      AppendExpr(module, e.left, out);
      items("");
      out->push_back(')');
      return;
    case ExprKind::kFormatFieldSpec:
      out->append("(field-with-spec ");
      AppendExpr(module, e.left, out);
      out->push_back(')');
      return;
    case ExprKind::kUnsupported:
      return items(internal::StrCat({"unsupported ", e.text}));
    case ExprKind::kUnsupportedConstant:
      internal::StrAppend(out, {"(unsupported-constant ", e.text, ")"});
      return;
  }
}

}  // namespace

std::string PrintExpr(const ast::Module& module, ast::ExprId id) {
  std::string out;
  AppendExpr(module, id, &out);
  return out;
}

std::string PrintModule(const ast::Module& module) {
  std::string out;
  for (const ast::Stmt& stmt : module.statements()) {
    switch (stmt.kind) {
      case ast::StmtKind::kAssign:
        out.append("(assign ");
        AppendExpr(module, stmt.target, &out);
        if (stmt.annotation.valid()) {
          out.append(" : ");
          AppendAnnotation(module, module.annotation(stmt.annotation), &out);
        }
        if (stmt.value.valid()) {
          out.push_back(' ');
          AppendExpr(module, stmt.value, &out);
        }
        out.append(")\n");
        break;
      case ast::StmtKind::kCall:
      case ast::StmtKind::kExpression:
        AppendExpr(module, stmt.value, &out);
        out.push_back('\n');
        break;
      case ast::StmtKind::kUnsupported:
        internal::StrAppend(&out, {"(unsupported-statement ", stmt.text, ")\n"});
        break;
    }
  }
  return out;
}

}  // namespace osprey::frontend
