// Evaluation of JSONPath expressions over a parsed JSON document with the semantics of
// jsonpath-rw at the commit Osprey pins (6f5647bb), which `JsonData` and `EntityJson` use
// (spec sml-language.md §4.6.1).
//
// The tree mirrors frontend/json_path.h (the runtime may not include frontend headers; the
// interpreter converts one into the other). Evaluation follows jsonpath-rw's `find`:
//  - every match, in document order; callers use the first;
//  - a field of a non-object matches nothing; `*` is every value of an object;
//  - `[n]` matches nothing on a falsy value (null, false, 0, 0.0, "", [], {}) or when n >= len;
//    it is an error (Python raised) on true and non-zero numbers (no len()), on a negative n
//    beyond the start, and on a non-empty object when n < len (KeyError);
//  - `[*]` and slices first wrap an object, integer, boolean or string in a one-item list;
//    they are an error on a float or null;
//  - strings are indexed by code point, like Python;
//  - `..` searches the value itself, then list items and object values depth first;
//  - `where`, `|` (union: left matches then right), `` `this` ``, `` `parent` `` (an error
//    when the final match is the parent of the document) and `$` (the document, from anywhere);
//  - `&` is an error (jsonpath-rw does not implement it).
// An error fails the whole lookup, even when earlier matches exist, as an exception in
// jsonpath-rw's `find` does.
//
// JSON objects are read as Python dicts: with a repeated key, a lookup sees the last value and
// iteration visits each key once, at its first position, with its last value.
#ifndef OSPREY_RUNTIME_JSON_PATH_H_
#define OSPREY_RUNTIME_JSON_PATH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "simdjson.h"

namespace osprey::runtime {

enum class JsonPathKind : uint8_t {
  kRoot,         // `$`
  kThis,         // `` `this` ``
  kParent,       // `` `parent` ``
  kFields,       // `a`, `a,b`, `'quoted'`, `*`
  kIndex,        // `[n]`
  kSlice,        // `[start:end]`; `[*]` has neither bound
  kChild,        // left `.` right
  kDescendants,  // left `..` right
  kWhere,        // left `where` right
  kUnion,        // left `|` right
  kIntersect,    // left `&` right
};

struct JsonPathNode {
  JsonPathKind kind = JsonPathKind::kRoot;
  std::vector<std::string> fields;  // kFields; "*" means every value.
  int64_t index = 0;                // kIndex
  std::optional<int64_t> start;     // kSlice
  std::optional<int64_t> end;       // kSlice
  int32_t left = -1;                // Binary kinds: indices into JsonPath::nodes.
  int32_t right = -1;
};

struct JsonPathSegment {
  bool is_index = false;
  std::string field;  // When !is_index.
  int64_t index = 0;  // When is_index.
};

// A parsed path. `simple` marks a chain of single fields and indices from the document
// (`$.a.b[0]`), listed in `segments`; such paths are evaluated without building match lists.
// Invariant (established by the frontend): node indices are valid and the tree is acyclic.
struct JsonPath {
  std::vector<JsonPathNode> nodes;
  int32_t root = -1;
  bool simple = false;
  std::vector<JsonPathSegment> segments;
};

// A value a path found: a node of the document, or one of the values jsonpath-rw makes up —
// a one-code-point string (indexing a string), a one-item list (`[*]` or a slice on a scalar
// or object), or None (what `$` or `` `this` `` sees after `` `parent` `` of the document).
// Cheap to copy.
struct JsonValue {
  enum class Kind : uint8_t { kElement, kNull, kString, kSingletonList };
  Kind kind = Kind::kNull;
  simdjson::dom::element element;         // kElement
  std::string string;                     // kString
  std::shared_ptr<const JsonValue> item;  // kSingletonList

  static JsonValue Of(simdjson::dom::element e) {
    JsonValue v;
    v.kind = Kind::kElement;
    v.element = e;
    return v;
  }
};

// The Python type name of the value: "str", "int", "float", "bool", "None", "list", "dict".
std::string_view JsonTypeName(const JsonValue& value);

// Calls `visit(key, value)` for each key of `object` once, in first-occurrence order, with the
// key's last value (Python's json.loads keeps the last of repeated keys).
void ForEachUniqueField(simdjson::dom::object object,
                        const std::function<void(std::string_view, simdjson::dom::element)>& visit);

// The value of `key` in `object` (the last one when repeated), or nullopt.
std::optional<simdjson::dom::element> LookupField(simdjson::dom::object object,
                                                  std::string_view key);

// Every match of `path` in `document`, in jsonpath-rw's order. An error Status (Internal; the
// message is the Python exception jsonpath-rw raises, e.g. "TypeError: object of type 'int'
// has no len()") when the lookup raises. The values refer into `document`'s parser.
absl::StatusOr<std::vector<JsonValue>> FindAll(const JsonPath& path,
                                               simdjson::dom::element document);

// The first match, nullopt when nothing matches, or FindAll's error. Uses the fast path for
// `simple` paths (no allocation unless a string is indexed).
absl::StatusOr<std::optional<JsonValue>> FindFirst(const JsonPath& path,
                                                   simdjson::dom::element document);

namespace internal {
// `value[index]` as jsonpath-rw's Index does it (see the file comment); nullopt = no match.
absl::StatusOr<std::optional<JsonValue>> IndexValue(const JsonValue& value, int64_t index);
// Truthiness of a JSON value (Python bool()).
bool JsonTruthy(const JsonValue& value);
}  // namespace internal

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_JSON_PATH_H_
