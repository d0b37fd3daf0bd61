// ValidateStaticTypes (spec §3.2.6, §3.3): infers the type of every expression, checks
// assignments, call arguments, operators, comparisons, boolean operations and f-strings, applies
// None-narrowing inside one and/or, enforces the secrecy rules, and records the types, the
// nodes whose values must be unwrapped, and each feature's type and extractability.
//
// Files are checked in the import graph's topological order, so every name a file reads from an
// import already has its type; within a file, statements run in order, which is the only order
// in which names become visible (VariablesMustBeDefined has passed).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "frontend/internal/annotations.h"
#include "frontend/internal/str_cat.h"
#include "frontend/internal/type_rules.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

// What the checker knows about a stored name.
struct NameInfo {
  Type type = nullptr;
  // The assignment's own extractability (spec §3.3.8): what f-strings and FeatureInfo use.
  bool can_extract = true;
  // A use of the name is non-extractable only when its defining assignment's annotation says so
  // (a Secret annotation); this is what propagates through calls, lists and f-strings.
  bool use_can_extract = true;
};

class TypeChecker {
 public:
  explicit TypeChecker(ValidationContext& ctx) : ctx_(ctx) {}

  bool Run() {
    std::vector<FileId> order = ctx_.result.parsed.graph.topological_order;
    if (order.empty()) order = ctx_.sources().IdsByPath();
    for (FileId file : order) {
      if (!ctx_.IsSml(file) || !ctx_.module(file).ok()) continue;
      CheckFile(file);
    }
    return ok_;
  }

 private:
  void CheckFile(FileId file) {
    file_ = file;
    module_ = &ctx_.module(file);
    facts_ = &ctx_.result.facts[file.value];
    locals_.clear();
    const std::vector<ast::Stmt>& statements = module_->statements();
    for (uint32_t index = 0; index < statements.size(); ++index) {
      const ast::Stmt& stmt = statements[index];
      if (stmt.kind == ast::StmtKind::kAssign) {
        CheckAssign(index, stmt);
      } else if (stmt.kind == ast::StmtKind::kCall && stmt.value.valid()) {
        Infer(stmt.value);
      }
    }
  }

  void CheckAssign(uint32_t index, const ast::Stmt& stmt) {
    std::string_view target = module_->expr(stmt.target).text;
    std::optional<AnnotationConversion> conversion;
    if (stmt.annotated && stmt.annotation.valid()) {
      conversion = ConvertAnnotation(*module_, stmt.annotation, target);
    }
    // A dynamic call takes its type from the annotation; InferCall finds it here.
    assign_ = &stmt;
    assign_type_ = conversion && conversion->ok() ? conversion->annotation->type : nullptr;
    Type value_type = Infer(stmt.value);
    assign_ = nullptr;

    Type stored = value_type;
    if (conversion) {
      if (!conversion->ok()) {
        ReportAnnotationError(ctx_, file_, conversion->error);
        ok_ = false;
      } else {
        Type annotation_type = conversion->annotation->type;
        CheckFits(
            value_type, annotation_type, stmt.value, DiagnosticKind::kTypeMismatch,
            "incompatible types in assignment",
            StrCat({"has type ", Quoted(value_type), ", expected ", Quoted(annotation_type)}));
        stored = annotation_type;
      }
    }

    bool annotated = stmt.annotated && stmt.annotation.valid();
    AnnotationWrapper wrapper =
        annotated ? WrapperOf(*module_, stmt.annotation) : AnnotationWrapper::kNone;
    bool can_extract;
    if (annotated && !AnnotationCanExtract(*module_, stmt.annotation)) {
      can_extract = false;
    } else if (wrapper == AnnotationWrapper::kExtractSecret) {
      can_extract = true;
    } else {
      can_extract = CanExtract(stmt.value);
    }
    if (!can_extract && wrapper != AnnotationWrapper::kSecret &&
        wrapper != AnnotationWrapper::kExtractSecret) {
      Error(DiagnosticKind::kSecretLeak, stmt.span,
            "assignments can not include non-extractable features if they are not marked Secret",
            StrCat({"name '", target, "' is not marked as non-extractable"}));
    }

    NameInfo info{.type = stored,
                  .can_extract = can_extract,
                  .use_can_extract = !annotated || AnnotationCanExtract(*module_, stmt.annotation)};
    facts_->expr_types[stmt.target.value] = stored;
    if (!target.empty() && target[0] == '_') {
      locals_[target] = info;
      return;
    }
    features_[target] = info;
    FeatureInfo& feature = ctx_.result.features[target];
    feature.file = file_;
    feature.statement_index = index;
    feature.type = stored;
    feature.extractable = can_extract;
  }

  // ---- Expressions -------------------------------------------------------------------------

  Type Infer(ExprId id) {
    Type type = InferUnrecorded(id);
    facts_->expr_types[id.value] = type;
    return type;
  }

  Type InferUnrecorded(ExprId id) {
    const Expr& e = module_->expr(id);
    switch (e.kind) {
      case ExprKind::kName: {
        const NameInfo* info = Lookup(e.text);
        if (const Type* narrowed = Narrowed(e.text)) return *narrowed;
        return info ? info->type : types::Any();  // Unknown names are reported elsewhere.
      }
      case ExprKind::kString:
        return types::Str();
      case ExprKind::kInteger:
        return types::Int();
      case ExprKind::kFloat:
        return types::Float();
      case ExprKind::kBoolean:
        return types::Bool();
      case ExprKind::kNone:
        return types::None();
      case ExprKind::kList:
        return InferList(id, e);
      case ExprKind::kFormatString:
        return InferFormatString(e);
      case ExprKind::kCall:
        return InferCall(id, e);
      case ExprKind::kBinary:
        return InferTwoArg(e, ast::BinaryOpSymbol(static_cast<ast::BinaryOp>(e.op)),
                           BinaryTransitions(static_cast<ast::BinaryOp>(e.op)),
                           /*allow_any=*/false)
            .result;
      case ExprKind::kUnary:
        return InferUnary(id, e);
      case ExprKind::kComparison:
        return InferComparison(e);
      case ExprKind::kBooleanOp:
        return InferBooleanOp(e);
      default:
        return types::Any();  // Not SML; CheckSubset has rejected it.
    }
  }

  Type InferList(ExprId id, const Expr& e) {
    std::vector<Type> item_types;
    for (ExprId item : module_->items(e)) {
      Type type = Infer(item);
      bool seen = std::any_of(item_types.begin(), item_types.end(),
                              [&](Type other) { return SameType(type, other); });
      if (!seen) item_types.push_back(type);
    }
    if (item_types.size() > 1) {
      std::vector<std::string> names;
      for (Type type : item_types) names.push_back(Quoted(type));
      std::sort(names.begin(), names.end());
      std::string joined;
      for (const std::string& name : names) StrAppend(&joined, {joined.empty() ? "" : ", ", name});
      Error(DiagnosticKind::kListItemTypes, e.span,
            "found multiple different types in list literal, unable to infer type",
            StrCat({"has types ", joined}));
      return types::List(types::Any());
    }
    if (item_types.empty()) {
      if (assign_ != nullptr && assign_->value == id && !assign_->annotated) {
        std::string_view target = module_->expr(assign_->target).text;
        Error(
            DiagnosticKind::kEmptyListType, assign_->span,
            "empty list literal has a dynamic item type, and thus must be assigned to a variable "
            "with a type annotation",
            StrCat({"give this variable a type annotation, eg:\n`", target, ": List[str] = []`"}));
      }
      return types::List(types::Any());
    }
    return types::List(item_types[0]);
  }

  Type InferFormatString(const Expr& e) {
    static const Type kFormattable = [] {
      Type alternatives[] = {types::Int(), types::Float(), types::Bool(), types::Str()};
      return types::Union(alternatives);
    }();
    for (ExprId field : module_->items(e)) {
      Type type = Infer(field);
      CheckFits(
          type, kFormattable, field, DiagnosticKind::kFormatStringType,
          "unsupported type for f-string substitution",
          StrCat({"has type ", Quoted(type), ", expected one of `int`, `float`, `bool`, `str`"}));
      const Expr& name = module_->expr(field);
      const NameInfo* info = name.kind == ExprKind::kName ? Lookup(name.text) : nullptr;
      if (info != nullptr && !info->can_extract) {
        Error(DiagnosticKind::kSecretLeak, name.span,
              "format strings can not include non-extractable features",
              StrCat({"name '", name.text, "' is marked as non-extractable"}));
      }
    }
    return types::Str();
  }

  Type InferCall(ExprId id, const Expr& e) {
    const UdfSignature* udf = nullptr;
    auto bound = facts_->calls.find(id.value);
    if (bound != facts_->calls.end()) udf = bound->second.udf;
    if (udf == nullptr) udf = ctx_.udfs.Find(module_->CalleeName(e));
    if (udf == nullptr) {  // Reported by CheckCallKwargs; type the arguments anyway.
      for (const ast::Keyword& keyword : module_->keywords(e)) Infer(keyword.value);
      return types::Any();
    }

    std::optional<Type> resolved;  // The type variable's value, once inferred.
    const ast::Keyword* resolved_by = nullptr;
    for (const ast::Keyword& keyword : module_->keywords(e)) {
      Type actual = Infer(keyword.value);
      const UdfParam* param = udf->FindParam(keyword.name);
      if (param == nullptr && udf->extra_keywords) param = &*udf->extra_keywords;
      if (param == nullptr) continue;  // An unknown keyword, reported by CheckCallKwargs.
      if (ContainsTypeVar(param->type)) {
        std::optional<Type> inferred = InferTypeVar(param->type, actual);
        if (!inferred) continue;
        if (resolved && !SameType(*inferred, *resolved)) {
          Error(DiagnosticKind::kConflictingGenerics, module_->expr(keyword.value).span,
                "conflicting generic types",
                StrCat({"has type ", Quoted(*inferred), ", expected ", Quoted(*resolved),
                        " (argument `", resolved_by->name, "` has type ", Quoted(*resolved), ")"}));
        } else {
          resolved = inferred;
          resolved_by = &keyword;
        }
        continue;
      }
      CheckFits(
          actual, param->type, keyword.value, DiagnosticKind::kTypeMismatch,
          StrCat({"argument `", keyword.name, "` to `", udf->name, "` has incompatible type"}),
          StrCat({"has type ", Quoted(actual), ", expected ", Quoted(param->type)}));
    }

    switch (udf->return_kind) {
      case ReturnKind::kNone:
        return types::None();
      case ReturnKind::kDynamic:
        // CheckDynamicCalls guarantees the call is an annotated assignment's whole value.
        if (assign_ != nullptr && assign_->value == id && assign_type_ != nullptr) {
          return assign_type_;
        }
        return types::Any();
      case ReturnKind::kValue:
        break;
    }
    if (!ContainsTypeVar(udf->return_type)) return udf->return_type;
    // An unbound variable (only None passed) makes the reference fail internally; use Any.
    return SubstituteTypeVar(udf->return_type, resolved.value_or(types::Any()));
  }

  struct TwoArgResult {
    Type result;
    Type left;  // The operand types, unwrapped where the matching row needed it.
    Type right;
    bool ok;
  };

  // The reference's _validate_two_arg_type_transitions: the first row both operands fit gives
  // the type; operands that fit only unwrapped are marked. Without a row, the result is Any.
  TwoArgResult InferTwoArg(const Expr& e, std::string_view symbol,
                           std::span<const Transition> transitions, bool allow_any) {
    Type left = Infer(e.left);
    Type right = Infer(e.right);
    bool any_operand = left->kind == TypeKind::kAny || right->kind == TypeKind::kAny;
    if (allow_any || !any_operand) {
      for (const Transition& row : transitions) {
        Fit left_fit = Compatible(left, row.left);
        Fit right_fit = Compatible(right, row.right);
        if (left_fit == Fit::kNo || right_fit == Fit::kNo) continue;
        if (left_fit == Fit::kAfterUnwrap) {
          left = *Unwrapped(left);
          MarkUnwrap(e.left);
        }
        if (right_fit == Fit::kAfterUnwrap) {
          right = *Unwrapped(right);
          MarkUnwrap(e.right);
        }
        return {row.result, left, right, true};
      }
    }
    Error(DiagnosticKind::kOperandTypes, e.span,
          StrCat({"unsupported operand types for `", symbol, "`"}),
          StrCat(
              {"no implementation for `", TypeName(left), " ", symbol, " ", TypeName(right), "`"}));
    return {types::Any(), left, right, false};
  }

  Type InferComparison(const Expr& e) {
    auto op = static_cast<ast::CompareOp>(e.op);
    TwoArgResult r = InferTwoArg(e, ast::CompareOpSymbol(op), ComparisonTransitions(op),
                                 /*allow_any=*/true);
    if (!r.ok) return r.result;
    bool equality = op == ast::CompareOp::kEqual || op == ast::CompareOp::kNotEqual;
    bool membership = op == ast::CompareOp::kIn || op == ast::CompareOp::kNotIn;
    if (!equality && !(membership && r.right->kind == TypeKind::kList)) return r.result;
    ComparisonFit fit =
        equality ? FitEquality(r.left, r.right) : FitMembership(r.left, r.right->args[0]);
    bool positive = op == ast::CompareOp::kEqual || op == ast::CompareOp::kIn;
    switch (fit) {
      case ComparisonFit::kNever:
        Error(DiagnosticKind::kIncompatibleComparison, e.span,
              equality ? "left and right sides have incompatible types"
                       : "item has incompatible type with list elements",
              StrCat({"comparison will always result in `", positive ? "False" : "True", "` (",
                      Quoted(r.left), equality ? " vs " : " vs list items of type ",
                      Quoted(equality ? r.right : r.right->args[0]), ")"}));
        break;
      case ComparisonFit::kUnwrapLeft:
        MarkUnwrap(e.left);
        break;
      case ComparisonFit::kUnwrapRight:
        MarkUnwrap(e.right);
        break;
      case ComparisonFit::kAsIs:
        break;
    }
    return r.result;
  }

  Type InferUnary(ExprId id, const Expr& e) {
    Type operand = Infer(e.left);
    if (static_cast<ast::UnaryOp>(e.op) == ast::UnaryOp::kNot) {
      CheckFits(
          operand, types::Bool(), e.left, DiagnosticKind::kOperandTypes,
          "`not` only works on `bool` types",
          StrCat({"`not` should be used on `bool` types like `not (X == Y)`; operand has type ",
                  Quoted(operand)}),
          e.span);
      return types::Bool();
    }
    // The reference marks the negation itself, not its operand, for unwrapping: `-T` negates
    // the time delta and converts the result to seconds where it is used, and `-U` negates an
    // entity, which fails at run time (spec §3.3.4's quirk).
    CheckFits(operand, NumberType(), id, DiagnosticKind::kOperandTypes,
              StrCat({"bad operand type for unary -: `", PythonTypeString(operand), "`"}),
              "unary `-` should be used on `int` types or `float` types like `-3`", e.span);
    return operand;  // Not the unwrapped type: the reference keeps the operand's.
  }

  Type InferBooleanOp(const Expr& e) {
    auto op = static_cast<ast::BoolOp>(e.op);
    std::string_view symbol = op == ast::BoolOp::kAnd ? "and" : "or";
    // Narrowings established by earlier operands, applied to the later ones (spec §3.3.7).
    std::vector<std::pair<std::string_view, Type>> narrowings;
    for (ExprId value : module_->items(e)) {
      size_t depth = narrowed_.size();
      narrowed_.insert(narrowed_.end(), narrowings.begin(), narrowings.end());
      Type type = Infer(value);
      CheckFits(type, types::Bool(), value, DiagnosticKind::kOperandTypes,
                StrCat({"unsupported operand type for `", symbol, "`"}),
                StrCat({"has type ", Quoted(type), ", expected `bool`"}));
      std::optional<std::pair<std::string_view, Type>> found = NarrowingOf(value, op);
      narrowed_.resize(depth);
      if (!found) continue;
      auto same = std::find_if(narrowings.begin(), narrowings.end(),
                               [&](const auto& n) { return n.first == found->first; });
      if (same != narrowings.end()) {
        same->second = found->second;
      } else {
        narrowings.push_back(*found);
      }
    }
    return types::Bool();
  }

  // `X != None` in an `and`, `X == None` in an `or` (None on either side, X a Name of a type
  // with a None alternative): X without None, for the operands that follow.
  std::optional<std::pair<std::string_view, Type>> NarrowingOf(ExprId id, ast::BoolOp op) {
    const Expr& e = module_->expr(id);
    if (e.kind != ExprKind::kComparison) return std::nullopt;
    auto compare = static_cast<ast::CompareOp>(e.op);
    bool narrows = op == ast::BoolOp::kAnd ? compare == ast::CompareOp::kNotEqual
                                           : compare == ast::CompareOp::kEqual;
    if (!narrows) return std::nullopt;
    const Expr& left = module_->expr(e.left);
    const Expr& right = module_->expr(e.right);
    const Expr* name = nullptr;
    if (left.kind == ExprKind::kNone && right.kind == ExprKind::kName) name = &right;
    if (right.kind == ExprKind::kNone && left.kind == ExprKind::kName) name = &left;
    if (name == nullptr) return std::nullopt;
    const NameInfo* info = Lookup(name->text);
    if (info == nullptr) return std::nullopt;
    const Type* narrowed = Narrowed(name->text);
    std::optional<Type> without_none = NarrowedType(narrowed ? *narrowed : info->type);
    if (!without_none) return std::nullopt;
    return std::make_pair(name->text, *without_none);
  }

  // ---- Extractability (spec §3.3.8) ---------------------------------------------------------

  // Non-extractability flows through names, calls, lists and f-strings, not through operators.
  bool CanExtract(ExprId id) const {
    const Expr& e = module_->expr(id);
    switch (e.kind) {
      case ExprKind::kName: {
        const NameInfo* info = Lookup(e.text);
        return info == nullptr || info->use_can_extract;
      }
      case ExprKind::kList:
      case ExprKind::kFormatString:
        for (ExprId item : module_->items(e)) {
          if (!CanExtract(item)) return false;
        }
        return true;
      case ExprKind::kCall:
        for (const ast::Keyword& keyword : module_->keywords(e)) {
          if (!CanExtract(keyword.value)) return false;
        }
        return true;
      default:
        return true;
    }
  }

  // ---- Helpers -----------------------------------------------------------------------------

  const NameInfo* Lookup(std::string_view name) const {
    const StringMap<NameInfo>& scope = !name.empty() && name[0] == '_' ? locals_ : features_;
    auto it = scope.find(name);
    return it == scope.end() ? nullptr : &it->second;
  }

  const Type* Narrowed(std::string_view name) const {
    for (auto it = narrowed_.rbegin(); it != narrowed_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }

  // Checks that `actual` fits `expected`; marks `node` for unwrapping when only its unwrapped
  // value fits, and reports at `error_span` (default: the node) when nothing fits.
  void CheckFits(Type actual, Type expected, ExprId node, DiagnosticKind kind, std::string message,
                 std::string hint, std::optional<ast::Span> error_span = std::nullopt) {
    switch (Compatible(actual, expected)) {
      case Fit::kYes:
        return;
      case Fit::kAfterUnwrap:
        MarkUnwrap(node);
        return;
      case Fit::kNo:
        Error(kind, error_span.value_or(module_->expr(node).span), std::move(message),
              std::move(hint));
        return;
    }
  }

  void MarkUnwrap(ExprId id) { facts_->unwrap[id.value] = true; }

  void Error(DiagnosticKind kind, ast::Span span, std::string message, std::string hint) {
    ctx_.sink.Error(kind, ctx_.At(file_, span), std::max<uint32_t>(1, span.end - span.begin),
                    std::move(message), std::move(hint));
    ok_ = false;
  }

  ValidationContext& ctx_;
  bool ok_ = true;
  StringMap<NameInfo> features_;  // Every feature checked so far, across files.

  // The file being checked.
  FileId file_;
  const ast::Module* module_ = nullptr;
  ModuleFacts* facts_ = nullptr;
  StringMap<NameInfo> locals_;
  // The assignment whose value is being typed, and its annotation's type when it converted.
  const ast::Stmt* assign_ = nullptr;
  Type assign_type_ = nullptr;
  // Narrowed names in force, innermost last.
  std::vector<std::pair<std::string_view, Type>> narrowed_;
};

}  // namespace

bool CheckStaticTypes(ValidationContext& ctx) { return TypeChecker(ctx).Run(); }

}  // namespace osprey::frontend::internal
