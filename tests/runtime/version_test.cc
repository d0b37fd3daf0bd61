#include "runtime/abi/version.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

// Defined in version_c_abi.c, which includes runtime/abi/version.h as C.
extern "C" const char* osprey_test_version_seen_from_c(void);

namespace osprey::runtime {
namespace {

using ::testing::MatchesRegex;

TEST(VersionTest, LibraryReportsTheHeaderVersion) {
  EXPECT_STREQ(osprey_jit_version(), OSPREY_JIT_VERSION);
}

TEST(VersionTest, HeaderFollowsTheProjectVersion) {
  // OSPREY_EXPECTED_PROJECT_VERSION is PROJECT_VERSION from the top-level CMakeLists.txt.
  EXPECT_STREQ(OSPREY_JIT_VERSION, OSPREY_EXPECTED_PROJECT_VERSION);
}

TEST(VersionTest, IsMajorMinorPatch) {
  EXPECT_THAT(osprey_jit_version(), MatchesRegex(R"([0-9]+\.[0-9]+\.[0-9]+)"));
}

TEST(VersionTest, ReturnsOneStaticString) { EXPECT_EQ(osprey_jit_version(), osprey_jit_version()); }

TEST(VersionTest, HeaderIsUsableFromC) {
  EXPECT_STREQ(osprey_test_version_seen_from_c(), OSPREY_JIT_VERSION);
}

}  // namespace
}  // namespace osprey::runtime
