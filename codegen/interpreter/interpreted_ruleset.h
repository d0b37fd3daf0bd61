// The interpreter as a runtime::CompiledRuleset (what `--engine interp` runs).
#ifndef OSPREY_CODEGEN_INTERPRETER_INTERPRETED_RULESET_H_
#define OSPREY_CODEGEN_INTERPRETER_INTERPRETED_RULESET_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ir/program.h"
#include "runtime/compiled_ruleset.h"
#include "runtime/udf.h"

namespace osprey::codegen {

// Takes ownership of `program`. The function registry `program` was lowered against must
// outlive the result.
absl::StatusOr<std::unique_ptr<runtime::CompiledRuleset>> CompileInterpreted(
    ir::Program program, std::string identity, const runtime::NativeUdfRegistry& natives);

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_INTERPRETED_RULESET_H_
