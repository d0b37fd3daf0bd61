#include "ir/action_paths.h"

#include <algorithm>
#include <set>
#include <utility>

namespace osprey::ir {
namespace {

// The action name a partition is computed for; nullopt stands for "a name no Require site
// singles out", which compares unequal to every literal and completes no f-string path to a
// candidate (the collected names include every name that does).
using Name = std::optional<std::string>;

bool IsGetActionName(const Program& program, NodeId id) {
  const Node& node = program.node(id);
  return node.op == Op::kCall && program.calls[node.payload].udf->name == "GetActionName";
}

// What the action name decides about one Require site.
struct SiteRule {
  // The path as literal pieces around action-name fields (one piece for a constant path), or
  // nullopt when it depends on something else.
  std::optional<std::vector<std::string>> pieces;
  enum class Condition { kAlways, kNever, kNameEquals, kUnknown } condition = Condition::kAlways;
  std::string literal;  // kNameEquals: the name the condition wants.
};

std::optional<std::vector<std::string>> PathPieces(const Program& program, NodeId path) {
  const Node& node = program.node(path);
  if (node.op == Op::kConstant && node.constant.is_string()) {
    return std::vector<std::string>{node.constant.as_string()};
  }
  if (node.op != Op::kFormatString) return std::nullopt;
  for (NodeId field : node.operands) {
    if (!IsGetActionName(program, field)) return std::nullopt;
  }
  return node.format;
}

SiteRule AnalyzeSite(const Program& program, const Node& require) {
  SiteRule rule;
  rule.pieces = PathPieces(program, require.operands[0]);
  if (!program.require_sites[require.payload].has_condition) return rule;
  const Node& condition = program.node(require.operands[1]);
  rule.condition = SiteRule::Condition::kUnknown;
  if (condition.op == Op::kConstant && condition.constant.is_bool()) {
    rule.condition =
        condition.constant.as_bool() ? SiteRule::Condition::kAlways : SiteRule::Condition::kNever;
  } else if (condition.op == Op::kCompare &&
             condition.detail == static_cast<uint8_t>(CompareOp::kEqual)) {
    for (int side = 0; side < 2; ++side) {
      const Node& other = program.node(condition.operands[1 - side]);
      if (IsGetActionName(program, condition.operands[side]) && other.op == Op::kConstant &&
          other.constant.is_string()) {
        rule.condition = SiteRule::Condition::kNameEquals;
        rule.literal = other.constant.as_string();
      }
    }
  }
  return rule;
}

std::string Join(const std::vector<std::string>& pieces, std::string_view name) {
  std::string out = pieces[0];
  for (size_t i = 1; i < pieces.size(); ++i) {
    out += name;
    out += pieces[i];
  }
  return out;
}

// The action name for which `pieces` formats to `path`, if any (there is at most one: the
// name's length and position follow from the lengths).
std::optional<std::string> InvertPath(const std::vector<std::string>& pieces,
                                      const std::string& path) {
  size_t fields = pieces.size() - 1;
  size_t fixed = 0;
  for (const std::string& piece : pieces) fixed += piece.size();
  if (fields == 0 || path.size() < fixed || (path.size() - fixed) % fields != 0) {
    return std::nullopt;
  }
  std::string name = path.substr(pieces[0].size(), (path.size() - fixed) / fields);
  if (Join(pieces, name) != path) return std::nullopt;
  return name;
}

// The candidate files of `site` that a Require with `rule` activates for actions named `name`.
// `name` is nullopt for the catch-all partition, and also when collecting names, where every
// Require is taken with all its candidates (`all`).
std::vector<int32_t> Targets(const Program& program, const Require& site, const SiteRule& rule,
                             const Name& name, bool all) {
  if (all) return site.candidates;
  using Condition = SiteRule::Condition;
  if (rule.condition == Condition::kNever) return {};
  if (rule.condition == Condition::kNameEquals && name != rule.literal) return {};
  if (!rule.pieces) return site.candidates;
  std::optional<std::string> path;
  if (rule.pieces->size() == 1) {
    path = (*rule.pieces)[0];
  } else if (name) {
    path = Join(*rule.pieces, *name);
  }
  std::vector<int32_t> targets;
  if (!path) return targets;
  for (int32_t candidate : site.candidates) {
    if (program.files[candidate].path == *path) targets.push_back(candidate);
  }
  return targets;
}

class Reachability {
 public:
  Reachability(const Program& program, const std::vector<SiteRule>& rules)
      : program_(program), rules_(rules) {}

  // Walks the files that run for `name` (every Require's candidates when `all`) and the nodes
  // their statements read. Returns the partition (without its name).
  ActionPartition Run(const Name& name, bool all) {
    active_.assign(program_.files.size(), false);
    visited_.assign(program_.nodes.size(), false);
    std::vector<int32_t> files;
    if (program_.entry >= 0) files.push_back(program_.entry);
    ActionPartition partition;
    while (!files.empty()) {
      int32_t f = files.back();
      files.pop_back();
      if (active_[f]) continue;
      active_[f] = true;
      partition.files.push_back(f);
      for (int32_t imported : program_.files[f].imports) files.push_back(imported);
      // Every node of an active file is evaluated (there is no short-circuit), so every
      // operand edge is followed.
      std::vector<NodeId> nodes(program_.files[f].statements);
      while (!nodes.empty()) {
        NodeId id = nodes.back();
        nodes.pop_back();
        if (visited_[id.value]) continue;
        visited_[id.value] = true;
        partition.nodes.push_back(id);
        const Node& node = program_.node(id);
        nodes.insert(nodes.end(), node.operands.begin(), node.operands.end());
        if (node.op == Op::kJsonData) partition.json_reads.push_back(node.payload);
        if (node.op == Op::kRequire) {
          const Require& site = program_.require_sites[node.payload];
          for (int32_t target : Targets(program_, site, rules_[node.payload], name, all)) {
            files.push_back(target);
          }
        }
      }
    }
    std::sort(partition.files.begin(), partition.files.end());
    std::sort(partition.nodes.begin(), partition.nodes.end(),
              [](NodeId a, NodeId b) { return a.value < b.value; });
    std::sort(partition.json_reads.begin(), partition.json_reads.end());
    for (int32_t read : partition.json_reads) {
      const JsonRead& json = program_.json_reads[read];
      partition.paths.push_back(
          {json.secret ? JsonSource::kSecretData : JsonSource::kData, json.path_text});
    }
    std::sort(partition.paths.begin(), partition.paths.end());
    partition.paths.erase(std::unique(partition.paths.begin(), partition.paths.end()),
                          partition.paths.end());
    return partition;
  }

  // After Run: whether the Require site's node was reached.
  bool Reached(NodeId id) const { return visited_[id.value]; }

 private:
  const Program& program_;
  const std::vector<SiteRule>& rules_;
  std::vector<bool> active_;
  std::vector<bool> visited_;
};

}  // namespace

const ActionPartition& ActionPaths::ForActionName(std::string_view action_name) const {
  // Called per action: the named partitions are sorted by name, the catch-all is last.
  auto named_end = partitions.end() - 1;
  auto it = std::lower_bound(partitions.begin(), named_end, action_name,
                             [](const ActionPartition& partition, std::string_view name) {
                               return *partition.action_name < name;
                             });
  return it != named_end && *it->action_name == action_name ? *it : partitions.back();
}

ActionPaths ComputeActionPaths(const Program& program) {
  std::vector<SiteRule> rules(program.require_sites.size());
  std::vector<NodeId> require_nodes(program.require_sites.size());
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    const Node& node = program.nodes[i];
    if (node.op != Op::kRequire) continue;
    rules[node.payload] = AnalyzeSite(program, node);
    require_nodes[node.payload] = NodeId{static_cast<int32_t>(i)};
  }

  // The names worth a partition: those a Require that can run at all compares against or
  // completes a path with. Any other name behaves like the catch-all one.
  Reachability reachability(program, rules);
  reachability.Run(std::nullopt, /*all=*/true);
  std::set<std::string> names;
  for (size_t s = 0; s < program.require_sites.size(); ++s) {
    if (!require_nodes[s].valid() || !reachability.Reached(require_nodes[s])) continue;
    const SiteRule& rule = rules[s];
    if (rule.condition == SiteRule::Condition::kNameEquals) names.insert(rule.literal);
    if (!rule.pieces || rule.pieces->size() < 2) continue;
    for (int32_t candidate : program.require_sites[s].candidates) {
      std::optional<std::string> name = InvertPath(*rule.pieces, program.files[candidate].path);
      if (name) names.insert(*name);
    }
  }

  ActionPaths result;
  for (const std::string& name : names) {
    result.partitions.push_back(reachability.Run(name, /*all=*/false));
    result.partitions.back().action_name = name;
  }
  result.partitions.push_back(reachability.Run(std::nullopt, /*all=*/false));
  return result;
}

}  // namespace osprey::ir
