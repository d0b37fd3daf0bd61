#include "runtime/value.h"

namespace osprey::runtime {

Value Unwrap(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kEntity:
      return *value.as_entity().id;
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
