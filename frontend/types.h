// Static types of SML values, as the reference type checker sees them.
//
// Types are hash-consed: each distinct type exists once, for the life of the process, so a
// `Type` is a pointer that compares by identity and is free to copy. The set of distinct types is
// small and bounded by the rules (lists, optionals and unions of a few base types), so the
// interning table never needs to shrink. All functions are thread-safe.
#ifndef OSPREY_FRONTEND_TYPES_H_
#define OSPREY_FRONTEND_TYPES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::frontend {

enum class TypeKind : uint8_t {
  kAny,     // Unknown or dynamic: compatible with everything.
  kObject,  // Python `object`: accepts every value, including None.
  kNone,
  kBool,
  kInt,
  kFloat,
  kStr,
  kList,        // args = {item}
  kUnion,       // args = alternatives, flattened and de-duplicated; `T | None` is Optional[T]
  kEntity,      // args = {id type}
  kRule,        // RuleT: a rule's value; unwraps to bool
  kEffect,      // EffectBase: what WhenRules(then=...) takes
  kTimeDelta,   // TimeDeltaT; unwraps to float seconds
  kExperiment,  // ExperimentT; unwraps to list[str]
  kTypeVar,     // A UDF's generic parameter (`~T`); name = "T"
  kClass,       // A plugin's own class; name = class name
};

struct TypeNode;
using Type = const TypeNode*;

struct TypeNode {
  TypeKind kind;
  std::vector<Type> args;
  std::string name;
};

namespace types {

Type Any();
Type Object();
Type None();
Type Bool();
Type Int();
Type Float();
Type Str();
Type Rule();
Type Effect();
Type TimeDelta();
Type Experiment();
Type List(Type item);
Type Entity(Type id);
Type TypeVar(std::string_view name);
Type Class(std::string_view name);
// Flattens nested unions and removes duplicates; a single alternative is returned as itself.
Type Union(std::span<const Type> alternatives);
Type Optional(Type type);  // Union of `type` and None.

}  // namespace types

// How the reference prints a type in messages: `int`, `list[str]`, `int | None`, `Entity[str]`,
// `RuleT`, `~T`.
std::string TypeName(Type type);

// True when a value of type `actual` may flow where `expected` is required (spec §3.3.2),
// without unwrapping: Any on either side; int where float is expected (never bool as int);
// every alternative of a union must fit; list and Entity compare their arguments.
bool IsAssignable(Type actual, Type expected);

// The plain type an unwrappable type converts to (Entity[T] -> T, RuleT -> bool,
// TimeDeltaT -> float, ExperimentT -> list[str]), or nullopt.
std::optional<Type> Unwrapped(Type type);

enum class Fit : uint8_t { kNo, kYes, kAfterUnwrap };
// IsAssignable, and failing that, the same check on the unwrapped `actual`.
Fit FitsWithUnwrap(Type actual, Type expected);

// True for types that admit None: Optional/unions with None, None itself, object and Any.
bool IsNullable(Type type);
// The type without its None alternative (`int | None` -> int).
Type WithoutNone(Type type);
bool IsNumeric(Type type);  // int or float
bool ContainsTypeVar(Type type);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_TYPES_H_
