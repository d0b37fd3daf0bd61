// Conversions between runtime Values and the lanes of compiled code (runtime/abi/jit_abi.h).
#ifndef OSPREY_CODEGEN_INTERPRETER_LANE_VALUES_H_
#define OSPREY_CODEGEN_INTERPRETER_LANE_VALUES_H_

#include <optional>

#include "runtime/abi/jit_abi.h"
#include "runtime/value.h"

namespace osprey::codegen {

// A scalar lane's value; nullopt for FAILED (and OBJECT, STRING and LIST, whose value the
// runtime holds: only nodes it computes have those).
std::optional<runtime::Value> ValueOfLane(const OspreyLane& lane);

// Writes `value` (nullopt: failed) to `lane`: a str becomes a STRING lane pointing into
// `value`, a list a LIST lane, any other non-scalar OBJECT.
void SetLane(const std::optional<runtime::Value>& value, OspreyLane& lane);

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_LANE_VALUES_H_
