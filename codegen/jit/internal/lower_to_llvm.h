// Rule IR -> LLVM IR: one entry function per action partition (ir/action_paths.h), with the
// signature of OspreyEntryFunction (runtime/abi/jit_abi.h). Internal to codegen/jit: LLVM types.
#ifndef OSPREY_CODEGEN_JIT_INTERNAL_LOWER_TO_LLVM_H_
#define OSPREY_CODEGEN_JIT_INTERNAL_LOWER_TO_LLVM_H_

#include <memory>
#include <string>
#include <vector>

#include "ir/action_paths.h"
#include "ir/program.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

namespace osprey::codegen::internal {

struct LoweredModule {
  std::unique_ptr<llvm::Module> module;
  // By partition: the name of its entry function. Partitions that run the same nodes share
  // one function.
  std::vector<std::string> entry_of_partition;
};

// Builds the module; its symbols start with `prefix` (unique per compiled ruleset, so that
// versions can live side by side in one JIT). `lane_nodes` is LaneNodes(program).
// `inline_rules`: Rule and WhenRules lanes are computed inline rather than by the runtime
// (IsRuleOrWhenRulesLane). The only external symbols it uses are the helpers of
// OspreyJitHelpers, by their OSPREY_JIT_HELPER_* names.
LoweredModule LowerToLlvm(llvm::LLVMContext& context, const ir::Program& program,
                          const ir::ActionPaths& paths, const std::vector<uint8_t>& lane_nodes,
                          bool inline_rules, const std::string& prefix);

}  // namespace osprey::codegen::internal

#endif  // OSPREY_CODEGEN_JIT_INTERNAL_LOWER_TO_LLVM_H_
