// The tiers differ in two places: the IR pipeline run before instruction selection (none, or
// LLVM's O2) and the target machine's optimisation level (None selects FastISel on x86-64).
// Modules are compiled to objects here, with the tier's target machine, and the objects are
// added to the one LLJIT under a ResourceTracker per JitCode.
#include "codegen/jit/jit_compiler.h"

#include <atomic>
#include <chrono>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "codegen/jit/internal/lower_to_llvm.h"
#include "codegen/jit_host.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

namespace osprey::codegen {
namespace {

std::string ErrorText(llvm::Error error) { return llvm::toString(std::move(error)); }

// Milliseconds since `start`, and restarts it.
double Lap(std::chrono::steady_clock::time_point& start) {
  auto now = std::chrono::steady_clock::now();
  double ms = std::chrono::duration<double, std::milli>(now - start).count();
  start = now;
  return ms;
}

}  // namespace

struct JitCode::Tracker {
  llvm::orc::ResourceTrackerSP tracker;
};

struct JitCompiler::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  std::unique_ptr<llvm::TargetMachine> fast_machine;
  std::unique_ptr<llvm::TargetMachine> optimizing_machine;
  std::mutex compile_mutex;  // Target machines are not thread-safe.
  std::atomic<uint64_t> next_version{0};
};

JitCompiler::JitCompiler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JitCompiler::~JitCompiler() = default;

JitCode::JitCode(std::shared_ptr<JitCompiler> compiler, std::unique_ptr<Tracker> tracker, Tier tier,
                 std::vector<OspreyEntryFunction> entries)
    : compiler_(std::move(compiler)),
      tracker_(std::move(tracker)),
      tier_(tier),
      entries_(std::move(entries)) {}

JitCode::~JitCode() {
  if (llvm::Error error = tracker_->tracker->remove()) {
    // Nothing to do but report: the code stays mapped until the JIT goes.
    llvm::errs() << "osprey-jit: freeing compiled code failed: " << ErrorText(std::move(error))
                 << "\n";
  }
  // Every version's symbols have their own names; the pool keeps unused names until asked to
  // drop them, which would grow the JIT with each swap.
  compiler_->impl_->jit->getExecutionSession().getSymbolStringPool()->clearDeadEntries();
}

absl::StatusOr<std::shared_ptr<JitCompiler>> JitCompiler::Create(const OspreyJitHelpers& helpers) {
  absl::StatusOr<std::string> host = HostTargetDescription();  // Initialises the native target.
  if (!host.ok()) return host.status();
  auto impl = std::make_unique<Impl>();

  llvm::Expected<llvm::orc::JITTargetMachineBuilder> machine_builder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine_builder) {
    return absl::FailedPreconditionError(ErrorText(machine_builder.takeError()));
  }
  for (auto [tier_machine, level] :
       {std::pair{&impl->fast_machine, llvm::CodeGenOptLevel::None},
        std::pair{&impl->optimizing_machine, llvm::CodeGenOptLevel::Default}}) {
    llvm::orc::JITTargetMachineBuilder copy = *machine_builder;
    copy.setCodeGenOptLevel(level);
    llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine = copy.createTargetMachine();
    if (!machine) return absl::FailedPreconditionError(ErrorText(machine.takeError()));
    *tier_machine = std::move(*machine);
  }

  // No process symbols and no platform runtime: compiled code sees the helpers only.
  llvm::Expected<std::unique_ptr<llvm::orc::LLJIT>> jit =
      llvm::orc::LLJITBuilder()
          .setJITTargetMachineBuilder(*machine_builder)
          .setLinkProcessSymbolsByDefault(false)
          .setPlatformSetUp(llvm::orc::setUpInactivePlatform)
          .create();
  if (!jit) return absl::FailedPreconditionError(ErrorText(jit.takeError()));
  impl->jit = std::move(*jit);

  llvm::orc::SymbolMap symbols;
  auto define = [&](const char* name, auto* function) {
    symbols[impl->jit->mangleAndIntern(name)] = llvm::orc::ExecutorSymbolDef(
        llvm::orc::ExecutorAddr::fromPtr(function),
        llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
  };
  define(OSPREY_JIT_HELPER_LOAD, helpers.load);
  define(OSPREY_JIT_HELPER_TRUTH, helpers.truth);
  define(OSPREY_JIT_HELPER_EVALUATE_RUN, helpers.evaluate_run);
  define(OSPREY_JIT_HELPER_EVALUATE_LANE, helpers.evaluate_lane);
  define(OSPREY_JIT_HELPER_STRINGS_EQUAL, helpers.strings_equal);
  define(OSPREY_JIT_HELPER_CODE_POINT_COUNT, helpers.code_point_count);
  define(OSPREY_JIT_HELPER_PATTERN_MEMBER, helpers.pattern_member);
  if (llvm::Error error =
          impl->jit->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
    return absl::InternalError(ErrorText(std::move(error)));
  }
  return std::shared_ptr<JitCompiler>(new JitCompiler(std::move(impl)));
}

namespace {

void Optimize(llvm::Module& module, llvm::TargetMachine& machine) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(module, modules);
}

}  // namespace

absl::StatusOr<std::unique_ptr<JitCode>> JitCompiler::Compile(
    const ir::Program& program, const ir::ActionPaths& paths,
    const std::vector<uint8_t>& lane_nodes, Tier tier) {
  std::lock_guard<std::mutex> lock(impl_->compile_mutex);
  CompileTimes times;
  auto clock = std::chrono::steady_clock::now();
  const std::string prefix = absl::StrCat("osprey_ruleset", impl_->next_version++);
  llvm::TargetMachine& machine =
      tier == Tier::kFast ? *impl_->fast_machine : *impl_->optimizing_machine;

  auto context = std::make_unique<llvm::LLVMContext>();
  internal::LoweredModule lowered =
      internal::LowerToLlvm(*context, program, paths, lane_nodes,
                            /*inline_rules=*/tier == Tier::kOptimized, prefix);
  std::unique_ptr<llvm::Module>& module = lowered.module;
  module->setDataLayout(machine.createDataLayout());
  module->setTargetTriple(machine.getTargetTriple().str());
#ifndef NDEBUG
  std::string problems;
  llvm::raw_string_ostream problem_stream(problems);
  if (llvm::verifyModule(*module, &problem_stream)) {
    return absl::InternalError(absl::StrCat("generated LLVM IR is invalid: ", problems));
  }
#endif
  times.lower_ms = Lap(clock);
  if (tier == Tier::kOptimized) Optimize(*module, machine);
  times.optimize_ms = Lap(clock);

  llvm::orc::SimpleCompiler compile(machine);
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> object = compile(*module);
  if (!object) return absl::InternalError(ErrorText(object.takeError()));
  times.codegen_ms = Lap(clock);

  auto tracker = std::make_unique<JitCode::Tracker>();
  llvm::orc::JITDylib& dylib = impl_->jit->getMainJITDylib();
  tracker->tracker = dylib.createResourceTracker();
  if (llvm::Error error = impl_->jit->addObjectFile(tracker->tracker, std::move(*object))) {
    llvm::consumeError(tracker->tracker->remove());
    return absl::InternalError(ErrorText(std::move(error)));
  }
  std::vector<OspreyEntryFunction> entries;
  for (const std::string& name : lowered.entry_of_partition) {
    llvm::Expected<llvm::orc::ExecutorAddr> address = impl_->jit->lookup(dylib, name);
    if (!address) {
      llvm::consumeError(tracker->tracker->remove());
      return absl::InternalError(ErrorText(address.takeError()));
    }
    entries.push_back(address->toPtr<OspreyEntryFunction>());
  }
  std::unique_ptr<JitCode> code(
      new JitCode(shared_from_this(), std::move(tracker), tier, std::move(entries)));
  times.link_ms = Lap(clock);
  code->times_ = times;
  return code;
}

std::string JitCompiler::LlvmIrText(const ir::Program& program, const ir::ActionPaths& paths,
                                    const std::vector<uint8_t>& lane_nodes, Tier tier) {
  llvm::LLVMContext context;
  internal::LoweredModule lowered =
      internal::LowerToLlvm(context, program, paths, lane_nodes,
                            /*inline_rules=*/tier == Tier::kOptimized, "osprey_ruleset");
  std::string text;
  llvm::raw_string_ostream stream(text);
  lowered.module->print(stream, nullptr);
  return text;
}

}  // namespace osprey::codegen
