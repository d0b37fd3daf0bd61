// The batch runtime: N raw JSON actions in, N result lines out, in input order, on one or more
// worker threads, against whichever ruleset is published when the batch starts.
//
// A ruleset is published through a RulesetHandle: one shared pointer, read once per batch, so
// a new version can be swapped in (RulesetHandle::Publish) while batches run, without pausing
// them; a version is freed when the last batch using it is done.
#ifndef OSPREY_RUNTIME_BATCH_EVALUATOR_H_
#define OSPREY_RUNTIME_BATCH_EVALUATOR_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "runtime/action.h"
#include "runtime/compiled_ruleset.h"
#include "runtime/labels.h"
#include "runtime/result.h"
#include "runtime/result_render.h"

namespace osprey::runtime {

class RulesetHandle {
 public:
  RulesetHandle() = default;
  explicit RulesetHandle(std::shared_ptr<const CompiledRuleset> ruleset)
      : current_(std::move(ruleset)) {}

  // Makes `ruleset` the one batches that start from now on use. Thread-safe. The previous
  // version is released outside the lock (freeing its code when no batch holds it).
  void Publish(std::shared_ptr<const CompiledRuleset> ruleset) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(ruleset);
  }
  // The published ruleset (null before the first Publish). Thread-safe.
  std::shared_ptr<const CompiledRuleset> Current() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }

 private:
  // A pointer copy under a mutex, taken once per batch: never contended in practice, and
  // unlike libstdc++ 12's std::atomic<std::shared_ptr> (a lock bit in the pointer) it is
  // visible to ThreadSanitizer, which the hot-swap stress test runs under.
  mutable std::mutex mutex_;
  std::shared_ptr<const CompiledRuleset> current_;
};

struct BatchOptions {
  int threads = 1;  // Workers, the calling thread included.
  RenderOptions render;
  uint64_t random_seed = 0;  // Mixed with each action's line number.
};

class BatchEvaluator {
 public:
  // `rulesets` and `labels` (may be null) must outlive the evaluator.
  //
  // Label effects: with one thread each action sees the effects of the actions before it, as
  // in Osprey's sequential engine. With several, the actions of a batch all see the label state
  // as it was when the batch started, and the batch's effects are applied after it, in input
  // order (as in Osprey's concurrent workers, effects land asynchronously).
  BatchEvaluator(const RulesetHandle& rulesets, LabelStore* labels, BatchOptions options);
  ~BatchEvaluator();
  BatchEvaluator(const BatchEvaluator&) = delete;
  BatchEvaluator& operator=(const BatchEvaluator&) = delete;

  // Evaluates `lines`, whose first has line number `first_line_number` (for error records):
  // `results` gets exactly one line (no newline) per input line, in order — an error record
  // (`{"__error": ..., "__line": n}`) for a line that is not a valid action. Returns the
  // ruleset that evaluated the batch (null when none is published: every result is then an
  // error record). With `summaries`, it also gets one ResultSummary per line. Not thread-safe:
  // one batch at a time.
  std::shared_ptr<const CompiledRuleset> Evaluate(std::span<const std::string> lines,
                                                  int64_t first_line_number,
                                                  std::vector<std::string>& results,
                                                  std::vector<ResultSummary>* summaries = nullptr);

 private:
  // A worker's storage, reused from action to action and batch to batch.
  struct Worker {
    ActionReader reader;
    ActionResult result;
    // The label mutations of its slice's actions, one after another (threads > 1: applied
    // after the batch), or of the current action (one thread).
    LabelMutationBuffer mutations;
    std::vector<size_t> mutations_end;  // By line of its slice: where its mutations end.
  };
  struct Batch {
    std::span<const std::string> lines;
    int64_t first_line_number = 0;
    std::vector<std::string>* results = nullptr;
    std::vector<ResultSummary>* summaries = nullptr;
    const CompiledRuleset* ruleset = nullptr;
  };

  // Evaluates worker `index`'s slice of the current batch.
  void RunSlice(int index);
  void WorkerLoop(int index);

  const RulesetHandle& rulesets_;
  LabelStore* labels_;
  BatchOptions options_;
  std::vector<Worker> workers_;
  std::vector<std::thread> threads_;  // Workers 1..n-1; the caller is worker 0.

  std::mutex mutex_;
  std::condition_variable start_;
  std::condition_variable done_;
  uint64_t generation_ = 0;  // Incremented per batch; guarded by mutex_.
  int running_ = 0;          // Workers still on the current batch; guarded by mutex_.
  bool stopping_ = false;    // Guarded by mutex_.
  Batch batch_;              // Written before generation_ is incremented.
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_BATCH_EVALUATOR_H_
