// Native implementations of functions callable from SML (the stdlib and bundled plugins).
//
// One UdfInstance exists per call site, created when a ruleset is compiled, from the call's
// constant arguments: work such as compiling a regex happens once. At evaluation the instance
// receives one Value per declared parameter, in declaration order, with defaults and
// constants filled in and failed nullable arguments passed as None.
#ifndef OSPREY_RUNTIME_UDF_H_
#define OSPREY_RUNTIME_UDF_H_

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "runtime/action.h"
#include "runtime/labels.h"
#include "runtime/value.h"

namespace osprey::runtime {

// A call that produced no value. `recorded` errors count in __error_count; "expected" failures
// (recorded = false) fail the node silently (spec §4.3).
struct UdfError {
  std::string message;
  bool recorded = true;
};

using UdfOutcome = std::variant<Value, UdfError>;

// What a call may observe besides its arguments. Owned by the evaluator, one per action.
struct CallContext {
  const Action* action = nullptr;
  const LabelStore* labels = nullptr;  // Null when no label store is configured.
  // For each parameter: the argument was written and failed (it is passed as None). Lets
  // LabelAdd tell a failed `apply_if=` (suppressed) from an absent one.
  std::span<const bool> argument_failed;
  uint64_t random_seed = 0;  // For RandomBool/RandomInt; reproducible per action.
  // HasLabel's "now" (Osprey reads the wall clock there, not the action time). 0 = read the
  // clock; tests set it.
  int64_t now_unix_micros = 0;
  // What this call site made for an earlier action, kept by an evaluator that evaluates
  // action after action (null: nothing is kept). A function refills an object when no one
  // holds it any more instead of allocating one (udfs::NewEffect, udfs::StringResult).
  struct Slots {
    std::shared_ptr<Effect> effect;
    std::shared_ptr<std::string> string;
  };
  Slots* slots = nullptr;
};

class UdfInstance {
 public:
  virtual ~UdfInstance() = default;
  virtual UdfOutcome Call(CallContext& context, std::span<const Value> arguments) const = 0;
};

// What a factory learns about its call site when the ruleset is compiled.
struct UdfSite {
  // Implicit, so that a site with nothing but constants can be passed as the span itself.
  UdfSite(std::span<const std::optional<Value>> constants_in)  // NOLINT(runtime/explicit)
      : constants(constants_in) {}
  UdfSite(const std::vector<std::optional<Value>>& constants_in)  // NOLINT(runtime/explicit)
      : constants(constants_in) {}

  // One entry per declared parameter: the value of each ConstExpr parameter, nullopt for the
  // others.
  std::span<const std::optional<Value>> constants;
  // The variable the call is directly assigned to ("" when it is not): Experiment's name.
  std::string_view assigned_name;
};

// Creates the instance for one call site. An error Status means the constants are unusable
// (validation should have caught it).
using UdfFactory = std::function<absl::StatusOr<std::unique_ptr<UdfInstance>>(const UdfSite& site)>;

class NativeUdfRegistry {
 public:
  // Every native function of the stdlib and the bundled example plugin.
  static const NativeUdfRegistry& Stdlib();

  void Register(std::string name, UdfFactory factory);
  const UdfFactory* Find(std::string_view name) const;

  // Marks `name` pure: its result (value or error) depends on its arguments only, never on the
  // action, labels, clock, randomness or the network. A call of a pure function with constant
  // arguments may be computed once, when the ruleset compiles.
  void MarkPure(std::string name) { pure_.insert(std::move(name)); }
  bool IsPure(std::string_view name) const { return pure_.contains(std::string(name)); }

  // Marks `name` deferrable: an effect function that records no error when each argument has
  // its declared type. Its call may then be made only when a WhenRules that would emit the
  // effect fires (a skipped call is unobservable).
  void MarkDeferrable(std::string name) { deferrable_.insert(std::move(name)); }
  bool IsDeferrable(std::string_view name) const { return deferrable_.contains(std::string(name)); }

 private:
  absl::flat_hash_map<std::string, UdfFactory> factories_;
  absl::flat_hash_set<std::string> pure_;
  absl::flat_hash_set<std::string> deferrable_;
};

// Adapts a stateless function to a UdfFactory.
UdfFactory Stateless(std::function<UdfOutcome(CallContext&, std::span<const Value>)> function);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_UDF_H_
