#include "runtime/json_path.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "runtime/json_big_ints.h"

namespace osprey::runtime {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Length in bytes of the UTF-8 sequence starting with `lead` (input is valid UTF-8: simdjson
// validates documents, and made-up strings are cut from them at code point boundaries).
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += Utf8Length(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

std::string CodePointAt(std::string_view s, size_t index) {
  size_t i = 0;
  for (; index > 0; --index) i += Utf8Length(static_cast<unsigned char>(s[i]));
  return std::string(s.substr(i, Utf8Length(static_cast<unsigned char>(s[i]))));
}

absl::Status PythonError(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

absl::Status NoLen(std::string_view type_name) {
  if (type_name == "None") type_name = "NoneType";
  return PythonError(absl::StrFormat("TypeError: object of type '%s' has no len()", type_name));
}

constexpr std::string_view kNoneHasNoValue =
    "AttributeError: 'NoneType' object has no attribute 'value'";

// Python `seq[index]` for a sequence of `length` items, once jsonpath-rw has checked
// `length > index`: the position, or IndexError for a negative index before the start.
absl::StatusOr<size_t> Position(int64_t index, size_t length, std::string_view what) {
  int64_t position = index < 0 ? index + static_cast<int64_t>(length) : index;
  if (position < 0) return PythonError(absl::StrFormat("IndexError: %s index out of range", what));
  return static_cast<size_t>(position);
}

size_t UniqueFieldCount(simdjson::dom::object object) {
  size_t n = 0;
  ForEachUniqueField(object, [&n](std::string_view, element) { ++n; });
  return n;
}

// One DatumInContext of jsonpath-rw: a value and the datum it was found in. `none` marks the
// Python None that `parent` returns for a datum without context; it reads as a None value
// with no context, except that it has no `.value` of its own.
struct Datum {
  JsonValue value;
  int32_t context = -1;
  bool none = false;
};

class Evaluator {
 public:
  explicit Evaluator(const JsonPath& path) : path_(path) {}

  absl::StatusOr<std::vector<int32_t>> Run(element document) {
    datums_.push_back(Datum{JsonValue::Of(document), -1, false});
    std::vector<int32_t> out;
    absl::Status status = Find(path_.root, 0, &out);
    if (!status.ok()) return status;
    return out;
  }

  const Datum& datum(int32_t i) const { return datums_[i]; }

 private:
  int32_t Add(JsonValue value, int32_t context) {
    datums_.push_back(Datum{std::move(value), context, false});
    return static_cast<int32_t>(datums_.size() - 1);
  }

  absl::Status Find(int32_t node_index, int32_t at, std::vector<int32_t>* out);
  absl::Status FindSlice(const JsonPathNode& node, int32_t at, std::vector<int32_t>* out);
  absl::Status Descend(int32_t node_index, int32_t at, std::vector<int32_t>* out);

  const JsonPath& path_;
  std::vector<Datum> datums_;
};

absl::Status Evaluator::Find(int32_t node_index, int32_t at, std::vector<int32_t>* out) {
  const JsonPathNode& node = path_.nodes[node_index];
  switch (node.kind) {
    case JsonPathKind::kRoot: {
      int32_t top = at;
      while (datums_[top].context >= 0) top = datums_[top].context;
      out->push_back(Add(datums_[top].none ? JsonValue{} : datums_[top].value, -1));
      return absl::OkStatus();
    }
    case JsonPathKind::kThis:
      out->push_back(datums_[at].none ? Add(JsonValue{}, -1) : at);
      return absl::OkStatus();
    case JsonPathKind::kParent:
      if (datums_[at].context >= 0) {
        out->push_back(datums_[at].context);
      } else {
        datums_.push_back(Datum{JsonValue{}, -1, true});
        out->push_back(static_cast<int32_t>(datums_.size() - 1));
      }
      return absl::OkStatus();
    case JsonPathKind::kFields: {
      const JsonValue& value = datums_[at].value;
      if (value.kind != JsonValue::Kind::kElement || !value.element.is_object()) {
        return absl::OkStatus();  // TypeError/AttributeError, which Fields catches.
      }
      simdjson::dom::object object = value.element.get_object().value_unsafe();
      bool all = false;
      for (const std::string& field : node.fields) all = all || field == "*";
      if (all) {
        ForEachUniqueField(object, [&](std::string_view, element child) {
          out->push_back(Add(JsonValue::Of(child), at));
        });
      } else {
        for (const std::string& field : node.fields) {
          if (auto child = LookupField(object, field)) {
            out->push_back(Add(JsonValue::Of(*child), at));
          }
        }
      }
      return absl::OkStatus();
    }
    case JsonPathKind::kIndex: {
      absl::StatusOr<std::optional<JsonValue>> item =
          internal::IndexValue(datums_[at].value, node.index);
      if (!item.ok()) return item.status();
      if (item->has_value()) out->push_back(Add(std::move(**item), at));
      return absl::OkStatus();
    }
    case JsonPathKind::kSlice:
      return FindSlice(node, at, out);
    case JsonPathKind::kChild: {
      std::vector<int32_t> left;
      absl::Status status = Find(node.left, at, &left);
      for (size_t i = 0; status.ok() && i < left.size(); ++i)
        status = Find(node.right, left[i], out);
      return status;
    }
    case JsonPathKind::kDescendants: {
      std::vector<int32_t> left;
      absl::Status status = Find(node.left, at, &left);
      for (size_t i = 0; status.ok() && i < left.size(); ++i) {
        status = Descend(node.right, left[i], out);
      }
      return status;
    }
    case JsonPathKind::kWhere: {
      std::vector<int32_t> left;
      absl::Status status = Find(node.left, at, &left);
      for (size_t i = 0; status.ok() && i < left.size(); ++i) {
        std::vector<int32_t> filter;
        status = Find(node.right, left[i], &filter);
        if (!filter.empty()) out->push_back(left[i]);
      }
      return status;
    }
    case JsonPathKind::kUnion: {
      absl::Status status = Find(node.left, at, out);
      if (status.ok()) status = Find(node.right, at, out);
      return status;
    }
    case JsonPathKind::kIntersect:
      return PythonError("NotImplementedError: `&` (intersection) cannot be evaluated");
  }
  return absl::OkStatus();
}

absl::Status Evaluator::FindSlice(const JsonPathNode& node, int32_t at, std::vector<int32_t>* out) {
  int32_t list = at;
  const JsonValue& value = datums_[at].value;
  bool wrap = value.kind == JsonValue::Kind::kString;
  if (value.kind == JsonValue::Kind::kElement) {
    switch (value.element.type()) {
      case element_type::OBJECT:
      case element_type::INT64:
      case element_type::UINT64:
      case element_type::BOOL:
      case element_type::STRING:  // Marked big ints too (json_big_ints.h): they are ints.
        wrap = true;  // Slice's "hack": dicts, ints (and so bools) and strings become [value].
        break;
      default:
        break;
    }
  }
  if (wrap) {
    JsonValue singleton;
    singleton.kind = JsonValue::Kind::kSingletonList;
    singleton.item = std::make_shared<const JsonValue>(value);
    list = Add(std::move(singleton), datums_[at].context);
  }
  const JsonValue container = datums_[list].value;  // A copy: Add() may reallocate datums_.
  size_t length = 0;
  if (container.kind == JsonValue::Kind::kSingletonList) {
    length = 1;
  } else if (container.kind == JsonValue::Kind::kElement && container.element.is_array()) {
    length = container.element.get_array().value_unsafe().size();
  } else {
    return NoLen(JsonTypeName(container));
  }
  // range(0, length)[start:end] with Python's slice rules (step 1).
  auto clamp = [length](std::optional<int64_t> bound, int64_t fallback) -> int64_t {
    if (!bound) return fallback;
    int64_t n = static_cast<int64_t>(length);
    int64_t b = *bound < 0 ? (*bound < -n ? 0 : *bound + n) : *bound;
    return b > n ? n : b;
  };
  int64_t begin = clamp(node.start, 0);
  int64_t end = clamp(node.end, static_cast<int64_t>(length));
  if (begin >= end) return absl::OkStatus();
  if (container.kind == JsonValue::Kind::kSingletonList) {
    JsonValue item = *container.item;
    out->push_back(Add(std::move(item), list));
    return absl::OkStatus();
  }
  int64_t i = 0;
  // Bound first: a range-for over value_unsafe() of a temporary dangles (before C++23).
  simdjson::dom::array array = container.element.get_array().value_unsafe();
  for (element item : array) {
    if (i >= end) break;
    if (i >= begin) out->push_back(Add(JsonValue::Of(item), list));
    ++i;
  }
  return absl::OkStatus();
}

// Descendants' match_recursively: the right-hand matches of the value, then of each list item
// and object value, depth first.
absl::Status Evaluator::Descend(int32_t node_index, int32_t at, std::vector<int32_t>* out) {
  if (datums_[at].none) return PythonError(std::string(kNoneHasNoValue));
  absl::Status status = Find(node_index, at, out);
  if (!status.ok()) return status;
  JsonValue value = datums_[at].value;  // Copied: Add() may reallocate datums_.
  if (value.kind == JsonValue::Kind::kSingletonList) {
    return Descend(node_index, Add(*value.item, at), out);
  }
  if (value.kind != JsonValue::Kind::kElement) return absl::OkStatus();
  if (value.element.is_array()) {
    simdjson::dom::array array = value.element.get_array().value_unsafe();
    for (element item : array) {
      status = Descend(node_index, Add(JsonValue::Of(item), at), out);
      if (!status.ok()) return status;
    }
  } else if (value.element.is_object()) {
    ForEachUniqueField(value.element.get_object().value_unsafe(),
                       [&](std::string_view, element child) {
                         if (status.ok())
                           status = Descend(node_index, Add(JsonValue::Of(child), at), out);
                       });
  }
  return status;
}

}  // namespace

std::string_view JsonTypeName(const JsonValue& value) {
  switch (value.kind) {
    case JsonValue::Kind::kNull:
      return "None";
    case JsonValue::Kind::kString:
      return "str";
    case JsonValue::Kind::kSingletonList:
      return "list";
    case JsonValue::Kind::kElement:
      break;
  }
  switch (value.element.type()) {
    case element_type::ARRAY:
      return "list";
    case element_type::OBJECT:
      return "dict";
    case element_type::INT64:
    case element_type::UINT64:
      return "int";
    case element_type::DOUBLE:
      return "float";
    case element_type::STRING:
      return IsBigIntElement(value.element) ? "int" : "str";
    case element_type::BOOL:
      return "bool";
    case element_type::NULL_VALUE:
      return "None";
  }
  return "None";
}

void ForEachUniqueField(simdjson::dom::object object,
                        const std::function<void(std::string_view, element)>& visit) {
  absl::InlinedVector<std::pair<std::string_view, element>, 16> fields;
  for (simdjson::dom::key_value_pair field : object) fields.emplace_back(field.key, field.value);
  bool repeated = false;
  if (fields.size() <= 16) {
    for (size_t i = 1; i < fields.size() && !repeated; ++i) {
      for (size_t j = 0; j < i && !repeated; ++j) repeated = fields[i].first == fields[j].first;
    }
  } else {
    std::unordered_set<std::string_view> seen;
    for (const auto& field : fields) repeated = repeated || !seen.insert(field.first).second;
  }
  if (!repeated) {
    for (const auto& [key, value] : fields) visit(key, value);
    return;
  }
  std::unordered_map<std::string_view, element> last;
  for (const auto& [key, value] : fields) last[key] = value;
  std::unordered_set<std::string_view> visited;
  for (const auto& field : fields) {
    if (visited.insert(field.first).second) visit(field.first, last[field.first]);
  }
}

std::optional<element> LookupField(simdjson::dom::object object, std::string_view key) {
  std::optional<element> found;
  for (simdjson::dom::key_value_pair field : object) {
    if (field.key == key) found = field.value;
  }
  return found;
}

namespace internal {

bool JsonTruthy(const JsonValue& value) {
  switch (value.kind) {
    case JsonValue::Kind::kNull:
      return false;
    case JsonValue::Kind::kString:
      return !value.string.empty();
    case JsonValue::Kind::kSingletonList:
      return true;
    case JsonValue::Kind::kElement:
      break;
  }
  element e = value.element;
  switch (e.type()) {
    case element_type::ARRAY:
      return e.get_array().value_unsafe().size() != 0;
    case element_type::OBJECT:
      return e.get_object().value_unsafe().size() != 0;
    case element_type::INT64:
      return e.get_int64().value_unsafe() != 0;
    case element_type::UINT64:
      return e.get_uint64().value_unsafe() != 0;
    case element_type::DOUBLE:
      return e.get_double().value_unsafe() != 0.0;
    case element_type::STRING:
      return !e.get_string().value_unsafe().empty();  // A marked big int is never 0 or "".
    case element_type::BOOL:
      return e.get_bool().value_unsafe();
    case element_type::NULL_VALUE:
      return false;
  }
  return false;
}

absl::StatusOr<std::optional<JsonValue>> IndexValue(const JsonValue& value, int64_t index) {
  // `if datum.value and len(datum.value) > self.index: datum.value[self.index]`
  if (!JsonTruthy(value)) return std::nullopt;
  if (value.kind == JsonValue::Kind::kSingletonList) {
    if (index >= 1) return std::nullopt;
    absl::StatusOr<size_t> position = Position(index, 1, "list");
    if (!position.ok()) return position.status();
    return *value.item;
  }
  std::string_view text;
  if (value.kind == JsonValue::Kind::kString) {
    text = value.string;
  } else if (value.element.is_string() && !IsBigIntElement(value.element)) {
    text = value.element.get_string().value_unsafe();
  } else if (value.element.is_array()) {
    simdjson::dom::array array = value.element.get_array().value_unsafe();
    size_t length = array.size();
    if (index >= 0 && static_cast<uint64_t>(index) >= length) return std::nullopt;
    absl::StatusOr<size_t> position = Position(index, length, "list");
    if (!position.ok()) return position.status();
    size_t i = 0;
    for (element item : array) {
      if (i++ == *position) return JsonValue::Of(item);
    }
    return std::nullopt;  // Unreachable: position < length.
  } else if (value.element.is_object()) {
    size_t length = UniqueFieldCount(value.element.get_object().value_unsafe());
    if (index >= 0 && static_cast<uint64_t>(index) >= length) return std::nullopt;
    // JSON keys are strings, so an integer key is never found.
    return PythonError(absl::StrFormat("KeyError: %d", index));
  } else {
    return NoLen(JsonTypeName(value));
  }
  size_t length = CountCodePoints(text);
  if (index >= 0 && static_cast<uint64_t>(index) >= length) return std::nullopt;
  absl::StatusOr<size_t> position = Position(index, length, "string");
  if (!position.ok()) return position.status();
  JsonValue character;
  character.kind = JsonValue::Kind::kString;
  character.string = CodePointAt(text, *position);
  return character;
}

}  // namespace internal

absl::StatusOr<std::vector<JsonValue>> FindAll(const JsonPath& path, element document) {
  Evaluator evaluator(path);
  absl::StatusOr<std::vector<int32_t>> matches = evaluator.Run(document);
  if (!matches.ok()) return matches.status();
  std::vector<JsonValue> values;
  values.reserve(matches->size());
  for (int32_t i : *matches) {
    if (evaluator.datum(i).none) return PythonError(std::string(kNoneHasNoValue));
    values.push_back(evaluator.datum(i).value);
  }
  return values;
}

absl::StatusOr<std::optional<JsonValue>> FindFirst(const JsonPath& path, element document) {
  if (path.simple) {
    JsonValue current = JsonValue::Of(document);
    for (const JsonPathSegment& segment : path.segments) {
      if (segment.is_index) {
        absl::StatusOr<std::optional<JsonValue>> item =
            internal::IndexValue(current, segment.index);
        if (!item.ok() || !item->has_value()) return item;
        current = std::move(**item);
      } else {
        if (current.kind != JsonValue::Kind::kElement || !current.element.is_object()) {
          return std::nullopt;
        }
        std::optional<element> child =
            LookupField(current.element.get_object().value_unsafe(), segment.field);
        if (!child) return std::nullopt;
        current = JsonValue::Of(*child);
      }
    }
    return current;
  }
  Evaluator evaluator(path);
  absl::StatusOr<std::vector<int32_t>> matches = evaluator.Run(document);
  if (!matches.ok()) return matches.status();
  if (matches->empty()) return std::nullopt;
  const Datum& first = evaluator.datum(matches->front());
  if (first.none) return PythonError(std::string(kNoneHasNoValue));
  return first.value;
}

}  // namespace osprey::runtime
