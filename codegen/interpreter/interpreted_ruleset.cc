#include "codegen/interpreter/interpreted_ruleset.h"

#include "codegen/interpreter/interpreter.h"

namespace osprey::codegen {
namespace {

class InterpretedRuleset : public runtime::CompiledRuleset {
 public:
  InterpretedRuleset(std::unique_ptr<ir::Program> program, std::string identity)
      : program_(std::move(program)), identity_(std::move(identity)) {}

  absl::Status Init(const runtime::NativeUdfRegistry& natives) {
    absl::StatusOr<std::unique_ptr<Interpreter>> interpreter =
        Interpreter::Create(*program_, natives);
    if (!interpreter.ok()) return interpreter.status();
    interpreter_ = *std::move(interpreter);
    return absl::OkStatus();
  }

  void EvaluateInto(const runtime::Action& action, const runtime::LabelStore* labels,
                    uint64_t random_seed, runtime::ResultFeatures features,
                    runtime::ActionResult* result) const override {
    interpreter_->EvaluateInto(action, labels, random_seed, features, result);
  }
  const std::string& identity() const override { return identity_; }

 private:
  std::unique_ptr<ir::Program> program_;  // Heap-allocated: the interpreter points into it.
  std::unique_ptr<Interpreter> interpreter_;
  std::string identity_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<runtime::CompiledRuleset>> CompileInterpreted(
    ir::Program program, std::string identity, const runtime::NativeUdfRegistry& natives) {
  auto ruleset = std::make_unique<InterpretedRuleset>(
      std::make_unique<ir::Program>(std::move(program)), std::move(identity));
  absl::Status status = ruleset->Init(natives);
  if (!status.ok()) return status;
  return ruleset;
}

}  // namespace osprey::codegen
