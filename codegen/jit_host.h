// What the JIT will generate code for: the host machine's target.
#ifndef OSPREY_CODEGEN_JIT_HOST_H_
#define OSPREY_CODEGEN_JIT_HOST_H_

#include <string>

#include "absl/status/statusor.h"

namespace osprey::codegen {

// Initialises LLVM's native target (once per process) and describes it as
// "<target triple> (<cpu name>)", for example "x86_64-pc-linux-gnu (znver3)". The triple is the
// one LLVM uses for code running in this process; the CPU name is the one LLVM detects for the
// host ("generic" when it cannot tell). For logs, `--version` output and benchmark reports.
//
// Errors:
//   FailedPrecondition  this LLVM build has no native target for the host, or its target
//                       registry has no entry for the host triple (the JIT cannot run here).
//
// Thread-safe: concurrent calls initialise LLVM's target once.
absl::StatusOr<std::string> HostTargetDescription();

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_JIT_HOST_H_
