// The contract between JIT-compiled rule code and the runtime that runs it.
//
// Compiled code computes the nodes of static scalar type (bool, int, float, None and unions of
// those) itself, in a "lane" per node: a tag and 64 bits (and rules' booleans, see
// codegen/jit/lane_nodes.h). Everything else — strings, lists, calls, JSON reads, effects — it
// leaves to the runtime through the helpers below,
// which are the only functions compiled code can call (the JIT links nothing else). The
// runtime also shows compiled code the strings and lists it holds, as STRING and LIST lanes
// that point into its values, so that common tests of them (equality, prefixes, lengths)
// compile to a few instructions.
//
// Part of the plain-C ABI (runtime/abi/): compiles as C and as C++, includes only <stdint.h>.
#ifndef OSPREY_RUNTIME_ABI_JIT_ABI_H_
#define OSPREY_RUNTIME_ABI_JIT_ABI_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// What a lane holds. FAILED must be 0: zeroed lanes read as failed.
enum OspreyLaneTag {
  OSPREY_LANE_FAILED = 0,  // The node produced no value (spec §4.3).
  OSPREY_LANE_NONE = 1,
  OSPREY_LANE_BOOL = 2,    // bits: 0 or 1
  OSPREY_LANE_INT = 3,     // bits: the int64_t
  OSPREY_LANE_FLOAT = 4,   // bits: the double's bit pattern
  OSPREY_LANE_OBJECT = 5,  // Another value, or an int beyond int64: the runtime holds it.
  // The runtime holds a str: bits is the address of its UTF-8 bytes, length their count. Read
  // only: the bytes stay valid until the runtime begins the next action.
  OSPREY_LANE_STRING = 6,
  // The runtime holds a list: length is its item count (bits: nothing compiled code reads).
  OSPREY_LANE_LIST = 7,
};

typedef struct OspreyLane {
  uint8_t tag;  // An OspreyLaneTag.
  uint8_t reserved[3];
  uint32_t length;  // STRING and LIST: the size (longer strings and lists are OBJECT lanes).
  uint64_t bits;
} OspreyLane;

// One action's evaluation, owned by the runtime. Opaque to compiled code.
typedef struct OspreyFrame OspreyFrame;

// A node's evaluation state, one byte per node (`state` below).
enum OspreyNodeState {
  OSPREY_NODE_IDLE = 0,     // Its file does not run (yet) for this action.
  OSPREY_NODE_PENDING = 1,  // Must be computed.
  OSPREY_NODE_DONE = 2,
  OSPREY_NODE_FIXED = 3,  // Same value for every action (a constant), set up once.
};

// The entry function compiled for one group of action names: computes every pending node of
// the files those actions can run, in node id order, and marks each done. The runtime calls it
// again while a Require activated nodes it had passed.
typedef void (*OspreyEntryFunction)(OspreyFrame* frame, uint8_t* state, OspreyLane* lanes);

// The helpers, by the names compiled code calls them (OSPREY_JIT_HELPER_NAMES):
typedef struct OspreyJitHelpers {
  // For each of the `count` nodes in `nodes` (increasing, none computed inline) that is
  // pending: computes it, keeps its value in the runtime and marks it done. The runtime also
  // writes the node's lane when it has one (a mirrored node, a rule's boolean, a WhenRules'
  // None). Runs of such nodes take one call.
  void (*evaluate_run)(OspreyFrame* frame, const int32_t* nodes, int32_t count);
  // Writes the value of node `node` (computed by `evaluate_run`) to `out` as a lane: STRING or
  // LIST for a str or a list, OBJECT for another non-scalar.
  void (*load)(OspreyFrame* frame, int32_t node, OspreyLane* out);
  // Python truthiness of node `node`'s value (computed by `evaluate_run`): 0 false, 1 true,
  // 2 the node failed.
  int32_t (*truth)(OspreyFrame* frame, int32_t node);
  // Computes lane node `node` the general way (mixed types, overflow, errors to record) from
  // its operands' values, and writes its lane to `out`.
  void (*evaluate_lane)(OspreyFrame* frame, int32_t node, OspreyLane* out);
  // Pure functions of bytes, for STRING lanes and the strings compiled into the code:
  // whether the byte strings `a` and `b` are equal (1) or not (0),
  int32_t (*strings_equal)(const char* a, uint32_t length_a, const char* b, uint32_t length_b);
  // and how many code points (Python's len) the valid UTF-8 text of `count` bytes holds.
  int64_t (*code_point_count)(const char* text, uint32_t count);
  // The answer of the pattern-set member `match` (an index of the program's pattern matches)
  // from its set's one search of the target, searched on the first call of the action: 1 or
  // 0, or -1 when the set cannot answer for it (compute its node with `evaluate_lane`).
  int32_t (*pattern_member)(OspreyFrame* frame, int32_t match);
} OspreyJitHelpers;

#define OSPREY_JIT_HELPER_LOAD "osprey_jit_load"
#define OSPREY_JIT_HELPER_TRUTH "osprey_jit_truth"
#define OSPREY_JIT_HELPER_EVALUATE_LANE "osprey_jit_evaluate_lane"
#define OSPREY_JIT_HELPER_EVALUATE_RUN "osprey_jit_evaluate_run"
#define OSPREY_JIT_HELPER_STRINGS_EQUAL "osprey_jit_strings_equal"
#define OSPREY_JIT_HELPER_CODE_POINT_COUNT "osprey_jit_code_point_count"
#define OSPREY_JIT_HELPER_PATTERN_MEMBER "osprey_jit_pattern_member"

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // OSPREY_RUNTIME_ABI_JIT_ABI_H_
