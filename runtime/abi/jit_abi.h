// The contract between JIT-compiled rule code and the runtime that runs it.
//
// Compiled code computes the nodes of static scalar type (bool, int, float, None and unions of
// those) itself, in a "lane" per node: a tag and 64 bits. Everything else — strings, lists,
// calls, JSON reads, rules, effects — it leaves to the runtime through the helpers below,
// which are the only functions compiled code can call (the JIT links nothing else).
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
  OSPREY_LANE_OBJECT = 5,  // Not a scalar, or an int beyond int64: the runtime holds the value.
};

typedef struct OspreyLane {
  uint8_t tag;  // An OspreyLaneTag.
  uint8_t reserved[7];
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
  // Computes node `node` (one compiled code does not compute inline) and keeps its value in
  // the runtime; the runtime also writes the node's lane when it has one (a mirrored scalar,
  // a rule's boolean, a WhenRules' None).
  void (*evaluate)(OspreyFrame* frame, int32_t node);
  // Writes the value of node `node` (computed by `evaluate`) to `out` as a lane; OBJECT for a
  // non-scalar.
  void (*load)(OspreyFrame* frame, int32_t node, OspreyLane* out);
  // Python truthiness of node `node`'s value (computed by `evaluate`): 0 false, 1 true,
  // 2 the node failed.
  int32_t (*truth)(OspreyFrame* frame, int32_t node);
  // For each of the `count` nodes in `nodes` (increasing, none computed inline) that is
  // pending: computes it as `evaluate` does and marks it done. Runs of such nodes take one call.
  void (*evaluate_run)(OspreyFrame* frame, const int32_t* nodes, int32_t count);
  // Computes lane node `node` the general way (mixed types, overflow, errors to record) from
  // its operands' values, and writes its lane to `out`.
  void (*evaluate_lane)(OspreyFrame* frame, int32_t node, OspreyLane* out);
} OspreyJitHelpers;

#define OSPREY_JIT_HELPER_EVALUATE "osprey_jit_evaluate"
#define OSPREY_JIT_HELPER_LOAD "osprey_jit_load"
#define OSPREY_JIT_HELPER_TRUTH "osprey_jit_truth"
#define OSPREY_JIT_HELPER_EVALUATE_LANE "osprey_jit_evaluate_lane"
#define OSPREY_JIT_HELPER_EVALUATE_RUN "osprey_jit_evaluate_run"

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // OSPREY_RUNTIME_ABI_JIT_ABI_H_
