#include "ir/rule_operands.h"

namespace osprey::ir {

std::vector<bool> ReadByRuleOnly(const Program& program) {
  std::vector<bool> only(program.nodes.size(), false);
  std::vector<bool> other_reader(program.nodes.size(), false);
  for (const Node& node : program.nodes) {
    for (size_t i = 0; i < node.operands.size(); ++i) {
      int32_t operand = node.operands[i].value;
      const Op op = program.nodes[operand].op;
      bool by_rule = node.op == Op::kRule &&
                     ((i == 0 && op == Op::kList) || (i == 1 && op == Op::kFormatString));
      if (by_rule) {
        only[operand] = true;
      } else {
        other_reader[operand] = true;
      }
    }
  }
  for (const Feature& feature : program.features) other_reader[feature.value.value] = true;
  for (const PatternSet& set : program.pattern_sets) other_reader[set.target.value] = true;
  for (const File& file : program.files) {
    for (NodeId statement : file.statements) other_reader[statement.value] = true;
  }
  for (size_t i = 0; i < only.size(); ++i) only[i] = only[i] && !other_reader[i];
  return only;
}

}  // namespace osprey::ir
