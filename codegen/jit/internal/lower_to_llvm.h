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

// The name of partition `index`'s entry function in a module whose symbols start with `prefix`
// (unique per compiled ruleset, so that versions can live side by side in one JIT).
std::string EntryName(const std::string& prefix, size_t index);

// Builds the module. `lane_nodes` is LaneNodes(program). Every function it defines is an entry
// named EntryName(prefix, i); the only external symbols it uses are the helpers of
// OspreyJitHelpers, by their OSPREY_JIT_HELPER_* names.
std::unique_ptr<llvm::Module> LowerToLlvm(llvm::LLVMContext& context, const ir::Program& program,
                                          const ir::ActionPaths& paths,
                                          const std::vector<bool>& lane_nodes,
                                          const std::string& prefix);

}  // namespace osprey::codegen::internal

#endif  // OSPREY_CODEGEN_JIT_INTERNAL_LOWER_TO_LLVM_H_
