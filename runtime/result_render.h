// The JSON line written for one evaluated action, in either output mode.
#ifndef OSPREY_RUNTIME_RESULT_RENDER_H_
#define OSPREY_RUNTIME_RESULT_RENDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/result.h"

namespace osprey::runtime {

enum class EmitMode : uint8_t {
  // Osprey's result map (spec §4.7): `__action_id`, `__timestamp`, `__error_count`, effects'
  // keys (`__verdicts`, `__entity_label_mutations`, plugin keys), then every exported feature.
  kFull,
  // What a pipeline that does not index features needs: `__action_id`, `__ruleset`,
  // `__error_count`, `__rules` (the names of the Rule features that are true, in definition
  // order), then the effects' keys as in kFull.
  kHits,
};

struct RenderOptions {
  EmitMode emit = EmitMode::kFull;
  // kFull only: add `"__ruleset": <identity>` after the effects' keys (kHits always has it).
  bool include_ruleset_identity = false;
};

// Appends the result line (no newline) of `result`, produced by the ruleset `identity` names.
void AppendResultLine(const ActionResult& result, const std::string& identity,
                      const RenderOptions& options, std::string* out);

// The parts of a result a program embedding the engine acts on, as plain data.
struct ResultSummary {
  int64_t action_id = 0;
  bool is_error = false;  // The input line was not a valid action.
  int64_t error_count = 0;
  std::vector<std::string> true_rules;  // Rule features that are true, in definition order.
  std::vector<std::string> verdicts;
  std::vector<std::string> label_mutations;  // As in `__entity_label_mutations`.
};

ResultSummary SummarizeResult(const ActionResult& result);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_RESULT_RENDER_H_
