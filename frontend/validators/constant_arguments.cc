// ConstExpr argument resolution (see internal/constant_arguments.h), following the reference's
// ValidateCallKwargs and ConstExpr.resolve.
#include "frontend/internal/constant_arguments.h"

#include <string>

#include "absl/strings/str_format.h"
#include "frontend/internal/call_arguments.h"
#include "frontend/internal/str_cat.h"
#include "frontend/subset_check.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

// The literal node kinds of the reference's grammar that a ConstExpr may require.
enum class LiteralKind : uint8_t { kString, kNumber, kBoolean, kNone, kList };

std::optional<LiteralKind> KindOf(Type type) {
  switch (type->kind) {
    case TypeKind::kStr:
      return LiteralKind::kString;
    case TypeKind::kInt:
    case TypeKind::kFloat:
      return LiteralKind::kNumber;
    case TypeKind::kBool:
      return LiteralKind::kBoolean;
    case TypeKind::kNone:
      return LiteralKind::kNone;
    case TypeKind::kList:
      return LiteralKind::kList;
    default:
      return std::nullopt;
  }
}

std::string_view KindName(LiteralKind kind) {
  switch (kind) {
    case LiteralKind::kString:
      return "String";
    case LiteralKind::kNumber:
      return "Number";
    case LiteralKind::kBoolean:
      return "Boolean";
    case LiteralKind::kNone:
      return "None_";
    case LiteralKind::kList:
      return "List";
  }
  return "";
}

bool HasKind(const Expr& e, LiteralKind kind) {
  switch (kind) {
    case LiteralKind::kString:
      return e.kind == ExprKind::kString;
    case LiteralKind::kNumber:
      return e.kind == ExprKind::kInteger || e.kind == ExprKind::kFloat;
    case LiteralKind::kBoolean:
      return e.kind == ExprKind::kBoolean;
    case LiteralKind::kNone:
      return e.kind == ExprKind::kNone;
    case LiteralKind::kList:
      return e.kind == ExprKind::kList;
  }
  return false;
}

bool IsLiteral(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kString:
    case ExprKind::kInteger:
    case ExprKind::kFloat:
    case ExprKind::kBoolean:
    case ExprKind::kNone:
    case ExprKind::kList:
      return true;
    default:
      return false;
  }
}

// The value of a scalar literal; `negated` for a folded `-<number>`.
ConstValue ScalarValue(const Expr& e, bool negated) {
  switch (e.kind) {
    case ExprKind::kString:
      return {std::string(e.text)};
    case ExprKind::kInteger: {
      // Python's integers are unbounded: beyond int64, the literal's text.
      if ((e.flags & ast::kIntegerOverflow) != 0) return BigIntegerLiteral(e.text, negated);
      return {negated ? -e.int_value : e.int_value};
    }
    case ExprKind::kFloat:
      return {negated ? -e.float_value : e.float_value};
    case ExprKind::kBoolean:
      return {e.bool_value};
    default:
      return {};
  }
}

// A rough rendering of the reference's node repr, for the unary-operation message.
std::string NodeRepr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kName:
      return StrCat({"Name(identifier='", e.text, "', context=Load())"});
    case ExprKind::kBoolean:
      return e.bool_value ? "Boolean(value=True)" : "Boolean(value=False)";
    case ExprKind::kString:
      return StrCat({"String(value='", e.text, "')"});
    case ExprKind::kNone:
      return "None_()";
    default:
      return StrCat({SmlNodeName(e.kind), "(...)"});
  }
}

class Resolver {
 public:
  Resolver(ValidationContext& ctx, bool report) : ctx_(ctx), report_(report) {}

  ResolvedConstant Resolve(FileId file, ExprId value, Type type) {
    ResolvedConstant result;
    result.node = {file, value, false};
    std::optional<LiteralKind> kind = KindOf(type);
    if (!kind) return result;  // Not a type the registry uses for constants.

    const Expr* e = &Get(result.node);
    if (e->kind == ExprKind::kName) {
      if (std::optional<ConstantNode> target = ResolveName(file, e->text)) {
        result.node = *target;
        e = &Get(result.node);
      } else {
        Error(result.node, StrCat({"name `", e->text, "` could not be resolved to a `Literal"}),
              StrCat({"currently literal resolutions are only one layer deep so you can't do a "
                      "= b = c = 1\nperhaps variable `",
                      e->text, "` is undefined?"}));
      }
    }
    if (e->kind == ExprKind::kUnary) {
      const Expr& operand = ctx_.module(result.node.file).expr(e->left);
      bool negate = static_cast<ast::UnaryOp>(e->op) == ast::UnaryOp::kNegate;
      if (negate && (operand.kind == ExprKind::kInteger || operand.kind == ExprKind::kFloat)) {
        result.node = {result.node.file, e->left, true};
        e = &operand;
      } else {
        Error(result.node,
              StrCat({"`", negate ? "USub()" : "Not()", "` not supported\nor ", NodeRepr(operand),
                      " is incorrect type"}),
              "currently only the USub UnaryOperation is supported in arguments\nthe operand "
              "must be of type `int` or `float`");
      }
    }
    if (!HasKind(*e, *kind)) {
      WrongKind(result.node, *kind);
      return result;
    }
    if (*kind != LiteralKind::kList) {
      result.value = ScalarValue(*e, result.node.negated);
      return result;
    }
    std::optional<LiteralKind> item_kind = KindOf(type->args[0]);
    ConstList items;
    for (ExprId item : ctx_.module(result.node.file).items(*e)) {
      ConstantNode item_node{result.node.file, item, false};
      if (!item_kind || !HasKind(Get(item_node), *item_kind)) {
        if (item_kind) WrongKind(item_node, *item_kind);
        return result;
      }
      items.push_back(ScalarValue(Get(item_node), false));
    }
    result.value = ConstValue{std::move(items)};
    return result;
  }

 private:
  // One level of name resolution: a feature's assigned value, wherever it is defined, or the
  // literal assigned to a local of `file`.
  std::optional<ConstantNode> ResolveName(FileId file, std::string_view name) {
    bool local = !name.empty() && name[0] == '_';
    const StringMap<Definition>* definitions = &ctx_.features;
    if (local) {
      if (file.value >= ctx_.locals.size()) return std::nullopt;
      definitions = &ctx_.locals[file.value];
    }
    auto it = definitions->find(name);
    if (it == definitions->end()) return std::nullopt;
    const Definition& definition = it->second;
    ExprId value = ctx_.module(definition.file).statements()[definition.statement_index].value;
    if (!value.valid()) return std::nullopt;
    ConstantNode node{definition.file, value, false};
    if (local && !IsLiteral(Get(node))) return std::nullopt;
    return node;
  }

  void WrongKind(const ConstantNode& node, LiteralKind expected) {
    Error(node, StrCat({"invalid argument type: `", SmlNodeName(Get(node).kind), "`"}),
          StrCat({"expected type `", KindName(expected), "`"}));
  }

  void Error(const ConstantNode& node, std::string message, std::string hint) {
    if (!report_) return;
    ctx_.sink.Error(DiagnosticKind::kConstantArgument, ctx_.At(node.file, Get(node).span),
                    SpanLength(Get(node).span), std::move(message), std::move(hint));
  }

  const Expr& Get(const ConstantNode& node) const { return ctx_.module(node.file).expr(node.expr); }

  ValidationContext& ctx_;
  bool report_;
};

}  // namespace

ResolvedConstant ResolveConstant(ValidationContext& ctx, FileId file, ExprId value, Type type,
                                 bool report) {
  return Resolver(ctx, report).Resolve(file, value, type);
}

std::optional<ConstantNode> FindConstantNode(ValidationContext& ctx, FileId file, ExprId call,
                                             const BoundCall& bound, std::string_view param) {
  int index = ParamIndex(bound, param);
  if (index < 0) return std::nullopt;
  ExprId value = ArgumentExpr(ctx.module(file), call, bound, param);
  if (!value.valid()) return std::nullopt;
  return ResolveConstant(ctx, file, value, bound.udf->params[index].type, false).node;
}

}  // namespace osprey::frontend::internal
