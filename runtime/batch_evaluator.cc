#include "runtime/batch_evaluator.h"

#include <algorithm>

#include "runtime/result.h"
#include "runtime/result_json.h"

namespace osprey::runtime {

BatchEvaluator::BatchEvaluator(const RulesetHandle& rulesets, LabelStore* labels,
                               BatchOptions options)
    : rulesets_(rulesets), labels_(labels), options_(options) {
  options_.threads = std::max(1, options_.threads);
  workers_ = std::vector<Worker>(static_cast<size_t>(options_.threads));
  for (int i = 1; i < options_.threads; ++i) threads_.emplace_back([this, i] { WorkerLoop(i); });
}

BatchEvaluator::~BatchEvaluator() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

std::shared_ptr<const CompiledRuleset> BatchEvaluator::Evaluate(
    std::span<const std::string> lines, int64_t first_line_number,
    std::vector<std::string>& results, std::vector<ResultSummary>* summaries) {
  // One acquisition per batch: every action of the batch sees the same version, and a swap
  // published meanwhile is picked up by the next batch.
  std::shared_ptr<const CompiledRuleset> ruleset = rulesets_.Current();
  results.resize(lines.size());
  if (summaries != nullptr) summaries->assign(lines.size(), ResultSummary());
  batch_ = Batch{lines, first_line_number, &results, summaries, ruleset.get()};
  const bool parallel = options_.threads > 1 && lines.size() > 1;
  if (parallel) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running_ = options_.threads - 1;
      ++generation_;
    }
    start_.notify_all();
  }
  RunSlice(0);
  if (!parallel) return ruleset;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return running_ == 0; });
  }
  // Effects land after the batch, in input order.
  if (labels_ != nullptr) {
    for (Worker& worker : workers_) {
      const std::span<const LabelMutation> mutations = worker.mutations.mutations();
      size_t begin = 0;
      for (size_t end : worker.mutations_end) {
        if (end > begin) labels_->Apply(mutations.subspan(begin, end - begin));
        begin = end;
      }
    }
  }
  return ruleset;
}

void BatchEvaluator::WorkerLoop(int index) {
  uint64_t seen = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    RunSlice(index);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --running_;
    }
    done_.notify_one();
  }
}

void BatchEvaluator::RunSlice(int index) {
  const Batch& batch = batch_;
  const bool parallel = options_.threads > 1 && batch.lines.size() > 1;
  const size_t count = batch.lines.size();
  const size_t slices = parallel ? static_cast<size_t>(options_.threads) : 1;
  // Contiguous slices keep each worker's results in one region of the output.
  const size_t begin = count * static_cast<size_t>(index) / slices;
  const size_t end = count * static_cast<size_t>(index + 1) / slices;
  Worker& worker = workers_[static_cast<size_t>(index)];
  worker.mutations.Clear();
  worker.mutations_end.clear();
  for (size_t i = begin; i < end; ++i) {
    const int64_t line_number = batch.first_line_number + static_cast<int64_t>(i);
    std::string& out = (*batch.results)[i];
    out.clear();
    if (batch.ruleset == nullptr) {
      out = ErrorRecordJson("no ruleset is loaded", line_number);
      if (batch.summaries != nullptr) (*batch.summaries)[i].is_error = true;
      continue;
    }
    absl::StatusOr<Action> action = worker.reader.Read(batch.lines[i]);
    if (!action.ok()) {
      out = ErrorRecordJson(std::string(action.status().message()), line_number);
      if (batch.summaries != nullptr) (*batch.summaries)[i].is_error = true;
      if (parallel) worker.mutations_end.push_back(worker.mutations.size());
      continue;
    }
    // Hit lines and summaries read only the true rules of a result's features.
    ActionResult& result = worker.result;
    batch.ruleset->EvaluateInto(
        *action, labels_, options_.random_seed ^ static_cast<uint64_t>(line_number),
        options_.render.emit == EmitMode::kHits ? ResultFeatures::kTrueRules : ResultFeatures::kAll,
        &result);
    if (labels_ != nullptr) {
      if (!parallel) worker.mutations.Clear();
      AppendLabelMutations(result, *action, &worker.mutations);
      if (parallel) {
        worker.mutations_end.push_back(worker.mutations.size());
      } else if (!worker.mutations.empty()) {
        labels_->Apply(worker.mutations.mutations());  // Visible to the next action (spec §4.5.3).
      }
    }
    AppendResultLine(result, batch.ruleset->identity(), options_.render, &out);
    if (batch.summaries != nullptr) (*batch.summaries)[i] = SummarizeResult(result);
  }
}

}  // namespace osprey::runtime
