// The osprey-jit command line, as a function so that tests can drive it like a process.
#ifndef OSPREY_TOOLS_CLI_H_
#define OSPREY_TOOLS_CLI_H_

namespace osprey::tools {

// Parses `argv` (argv[0] is the program name), runs the chosen subcommand and returns the exit
// code (tools/command.h): --help and --version print to stdout and return 0; any other problem
// with the command line prints CLI11's message to stderr and returns kExitUsage (2), never
// CLI11's own codes, so that 1 always means "the rules have errors".
int RunOspreyJit(int argc, const char* const* argv);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_CLI_H_
