// The type relations of the reference's type checker (type_evaluator.py, type_helpers.py and the
// transition tables of validate_static_types.py), shared by the type-checking validators.
// Private to the frontend.
//
// These mirror the reference more literally than frontend/types.h's IsAssignable, because the
// validators must accept and reject exactly what Osprey does: lists and entities are compared
// only with lists and entities (so `list[int]` does not fit `list[int] | None`, nor `object`),
// and a union's alternatives are matched one by one.
#ifndef OSPREY_FRONTEND_INTERNAL_TYPE_RULES_H_
#define OSPREY_FRONTEND_INTERNAL_TYPE_RULES_H_

#include <optional>
#include <span>
#include <string>

#include "frontend/ast.h"
#include "frontend/types.h"

namespace osprey::frontend::internal {

// Is a value of type `actual` accepted where `expected` is required (spec §3.3.2)? kAfterUnwrap
// when only the unwrapped value (entity id, rule value, seconds, experiment list) fits, which
// `allow_unwrap = false` rules out. Types the reference cannot compare (unions of generics) are
// reported as not fitting.
Fit Compatible(Type actual, Type expected, bool allow_unwrap = true);

// Python's equality of typing objects: identity, except that unions compare as sets.
bool SameType(Type a, Type b);

// The reference's `_is_optional_type`: true for every non-generic type (Any and None included),
// for entities, and for unions that contain None; false for lists and unions without None.
bool IsOptionalLike(Type type);

// What `X != None` narrows X's type to: the union without None, for a union containing None;
// nullopt for any other type (spec §3.3.7).
std::optional<Type> NarrowedType(Type type);

// `type` with every type variable replaced by `replacement`.
Type SubstituteTypeVar(Type type, Type replacement);

// The reference's type-variable inference for one generic argument (spec §3.4.3): the type that
// an argument of type `actual` binds the variable of parameter type `param` to. nullopt when the
// argument binds nothing (None passed for an optional parameter) or when the reference could not
// infer it (it fails internally on those).
std::optional<Type> InferTypeVar(Type param, Type actual);

// One row of an operator's typing table: operands that fit (left, right) give `result`.
struct Transition {
  Type left;
  Type right;
  Type result;
};

// Spec §3.3.5, in the order the reference tries the rows.
std::span<const Transition> BinaryTransitions(ast::BinaryOp op);
std::span<const Transition> ComparisonTransitions(ast::CompareOp op);

// Whether the two sides of a comparison can ever match, and which side must be unwrapped.
enum class ComparisonFit : uint8_t { kNever, kAsIs, kUnwrapLeft, kUnwrapRight };
// `==`/`!=`: one side must fit the other, either way and possibly unwrapped, unless one side is
// the None type (spec §3.3.5).
ComparisonFit FitEquality(Type left, Type right);
// `in`/`not in` a list: the needle must fit the items (possibly unwrapped) or the items the
// needle (never unwrapped); only the needle is ever unwrapped.
ComparisonFit FitMembership(Type needle, Type item);

// `int | float`.
Type NumberType();

// A type in backticks, as messages show it: "`int`".
std::string Quoted(Type type);
// Python's `str()` of a type, as the unary-minus message shows it: "<class 'bool'>".
std::string PythonTypeString(Type type);

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_TYPE_RULES_H_
