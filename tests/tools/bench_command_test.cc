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
        Case{"threads", {"--generate", "50", "--threads", "4"}, kExitUsage},
        Case{"emit_hits", {"--generate", "50", "--emit", "hits"}, kExitUsage},
        Case{"bad_opt", {"--generate", "50", "--opt", "1"}, kExitUsage},
        Case{"bad_emit", {"--generate", "50", "--emit", "some"}, kExitUsage},
        Case{"no_input", {"--rules", "/nonexistent"}, kExitUsage},
        Case{"missing_file", {"--rules", "/nonexistent", "--input", "/nonexistent"}, kExitUsage},
        Case{"unknown_flag", {"--frobnicate"}, kExitUsage}),
    [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace osprey::tools
