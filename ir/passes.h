// Passes over the rule IR. Each keeps node ids and their topological order.
#ifndef OSPREY_IR_PASSES_H_
#define OSPREY_IR_PASSES_H_

#include "ir/program.h"

namespace osprey::ir {

// Replaces integer arithmetic on constants by its result. Intermediate results are exact to
// 127 bits, so `4611686018427387904 * 2 - 1` folds to INT64_MAX although its left operand
// does not fit in 64 bits; a result that still does not fit is left to fail at run time.
// Only operations whose Python result is an int are folded (not `/`, nor `**` with a negative
// exponent). Returns the number of nodes folded.
int FoldConstants(Program& program);

// Makes identical pure nodes (same op, detail, operands and constant) share one node, so that
// a subexpression written in many rules is computed once per action. Returns the number of
// nodes that became redundant (their users now read the shared node).
int ShareCommonSubexpressions(Program& program);

}  // namespace osprey::ir

#endif  // OSPREY_IR_PASSES_H_
