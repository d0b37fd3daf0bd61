// Where the conformance cases are: $OSPREY_CONFORMANCE_DIR, else ../shared/conformance next to
// the repository. Shared by the conformance runners.
#ifndef OSPREY_TESTS_CONFORMANCE_CONFORMANCE_DIR_H_
#define OSPREY_TESTS_CONFORMANCE_CONFORMANCE_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace osprey::testing {

// The conformance root, or nullopt when it does not exist.
inline std::optional<std::filesystem::path> ConformanceDir() {
  const char* env = std::getenv("OSPREY_CONFORMANCE_DIR");
  std::filesystem::path dir =
      env != nullptr && *env != '\0'
          ? std::filesystem::path(env)
          : std::filesystem::path(OSPREY_SOURCE_DIR) / ".." / "shared" / "conformance";
  if (!std::filesystem::is_directory(dir)) return std::nullopt;
  return dir;
}

// Under CI=true a missing conformance directory is a failure, not a skip.
inline bool RunningInCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

}  // namespace osprey::testing

#endif  // OSPREY_TESTS_CONFORMANCE_CONFORMANCE_DIR_H_
