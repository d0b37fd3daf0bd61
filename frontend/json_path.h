// JSONPath expressions as `JsonData(path=...)` and `EntityJson(path=...)` accept them: the
// dialect of jsonpath-rw (the parser Osprey uses), with its grammar, its quirks and its error
// messages (spec udfs.md §3).
//
// The grammar, loosest-binding first (all binary operators are left-associative):
//
//   path  :=  path ',' ...            (only inside a field list: `a,b`)
//          |  path '..' path          descendants
//          |  path '.' path           child
//          |  path '|' path           union
//          |  path '&' path           intersection (fails when evaluated)
//          |  path 'where' path       filter
//          |  atom postfix*
//   atom  :=  '$' | fields | '*' | '`this`' | '`parent`' | '(' path ')' | bracket
//   postfix := bracket                (binds tightest: `$.a[0]` is `$.(a[0])`)
//   bracket := '[' NUMBER ']' | '[' NUMBER? ':' NUMBER? ']' | '[' '*' ']' | '[' fields ']'
//   fields  := ID (',' ID)*           ID: [A-Za-z_@][A-Za-z0-9_@-]*, or '...' / "..." quoted
//
// So `|` binds tighter than `.`: `$.a|$.b` is `$.(a|$).b`.
#ifndef OSPREY_FRONTEND_JSON_PATH_H_
#define OSPREY_FRONTEND_JSON_PATH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace osprey::frontend {

enum class JsonPathKind : uint8_t {
  kRoot,         // `$`: the document.
  kThis,         // `` `this` ``: the current value.
  kParent,       // `` `parent` ``: the value the current one was found in.
  kFields,       // `a`, `a,b`, `'quoted key'`, `*` (every value of an object, in key order).
  kIndex,        // `[n]`.
  kSlice,        // `[start:end]`, either bound optional; `[*]` has neither.
  kChild,        // left `.` right.
  kDescendants,  // left `..` right.
  kWhere,        // left `where` right.
  kUnion,        // left `|` right.
  kIntersect,    // left `&` right.
};

struct JsonPathNode {
  JsonPathKind kind = JsonPathKind::kRoot;
  std::vector<std::string> fields;  // kFields: the names in order; "*" means every value.
  int64_t index = 0;                // kIndex (saturated to the int64 range).
  std::optional<int64_t> start;     // kSlice
  std::optional<int64_t> end;       // kSlice
  int32_t left = -1;                // Binary kinds: indices into JsonPath::nodes.
  int32_t right = -1;
};

// One step of a simple path (see JsonPath::simple).
struct JsonPathSegment {
  bool is_index = false;
  std::string field;  // When !is_index.
  int64_t index = 0;  // When is_index.

  friend bool operator==(const JsonPathSegment&, const JsonPathSegment&) = default;
};

// A parsed path: an expression tree in `nodes`, whose root is `nodes[root]`.
struct JsonPath {
  std::vector<JsonPathNode> nodes;
  int32_t root = -1;
  // True when the path is a chain of single field names and indices applied to the document
  // (`$.a.b[0]`, `a.b`, `$['k']`, `$`), the common case a fast evaluator can take; `segments`
  // then lists the steps in order (empty for `$`).
  bool simple = false;
  std::vector<JsonPathSegment> segments;

  // jsonpath-rw's str() of the path, which runtime error messages quote: `$.foo`,
  // `$.items.[0]`, `$..name`, `$.a.[1:3]`. Two deliberate differences: jsonpath-rw prints a
  // union or intersection as a Python object address; here they are `(left|right)` and
  // `(left&right)`.
  std::string ToString() const;
};

// Parses `text`. On failure, the status is InvalidArgument and its message is the text of the
// exception jsonpath-rw raises as Osprey reports it: "Parse error at 1:8 near token path (ID)",
// "Error on line 1, col 7: Unexpected character: é ", "invalid json-path supplied" (input ends
// too early), "Unexpected EOF in string literal or identifier", "Unknown named operator `x` at
// 1:0". Lines are 1-based and columns count code points as jsonpath-rw does (0-based on the
// first line).
absl::StatusOr<JsonPath> ParseJsonPath(std::string_view text);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_JSON_PATH_H_
