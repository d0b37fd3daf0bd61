// The declarative registry of callable functions (UDFs): one row per function, read by the
// validators now and by lowering and code generation later.
//
// A row is written as a signature string in a small Python-like notation, so that adding a
// function is adding one line:
//
//   JsonData(path: const str, required: bool = True, coerce_type: bool = True) -> dynamic Any
//   Entity(type: const str, id: ~T) -> Entity[~T]
//   ExperimentWhen(experiment: ExperimentT, **buckets: list[bool]) -> list[bool]
//   Import(rules: const list[str]) -> None
//
// `const` marks a ConstExpr parameter (a literal known at validation time); `~T` a type variable
// inferred from the arguments; `-> None` a function with no result (statement only);
// `-> dynamic T` a result whose type comes from the assignment's annotation, which must fit `T`;
// `**name: T` extra keyword arguments of type T (last, no default). Types: str int float bool
// None Any object, list[T] (or List[T]), Entity[T], A | B, Optional[T] (= T | None),
// Union[A, B, ...], RuleT, EffectBase, TimeDeltaT, ExperimentT, and any other capitalised name as
// a plugin's own class. Defaults: True False None, numbers, 'quoted' strings, [lists]. Parameter
// names must be unique. The full notation is in docs/UDF_DECLARATIONS.md.
#ifndef OSPREY_FRONTEND_UDF_REGISTRY_H_
#define OSPREY_FRONTEND_UDF_REGISTRY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "frontend/const_value.h"
#include "frontend/string_map.h"
#include "frontend/types.h"

namespace osprey::frontend {

enum class UdfCheck : uint8_t {
#define OSPREY_UDF_CHECK(Name) k##Name,
#include "frontend/udf_check.def"
};

enum class ReturnKind : uint8_t {
  kValue,    // A fixed or generic type.
  kDynamic,  // Given by the annotation of the assignment; must fit return_type.
  kNone,     // No result: the call must be a statement.
};

// What a function depends on, for scheduling and caching decisions downstream.
enum class Purity : uint8_t {
  kPure,            // Only its arguments.
  kActionMetadata,  // The action's id, name, time or data.
  kExternalState,   // Labels, DNS: I/O outside the process.
  kRandom,
  kControl,  // Import, Require, WhenRules: shape which statements run.
};

// A rough cost, used to order and batch evaluation.
enum class CostClass : uint8_t { kTrivial, kCheap, kText, kRegex, kHash, kExternal };

struct UdfParam {
  std::string name;
  Type type;
  bool constant = false;                    // ConstExpr: must be a literal at validation time.
  std::optional<ConstValue> default_value;  // Absent: the keyword is required.

  bool required() const { return !default_value.has_value(); }
  // A failed argument is passed as None rather than failing the call.
  bool nullable() const { return IsNullable(type); }
};

struct UdfSignature {
  std::string name;
  std::vector<UdfParam> params;
  std::optional<UdfParam> extra_keywords;  // `**name: T`; its name is only documentation.
  ReturnKind return_kind = ReturnKind::kValue;
  Type return_type = nullptr;  // For kNone: types::None().
  Purity purity = Purity::kPure;
  CostClass cost = CostClass::kCheap;
  UdfCheck check = UdfCheck::kNone;
  std::string origin;  // "stdlib", "example-plugin", or the declaring file.

  const UdfParam* FindParam(std::string_view param_name) const;
  bool has_result() const { return return_kind != ReturnKind::kNone; }
  bool returns_effect() const { return return_type && return_type->kind == TypeKind::kEffect; }
};

// Parses one signature string (format above). Errors name the offending position.
absl::StatusOr<UdfSignature> ParseUdfSignature(std::string_view text);

// An immutable-after-construction set of functions, looked up by name. Thread-safe for reads.
class UdfRegistry {
 public:
  // The standard library of Osprey 1.1.0 and the functions of its example plugin.
  static const UdfRegistry& Stdlib();

  UdfRegistry() = default;
  UdfRegistry(const UdfRegistry&) = default;
  UdfRegistry& operator=(const UdfRegistry&) = default;

  // Adds a function; fails if the name is already taken.
  absl::Status Add(UdfSignature signature);
  const UdfSignature* Find(std::string_view name) const;
  std::vector<std::string> Names() const;  // Sorted.
  size_t size() const { return by_name_.size(); }

 private:
  StringMap<std::shared_ptr<const UdfSignature>> by_name_;
};

// Reads plugin function declarations from a YAML file (see docs/UDF_DECLARATIONS.md):
//
//   functions:
//     - signature: "TextContains(text: str, phrase: str) -> bool"
//       purity: pure          # pure | action | external | random   (default pure)
//       cost: cheap           # trivial | cheap | text | regex | hash | external
//
// and adds them to `registry`. Errors carry the file name and the YAML line.
absl::Status LoadUdfDeclarations(std::string_view path, UdfRegistry& registry);
absl::Status LoadUdfDeclarationsFromString(std::string_view yaml, std::string_view origin,
                                           UdfRegistry& registry);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_UDF_REGISTRY_H_
