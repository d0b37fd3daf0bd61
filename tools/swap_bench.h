// The hot-swap part of `osprey-jit bench --swaps N`: swap latency and memory across swaps.
#ifndef OSPREY_TOOLS_SWAP_BENCH_H_
#define OSPREY_TOOLS_SWAP_BENCH_H_

#include <ostream>
#include <string>
#include <vector>

#include "runtime/batch_evaluator.h"
#include "tools/compile_rules.h"

namespace osprey::tools {

struct SwapBenchOptions {
  int swaps = 0;
  int batch_size = 16;  // Actions per batch while swapping: a swap shows at the next batch.
  CompileOptions compile;
  runtime::BatchOptions batch;
};

// While one thread evaluates `lines` in batches without pause, publishes `swaps` new versions
// of the rules in `rules_dir` (each a different source text, so a different identity, compiled
// at the configured tier) one after the other and prints, one `name: value` per line:
// compile time per swap, swap latency (publish -> end of the first batch that used the new
// version) p50/p99, throughput during the swaps, and resident memory before and after.
// Returns false (message in `error`) when the rules cannot be read or compiled.
bool RunSwapBench(const std::string& rules_dir, const std::vector<std::string>& lines,
                  const SwapBenchOptions& options, std::ostream& out, std::string& error);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_SWAP_BENCH_H_
