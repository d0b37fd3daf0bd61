#include "codegen/engine/jit_ruleset.h"

#include <atomic>
#include <mutex>

#include "codegen/engine/jit_helpers.h"
#include "codegen/interpreter/evaluation.h"
#include "codegen/interpreter/interpreter.h"
#include "codegen/jit/lane_nodes.h"
#include "ir/action_paths.h"

namespace osprey::codegen {
namespace {

// Distinguishes rulesets for the per-thread frame cache (an address can be reused).
std::atomic<uint64_t> next_ruleset_serial{1};

class JitRuleset : public runtime::CompiledRuleset {
 public:
  JitRuleset(std::unique_ptr<ir::Program> program, std::string identity)
      : program_(std::move(program)),
        identity_(std::move(identity)),
        serial_(next_ruleset_serial++) {}

  absl::Status Init(const runtime::NativeUdfRegistry& natives, JitCompiler& compiler, Tier tier) {
    absl::StatusOr<std::unique_ptr<Interpreter>> interpreter =
        Interpreter::Create(*program_, natives);
    if (!interpreter.ok()) return interpreter.status();
    interpreter_ = *std::move(interpreter);
    paths_ = ir::ComputeActionPaths(*program_);
    lane_nodes_ = LaneNodes(*program_);
    lanes_written_ = LanesWrittenByRuntime(*program_, lane_nodes_);
    // Compiled code contains only the nodes an evaluation's pass may find pending.
    ir::ActionPaths compiled_paths = paths_;
    for (ir::ActionPartition& partition : compiled_paths.partitions) {
      std::erase_if(partition.nodes,
                    [&](ir::NodeId id) { return !interpreter_->ComputedInPass(id.value); });
    }
    absl::StatusOr<std::unique_ptr<JitCode>> code =
        compiler.Compile(*program_, compiled_paths, lane_nodes_, tier);
    if (!code.ok()) return code.status();
    code_ = *std::move(code);
    return absl::OkStatus();
  }

  void EvaluateInto(const runtime::Action& action, const runtime::LabelStore* labels,
                    uint64_t random_seed, runtime::ResultFeatures features,
                    runtime::ActionResult* result) const override {
    Frame& frame = ThreadFrame();
    Evaluation& evaluation = frame.evaluation;
    evaluation.Start(action, labels, random_seed, result);
    const ir::ActionPartition& partition = paths_.ForActionName(action.name);
    OspreyEntryFunction entry = code_->entry(&partition - paths_.partitions.data());
    // A Require that fires may activate nodes the pass already went by: pass again.
    while (evaluation.TakeNewActivations()) {
      entry(AsFrame(evaluation), evaluation.state_data(), frame.lanes.data());
    }
    evaluation.Finish(features);
  }

  const std::string& identity() const override { return identity_; }
  std::vector<std::pair<std::string, double>> compile_phases_ms() const override {
    const CompileTimes& times = code_->times();
    return {{"lower", times.lower_ms},
            {"optimize", times.optimize_ms},
            {"codegen", times.codegen_ms},
            {"link", times.link_ms}};
  }

 private:
  // One thread's evaluation storage for this ruleset, reused from action to action.
  struct Frame {
    explicit Frame(const JitRuleset& ruleset)
        : evaluation(*ruleset.interpreter_), lanes(ruleset.program_->nodes.size()) {
      evaluation.UseLanes(lanes.data(), &ruleset.lane_nodes_, &ruleset.lanes_written_);
    }
    Evaluation evaluation;
    std::vector<OspreyLane> lanes;
  };

  Frame& ThreadFrame() const {
    // One cached frame per thread: the ruleset a thread evaluates changes rarely (a swap).
    thread_local uint64_t cached_serial = 0;
    thread_local std::unique_ptr<Frame> cached;
    if (cached_serial != serial_) {
      cached = std::make_unique<Frame>(*this);
      cached_serial = serial_;
    }
    return *cached;
  }

  std::unique_ptr<ir::Program> program_;  // Heap-allocated: the interpreter points into it.
  std::unique_ptr<Interpreter> interpreter_;
  ir::ActionPaths paths_;
  std::vector<uint8_t> lane_nodes_;
  std::vector<uint8_t> lanes_written_;  // LanesWrittenByRuntime
  std::unique_ptr<JitCode> code_;
  std::string identity_;
  uint64_t serial_;
};

}  // namespace

absl::StatusOr<std::shared_ptr<JitCompiler>> SharedJitCompiler() {
  static std::mutex mutex;
  static std::shared_ptr<JitCompiler> shared;
  std::lock_guard<std::mutex> lock(mutex);
  if (shared == nullptr) {
    absl::StatusOr<std::shared_ptr<JitCompiler>> created = JitCompiler::Create(RuntimeJitHelpers());
    if (!created.ok()) return created.status();
    shared = *std::move(created);
  }
  return shared;
}

absl::StatusOr<std::unique_ptr<runtime::CompiledRuleset>> CompileJit(
    ir::Program program, std::string identity, const runtime::NativeUdfRegistry& natives,
    JitCompiler& compiler, Tier tier) {
  auto ruleset = std::make_unique<JitRuleset>(std::make_unique<ir::Program>(std::move(program)),
                                              std::move(identity));
  absl::Status status = ruleset->Init(natives, compiler, tier);
  if (!status.ok()) return status;
  return ruleset;
}

}  // namespace osprey::codegen
