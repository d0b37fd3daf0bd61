// Evaluates a stream of JSON lines, one result line per input line, in order: the core of
// `osprey-jit run`. A malformed line yields an error record in its place; label effects of
// each action are applied before the next one is read.
#ifndef OSPREY_RUNTIME_STREAM_EVALUATOR_H_
#define OSPREY_RUNTIME_STREAM_EVALUATOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/action.h"
#include "runtime/compiled_ruleset.h"
#include "runtime/labels.h"
#include "runtime/result_render.h"

namespace osprey::runtime {

struct StreamOptions {
  bool include_ruleset_identity = false;  // Add "__ruleset" to every result.
  uint64_t random_seed = 0;
  EmitMode emit = EmitMode::kFull;
};

class StreamEvaluator {
 public:
  // `ruleset` and `labels` (may be null) must outlive the evaluator.
  StreamEvaluator(const CompiledRuleset& ruleset, LabelStore* labels, StreamOptions options = {});

  // Evaluates one input line (1-based `line_number`, for error records) and returns its
  // result as one JSON object, without a trailing newline.
  std::string EvaluateLine(std::string_view line, int64_t line_number);

 private:
  const CompiledRuleset& ruleset_;
  LabelStore* labels_;
  StreamOptions options_;
  ActionReader reader_;
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_STREAM_EVALUATOR_H_
