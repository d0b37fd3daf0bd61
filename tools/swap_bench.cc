#include "tools/swap_bench.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/str_format.h"
#include "frontend/ruleset.h"
#include "runtime/labels.h"
#include "tools/percentile.h"

namespace osprey::tools {
namespace {

using Clock = std::chrono::steady_clock;

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Resident set size now, from /proc/self/statm (pages), after returning the allocator's free
// memory to the system: what stays is memory in use, not fragmentation.
double ResidentMib() {
  malloc_trim(0);
  std::ifstream statm("/proc/self/statm");
  long total = 0;
  long resident = 0;
  statm >> total >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// Version `k` of the rules: the same files, main.sml with a trailing comment naming k.
frontend::SourceSet Version(const frontend::SourceSet& base, int k) {
  frontend::SourceSet version;
  for (size_t i = 0; i < base.size(); ++i) {
    const frontend::SourceFile& file = base.file(frontend::FileId{static_cast<uint32_t>(i)});
    std::string text(file.text());
    if (file.path() == "main.sml") text += absl::StrFormat("\n# version %d\n", k);
    version.Add(file.path(), std::move(text));
  }
  return version;
}

}  // namespace

bool RunSwapBench(const std::string& rules_dir, const std::vector<std::string>& lines,
                  const SwapBenchOptions& options, std::ostream& out, std::string& error) {
  absl::StatusOr<frontend::SourceSet> base = frontend::LoadRulesDirectory(rules_dir);
  if (!base.ok()) {
    error = std::string(base.status().message());
    return false;
  }
  auto compile = [&](int k) -> std::shared_ptr<const runtime::CompiledRuleset> {
    frontend::DiagnosticSink sink;
    absl::StatusOr<CompiledRules> compiled =
        CompileRulesSources(Version(*base, k), options.compile, sink);
    if (!compiled.ok() || compiled->ruleset == nullptr) return nullptr;
    return std::move(compiled->ruleset);
  };
  runtime::RulesetHandle handle(compile(0));
  if (handle.Current() == nullptr) {
    error = "the rules do not compile";
    return false;
  }
  runtime::InMemoryLabelStore labels;
  runtime::BatchEvaluator evaluator(handle, &labels, options.batch);

  // The evaluating thread publishes, after each batch, which version it used and when.
  std::atomic<const runtime::CompiledRuleset*> last_used{nullptr};
  std::atomic<int64_t> evaluated{0};
  std::atomic<bool> stop{false};
  auto evaluate = [&] {
    std::vector<std::string> results;
    size_t next = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      size_t count = std::min(static_cast<size_t>(options.batch_size), lines.size() - next);
      std::shared_ptr<const runtime::CompiledRuleset> used =
          evaluator.Evaluate(std::span<const std::string>(lines).subspan(next, count), 1, results);
      last_used.store(used.get(), std::memory_order_release);
      evaluated.fetch_add(static_cast<int64_t>(count), std::memory_order_relaxed);
      next = (next + count) % lines.size();
    }
  };

  // Steady state first, for the throughput comparison.
  std::thread steady(evaluate);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  int64_t steady_actions = evaluated.exchange(0);
  stop = true;
  steady.join();
  stop = false;
  const double steady_rate = static_cast<double>(steady_actions);  // Per second.

  const double rss_before = ResidentMib();
  std::vector<double> compile_ms;
  std::vector<double> latency_ms;
  std::thread worker(evaluate);
  Clock::time_point swaps_start = Clock::now();
  for (int k = 1; k <= options.swaps; ++k) {
    Clock::time_point compile_start = Clock::now();
    std::shared_ptr<const runtime::CompiledRuleset> next = compile(k);
    compile_ms.push_back(Millis(Clock::now() - compile_start));
    if (next == nullptr) {
      error = "a version of the rules does not compile";
      stop = true;
      worker.join();
      return false;
    }
    const runtime::CompiledRuleset* raw = next.get();
    Clock::time_point published = Clock::now();
    handle.Publish(std::move(next));
    while (last_used.load(std::memory_order_acquire) != raw) std::this_thread::yield();
    latency_ms.push_back(Millis(Clock::now() - published));
  }
  const double swap_seconds = Millis(Clock::now() - swaps_start) / 1000.0;
  const int64_t swap_actions = evaluated.load();
  stop = true;
  worker.join();
  const double rss_after = ResidentMib();

  out << absl::StrFormat("swaps: %d (batches of %d while swapping)\n", options.swaps,
                         options.batch_size);
  out << absl::StrFormat("swap_compile_ms_p50: %.2f\n", Percentile(compile_ms, 0.5));
  out << absl::StrFormat("swap_latency_ms_p50: %.3f\n", Percentile(latency_ms, 0.5));
  out << absl::StrFormat("swap_latency_ms_p99: %.3f\n", Percentile(latency_ms, 0.99));
  out << absl::StrFormat("actions_per_s_steady: %.0f\n", steady_rate);
  out << absl::StrFormat("actions_per_s_while_swapping: %.0f\n",
                         static_cast<double>(swap_actions) / swap_seconds);
  out << absl::StrFormat("rss_mib_before_swaps: %.1f\n", rss_before);
  out << absl::StrFormat("rss_mib_after_swaps: %.1f\n", rss_after);
  return true;
}

}  // namespace osprey::tools
