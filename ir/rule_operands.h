// Which nodes only a Rule reads: the `when_all` list and the description f-string that a Rule
// node takes as operands, when nothing else (no other node, feature, statement or pattern set)
// reads them. An evaluator need not build such a list or string: the Rule can read what it
// needs from the node's operands (the items' truth, the fields' failure), and the node would
// have failed exactly when one of those operands failed.
#ifndef OSPREY_IR_RULE_OPERANDS_H_
#define OSPREY_IR_RULE_OPERANDS_H_

#include <vector>

#include "ir/program.h"

namespace osprey::ir {

// By node id: true for a list or f-string read by one Rule only, as its operand 0 or 1.
std::vector<bool> ReadByRuleOnly(const Program& program);

}  // namespace osprey::ir

#endif  // OSPREY_IR_RULE_OPERANDS_H_
