// Which nodes compiled code computes itself, in lanes (runtime/abi/jit_abi.h), rather than
// through the runtime's helpers.
//
// A lane node has a static scalar type (None, bool, int, float or a union of those) and an
// operation whose common cases compile to a few instructions: a scalar constant, `and`, `or`,
// `not`, a comparison of scalars, arithmetic or negation of scalars, `==`/`!=` of strings,
// `in` of a string in a list of string constants, the stdlib calls of LaneCall, and a
// pattern-set member (its set's answer, from the runtime's one search per action). Its inputs
// may be any node: the runtime shows compiled code the strings and lists it computes as
// STRING and LIST lanes (mirrored nodes, below). A Rule whose item list and description only it
// reads has a lane too: it holds the rule's boolean (or failure), computed from its items' lanes,
// and the runtime builds the rule's value object only when something reads it (runtime values of
// rules are Value::Rule). So does a WhenRules whose rules all have lanes: None, after the runtime
// emitted its effects if one of the rules is true, which it tells from the lanes alone. The rest
// (strings, lists, calls, JSON reads, effects) stay with the runtime.
#ifndef OSPREY_CODEGEN_JIT_LANE_NODES_H_
#define OSPREY_CODEGEN_JIT_LANE_NODES_H_

#include <optional>
#include <string>
#include <vector>

#include "frontend/types.h"
#include "ir/program.h"

namespace osprey::codegen {

// True for None, bool, int, float, and unions of those only (never Any).
bool IsScalarType(frontend::Type type);
// True for str and Optional[str].
bool IsStringType(frontend::Type type);
// True for the types whose values a lane shows: scalars, str, lists, and unions of those.
bool IsLaneVisibleType(frontend::Type type);
// The strings of a list literal whose items are all string constants (folded or not), when
// there are few enough to compare one by one (the right side of a lane `in`); else nullopt.
std::optional<std::vector<std::string>> StringConstants(const ir::Program& program,
                                                        const ir::Node& node);

// The stdlib calls compiled code computes itself when their arguments are STRING (or LIST)
// lanes, taking the runtime's general path otherwise (None, entities, failed arguments).
enum class LaneCall : uint8_t {
  kNone,          // Not one of these (or arguments of other static types).
  kStartsWith,    // StringStartsWith(s: str, start: str) -> bool
  kEndsWith,      // StringEndsWith(s: str, end: str) -> bool
  kStringLength,  // StringLength(s: str) -> int, in code points
  kListLength,    // ListLength(list: List[T]) -> int
};
LaneCall LaneCallOf(const ir::Program& program, const ir::Node& node);

// By node id: 1 when the node is a lane node. Bytes rather than bits: the runtime tests this
// for every node it visits, and a byte is one load.
std::vector<uint8_t> LaneNodes(const ir::Program& program);

// Whether lane node `id` is a Rule or a WhenRules. The fast tier leaves those to the runtime,
// which computes them from lanes: inline, their code would double its compile time. The
// optimising tier computes them inline (a WhenRules calls the runtime when one of its rules
// is true, to emit its effects).
bool IsRuleOrWhenRulesLane(const ir::Program& program, int32_t id);

// Whether node `id`, not a lane node, has a mirrored lane: its static type is lane-visible, so
// the runtime, which computes it, also writes its value to its lane (a STRING or LIST lane
// for a str or a list), and compiled code reads it there rather than asking the runtime.
bool IsMirrored(const ir::Program& program, const std::vector<uint8_t>& lane_nodes, int32_t id);

// By node id: 1 for the lanes the runtime writes when it stores a node's value (lane nodes
// computed the general way, and mirrored nodes).
std::vector<uint8_t> LanesWrittenByRuntime(const ir::Program& program,
                                           const std::vector<uint8_t>& lane_nodes);

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_JIT_LANE_NODES_H_
