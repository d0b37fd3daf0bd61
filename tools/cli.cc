#include "tools/cli.h"

#include "CLI/CLI.hpp"
#include "tools/bench_command.h"
#include "tools/command.h"
#include "tools/push_rules_command.h"
#include "tools/run_command.h"
#include "tools/validate_command.h"

#ifndef OSPREY_JIT_VERSION
#define OSPREY_JIT_VERSION "unknown"
#endif

namespace osprey::tools {

int RunOspreyJit(int argc, const char* const* argv) {
  CLI::App app("Compile Osprey SML rules to native code, and check or run them.", "osprey-jit");
  app.set_version_flag("--version", "osprey-jit " OSPREY_JIT_VERSION);
  app.require_subcommand(1);

  CommandAction action;
  AddBenchCommand(app, action);
  AddPushRulesCommand(app, action);
  AddRunCommand(app, action);
  AddValidateCommand(app, action);

  // CLI11 reports through exceptions (the only ones in this code base); they stop here.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
  return action ? action() : kExitUsage;
}

}  // namespace osprey::tools
