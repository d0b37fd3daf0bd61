// A ruleset compiled to native code: a runtime::CompiledRuleset whose Evaluate runs the entry
// function the JIT compiled for the action's name. Results equal the reference interpreter's
// for every action (tests/conformance and the differential fuzz test check it).
#ifndef OSPREY_CODEGEN_ENGINE_JIT_RULESET_H_
#define OSPREY_CODEGEN_ENGINE_JIT_RULESET_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "codegen/jit/jit_compiler.h"
#include "ir/program.h"
#include "runtime/compiled_ruleset.h"
#include "runtime/udf.h"

namespace osprey::codegen {

// The process's JIT, created on first use, with the runtime's helpers linked in.
absl::StatusOr<std::shared_ptr<JitCompiler>> SharedJitCompiler();

// Compiles `program` (lowered and optimised by the ir passes) with `compiler` at `tier`.
absl::StatusOr<std::unique_ptr<runtime::CompiledRuleset>> CompileJit(
    ir::Program program, std::string identity, const runtime::NativeUdfRegistry& natives,
    JitCompiler& compiler, Tier tier);

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_ENGINE_JIT_RULESET_H_
