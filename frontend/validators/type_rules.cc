// Type relations and operator tables, after the reference's type_evaluator.py and the transition
// tables of validate_static_types.py.
#include "frontend/internal/type_rules.h"

#include <algorithm>
#include <vector>

#include "frontend/internal/str_cat.h"

namespace osprey::frontend::internal {
namespace {

// Lists and entities are the reference's "single argument invariant generics": they only ever
// match their own kind, and then compare their item types.
bool IsInvariantGeneric(Type type) {
  return type->kind == TypeKind::kList || type->kind == TypeKind::kEntity;
}

bool IsSimple(Type type) { return !IsInvariantGeneric(type) && type->kind != TypeKind::kUnion; }

// Python's `issubclass(candidate, accepted)` with the reference's two exceptions: bool is not
// accepted as int, and int is accepted as float.
bool AcceptsCandidate(Type candidate, Type accepted) {
  if (candidate->kind == TypeKind::kAny || accepted->kind == TypeKind::kAny) return true;
  // Type variables only reach here from plugin signatures the reference would reject; be lenient.
  if (candidate->kind == TypeKind::kTypeVar || accepted->kind == TypeKind::kTypeVar) return true;
  if (candidate == accepted) return true;
  if (accepted->kind == TypeKind::kObject) return true;
  return candidate->kind == TypeKind::kInt && accepted->kind == TypeKind::kFloat;
}

// The alternatives of a type, or nullopt when the reference raises UnsupportedTypeError (a union
// with a list or entity alternative).
std::optional<std::vector<Type>> Candidates(Type type) {
  if (type->kind != TypeKind::kUnion) return std::vector<Type>{type};
  for (Type alternative : type->args) {
    if (!IsSimple(alternative)) return std::nullopt;
  }
  return type->args;
}

bool CompatibleNoUnwrap(Type actual, Type expected) {
  if (actual->kind == TypeKind::kAny || expected->kind == TypeKind::kAny) return true;
  if (IsInvariantGeneric(actual) || IsInvariantGeneric(expected)) {
    if (actual->kind != expected->kind) return false;
    return CompatibleNoUnwrap(actual->args[0], expected->args[0]);
  }
  std::optional<std::vector<Type>> actual_candidates = Candidates(actual);
  std::optional<std::vector<Type>> expected_candidates = Candidates(expected);
  if (!actual_candidates || !expected_candidates) return false;
  return std::all_of(actual_candidates->begin(), actual_candidates->end(), [&](Type candidate) {
    return std::any_of(expected_candidates->begin(), expected_candidates->end(),
                       [&](Type accepted) { return AcceptsCandidate(candidate, accepted); });
  });
}

// The non-None alternatives of a type (the type itself when it has no arguments), as the
// reference's `_get_args_excluding_nonetype`.
std::vector<Type> ArgsWithoutNone(Type type) {
  std::vector<Type> args;
  for (Type arg : type->args) {
    if (arg->kind != TypeKind::kNone) args.push_back(arg);
  }
  if (args.empty()) args.push_back(type);
  return args;
}

bool IsUnionWithNone(Type type) {
  return type->kind == TypeKind::kUnion &&
         std::any_of(type->args.begin(), type->args.end(),
                     [](Type arg) { return arg->kind == TypeKind::kNone; });
}

}  // namespace

Fit Compatible(Type actual, Type expected, bool allow_unwrap) {
  if (CompatibleNoUnwrap(actual, expected)) return Fit::kYes;
  if (allow_unwrap) {
    std::optional<Type> unwrapped = Unwrapped(actual);
    if (unwrapped && CompatibleNoUnwrap(*unwrapped, expected)) return Fit::kAfterUnwrap;
  }
  return Fit::kNo;
}

bool SameType(Type a, Type b) {
  if (a == b) return true;
  if (a->kind != b->kind || a->args.size() != b->args.size() || a->name != b->name) return false;
  if (a->kind == TypeKind::kUnion) {
    return std::all_of(a->args.begin(), a->args.end(), [&](Type x) {
      return std::any_of(b->args.begin(), b->args.end(), [&](Type y) { return SameType(x, y); });
    });
  }
  for (size_t i = 0; i < a->args.size(); ++i) {
    if (!SameType(a->args[i], b->args[i])) return false;
  }
  return true;
}

bool IsOptionalLike(Type type) {
  if (type->kind == TypeKind::kList) return false;
  if (type->kind == TypeKind::kUnion) return IsUnionWithNone(type);
  return true;
}

std::optional<Type> NarrowedType(Type type) {
  if (!IsUnionWithNone(type)) return std::nullopt;
  return types::Union(ArgsWithoutNone(type));
}

Type SubstituteTypeVar(Type type, Type replacement) {
  switch (type->kind) {
    case TypeKind::kTypeVar:
      return replacement;
    case TypeKind::kList:
      return types::List(SubstituteTypeVar(type->args[0], replacement));
    case TypeKind::kEntity:
      return types::Entity(SubstituteTypeVar(type->args[0], replacement));
    case TypeKind::kUnion: {
      std::vector<Type> alternatives;
      for (Type arg : type->args) alternatives.push_back(SubstituteTypeVar(arg, replacement));
      return types::Union(alternatives);
    }
    default:
      return type;
  }
}

std::optional<Type> InferTypeVar(Type param, Type actual) {
  // Arguments of a bare `T` or an optional `T | None` go through the reference's Optional special
  // case: None binds nothing, and an optional-looking argument binds its only non-None part.
  bool optional_param = param->kind == TypeKind::kTypeVar || IsUnionWithNone(param);
  if (optional_param) {
    if (actual->kind == TypeKind::kNone) return std::nullopt;
    if (param->kind == TypeKind::kTypeVar || !IsOptionalLike(actual)) return actual;
    std::vector<Type> args = ArgsWithoutNone(actual);
    if (args.size() != 1) return std::nullopt;  // `str | int | None`: the reference fails.
    return args[0];
  }
  // `list[T]` or `Entity[T]`: only the same generic binds, to its item type.
  if (IsInvariantGeneric(param) && param->kind == actual->kind) return actual->args[0];
  return std::nullopt;
}

ComparisonFit FitEquality(Type left, Type right) {
  if (left->kind == TypeKind::kNone || right->kind == TypeKind::kNone) return ComparisonFit::kAsIs;
  Fit left_in_right = Compatible(left, right);
  Fit right_in_left = Compatible(right, left);
  if (left_in_right == Fit::kYes || right_in_left == Fit::kYes) return ComparisonFit::kAsIs;
  if (left_in_right == Fit::kAfterUnwrap) return ComparisonFit::kUnwrapLeft;
  if (right_in_left == Fit::kAfterUnwrap) return ComparisonFit::kUnwrapRight;
  return ComparisonFit::kNever;
}

ComparisonFit FitMembership(Type needle, Type item) {
  Fit needle_in_items = Compatible(needle, item);
  if (needle_in_items == Fit::kYes ||
      Compatible(item, needle, /*allow_unwrap=*/false) == Fit::kYes) {
    return ComparisonFit::kAsIs;
  }
  return needle_in_items == Fit::kAfterUnwrap ? ComparisonFit::kUnwrapLeft : ComparisonFit::kNever;
}

Type NumberType() {
  static const Type number = [] {
    Type alternatives[] = {types::Int(), types::Float()};
    return types::Union(alternatives);
  }();
  return number;
}

std::span<const Transition> BinaryTransitions(ast::BinaryOp op) {
  static const auto* tables = [] {
    Type i = types::Int();
    Type f = types::Float();
    Type s = types::Str();
    Type n = NumberType();
    auto* t =
        new std::vector<std::vector<Transition>>(static_cast<size_t>(ast::BinaryOp::kMatMult) + 1);
    std::vector<Transition> numbers = {{i, i, i}, {n, n, f}};
    auto at = [&](ast::BinaryOp row) -> std::vector<Transition>& {
      return (*t)[static_cast<size_t>(row)];
    };
    at(ast::BinaryOp::kAdd) = {{s, s, s}, {i, i, i}, {n, n, f}};
    at(ast::BinaryOp::kSubtract) = numbers;
    at(ast::BinaryOp::kMultiply) = {{i, i, i}, {n, n, f}, {s, i, s}, {i, s, s}};
    at(ast::BinaryOp::kDivide) = {{n, n, f}};
    at(ast::BinaryOp::kFloorDivide) = numbers;
    at(ast::BinaryOp::kModulo) = numbers;
    at(ast::BinaryOp::kPower) = numbers;
    for (ast::BinaryOp bitwise :
         {ast::BinaryOp::kLeftShift, ast::BinaryOp::kRightShift, ast::BinaryOp::kBitOr,
          ast::BinaryOp::kBitXor, ast::BinaryOp::kBitAnd}) {
      at(bitwise) = {{i, i, i}};
    }
    return t;
  }();
  return (*tables)[static_cast<size_t>(op)];
}

std::span<const Transition> ComparisonTransitions(ast::CompareOp op) {
  static const auto* tables = [] {
    Type any = types::Any();
    Type b = types::Bool();
    Type s = types::Str();
    Type n = NumberType();
    auto* t =
        new std::vector<std::vector<Transition>>(static_cast<size_t>(ast::CompareOp::kIsNot) + 1);
    auto at = [&](ast::CompareOp row) -> std::vector<Transition>& {
      return (*t)[static_cast<size_t>(row)];
    };
    at(ast::CompareOp::kEqual) = {{any, any, b}};
    at(ast::CompareOp::kNotEqual) = {{any, any, b}};
    for (ast::CompareOp ordering : {ast::CompareOp::kLess, ast::CompareOp::kLessEqual,
                                    ast::CompareOp::kGreater, ast::CompareOp::kGreaterEqual}) {
      at(ordering) = {{n, n, b}};
    }
    at(ast::CompareOp::kIn) = {{s, s, b}, {any, types::List(any), b}};
    at(ast::CompareOp::kNotIn) = at(ast::CompareOp::kIn);
    return t;
  }();
  return (*tables)[static_cast<size_t>(op)];
}

std::string Quoted(Type type) { return StrCat({"`", TypeName(type), "`"}); }

std::string PythonTypeString(Type type) {
  switch (type->kind) {
    case TypeKind::kList:
    case TypeKind::kEntity:
    case TypeKind::kUnion:
    case TypeKind::kTypeVar:
      return TypeName(type);
    case TypeKind::kAny:
      return "typing.Any";
    case TypeKind::kNone:
      return "<class 'NoneType'>";
    default:
      return StrCat({"<class '", TypeName(type), "'>"});
  }
}

}  // namespace osprey::frontend::internal
