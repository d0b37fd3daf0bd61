#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "ir/passes.h"

namespace osprey::ir {
namespace {

struct Candidate {
  int32_t node = -1;
  PatternSet::Member member;
  int32_t call = -1;
};

// The test `node` performs, if it can join a pattern set: its target, case-insensitivity and
// member.
std::optional<std::tuple<NodeId, bool, Candidate>> AsCandidate(const Program& program,
                                                               int32_t index) {
  const Node& node = program.nodes[index];
  if (node.op == Op::kCall) {
    const Call& call = program.calls[node.payload];
    const frontend::UdfSignature& udf = *call.udf;
    // RegexMatch(pattern: const str, case_insensitive: const bool, target: str), exactly.
    if (udf.name != "RegexMatch" || udf.cost != frontend::CostClass::kRegex ||
        udf.params.size() != 3 || udf.params[0].name != "pattern" ||
        udf.params[1].name != "case_insensitive" || udf.params[2].name != "target" ||
        !call.extra_names.empty() || call.operand_of_param[0] >= 0 ||
        call.operand_of_param[1] >= 0 || call.operand_of_param[2] < 0 || !call.constants[0] ||
        !call.constants[0]->is_string()) {
      return std::nullopt;
    }
    bool case_insensitive =
        call.constants[1] && call.constants[1]->is_bool() && call.constants[1]->as_bool();
    Candidate candidate{index, {call.constants[0]->as_string(), false}, node.payload};
    return std::make_tuple(node.operands[call.operand_of_param[2]], case_insensitive,
                           std::move(candidate));
  }
  if (node.op == Op::kCompare && (node.detail == static_cast<uint8_t>(CompareOp::kIn) ||
                                  node.detail == static_cast<uint8_t>(CompareOp::kNotIn))) {
    const Node& needle = program.node(node.operands[0]);
    const Node& haystack = program.node(node.operands[1]);
    // Only a str haystack is a substring test (`in` a list is membership).
    if (needle.op != Op::kConstant || !needle.constant.is_string() || haystack.type == nullptr ||
        frontend::WithoutNone(haystack.type) != frontend::types::Str()) {
      return std::nullopt;
    }
    Candidate candidate{index, {needle.constant.as_string(), true}, -1};
    return std::make_tuple(node.operands[1], false, std::move(candidate));
  }
  return std::nullopt;
}

}  // namespace

int GroupPatternSets(Program& program, int min_members) {
  // Keyed by (target, case_insensitive); std::map keeps the sets in a deterministic order.
  std::map<std::pair<int32_t, bool>, std::vector<Candidate>> groups;
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    auto candidate = AsCandidate(program, static_cast<int32_t>(i));
    if (!candidate) continue;
    auto& [target, case_insensitive, test] = *candidate;
    groups[{target.value, case_insensitive}].push_back(std::move(test));
  }
  int rewritten = 0;
  for (auto& [key, candidates] : groups) {
    if (static_cast<int>(candidates.size()) < std::max(min_members, 1)) continue;
    PatternSet set;
    set.target = NodeId{key.first};
    set.case_insensitive = key.second;
    const auto set_index = static_cast<int32_t>(program.pattern_sets.size());
    for (Candidate& candidate : candidates) {
      PatternMatch match;
      match.set = set_index;
      match.member = static_cast<int32_t>(set.members.size());
      match.call = candidate.call;
      set.members.push_back(std::move(candidate.member));
      Node& node = program.nodes[candidate.node];
      node.op = Op::kPatternMatch;
      node.payload = static_cast<int32_t>(program.pattern_matches.size());
      program.pattern_matches.push_back(match);
      ++rewritten;
    }
    program.pattern_sets.push_back(std::move(set));
  }
  return rewritten;
}

}  // namespace osprey::ir
