#include "codegen/jit_host.h"

#include <mutex>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

namespace osprey::codegen {
namespace {

// LLVM's target registration is not safe to run concurrently, and ORC needs the native target
// and its asm printer (to emit machine code in-process), so both are set up exactly once.
// Returns true when the host has a native target.
bool InitializeNativeTargetOnce() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    // Both return true on *failure*.
    ok = !llvm::InitializeNativeTarget() && !llvm::InitializeNativeTargetAsmPrinter();
  });
  return ok;
}

}  // namespace

absl::StatusOr<std::string> HostTargetDescription() {
  if (!InitializeNativeTargetOnce()) {
    return absl::FailedPreconditionError(
        "LLVM was built without a native target for this host; the JIT cannot run here");
  }
  // The process triple, not getDefaultTargetTriple(): the JIT emits code into this process, and
  // the two differ when LLVM's default target was configured for another machine.
  const std::string triple = llvm::sys::getProcessTriple();
  std::string error;
  if (llvm::TargetRegistry::lookupTarget(triple, error) == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("LLVM has no target for host triple '", triple, "': ", error));
  }
  return absl::StrCat(triple, " (", llvm::sys::getHostCPUName().str(), ")");
}

}  // namespace osprey::codegen
