// A ruleset ready to evaluate actions: what the interpreter and the JIT both produce, and all
// the runtime engine needs to know of them.
#ifndef OSPREY_RUNTIME_COMPILED_RULESET_H_
#define OSPREY_RUNTIME_COMPILED_RULESET_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/action.h"
#include "runtime/labels.h"
#include "runtime/result.h"

namespace osprey::runtime {

// Which features a result carries: all of them (Osprey's result map), or only the Rule
// features that are true (all that `--emit hits` and result summaries read).
enum class ResultFeatures : uint8_t { kAll, kTrueRules };

class CompiledRuleset {
 public:
  virtual ~CompiledRuleset() = default;
  // Evaluates one action into `*result`, replacing what it held: a result reused from action
  // to action keeps its storage. `labels` may be null. Must be safe to call from several
  // threads at once: implementations keep per-action state local to the call (or to the
  // calling thread). The result must be cleared or released on the thread that evaluated it,
  // before that thread evaluates again: implementations may reuse parts of a result (rule
  // values) no one holds any more.
  virtual void EvaluateInto(const Action& action, const LabelStore* labels, uint64_t random_seed,
                            ResultFeatures features, ActionResult* result) const = 0;
  ActionResult Evaluate(const Action& action, const LabelStore* labels, uint64_t random_seed,
                        ResultFeatures features) const {
    ActionResult result;
    EvaluateInto(action, labels, random_seed, features, &result);
    return result;
  }
  // The ruleset's identity: a hash of its sources.
  virtual const std::string& identity() const = 0;
  // How long each phase of its compilation took, in order, in milliseconds (for reports).
  virtual std::vector<std::pair<std::string, double>> compile_phases_ms() const { return {}; }
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_COMPILED_RULESET_H_
