// Which JSON paths a ruleset reads, per action name: for a batch runtime that extracts every
// path a ruleset needs from an action in one forward pass over its JSON, instead of one lookup
// per JsonData node.
//
// The files that run for an action are main.sml, the files it imports (transitively), and the
// files a Require that runs activates, with their imports (spec §2.3). Which Requires fire
// depends on the action, but usually only on its name:
//   - a path that is a constant string, or an f-string whose every field is GetActionName()
//     (typically through a feature `ActionName = GetActionName()`), names one file per action
//     name;
//   - a `require_if` that is exactly `GetActionName() == 'literal'` (either side), a constant
//     True or a constant False is decided by the action name too.
// Anything else (a path or condition that reads data, labels, other functions) is treated
// conservatively: the Require is assumed to fire with each of its candidate files. So the
// result is an over-approximation: for any action, every JsonData/EntityJson node the reference
// interpreter evaluates is among its partition's reads; a partition may list paths that a
// particular action does not read (when a conservatively included Require does not fire).
#ifndef OSPREY_IR_ACTION_PATHS_H_
#define OSPREY_IR_ACTION_PATHS_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/program.h"

namespace osprey::ir {

// Where a read looks: the action's `data` or its `secret_data` (Secret[...] annotations).
enum class JsonSource : uint8_t { kData, kSecretData };

struct PathRead {
  JsonSource source = JsonSource::kData;
  std::string path_text;  // JsonRead::path_text, e.g. `$.user.id`.

  friend auto operator<=>(const PathRead&, const PathRead&) = default;
};

// The actions whose name is `action_name`, or (nullopt) whose name is none of the other
// partitions' names.
struct ActionPartition {
  std::optional<std::string> action_name;
  std::vector<int32_t> files;       // Indices into Program::files that run, increasing.
  std::vector<NodeId> nodes;        // Every node those files evaluate, increasing.
  std::vector<int32_t> json_reads;  // Indices into Program::json_reads reachable, increasing.
  std::vector<PathRead> paths;      // Their (source, path), sorted, without duplicates.
};

struct ActionPaths {
  // One partition per action name the Require sites tell apart, sorted by name, then the
  // catch-all partition (action_name == nullopt) last. Never empty. A named partition may
  // equal the catch-all one (a name that only a Require of an unused file compares against).
  std::vector<ActionPartition> partitions;

  // The partition of actions named `action_name`.
  const ActionPartition& ForActionName(std::string_view action_name) const;
};

// Computes the partitions of `program` (a lowered program, before or after the passes of
// passes.h). Pure; the result refers to nothing in `program`.
ActionPaths ComputeActionPaths(const Program& program);

}  // namespace osprey::ir

#endif  // OSPREY_IR_ACTION_PATHS_H_
