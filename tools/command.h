// What every osprey-jit subcommand shares: exit codes and how a subcommand is wired in.
//
// A subcommand `foo` lives in tools/foo_command.{h,cc} and exposes
//   void AddFooCommand(CLI::App& app, CommandAction& action);
// which adds its CLI11 subcommand and options to `app` and, when the user picks it, sets `action`
// to the work to do; tools/cli.cc calls it. RunOspreyJit parses the command line and then runs
// `action`, so no subcommand code runs inside CLI11's parsing and exit codes come from one place.
#ifndef OSPREY_TOOLS_COMMAND_H_
#define OSPREY_TOOLS_COMMAND_H_

#include <functional>
#include <ostream>
#include <string_view>

namespace osprey::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRulesInvalid = 1;  // The rules (or inputs) have errors.
inline constexpr int kExitUsage = 2;         // Bad command line, or an I/O or engine failure.

// The chosen subcommand's work; returns the process exit code.
using CommandAction = std::function<int()>;

// Reports a usage, I/O or engine failure as `osprey-jit: error: <message>` and returns
// kExitUsage, for `return Fail(err, ...);`.
inline int Fail(std::ostream& err, std::string_view message) {
  err << "osprey-jit: error: " << message << "\n";
  return kExitUsage;
}

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_COMMAND_H_
