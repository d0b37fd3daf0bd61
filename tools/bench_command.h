// `osprey-jit bench --rules DIR --input FILE [--udfs FILE]... [--threads N] [--opt 0|2]
//  [--emit full|hits] [--repeat K] [--generate N]`: measures the engine on a ruleset and a file
// of JSONL actions, or (with --generate N) on the benchmark generators' ruleset of 500 rules in
// 25 files and N generated actions.
//
// Measured: compile time (validate + lower + IR passes + engine creation, including reading
// the rules), and evaluation of every input line through runtime::StreamEvaluator with an
// in-process label store, full result JSON rendered and discarded, K passes over the lines held
// in memory (by default as many passes as needed to run at least 2 s). Reported: actions/s,
// rules/s (= Rule features of the ruleset x actions evaluated / evaluation time: every Rule is
// counted for every action, whatever the engine actually had to compute), p50/p99 wall time of
// a batch of 1000 consecutive actions (of all the lines when fewer), and the peak RSS of the
// process (getrusage).
//
// Not supported yet (exit 2 with a message): --threads above 1, --emit hits.
#ifndef OSPREY_TOOLS_BENCH_COMMAND_H_
#define OSPREY_TOOLS_BENCH_COMMAND_H_

#include <ostream>
#include <string>

#include "CLI/CLI.hpp"
#include "tools/command.h"
#include "tools/compile_rules.h"

namespace osprey::tools {

struct BenchCommandOptions {
  std::string rules_dir;
  std::string input;
  CompileOptions compile;
  int threads = 1;
  std::string emit = "full";
  int repeat = 0;    // Passes over the input; 0 = until at least 2 s have been spent.
  int generate = 0;  // > 0: use generated rules and this many generated actions instead.
  int swaps = 0;     // > 0: then measure this many hot swaps (tools/swap_bench.h).
  int swap_batch_size = 16;
};

void AddBenchCommand(CLI::App& app, CommandAction& action);

// Runs the benchmark and prints the figures to `out`, one `name: value` per line. Rules with
// errors are reported to `err` (kExitRulesInvalid); unsupported options, unreadable files or a
// missing --rules/--input give kExitUsage.
int RunBench(const BenchCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_BENCH_COMMAND_H_
