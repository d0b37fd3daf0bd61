// `osprey-jit push-rules DIR --etcd ENDPOINT --key KEY [--dry-run]`: validates a rules
// directory and publishes it to etcd the way Osprey stores rules (one JSON map of path to
// source under one key), for every `run --rules-etcd` watching that key to pick up.
#ifndef OSPREY_TOOLS_PUSH_RULES_COMMAND_H_
#define OSPREY_TOOLS_PUSH_RULES_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/command.h"

namespace osprey::tools {

struct PushRulesOptions {
  std::string rules_dir;
  std::string etcd;
  std::string key;
  bool dry_run = false;
  std::vector<std::string> udf_files;
};

void AddPushRulesCommand(CLI::App& app, CommandAction& action);

// Rules with errors are reported to `err` and nothing is published (kExitRulesInvalid); an
// unreadable directory or an unreachable etcd give kExitUsage. With `dry_run`, validates only.
int RunPushRules(const PushRulesOptions& options, std::ostream& out, std::ostream& err, bool color);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_PUSH_RULES_COMMAND_H_
