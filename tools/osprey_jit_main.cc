// osprey-jit: validate, run and benchmark Osprey SML rulesets.
//
// Exit codes (tools/command.h): 0 success, 1 the rules have errors, 2 usage or I/O error.
#include <iostream>

#include "tools/cli.h"

int main(int argc, char** argv) {
  // Buffered standard streams: `run` reads stdin in batches and asks how much input is at hand
  // (std::streambuf::in_avail), which the unbuffered stdio-synchronised streams cannot tell.
  std::ios::sync_with_stdio(false);
  // Unsynchronised streams are not thread-safe, and std::cerr is tied to std::cout: a message
  // from `run`'s rule watcher thread would flush std::cout while the main thread writes
  // results to it. Untied, stderr writes never touch stdout.
  std::cerr.tie(nullptr);
  return osprey::tools::RunOspreyJit(argc, argv);
}
