// Which nodes compiled code computes itself, in lanes (runtime/abi/jit_abi.h), rather than
// through the runtime's helpers.
//
// A lane node has a static scalar type (None, bool, int, float or a union of those) and an
// operation whose common cases compile to a few instructions: a scalar constant, `and`, `or`,
// `not`, a comparison of scalars, arithmetic or negation of scalars. Its inputs may be any
// node. A Rule whose item list and description only it reads is a lane node too: its lane
// holds its boolean (or failure), and the runtime builds the rule's value object only when
// something reads it (runtime values of rules are Value::Rule). So is a WhenRules whose rules
// are all rule lanes: its lane is None, and compiled code calls the runtime to emit its
// effects only when one of the rules is true. The rest (strings, lists, calls, JSON reads,
// effects) stay with the runtime.
#ifndef OSPREY_CODEGEN_JIT_LANE_NODES_H_
#define OSPREY_CODEGEN_JIT_LANE_NODES_H_

#include <vector>

#include "frontend/types.h"
#include "ir/program.h"

namespace osprey::codegen {

// True for None, bool, int, float, and unions of those only (never Any).
bool IsScalarType(frontend::Type type);

// By node id: whether the node is a lane node.
std::vector<bool> LaneNodes(const ir::Program& program);

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_JIT_LANE_NODES_H_
