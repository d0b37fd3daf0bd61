// `osprey-jit run --rules DIR [--input FILE|-] [--output FILE|-] [--labels FILE] [--udfs FILE]
//  [--engine interp|jit] [--opt 0|2]`: evaluate a stream of JSONL actions, one result line per
// input line, in input order.
#ifndef OSPREY_TOOLS_RUN_COMMAND_H_
#define OSPREY_TOOLS_RUN_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/command.h"
#include "tools/compile_rules.h"

namespace osprey::tools {

struct RunCommandOptions {
  std::string rules_dir;
  std::string rules_etcd;  // Instead of rules_dir: an etcd endpoint, watched for changes.
  std::string rules_key;   // The key there: Osprey's JSON map of path -> source.
  std::string input = "-";
  std::string output = "-";
  std::string labels_file;  // labels.json seed; empty for an empty in-process store.
  CompileOptions compile;
  bool include_ruleset_identity = false;
  uint64_t seed = 0;
  int threads = 1;
  std::string emit = "full";  // "full" or "hits" (runtime::EmitMode)
  int batch_size = 1024;      // Most lines per batch; a batch also closes when input pauses.
  bool watch = false;         // Reload the rules when the directory changes.
  int watch_quiet_ms = 200;   // A change is reloaded once the files were quiet this long.
};

void AddRunCommand(CLI::App& app, CommandAction& action);

// Compiles the rules, then reads `in` in batches of lines and writes one JSON result per line
// to `out`, in input order, flushed after each batch. A batch closes when it is full or when no
// more input is buffered (the writer paused), so a caller that writes one action and waits gets
// its result. With `watch`, the rules directory is watched while input flows: after a change
// has settled the rules are compiled off the evaluating thread and, if valid and different,
// published for the next batch; invalid rules are reported to `err` and the running ones kept. A
// malformed line gives `{"__error": ..., "__line": N}` in its place. Rules with errors are reported
// to `err` and nothing is evaluated (kExitRulesInvalid); unreadable files, an unavailable engine or
// a bad labels file give kExitUsage.
int RunRun(const RunCommandOptions& options, std::istream& in, std::ostream& out, std::ostream& err,
           bool color);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_RUN_COMMAND_H_
