// Whether a call's arguments are, statically, exactly what its function declares. A function
// that can fail only on an argument of the wrong type (the label effects, for one) then records
// no error: a node of a non-nullable type holds such a value or has failed, and a failed
// argument of a non-nullable parameter fails the call without recording anything.
#ifndef OSPREY_IR_TYPED_CALLS_H_
#define OSPREY_IR_TYPED_CALLS_H_

#include "ir/program.h"

namespace osprey::ir {

// True when every argument `call` (a kCall node) takes from an operand has a static type that
// is known (not Any or an object), not nullable, and assignable to its parameter's type.
// Arguments given as constants were checked against their parameters by validation.
bool ArgumentsHaveDeclaredTypes(const Program& program, const Node& call);

}  // namespace osprey::ir

#endif  // OSPREY_IR_TYPED_CALLS_H_
