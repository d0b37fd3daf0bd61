#include "codegen/jit_host.h"

#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace osprey::codegen {
namespace {

using ::testing::Each;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

TEST(HostTargetDescriptionTest, IsTripleThenCpuNameInParentheses) {
  const absl::StatusOr<std::string> description = HostTargetDescription();
  ASSERT_TRUE(description.ok()) << description.status();
  // <arch>-<vendor>-<os>[-<environment>] (<cpu>), e.g. "x86_64-pc-linux-gnu (znver3)".
  EXPECT_THAT(*description, MatchesRegex(R"([a-z0-9_]+(-[a-z0-9_.]+){2,3} \([^ ()]+\))"));
}

TEST(HostTargetDescriptionTest, NamesTheArchitectureAndOsThisTestRunsOn) {
  const absl::StatusOr<std::string> description = HostTargetDescription();
  ASSERT_TRUE(description.ok()) << description.status();
#if defined(__x86_64__)
  EXPECT_THAT(*description, StartsWith("x86_64-"));
#elif defined(__aarch64__)
  EXPECT_THAT(*description, StartsWith("aarch64-"));
#endif
#if defined(__linux__)
  EXPECT_THAT(*description, HasSubstr("-linux"));
#endif
}

TEST(HostTargetDescriptionTest, RepeatedCallsAgree) {
  const absl::StatusOr<std::string> first = HostTargetDescription();
  const absl::StatusOr<std::string> second = HostTargetDescription();
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*first, *second);
}

// Each ctest test runs in its own process, so here the threads race on LLVM's one-time target
// initialisation itself.
TEST(HostTargetDescriptionTest, ConcurrentFirstCallsAgree) {
  constexpr std::size_t kThreads = 4;
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (std::size_t i = 0; i < kThreads; ++i) {
    threads.emplace_back([&results, i] {
      const absl::StatusOr<std::string> description = HostTargetDescription();
      results[i] = description.ok() ? *description : description.status().ToString();
    });
  }
  for (std::thread& thread : threads) thread.join();

  const absl::StatusOr<std::string> expected = HostTargetDescription();
  ASSERT_TRUE(expected.ok()) << expected.status();
  EXPECT_THAT(results, Each(Eq(*expected)));
}

}  // namespace
}  // namespace osprey::codegen
