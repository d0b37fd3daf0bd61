#include "tools/bench_command.h"

#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/cli.h"
#include "tools/command.h"

namespace osprey::tools {
namespace {

TEST(BenchTest, GeneratedWorkloadPrintsEveryFigure) {
  BenchCommandOptions options;
  options.generate = 200;
  options.repeat = 1;
  std::ostringstream out, err;
  EXPECT_EQ(RunBench(options, out, err), kExitOk) << err.str();
  EXPECT_EQ(err.str(), "");
  for (const char* field :
       {"rules: 500 Rule features\n", "compile_ms: ", "actions: 200 (200 lines x 1 passes)\n",
        "actions_per_s: ", "rules_per_s: ", "batch_200_p50_us: ", "batch_200_p99_us: ",
        "peak_rss_mib: "}) {
    EXPECT_NE(out.str().find(field), std::string::npos) << field << " missing in\n" << out.str();
  }
}

TEST(BenchTest, SwapsReportLatencyThroughputAndMemory) {
  BenchCommandOptions options;
  options.generate = 100;
  options.repeat = 1;
  options.compile.engine = Engine::kJit;
  options.compile.opt_level = 0;
  options.swaps = 3;
  std::ostringstream out, err;
  EXPECT_EQ(RunBench(options, out, err), kExitOk) << err.str();
  for (const char* field :
       {"jit_codegen_ms: ", "swaps: 3 (batches of 16 while swapping)\n", "swap_compile_ms_p50: ",
        "swap_latency_ms_p50: ", "swap_latency_ms_p99: ", "actions_per_s_steady: ",
        "actions_per_s_while_swapping: ", "rss_mib_before_swaps: ", "rss_mib_after_swaps: "}) {
    EXPECT_NE(out.str().find(field), std::string::npos) << field << " missing in\n" << out.str();
  }
}

struct Case {
  std::string name;
  std::vector<const char*> args;  // After `osprey-jit bench`.
  int exit_code;
};

class BenchFlagsTest : public testing::TestWithParam<Case> {};

TEST_P(BenchFlagsTest, ExitCode) {
  std::vector<const char*> argv = {"osprey-jit", "bench"};
  argv.insert(argv.end(), GetParam().args.begin(), GetParam().args.end());
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  int code = RunOspreyJit(static_cast<int>(argv.size()), argv.data());
  testing::internal::GetCapturedStdout();
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(code, GetParam().exit_code) << err;
}

INSTANTIATE_TEST_SUITE_P(
    Flags, BenchFlagsTest,
    testing::Values(
        Case{"ok", {"--generate", "50", "--repeat", "1", "--opt", "0"}, kExitOk},
        Case{"threads",
             {"--generate", "50", "--repeat", "1", "--opt", "0", "--threads", "2"},
             kExitOk},
        Case{"emit_hits",
             {"--generate", "50", "--repeat", "1", "--opt", "0", "--emit", "hits"},
             kExitOk},
        Case{"swaps", {"--generate", "50", "--repeat", "1", "--opt", "0", "--swaps", "2"}, kExitOk},
        Case{"zero_threads", {"--generate", "50", "--threads", "0"}, kExitUsage},
        Case{"interp", {"--generate", "50", "--repeat", "1", "--engine", "interp"}, kExitOk},
        Case{"bad_engine", {"--generate", "50", "--engine", "llvm"}, kExitUsage},
        Case{"bad_opt", {"--generate", "50", "--opt", "1"}, kExitUsage},
        Case{"bad_emit", {"--generate", "50", "--emit", "some"}, kExitUsage},
        Case{"no_input", {"--rules", "/nonexistent"}, kExitUsage},
        Case{"missing_file", {"--rules", "/nonexistent", "--input", "/nonexistent"}, kExitUsage},
        Case{"unknown_flag", {"--frobnicate"}, kExitUsage}),
    [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace osprey::tools
