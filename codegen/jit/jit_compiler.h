// The JIT: compiles rule IR programs to native code in this process with LLVM ORC.
//
// One JitCompiler owns one LLJIT and its two target machines (one per tier); it lives as long
// as any code it compiled. Each Compile produces a JitCode: one ruleset version's machine code,
// freed (its ORC ResourceTracker removed) when the JitCode is destroyed, so versions can come
// and go while others run. Compiled code can call the helpers given at creation and nothing
// else in the process.
#ifndef OSPREY_CODEGEN_JIT_JIT_COMPILER_H_
#define OSPREY_CODEGEN_JIT_JIT_COMPILER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/action_paths.h"
#include "ir/program.h"
#include "runtime/abi/jit_abi.h"

namespace osprey::codegen {

enum class Tier : uint8_t {
  kFast,       // No IR optimisation, fast instruction selection: compiles quickest.
  kOptimized,  // LLVM's O2 pipeline and instruction selection: runs fastest.
};

class JitCompiler;

// Where a compilation's time went, in milliseconds.
struct CompileTimes {
  double lower_ms = 0;     // Rule IR -> LLVM IR (and verification in debug builds).
  double optimize_ms = 0;  // The IR pipeline (O2 tier only).
  double codegen_ms = 0;   // Instruction selection to an object file.
  double link_ms = 0;      // Loading into the JIT and resolving the entry points.
};

class JitCode {
 public:
  ~JitCode();
  JitCode(const JitCode&) = delete;
  JitCode& operator=(const JitCode&) = delete;

  // The entry function of partition `index` of the ActionPaths it was compiled with.
  OspreyEntryFunction entry(size_t index) const { return entries_[index]; }
  Tier tier() const { return tier_; }
  const CompileTimes& times() const { return times_; }

 private:
  friend class JitCompiler;
  struct Tracker;
  JitCode(std::shared_ptr<JitCompiler> compiler, std::unique_ptr<Tracker> tracker, Tier tier,
          std::vector<OspreyEntryFunction> entries);

  std::shared_ptr<JitCompiler> compiler_;  // Keeps the JIT alive while its code exists.
  std::unique_ptr<Tracker> tracker_;
  Tier tier_;
  std::vector<OspreyEntryFunction> entries_;
  CompileTimes times_;
};

class JitCompiler : public std::enable_shared_from_this<JitCompiler> {
 public:
  // Errors: FailedPrecondition when LLVM has no native target for this host.
  static absl::StatusOr<std::shared_ptr<JitCompiler>> Create(const OspreyJitHelpers& helpers);
  ~JitCompiler();

  // Compiles one entry function per partition of `paths` (computed from `program`), with
  // `lane_nodes` = LaneNodes(program). Thread-safe; compilations are serialised.
  absl::StatusOr<std::unique_ptr<JitCode>> Compile(const ir::Program& program,
                                                   const ir::ActionPaths& paths,
                                                   const std::vector<uint8_t>& lane_nodes,
                                                   Tier tier);

  // The LLVM IR of `program` as Compile would build it for `tier` (before optimisation), for
  // inspection.
  static std::string LlvmIrText(const ir::Program& program, const ir::ActionPaths& paths,
                                const std::vector<uint8_t>& lane_nodes, Tier tier);

 private:
  friend class JitCode;
  struct Impl;
  explicit JitCompiler(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_JIT_JIT_COMPILER_H_
