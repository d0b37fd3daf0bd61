// The runtime type checks and JSON coercion behind `JsonData` / `EntityJson` (spec
// sml-language.md §4.6, udfs.md §A.1), and the plain check of dynamic UDF results (§4.6.3).
//
// Semantics are the reference's RValueTypeChecker with Python conversions:
//  - checks are exact kinds, except that a bool is not an int or float and an int is a float;
//  - coercion uses str(), int(), float() and bool() as Python does (str() of objects and arrays
//    is their Python repr; int() of a float truncates; int()/float() of strings accept
//    surrounding whitespace, a sign, `_` between digits and any Unicode decimal digits; float()
//    accepts nan/inf/infinity);
//  - List[T] coerces item by item; a Union takes the first alternative that passes as is, else
//    the first whose coercion succeeds, trying the next only after a TypeError (a ValueError,
//    such as int("2.5"), ends the search).
//
// Integers are exact as in Python: a JSON integer beyond int64 (simdjson's UINT64, or one
// beyond uint64 that the action reader marked, runtime/json_big_ints.h) and a conversion
// result beyond int64 (int(1e20), int("99999999999999999999")) are big ints (Value::kBigInt).
#ifndef OSPREY_RUNTIME_JSON_EXTRACT_H_
#define OSPREY_RUNTIME_JSON_EXTRACT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/json_path.h"
#include "runtime/udf.h"
#include "runtime/value.h"

namespace osprey::runtime {

// A type an annotation can check at run time. `Secret`, `ExtractSecret` and `ExtractLiteral`
// are transparent (they only choose data or secret_data; the caller handles that);
// `Optional[T]` is `Union[T, None]`.
struct ValueType {
  enum class Kind : uint8_t { kStr, kInt, kFloat, kBool, kNone, kList, kUnion, kEntity };
  Kind kind = Kind::kNone;
  // kList: {item}; kUnion: the alternatives in annotation order; kEntity: {id type}.
  std::vector<ValueType> args;

  static ValueType Str() { return ValueType{Kind::kStr, {}}; }
  static ValueType Int() { return ValueType{Kind::kInt, {}}; }
  static ValueType Float() { return ValueType{Kind::kFloat, {}}; }
  static ValueType Bool() { return ValueType{Kind::kBool, {}}; }
  static ValueType None() { return ValueType{Kind::kNone, {}}; }
  static ValueType List(ValueType item) { return ValueType{Kind::kList, {std::move(item)}}; }
  static ValueType Union(std::vector<ValueType> alternatives) {
    return ValueType{Kind::kUnion, std::move(alternatives)};
  }
  static ValueType Optional(ValueType inner) { return Union({std::move(inner), None()}); }
  static ValueType Entity(ValueType id) { return ValueType{Kind::kEntity, {std::move(id)}}; }

  // The reference's display of the type in messages, without the backticks: "str",
  // "list[int]", "int | None", "int | str" (a Union of three or more drops None, as
  // Osprey's to_display_str does), "EntityT[str]".
  std::string DisplayName() const;
};

// The objects one JSON read made for the previous action, refilled by the next action's read
// when no one holds them any more (ReuseSlot), so that reading an action allocates nothing.
struct JsonReadSlots {
  std::shared_ptr<std::string> string;
  std::shared_ptr<std::vector<Value>> list;
  std::vector<std::shared_ptr<std::string>> list_strings;  // By item of `list`.
  std::shared_ptr<EntityValue> entity;                     // EntityJson's entity.
};

// JsonData's result for one lookup: `value` is the first match, or null when nothing matched.
//  - no match: None if the type accepts None; else a recorded error "Missing Json data at path
//    `<path_text>`." when `required`; else an unrecorded (expected) failure;
//  - a match that passes the check: its value;
//  - JSON null with !required: an unrecorded failure;
//  - otherwise, when `coerce_type` and the value is not null: the coerced value if coercion
//    succeeds; else a recorded error "Invalid type in Json data at path `<path_text>`. Has type
//    `<python type>`, expected `<type>`.".
// int() of an infinite float gives another recorded error.
// `path_text` is jsonpath-rw's str() of the path. With `slots`, a JSON string or list taken as
// it is goes into the slots' objects when no one else holds them (see ReuseSlot).
UdfOutcome ExtractJson(const JsonValue* value, const ValueType& type, bool required,
                       bool coerce_type, std::string_view path_text,
                       JsonReadSlots* slots = nullptr);

// True when `value` passes the check of `type` (no coercion): §4.6.3.
bool CheckValue(const Value& value, const ValueType& type);

// The JSON value as a runtime Value: strings, ints (big ones too), floats, bools, None and
// lists of them. nullopt and `*error` for an object (SML has no dict values).
std::optional<Value> JsonToValue(const JsonValue& value, std::string* error);

// Python str() / repr() of a JSON value as json.loads would have produced it: "12", "True",
// "{'a': 1, 'n': None}", "[1, 'x', False]"; str() of a string is the string itself.
std::string JsonPythonStr(const JsonValue& value);
std::string JsonPythonRepr(const JsonValue& value);

namespace internal {
// Python int(text) / float(text) on a str: an int (kInt, or kBigInt beyond int64) or a float;
// nullopt when Python raises ValueError (including, for int(), more than 4300 digits).
std::optional<Value> ParsePythonInt(std::string_view text);
std::optional<double> ParsePythonFloat(std::string_view text);
}  // namespace internal

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_JSON_EXTRACT_H_
