#include "codegen/interpreter/lane_values.h"

#include <bit>
#include <cstdint>
#include <limits>

namespace osprey::codegen {

using runtime::Value;

std::optional<Value> ValueOfLane(const OspreyLane& lane) {
  switch (lane.tag) {
    case OSPREY_LANE_NONE:
      return Value::None();
    case OSPREY_LANE_BOOL:
      return Value::Bool(lane.bits != 0);
    case OSPREY_LANE_INT:
      return Value::Int(static_cast<int64_t>(lane.bits));
    case OSPREY_LANE_FLOAT:
      return Value::Float(std::bit_cast<double>(lane.bits));
    default:
      return std::nullopt;
  }
}

void SetLane(const std::optional<Value>& value, OspreyLane& lane) {
  lane.bits = 0;
  lane.length = 0;
  if (!value) {
    lane.tag = OSPREY_LANE_FAILED;
    return;
  }
  switch (value->kind()) {
    case Value::Kind::kNone:
      lane.tag = OSPREY_LANE_NONE;
      return;
    case Value::Kind::kBool:
      lane.tag = OSPREY_LANE_BOOL;
      lane.bits = value->as_bool() ? 1 : 0;
      return;
    case Value::Kind::kInt:
      lane.tag = OSPREY_LANE_INT;
      lane.bits = static_cast<uint64_t>(value->as_int());
      return;
    case Value::Kind::kFloat:
      lane.tag = OSPREY_LANE_FLOAT;
      lane.bits = std::bit_cast<uint64_t>(value->as_float());
      return;
    case Value::Kind::kString: {
      const std::string& text = value->as_string();
      if (text.size() > std::numeric_limits<uint32_t>::max()) break;
      lane.tag = OSPREY_LANE_STRING;
      lane.length = static_cast<uint32_t>(text.size());
      lane.bits = reinterpret_cast<uintptr_t>(text.data());
      return;
    }
    case Value::Kind::kList: {
      const size_t size = value->as_list().size();
      if (size > std::numeric_limits<uint32_t>::max()) break;
      lane.tag = OSPREY_LANE_LIST;
      lane.length = static_cast<uint32_t>(size);
      return;
    }
    default:
      break;
  }
  // Other values, ints beyond int64 (kBigInt), and strings and lists too long for `length`.
  lane.bits = 0;
  lane.length = 0;
  lane.tag = OSPREY_LANE_OBJECT;
}

}  // namespace osprey::codegen
