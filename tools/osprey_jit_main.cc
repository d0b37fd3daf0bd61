// osprey-jit: validate, run and benchmark Osprey SML rulesets.
//
// Exit codes (tools/command.h): 0 success, 1 the rules have errors, 2 usage or I/O error.
#include "tools/cli.h"

int main(int argc, char** argv) { return osprey::tools::RunOspreyJit(argc, argv); }
