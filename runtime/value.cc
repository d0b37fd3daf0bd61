#include "runtime/value.h"

namespace osprey::runtime {

void Effect::Clear() {
  kind = Kind::kVerdict;
  verdict.clear();
  entity_type.clear();
  entity_id = Value();
  label.clear();
  add = true;
  delay_action_by_seconds.reset();
  expires_after_seconds.reset();
  dependent_rule.reset();
  suppressed = false;
  output_key.clear();
  output_value.clear();
}

Value Unwrap(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kEntity:
      return value.as_entity().id;
    case Value::Kind::kRule:
      return Value::Bool(value.as_rule().value);
    case Value::Kind::kTimeDelta:
      return Value::Float(value.as_time_delta());
    case Value::Kind::kExperiment:
      return Value::List(value.as_list());
    default:
      return value;
  }
}

}  // namespace osprey::runtime
