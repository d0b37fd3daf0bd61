#include "frontend/types.h"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace osprey::frontend {
namespace {

struct Key {
  TypeKind kind;
  std::vector<Type> args;
  std::string name;
  friend bool operator==(const Key&, const Key&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Key& key) {
    return H::combine(std::move(h), key.kind, key.args, key.name);
  }
};

class Interner {
 public:
  Type Get(TypeKind kind, std::vector<Type> args = {}, std::string_view name = {}) {
    Key key{kind, std::move(args), std::string(name)};
    absl::MutexLock lock(&mutex_);
    auto it = types_.find(key);
    if (it != types_.end()) return it->second.get();
    auto node = std::make_unique<TypeNode>(TypeNode{key.kind, key.args, key.name});
    Type type = node.get();
    types_.emplace(std::move(key), std::move(node));
    return type;
  }

 private:
  absl::Mutex mutex_;
  absl::flat_hash_map<Key, std::unique_ptr<TypeNode>> types_;
};

Interner& GlobalInterner() {
  static Interner* interner = new Interner();  // Never destroyed: types outlive every user.
  return *interner;
}

Type Simple(TypeKind kind) { return GlobalInterner().Get(kind); }

}  // namespace

namespace types {

Type Any() { return Simple(TypeKind::kAny); }
Type Object() { return Simple(TypeKind::kObject); }
Type None() { return Simple(TypeKind::kNone); }
Type Bool() { return Simple(TypeKind::kBool); }
Type Int() { return Simple(TypeKind::kInt); }
Type Float() { return Simple(TypeKind::kFloat); }
Type Str() { return Simple(TypeKind::kStr); }
Type Rule() { return Simple(TypeKind::kRule); }
Type Effect() { return Simple(TypeKind::kEffect); }
Type TimeDelta() { return Simple(TypeKind::kTimeDelta); }
Type Experiment() { return Simple(TypeKind::kExperiment); }
Type List(Type item) { return GlobalInterner().Get(TypeKind::kList, {item}); }
Type Entity(Type id) { return GlobalInterner().Get(TypeKind::kEntity, {id}); }
Type TypeVar(std::string_view name) { return GlobalInterner().Get(TypeKind::kTypeVar, {}, name); }
Type Class(std::string_view name) { return GlobalInterner().Get(TypeKind::kClass, {}, name); }

Type Union(std::span<const Type> alternatives) {
  std::vector<Type> flat;
  for (Type alternative : alternatives) {
    if (alternative->kind == TypeKind::kUnion) {
      for (Type inner : alternative->args) {
        if (std::find(flat.begin(), flat.end(), inner) == flat.end()) flat.push_back(inner);
      }
    } else if (std::find(flat.begin(), flat.end(), alternative) == flat.end()) {
      flat.push_back(alternative);
    }
  }
  if (flat.size() == 1) return flat[0];
  return GlobalInterner().Get(TypeKind::kUnion, std::move(flat));
}

Type Optional(Type type) {
  Type alternatives[] = {type, None()};
  return Union(alternatives);
}

}  // namespace types

std::string TypeName(Type type) {
  switch (type->kind) {
    case TypeKind::kAny:
      return "Any";
    case TypeKind::kObject:
      return "object";
    case TypeKind::kNone:
      return "None";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kInt:
      return "int";
    case TypeKind::kFloat:
      return "float";
    case TypeKind::kStr:
      return "str";
    case TypeKind::kRule:
      return "RuleT";
    case TypeKind::kEffect:
      return "EffectBase";
    case TypeKind::kTimeDelta:
      return "TimeDeltaT";
    case TypeKind::kExperiment:
      return "ExperimentT";
    case TypeKind::kList:
      return "list[" + TypeName(type->args[0]) + "]";
    case TypeKind::kEntity:
      return "Entity[" + TypeName(type->args[0]) + "]";
    case TypeKind::kTypeVar:
      return "~" + type->name;
    case TypeKind::kClass:
      return type->name;
    case TypeKind::kUnion: {
      std::string name;
      for (Type alternative : type->args) {
        if (!name.empty()) name += " | ";
        name += TypeName(alternative);
      }
      return name;
    }
  }
  return "?";
}

bool IsAssignable(Type actual, Type expected) {
  if (actual == expected) return true;
  if (actual->kind == TypeKind::kAny || expected->kind == TypeKind::kAny) return true;
  if (expected->kind == TypeKind::kObject || expected->kind == TypeKind::kTypeVar) return true;
  if (actual->kind == TypeKind::kUnion) {
    return std::all_of(actual->args.begin(), actual->args.end(),
                       [&](Type alternative) { return IsAssignable(alternative, expected); });
  }
  if (expected->kind == TypeKind::kUnion) {
    return std::any_of(expected->args.begin(), expected->args.end(),
                       [&](Type alternative) { return IsAssignable(actual, alternative); });
  }
  if (actual->kind == TypeKind::kInt && expected->kind == TypeKind::kFloat) return true;
  if ((actual->kind == TypeKind::kList && expected->kind == TypeKind::kList) ||
      (actual->kind == TypeKind::kEntity && expected->kind == TypeKind::kEntity)) {
    return IsAssignable(actual->args[0], expected->args[0]);
  }
  return false;
}

std::optional<Type> Unwrapped(Type type) {
  switch (type->kind) {
    case TypeKind::kEntity:
      return type->args[0];
    case TypeKind::kRule:
      return types::Bool();
    case TypeKind::kTimeDelta:
      return types::Float();
    case TypeKind::kExperiment:
      return types::List(types::Str());
    default:
      return std::nullopt;
  }
}

Fit FitsWithUnwrap(Type actual, Type expected) {
  if (IsAssignable(actual, expected)) return Fit::kYes;
  std::optional<Type> unwrapped = Unwrapped(actual);
  if (unwrapped && IsAssignable(*unwrapped, expected)) return Fit::kAfterUnwrap;
  return Fit::kNo;
}

bool IsNullable(Type type) {
  switch (type->kind) {
    case TypeKind::kAny:
    case TypeKind::kObject:
    case TypeKind::kNone:
      return true;
    case TypeKind::kUnion:
      return std::any_of(type->args.begin(), type->args.end(),
                         [](Type alternative) { return alternative->kind == TypeKind::kNone; });
    default:
      return false;
  }
}

Type WithoutNone(Type type) {
  if (type->kind != TypeKind::kUnion) return type;
  std::vector<Type> rest;
  for (Type alternative : type->args) {
    if (alternative->kind != TypeKind::kNone) rest.push_back(alternative);
  }
  if (rest.empty()) return types::None();
  return types::Union(rest);
}

bool IsNumeric(Type type) { return type->kind == TypeKind::kInt || type->kind == TypeKind::kFloat; }

bool ContainsTypeVar(Type type) {
  if (type->kind == TypeKind::kTypeVar) return true;
  return std::any_of(type->args.begin(), type->args.end(), ContainsTypeVar);
}

}  // namespace osprey::frontend
