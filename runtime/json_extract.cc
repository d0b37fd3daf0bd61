#include "runtime/json_extract.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_format.h"
#include "runtime/big_int.h"
#include "runtime/json_big_ints.h"
#include "runtime/python_semantics.h"

namespace osprey::runtime {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// ---------------------------------------------------------------------------------------------
// Checks and coercion of JSON values.

bool IsNull(const JsonValue& v) {
  return v.kind == JsonValue::Kind::kNull ||
         (v.kind == JsonValue::Kind::kElement && v.element.is_null());
}

// The element's type, where UINT64 stands for every int beyond int64: simdjson's UINT64 and
// the marked integers beyond it (json_big_ints.h), which are STRING elements to simdjson.
element_type TypeOf(const JsonValue& v) {
  switch (v.kind) {
    case JsonValue::Kind::kNull:
      return element_type::NULL_VALUE;
    case JsonValue::Kind::kString:
      return element_type::STRING;
    case JsonValue::Kind::kSingletonList:
      return element_type::ARRAY;
    case JsonValue::Kind::kElement:
      break;
  }
  const element_type type = v.element.type();
  if (type == element_type::STRING && IsMarkedString(v.element)) {
    return element_type::UINT64;
  }
  return type;
}

// Calls `visit` on each item of a list value (an array or a made-up one-item list).
template <typename Visit>
void ForEachItem(const JsonValue& list, Visit visit) {
  if (list.kind == JsonValue::Kind::kSingletonList) {
    visit(*list.item);
    return;
  }
  // Bound first: a range-for over value_unsafe() of a temporary dangles (before C++23).
  simdjson::dom::array array = list.element.get_array().value_unsafe();
  for (element item : array) visit(JsonValue::Of(item));
}

bool CheckJson(const JsonValue& v, const ValueType& type) {
  element_type t = TypeOf(v);
  switch (type.kind) {
    case ValueType::Kind::kStr:
      return t == element_type::STRING;
    case ValueType::Kind::kInt:
      return t == element_type::INT64 || t == element_type::UINT64;
    case ValueType::Kind::kFloat:
      return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
    case ValueType::Kind::kBool:
      return t == element_type::BOOL;
    case ValueType::Kind::kNone:
      return t == element_type::NULL_VALUE;
    case ValueType::Kind::kList: {
      if (t != element_type::ARRAY) return false;
      bool all = true;
      ForEachItem(v, [&](const JsonValue& item) { all = all && CheckJson(item, type.args[0]); });
      return all;
    }
    case ValueType::Kind::kUnion:
      for (const ValueType& alternative : type.args) {
        if (CheckJson(v, alternative)) return true;
      }
      return false;
    case ValueType::Kind::kEntity:
      return false;  // JSON holds no entities.
  }
  return false;
}

// How a coercion failed, as the Python exception class decides what happens next.
enum class Failure : uint8_t {
  kNone,
  kTypeError,   // A Union tries its next alternative; JsonData reports InvalidJsonType.
  kValueError,  // Ends a Union's search; JsonData reports InvalidJsonType.
  kOther,       // OverflowError or the int64 limit: the call fails with `message`.
};

struct Coerced {
  std::optional<Value> value;
  Failure failure = Failure::kNone;
  std::string message;
};

Coerced Fail(Failure failure, std::string message = "") {
  return Coerced{std::nullopt, failure, std::move(message)};
}

Coerced Converted(const JsonValue& v) {
  std::string error;
  std::optional<Value> value = JsonToValue(v, &error);
  if (!value) return Fail(Failure::kOther, std::move(error));
  return Coerced{std::move(value), Failure::kNone, ""};
}

std::string_view StringOf(const JsonValue& v) {
  return v.kind == JsonValue::Kind::kString ? std::string_view(v.string)
                                            : v.element.get_string().value_unsafe();
}

// JsonToValue of a list. With `slots` (ReuseSlot), the vector and the strings of its string
// items are refilled in place when the values made from them earlier are all gone.
std::optional<Value> ListValue(const JsonValue& list, std::string* error, JsonReadSlots* slots) {
  std::vector<Value> fresh;
  std::vector<Value>* items = &fresh;
  if (slots != nullptr) {
    if (ReuseSlot(slots->list)) slots->list->clear();  // Frees the items' hold on list_strings.
    items = slots->list.get();
  }
  bool ok = true;
  ForEachItem(list, [&](const JsonValue& item) {
    if (!ok) return;
    if (slots != nullptr && TypeOf(item) == element_type::STRING) {
      std::vector<std::shared_ptr<std::string>>& strings = slots->list_strings;
      if (strings.size() <= items->size()) strings.resize(items->size() + 1);
      items->push_back(StringValueIn(strings[items->size()], StringOf(item)));
      return;
    }
    std::optional<Value> converted = JsonToValue(item, error);
    ok = converted.has_value();
    if (ok) items->push_back(*std::move(converted));
  });
  if (!ok) return std::nullopt;
  if (slots != nullptr) return Value::SharedList(slots->list);
  return Value::List(std::move(fresh));
}

Coerced CoerceToInt(const JsonValue& v) {
  switch (TypeOf(v)) {
    case element_type::DOUBLE: {
      double d = v.element.get_double().value_unsafe();
      if (std::isnan(d)) return Fail(Failure::kValueError);
      if (std::isinf(d)) {
        return Fail(Failure::kOther, "OverflowError: cannot convert float infinity to integer");
      }
      return Coerced{IntOfDouble(d), Failure::kNone, ""};
    }
    case element_type::STRING: {
      std::optional<Value> parsed = internal::ParsePythonInt(StringOf(v));
      if (!parsed) return Fail(Failure::kValueError);
      return Coerced{*std::move(parsed), Failure::kNone, ""};
    }
    default:
      return Fail(Failure::kTypeError);  // int() of a list or dict.
  }
}

Coerced CoerceToFloat(const JsonValue& v) {
  if (TypeOf(v) != element_type::STRING) return Fail(Failure::kTypeError);
  std::optional<double> parsed = internal::ParsePythonFloat(StringOf(v));
  if (!parsed) return Fail(Failure::kValueError);
  return Coerced{Value::Float(*parsed), Failure::kNone, ""};
}

Coerced Coerce(const JsonValue& v, const ValueType& type) {
  if (CheckJson(v, type)) return Converted(v);
  element_type t = TypeOf(v);
  switch (type.kind) {
    case ValueType::Kind::kNone:
    case ValueType::Kind::kEntity:
      return Fail(Failure::kTypeError);
    case ValueType::Kind::kStr:
    case ValueType::Kind::kInt:
    case ValueType::Kind::kFloat:
    case ValueType::Kind::kBool:
      if (t == element_type::NULL_VALUE && type.kind != ValueType::Kind::kBool) {
        return Fail(Failure::kTypeError);
      }
      if (t == element_type::BOOL &&
          (type.kind == ValueType::Kind::kInt || type.kind == ValueType::Kind::kFloat)) {
        return Fail(Failure::kTypeError);
      }
      if (type.kind == ValueType::Kind::kStr) {
        return Coerced{Value::String(JsonPythonStr(v)), Failure::kNone, ""};
      }
      if (type.kind == ValueType::Kind::kBool) {
        return Coerced{Value::Bool(internal::JsonTruthy(v)), Failure::kNone, ""};
      }
      return type.kind == ValueType::Kind::kInt ? CoerceToInt(v) : CoerceToFloat(v);
    case ValueType::Kind::kList: {
      if (t != element_type::ARRAY) return Fail(Failure::kTypeError);  // Strings too.
      std::vector<Value> items;
      Coerced failed;
      ForEachItem(v, [&](const JsonValue& item) {
        if (failed.failure != Failure::kNone) return;
        Coerced c = Coerce(item, type.args[0]);
        if (c.failure != Failure::kNone) {
          failed = std::move(c);
        } else {
          items.push_back(std::move(*c.value));
        }
      });
      if (failed.failure != Failure::kNone) return failed;
      return Coerced{Value::List(std::move(items)), Failure::kNone, ""};
    }
    case ValueType::Kind::kUnion:
      // No alternative passes as is (checked above), so try each coercion in order.
      for (const ValueType& alternative : type.args) {
        Coerced c = Coerce(v, alternative);
        if (c.failure != Failure::kTypeError) return c;
      }
      return Fail(Failure::kTypeError);
  }
  return Fail(Failure::kTypeError);
}

void AppendRepr(const JsonValue& v, std::string* out) {
  switch (TypeOf(v)) {
    case element_type::STRING:
      out->append(PythonRepr(Value::String(std::string(StringOf(v)))));
      return;
    case element_type::ARRAY: {
      out->push_back('[');
      bool first = true;
      ForEachItem(v, [&](const JsonValue& item) {
        if (!first) out->append(", ");
        first = false;
        AppendRepr(item, out);
      });
      out->push_back(']');
      return;
    }
    case element_type::OBJECT: {
      out->push_back('{');
      bool first = true;
      ForEachUniqueField(v.element.get_object().value_unsafe(),
                         [&](std::string_view key, element value) {
                           if (!first) out->append(", ");
                           first = false;
                           out->append(PythonRepr(Value::String(std::string(key))));
                           out->append(": ");
                           AppendRepr(JsonValue::Of(value), out);
                         });
      out->push_back('}');
      return;
    }
    case element_type::INT64:
      out->append(absl::StrFormat("%d", v.element.get_int64().value_unsafe()));
      return;
    case element_type::UINT64:
      out->append(BigIntElementText(v.element));
      return;
    case element_type::DOUBLE:
      out->append(FormatPythonFloat(v.element.get_double().value_unsafe()));
      return;
    case element_type::BOOL:
      out->append(v.element.get_bool().value_unsafe() ? "True" : "False");
      return;
    case element_type::NULL_VALUE:
      out->append("None");
      return;
  }
}

bool AcceptsNone(const ValueType& type) {
  if (type.kind == ValueType::Kind::kNone) return true;
  if (type.kind != ValueType::Kind::kUnion) return false;
  for (const ValueType& alternative : type.args) {
    if (AcceptsNone(alternative)) return true;
  }
  return false;
}

}  // namespace

std::string ValueType::DisplayName() const {
  switch (kind) {
    case Kind::kStr:
      return "str";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kBool:
      return "bool";
    case Kind::kNone:
      return "None";
    case Kind::kList:
      return "list[" + args[0].DisplayName() + "]";
    case Kind::kEntity:
      return "EntityT[" + args[0].DisplayName() + "]";
    case Kind::kUnion:
      break;
  }
  std::string text;
  for (const ValueType& alternative : args) {
    // to_display_str prints `X | None` for two alternatives and otherwise leaves None out.
    if (alternative.kind == Kind::kNone && args.size() != 2) continue;
    if (!text.empty()) text += " | ";
    text += alternative.DisplayName();
  }
  return text;
}

UdfOutcome ExtractJson(const JsonValue* value, const ValueType& type, bool required,
                       bool coerce_type, std::string_view path_text, JsonReadSlots* slots) {
  if (value == nullptr) {
    if (AcceptsNone(type)) return Value::None();
    if (!required) return UdfError{"", /*recorded=*/false};  // An expected failure: no message.
    return UdfError{absl::StrFormat("Missing Json data at path `%s`.", path_text), true};
  }
  if (CheckJson(*value, type)) {
    const element_type checked = TypeOf(*value);
    if (slots != nullptr && checked == element_type::STRING) {
      return StringValueIn(slots->string, StringOf(*value));
    }
    std::string error;
    std::optional<Value> converted = checked == element_type::ARRAY
                                         ? ListValue(*value, &error, slots)
                                         : JsonToValue(*value, &error);
    if (!converted) return UdfError{std::move(error), true};
    return *std::move(converted);
  }
  bool is_null = IsNull(*value);
  if (is_null && !required) {
    return UdfError{absl::StrFormat("Json data at path `%s` is null.", path_text), false};
  }
  if (coerce_type && !is_null) {
    Coerced coerced = Coerce(*value, type);
    if (coerced.failure == Failure::kNone) return *std::move(coerced.value);
    if (coerced.failure == Failure::kOther) return UdfError{std::move(coerced.message), true};
  }
  return UdfError{
      absl::StrFormat("Invalid type in Json data at path `%s`. Has type `%s`, expected `%s`.",
                      path_text, JsonTypeName(*value), type.DisplayName()),
      true};
}

bool CheckValue(const Value& value, const ValueType& type) {
  Value::Kind k = value.kind();
  switch (type.kind) {
    case ValueType::Kind::kStr:
      return k == Value::Kind::kString;
    case ValueType::Kind::kInt:
      return value.is_integer();
    case ValueType::Kind::kFloat:
      return value.is_integer() || k == Value::Kind::kFloat;
    case ValueType::Kind::kBool:
      return k == Value::Kind::kBool;
    case ValueType::Kind::kNone:
      return k == Value::Kind::kNone;
    case ValueType::Kind::kList:
      if (k != Value::Kind::kList) return false;
      for (const Value& item : value.as_list()) {
        if (!CheckValue(item, type.args[0])) return false;
      }
      return true;
    case ValueType::Kind::kUnion:
      for (const ValueType& alternative : type.args) {
        if (CheckValue(value, alternative)) return true;
      }
      return false;
    case ValueType::Kind::kEntity:
      return k == Value::Kind::kEntity && CheckValue(value.as_entity().id, type.args[0]);
  }
  return false;
}

std::optional<Value> JsonToValue(const JsonValue& value, std::string* error) {
  switch (TypeOf(value)) {
    case element_type::NULL_VALUE:
      return Value::None();
    case element_type::STRING:
      return Value::String(std::string(StringOf(value)));
    case element_type::BOOL:
      return Value::Bool(value.element.get_bool().value_unsafe());
    case element_type::INT64:
      return Value::Int(value.element.get_int64().value_unsafe());
    case element_type::DOUBLE:
      return Value::Float(value.element.get_double().value_unsafe());
    case element_type::UINT64:
      return BigIntElementValue(value.element);
    case element_type::OBJECT:
      *error = "a JSON object has no SML value";
      return std::nullopt;
    case element_type::ARRAY:
      return ListValue(value, error, /*slots=*/nullptr);
  }
  return std::nullopt;
}

std::string JsonPythonStr(const JsonValue& value) {
  if (TypeOf(value) == element_type::STRING) return std::string(StringOf(value));
  return JsonPythonRepr(value);
}

std::string JsonPythonRepr(const JsonValue& value) {
  std::string out;
  AppendRepr(value, &out);
  return out;
}

}  // namespace osprey::runtime
