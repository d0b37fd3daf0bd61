// Runtime values of SML, with Python's distinctions kept: int vs float vs bool, None, strings of
// code points (stored as UTF-8), lists, entities, rules, time deltas, experiments and effects.
//
// Python's ints are unbounded. An int that fits in int64 is always a kInt; one that does not is
// always a kBigInt (runtime/big_int.h, whose IntValue() makes the right one), so every integer
// has exactly one representation and int64 code never meets a big value unawares.
//
// A Value is immutable and cheap to copy: scalars are held inline, everything else behind a
// shared pointer to const. Failure (a node that produced no value) is not a Value: evaluators
// use std::optional<Value>, where nullopt is failure (spec §4.3).
#ifndef OSPREY_RUNTIME_VALUE_H_
#define OSPREY_RUNTIME_VALUE_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"

namespace osprey::runtime {

class Value;
struct Effect;

struct EntityValue;

// What a Rule feature is, fixed when its ruleset compiles; shared by all its values.
struct RuleDefinition {
  std::string name;
  std::string description;               // The template, not the interpolated text (§4.5.1).
  std::vector<std::string> field_names;  // The description's f-string fields, in order.
};

struct RuleValue;
class BigInt;  // runtime/big_int.h

class Value {
 public:
  enum class Kind : uint8_t {
    kNone,
    kBool,
    kInt,
    kFloat,
    kString,
    kList,
    kEntity,
    kTimeDelta,  // Seconds, as a double.
    kRule,
    kEffect,
    kExperiment,  // A list of 7 strings (spec §4.7.2).
    kBigInt,      // An int outside int64 (Python's type `int`); see the file comment.
  };

  Value() = default;  // None.
  static Value None() { return Value(); }
  static Value Bool(bool b) {
    Value value(Kind::kBool);
    value.scalar_.b = b;
    return value;
  }
  static Value Int(int64_t i) {
    Value value(Kind::kInt);
    value.scalar_.i = i;
    return value;
  }
  static Value Float(double f) {
    Value value(Kind::kFloat);
    value.scalar_.f = f;
    return value;
  }
  static Value String(std::string s) {
    return Value(Kind::kString, std::make_shared<const std::string>(std::move(s)));
  }
  static Value SharedString(std::shared_ptr<const std::string> s) {
    return Value(Kind::kString, std::move(s));
  }
  static Value List(std::vector<Value> items) {
    return Value(Kind::kList, std::make_shared<const std::vector<Value>>(std::move(items)));
  }
  static Value SharedList(std::shared_ptr<const std::vector<Value>> items) {
    return Value(Kind::kList, std::move(items));
  }
  static Value Entity(std::string type, Value id);
  static Value SharedEntity(std::shared_ptr<const EntityValue> entity) {
    return Value(Kind::kEntity, std::move(entity));
  }
  static Value TimeDelta(double seconds) {
    Value value(Kind::kTimeDelta);
    value.scalar_.f = seconds;
    return value;
  }
  static Value Rule(std::shared_ptr<const RuleValue> rule) {
    return Value(Kind::kRule, std::move(rule));
  }
  static Value Effect(std::shared_ptr<const struct Effect> effect) {
    return Value(Kind::kEffect, std::move(effect));
  }
  static Value Experiment(std::vector<Value> fields) {
    return Value(Kind::kExperiment, std::make_shared<const std::vector<Value>>(std::move(fields)));
  }
  // `big` must not fit in int64: make ints with IntValue() (runtime/big_int.h), which decides.
  static Value FromBigInt(std::shared_ptr<const BigInt> big) {
    return Value(Kind::kBigInt, std::move(big));
  }

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::kNone; }
  // A Python int (not a bool): kInt or kBigInt. Only a kInt has as_int().
  bool is_integer() const { return kind_ == Kind::kInt || kind_ == Kind::kBigInt; }
  // An int64 int or a float (a kBigInt is not: as_number() cannot represent every one).
  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat; }

  bool as_bool() const {
    assert(kind_ == Kind::kBool);
    return scalar_.b;
  }
  int64_t as_int() const {
    assert(kind_ == Kind::kInt);
    return scalar_.i;
  }
  double as_float() const {  // kFloat and kTimeDelta.
    assert(kind_ == Kind::kFloat || kind_ == Kind::kTimeDelta);
    return scalar_.f;
  }
  double as_number() const {  // kInt or kFloat as a double
    return kind_ == Kind::kInt ? static_cast<double>(as_int()) : as_float();
  }
  const std::string& as_string() const { return Pointee<std::string>(Kind::kString); }
  // kList and kExperiment.
  const std::vector<Value>& as_list() const {
    assert(kind_ == Kind::kList || kind_ == Kind::kExperiment);
    return *static_cast<const std::vector<Value>*>(pointer_.get());
  }
  const EntityValue& as_entity() const { return Pointee<EntityValue>(Kind::kEntity); }
  double as_time_delta() const { return as_float(); }
  const RuleValue& as_rule() const { return Pointee<RuleValue>(Kind::kRule); }
  std::shared_ptr<const RuleValue> rule_ptr() const { return Shared<RuleValue>(Kind::kRule); }
  const struct Effect& as_effect() const { return Pointee<struct Effect>(Kind::kEffect); }
  std::shared_ptr<const struct Effect> effect_ptr() const {
    return Shared<struct Effect>(Kind::kEffect);
  }
  const BigInt& as_big_int() const { return Pointee<BigInt>(Kind::kBigInt); }

 private:
  // Scalars are held inline and every other kind behind one type-erased pointer, whose type
  // kind_ gives: copying, moving and destroying a Value is then the shared pointer's inline
  // code, with no dispatch on the kind (as a std::variant of the pointer types would need).
  union Scalar {
    bool b;
    int64_t i;
    double f;
  };

  explicit Value(Kind kind) : kind_(kind) {}
  Value(Kind kind, std::shared_ptr<const void> pointer)
      : kind_(kind), pointer_(std::move(pointer)) {}
  template <typename T>
  const T& Pointee(Kind kind) const {
    assert(kind_ == kind);
    (void)kind;
    return *static_cast<const T*>(pointer_.get());
  }
  template <typename T>
  std::shared_ptr<const T> Shared(Kind kind) const {
    assert(kind_ == kind);
    (void)kind;
    return std::static_pointer_cast<const T>(pointer_);
  }

  Kind kind_ = Kind::kNone;
  Scalar scalar_{.i = 0};
  std::shared_ptr<const void> pointer_;
};

struct EntityValue {
  std::string type;
  Value id;  // A str or int Value.
};

// Effects returned by effect functions; WhenRules decides whether they are emitted (§4.5).
struct Effect {
  enum class Kind : uint8_t { kVerdict, kLabel, kCustom };
  Kind kind = Kind::kVerdict;

  // kVerdict
  std::string verdict;

  // kLabel (LabelAdd / LabelRemove)
  std::string entity_type;
  Value entity_id;
  std::string label;
  bool add = true;  // LabelAdd (status 1) or LabelRemove (status 0)
  std::optional<double> delay_action_by_seconds;
  std::optional<double> expires_after_seconds;
  std::shared_ptr<const RuleValue> dependent_rule;  // `apply_if=`
  bool suppressed = false;  // `apply_if=` was given but its rule failed (fail closed)

  // kCustom: a plugin effect exported under its own key, e.g. "__ban_user" -> "user_1|reason".
  std::string output_key;
  std::string output_value;

  // Back to a default-constructed effect, keeping the strings' storage for reuse.
  void Clear();
};

// The value of a Rule feature. Exported and unwrapped as its boolean.
struct RuleValue {
  std::shared_ptr<const RuleDefinition> definition;
  bool value = false;
  // By field of the definition: its value (None for a failed one, which prints as None too).
  // Kept as values, not text: the text is needed only when a rule is printed or compared,
  // which is rare, while a rule is evaluated for every action.
  absl::InlinedVector<Value, 2> field_values;

  const std::string& name() const { return definition->name; }
  const std::string& description() const { return definition->description; }
};

inline Value Value::Entity(std::string type, Value id) {
  return Value(Kind::kEntity,
               std::make_shared<const EntityValue>(EntityValue{std::move(type), std::move(id)}));
}

// For an evaluator that makes the same node's object action after action: makes `slot` hold an
// object no one else holds. True when that is the slot's own (the values made from it earlier
// are all gone), to be refilled in place, keeping its storage; false when it is a new,
// default-constructed one.
template <typename T>
bool ReuseSlot(std::shared_ptr<T>& slot) {
  if (slot != nullptr && slot.use_count() == 1) return true;
  slot = std::make_shared<T>();
  return false;
}

// A str Value held by `slot` (ReuseSlot), written by `fill(std::string&)` into an empty string.
template <typename Fill>
Value StringValueFilled(std::shared_ptr<std::string>& slot, Fill fill) {
  if (ReuseSlot(slot)) slot->clear();
  fill(*slot);
  return Value::SharedString(slot);
}
// StringValueFilled with a copy of `text`.
inline Value StringValueIn(std::shared_ptr<std::string>& slot, std::string_view text) {
  return StringValueFilled(slot, [text](std::string& out) { out.assign(text); });
}
// An entity Value held by `slot` (ReuseSlot).
inline Value EntityValueIn(std::shared_ptr<EntityValue>& slot, std::string_view type, Value id) {
  ReuseSlot(slot);
  slot->type.assign(type);
  slot->id = std::move(id);
  return Value::SharedEntity(slot);
}

// The plain value a convertible value stands for (spec §3.3.4): an entity's id, a rule's
// boolean, a time delta's seconds as float, an experiment's list of strings; others unchanged.
Value Unwrap(const Value& value);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_VALUE_H_
