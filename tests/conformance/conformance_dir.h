// Where the conformance cases are: $OSPREY_CONFORMANCE_DIR, else ../shared/conformance next to
// the repository. Shared by the conformance runners.
#ifndef OSPREY_TESTS_CONFORMANCE_CONFORMANCE_DIR_H_
#define OSPREY_TESTS_CONFORMANCE_CONFORMANCE_DIR_H_

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

struct Case {
  std::string name;  // "<group>/<case>"
  std::filesystem::path dir;
};

// The cases under <conformance>/<kind>/<group>/<case>/ that contain `marker`, sorted by name;
// empty when the conformance directory is absent.
inline std::vector<Case> ListCases(const std::string& kind, const std::string& marker) {
  namespace fs = std::filesystem;
  std::vector<Case> cases;
  std::optional<fs::path> root = ConformanceDir();
  if (!root || !fs::is_directory(*root / kind)) return cases;
  for (const fs::directory_entry& group : fs::directory_iterator(*root / kind)) {
    if (!group.is_directory()) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(group.path())) {
      if (!fs::exists(entry.path() / marker)) continue;
      cases.push_back({group.path().filename().string() + "/" + entry.path().filename().string(),
                       entry.path()});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

// A gtest parameter name for a case: its name with every non-alphanumeric character as '_'.
inline std::string CaseTestName(const Case& test_case) {
  std::string name = test_case.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// Under CI=true a missing conformance directory is a failure, not a skip.
inline bool RunningInCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

}  // namespace osprey::testing

#endif  // OSPREY_TESTS_CONFORMANCE_CONFORMANCE_DIR_H_
