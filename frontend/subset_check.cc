#include "frontend/subset_check.h"

#include <optional>
#include <string>
#include <vector>

#include "frontend/internal/str_cat.h"

namespace osprey::frontend {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

constexpr std::string_view kSubsetHint =
    "the Osprey rule language is a simplified subset of python\n"
    "not all Python is valid osprey rule syntax";
constexpr std::string_view kAnnotationHint =
    "annotation must be in the form of `Target: Annotation = Value`, where `Annotation` is a "
    "`Name` or `Name[Name, ...]`";

// Python's ast class for a parsed node, as named in "expected `Name`, got `Constant`".
std::string_view PythonNodeName(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kName:
      return "Name";
    case ExprKind::kString:
    case ExprKind::kInteger:
    case ExprKind::kFloat:
    case ExprKind::kBoolean:
    case ExprKind::kNone:
    case ExprKind::kUnsupportedConstant:
      return "Constant";
    case ExprKind::kList:
      return "List";
    case ExprKind::kFormatString:
      return "JoinedStr";
    case ExprKind::kCall:
      return "Call";
    case ExprKind::kBinary:
      return "BinOp";
    case ExprKind::kUnary:
      return "UnaryOp";
    case ExprKind::kComparison:
      return "Compare";
    case ExprKind::kBooleanOp:
      return "BoolOp";
    case ExprKind::kAttribute:
      return "Attribute";
    case ExprKind::kSubscript:
      return "Subscript";
    case ExprKind::kFormatFieldSpec:
      return "FormattedValue";
    case ExprKind::kUnsupported:
      return e.text;
  }
  return "?";
}

struct Error {
  DiagnosticKind kind;
  uint32_t offset;
  std::string message;
  std::string hint;
};

class SubsetChecker {
 public:
  explicit SubsetChecker(ast::Module& module) : module_(module) {}

  std::optional<Error> Run() {
    for (size_t i = 0; i < module_.statements().size() && !error_; ++i) CheckStatement(i);
    // Attribute access passes the reference's transformer but no later phase can use it; it
    // is reported only when the file has nothing worse.
    if (!error_ && attribute_error_) return attribute_error_;
    return error_;
  }

 private:
  const Expr& Get(ExprId id) const { return module_.expr(id); }
  bool Fail(DiagnosticKind kind, uint32_t offset, std::string message, std::string hint = "") {
    if (!error_) error_ = Error{kind, offset, std::move(message), std::move(hint)};
    return false;
  }

  void CheckStatement(size_t index) {
    ast::Stmt& stmt = module_.mutable_statements()[index];
    switch (stmt.kind) {
      case ast::StmtKind::kUnsupported:
        Fail(DiagnosticKind::kUnsupportedSyntax, stmt.span.begin,
             internal::StrCat({"unexpected node type `", stmt.text, "`"}),
             std::string(kSubsetHint));
        return;
      case ast::StmtKind::kExpression:
        Fail(DiagnosticKind::kBareExpression, stmt.span.begin,
             "a bare expression is not allowed, unless it is a function call",
             "consider prefixing this with a variable assignment: `Foo =`");
        return;
      case ast::StmtKind::kCall:
        CheckExpr(stmt.value);
        return;
      case ast::StmtKind::kAssign:
        break;
    }
    if (!stmt.annotated) {
      if (stmt.flags & ast::kMultipleTargets) {
        Fail(DiagnosticKind::kInvalidAssignment, stmt.span.begin,
             "an assignment can only have a single target");
        return;
      }
      if (!CheckTarget(stmt.target)) return;
      CheckExpr(stmt.value);
      return;
    }
    if (!CheckTarget(stmt.target)) return;
    if (!stmt.value.valid()) {
      Fail(DiagnosticKind::kMissingAssignmentValue, stmt.span.begin,
           "assignment must have a value");
      return;
    }
    if (!CheckExpr(stmt.value)) return;
    std::optional<ast::AnnotationId> annotation =
        ConvertAnnotation(stmt.annotation_expr, stmt.span.begin);
    if (!annotation) return;
    stmt.annotation = *annotation;
    if (module_.annotation(*annotation).name == "ExtractLiteral") {
      const Expr& value = Get(stmt.value);
      bool literal = value.kind == ExprKind::kString || value.kind == ExprKind::kInteger ||
                     value.kind == ExprKind::kFloat || value.kind == ExprKind::kBoolean ||
                     value.kind == ExprKind::kNone || value.kind == ExprKind::kList ||
                     value.kind == ExprKind::kFormatString;
      if (!literal) {
        Fail(DiagnosticKind::kExtractLiteralValue, value.span.begin,
             internal::StrCat(
                 {"expected `Literal` or `FormatString`, got `", SmlNodeName(value.kind), "`"}),
             "`ExtractLiteral` assignment expects an rvalue of type `Literal | FormatString`");
      }
    }
  }

  bool CheckTarget(ExprId id) {
    const Expr& target = Get(id);
    switch (target.kind) {
      case ExprKind::kName:
        return true;
      case ExprKind::kList:
        return Fail(DiagnosticKind::kInvalidAssignment, target.span.begin,
                    "a list can only be in the load context",
                    "this generally means that a list must not be on the left-hand side of an `=`");
      case ExprKind::kAttribute:
        if (!CheckExpr(id)) return false;
        return Fail(DiagnosticKind::kInvalidAssignment, target.span.begin,
                    "expected `Name`, got `Attribute`",
                    "you can only assign to a Name, e.g. `Foo = Bar`");
      default:
        if (!CheckExpr(id)) return false;
        return Fail(DiagnosticKind::kInvalidAssignment, target.span.begin,
                    internal::StrCat({"expected `Name`, got `", SmlNodeName(target.kind), "`"}),
                    "you can only assign to a Name, e.g. `Foo = Bar`");
    }
  }

  // Returns false once an error is recorded.
  bool CheckExpr(ExprId id) {
    const Expr& e = Get(id);
    switch (e.kind) {
      case ExprKind::kName:
      case ExprKind::kString:
      case ExprKind::kInteger:
      case ExprKind::kFloat:
      case ExprKind::kBoolean:
      case ExprKind::kNone:
        return true;
      case ExprKind::kUnsupportedConstant:
        return Fail(DiagnosticKind::kUnsupportedConstant, e.span.begin,
                    internal::StrCat({"unexpected constant `", e.text, "`"}));
      case ExprKind::kUnsupported:
        return Fail(DiagnosticKind::kUnsupportedSyntax, e.span.begin,
                    internal::StrCat({"unexpected node type `", e.text, "`"}),
                    std::string(kSubsetHint));
      case ExprKind::kSubscript:
        return Fail(DiagnosticKind::kUnsupportedSyntax, e.span.begin,
                    "unexpected node type `Subscript`", std::string(kSubsetHint));
      case ExprKind::kFormatFieldSpec:
        return Fail(DiagnosticKind::kInvalidFormatString, e.span.begin,
                    "a format string cannot have a format spec");
      case ExprKind::kList:
      case ExprKind::kBooleanOp:
        for (ExprId item : module_.items(e)) {
          if (!CheckExpr(item)) return false;
        }
        return true;
      case ExprKind::kFormatString:
        for (ExprId field : module_.items(e)) {
          const Expr& f = Get(field);
          if (f.kind == ExprKind::kFormatFieldSpec) {
            return Fail(DiagnosticKind::kInvalidFormatString, f.span.begin,
                        "a format string cannot have a format spec",
                        "format strings must be simple: `{Foo}` is OK, `{Foo!r}` is not");
          }
          if (f.kind != ExprKind::kName) {
            return Fail(DiagnosticKind::kInvalidFormatString, f.span.begin,
                        "a format string can only interpolate a `Name`",
                        "`{Foo}` is OK, but `{1 + 1}` or `{SomeFunc(bar=\"baz\")}` is not");
          }
        }
        return true;
      case ExprKind::kCall: {
        if (e.flags & ast::kCallHasPositional) {
          return Fail(DiagnosticKind::kPositionalArgument, e.span.begin,
                      "functions with non-keyword arguments are not supported",
                      "pass every argument by keyword: `F(name=value)`");
        }
        const Expr& callee = Get(e.left);
        if (!CheckExpr(e.left)) return false;
        if (callee.kind != ExprKind::kName && callee.kind != ExprKind::kAttribute) {
          return Fail(DiagnosticKind::kInvalidCallee, callee.span.begin,
                      internal::StrCat({"expected `Attribute` or `Name`, got `",
                                        SmlNodeName(callee.kind), "`"}));
        }
        for (const ast::Keyword& keyword : module_.keywords(e)) {
          if (!CheckExpr(keyword.value)) return false;
        }
        return true;
      }
      case ExprKind::kBinary:
        if (!CheckExpr(e.left) || !CheckExpr(e.right)) return false;
        if (static_cast<ast::BinaryOp>(e.op) == ast::BinaryOp::kMatMult) {
          return Fail(DiagnosticKind::kUnsupportedOperator, e.span.begin,
                      "unsupported operator `MatMult` encountered");
        }
        return true;
      case ExprKind::kUnary: {
        if (!CheckExpr(e.left)) return false;
        auto op = static_cast<ast::UnaryOp>(e.op);
        if (op == ast::UnaryOp::kPlus || op == ast::UnaryOp::kInvert) {
          return Fail(
              DiagnosticKind::kUnsupportedOperator, e.span.begin,
              internal::StrCat({"unsupported unary operator `",
                                op == ast::UnaryOp::kPlus ? "UAdd" : "Invert", "` encountered"}));
        }
        return true;
      }
      case ExprKind::kComparison: {
        if (e.flags & ast::kChainedComparison) {
          return Fail(DiagnosticKind::kChainedComparison, e.span.begin,
                      "only binary comparisons are supported",
                      "instead of `a < b < c`, consider: `a < b and b < c`");
        }
        if (!CheckExpr(e.left) || !CheckExpr(e.right)) return false;
        auto op = static_cast<ast::CompareOp>(e.op);
        if (op == ast::CompareOp::kIs || op == ast::CompareOp::kIsNot) {
          return Fail(
              DiagnosticKind::kUnsupportedOperator, e.span.begin,
              internal::StrCat({"unsupported comparator `",
                                op == ast::CompareOp::kIs ? "Is" : "IsNot", "` encountered"}),
              "compare with `==` or `!=`");
        }
        return true;
      }
      case ExprKind::kAttribute: {
        const Expr& value = Get(e.left);
        if (!CheckExpr(e.left)) return false;
        if (value.kind != ExprKind::kName) {
          return Fail(DiagnosticKind::kInvalidAttribute, value.span.begin,
                      internal::StrCat({"expected `Name`, got `", SmlNodeName(value.kind), "`"}),
                      "you can only access attributes one level deep");
        }
        if (!attribute_error_) {
          attribute_error_ = Error{DiagnosticKind::kInvalidAttribute, e.span.begin,
                                   "attribute access is not supported",
                                   "SML has no attributes; use a feature or a function instead"};
        }
        return true;
      }
    }
    return true;
  }

  // Osprey's annotation conversion: a name, `None`, `Name[...]`, or `A | B` flattened into
  // Optional[...] (when the last variant is None) or Union[...].
  std::optional<ast::AnnotationId> ConvertAnnotation(ExprId id, uint32_t statement_offset) {
    const Expr& e = Get(id);
    switch (e.kind) {
      case ExprKind::kName:
      case ExprKind::kNone: {
        ast::Annotation annotation{.name = e.kind == ExprKind::kNone ? "None" : e.text,
                                   .span = e.span};
        return module_.AddAnnotation(annotation, {});
      }
      case ExprKind::kSubscript: {
        const Expr& value = Get(e.left);
        if (value.kind != ExprKind::kName) {
          Fail(DiagnosticKind::kInvalidAnnotation, value.span.begin,
               internal::StrCat({"expected `Name`, got `", PythonNodeName(value), "`"}),
               std::string(kAnnotationHint));
          return std::nullopt;
        }
        std::vector<ast::AnnotationId> variants;
        std::span<const ExprId> items = module_.items(e);
        if ((e.flags & ast::kTupleSlice) || Get(items[0]).kind == ExprKind::kName) {
          for (ExprId item : items) {
            const Expr& variant = Get(item);
            if (variant.kind != ExprKind::kName) {
              Fail(DiagnosticKind::kInvalidAnnotation, variant.span.begin,
                   internal::StrCat({"expected `Name`, got `", PythonNodeName(variant), "`"}),
                   std::string(kAnnotationHint));
              return std::nullopt;
            }
            variants.push_back(
                module_.AddAnnotation({.name = variant.text, .span = variant.span}, {}));
          }
        } else {
          std::optional<ast::AnnotationId> nested = ConvertAnnotation(items[0], statement_offset);
          if (!nested) return std::nullopt;
          variants.push_back(*nested);
        }
        return module_.AddAnnotation({.name = value.text, .span = e.span, .generic = true},
                                     variants);
      }
      case ExprKind::kBinary: {
        std::optional<ast::AnnotationId> left = ConvertAnnotation(e.left, statement_offset);
        if (!left) return std::nullopt;
        std::optional<ast::AnnotationId> right = ConvertAnnotation(e.right, statement_offset);
        if (!right) return std::nullopt;
        std::vector<ast::AnnotationId> variants;
        const ast::Annotation& left_annotation = module_.annotation(*left);
        if (left_annotation.generic) {
          std::span<const ast::AnnotationId> inner = module_.variants(left_annotation);
          variants.assign(inner.begin(), inner.end());
        } else {
          variants.push_back(*left);
        }
        variants.push_back(*right);
        bool optional = module_.annotation(variants.back()).name == "None";
        return module_.AddAnnotation(
            {.name = optional ? "Optional" : "Union", .span = e.span, .generic = true}, variants);
      }
      default:
        Fail(DiagnosticKind::kInvalidAnnotation, statement_offset,
             internal::StrCat({"unexpected node: `", PythonNodeName(e), "`"}),
             std::string(kAnnotationHint));
        return std::nullopt;
    }
  }

  ast::Module& module_;
  std::optional<Error> error_;
  std::optional<Error> attribute_error_;
};

}  // namespace

std::string_view SmlNodeName(ExprKind kind) {
  switch (kind) {
    case ExprKind::kName:
      return "Name";
    case ExprKind::kString:
      return "String";
    case ExprKind::kInteger:
    case ExprKind::kFloat:
      return "Number";
    case ExprKind::kBoolean:
      return "Boolean";
    case ExprKind::kNone:
      return "None_";
    case ExprKind::kList:
      return "List";
    case ExprKind::kFormatString:
      return "FormatString";
    case ExprKind::kCall:
      return "Call";
    case ExprKind::kBinary:
      return "BinaryOperation";
    case ExprKind::kUnary:
      return "UnaryOperation";
    case ExprKind::kComparison:
      return "BinaryComparison";
    case ExprKind::kBooleanOp:
      return "BooleanOperation";
    case ExprKind::kAttribute:
      return "Attribute";
    default:
      return "Expression";
  }
}

bool CheckSubset(ast::Module& module, DiagnosticSink& sink) {
  std::optional<Error> error = SubsetChecker(module).Run();
  if (!error) return true;
  sink.Error(error->kind, {module.file(), error->offset}, 1, std::move(error->message),
             std::move(error->hint));
  return false;
}

}  // namespace osprey::frontend
