#include "codegen/interpreter/json_reads.h"

namespace osprey::codegen {

runtime::JsonPath ToRuntimePath(const frontend::JsonPath& path) {
  runtime::JsonPath out;
  out.root = path.root;
  out.simple = path.simple;
  for (const frontend::JsonPathNode& node : path.nodes) {
    runtime::JsonPathNode converted;
    converted.kind = static_cast<runtime::JsonPathKind>(node.kind);
    converted.fields = node.fields;
    converted.index = node.index;
    converted.start = node.start;
    converted.end = node.end;
    converted.left = node.left;
    converted.right = node.right;
    out.nodes.push_back(std::move(converted));
  }
  for (const frontend::JsonPathSegment& segment : path.segments) {
    out.segments.push_back({segment.is_index, segment.field, segment.index});
  }
  return out;
}

std::optional<runtime::ValueType> ToValueType(frontend::Type type) {
  using runtime::ValueType;
  if (type == nullptr) return std::nullopt;
  switch (type->kind) {
    case frontend::TypeKind::kStr:
      return ValueType::Str();
    case frontend::TypeKind::kInt:
      return ValueType::Int();
    case frontend::TypeKind::kFloat:
      return ValueType::Float();
    case frontend::TypeKind::kBool:
      return ValueType::Bool();
    case frontend::TypeKind::kNone:
      return ValueType::None();
    case frontend::TypeKind::kList: {
      std::optional<ValueType> item = ToValueType(type->args[0]);
      if (!item) return std::nullopt;
      return ValueType::List(*std::move(item));
    }
    case frontend::TypeKind::kEntity: {
      std::optional<ValueType> id = ToValueType(type->args[0]);
      if (!id) return std::nullopt;
      return ValueType::Entity(*std::move(id));
    }
    case frontend::TypeKind::kUnion: {
      std::vector<ValueType> alternatives;
      for (frontend::Type alternative : type->args) {
        std::optional<ValueType> converted = ToValueType(alternative);
        if (!converted) return std::nullopt;
        alternatives.push_back(*std::move(converted));
      }
      return ValueType::Union(std::move(alternatives));
    }
    default:
      return std::nullopt;
  }
}

PreparedRead PrepareRead(const ir::JsonRead& read) {
  return PreparedRead{ToRuntimePath(read.path), ToValueType(read.type)};
}

runtime::UdfOutcome ReadJson(const ir::JsonRead& read, const PreparedRead& prepared,
                             const runtime::Action& action, bool required, bool coerce_type,
                             runtime::JsonReadSlots* slots) {
  absl::StatusOr<std::optional<runtime::JsonValue>> match =
      runtime::FindFirst(prepared.path, read.secret ? action.secret_data : action.data);
  if (!match.ok()) return runtime::UdfError{std::string(match.status().message()), true};
  const runtime::JsonValue* found = match->has_value() ? &**match : nullptr;
  static const runtime::ValueType kUntyped = runtime::ValueType::Str();
  const runtime::ValueType& type = prepared.type ? *prepared.type : kUntyped;
  runtime::UdfOutcome outcome =
      runtime::ExtractJson(found, type, required, coerce_type, read.path_text, slots);
  if (read.entity_type.empty()) return outcome;
  if (auto* value = std::get_if<runtime::Value>(&outcome)) {
    if (slots == nullptr) return runtime::Value::Entity(read.entity_type, *std::move(value));
    return runtime::EntityValueIn(slots->entity, read.entity_type, *std::move(value));
  }
  return outcome;
}

}  // namespace osprey::codegen
