// Test helper: a rules directory written to the test's temporary directory.
#ifndef OSPREY_TESTS_TOOLS_RULES_DIR_H_
#define OSPREY_TESTS_TOOLS_RULES_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "gtest/gtest.h"

namespace osprey::testing {

// Writes `files` (path -> text) into a fresh directory named after `prefix`, the process and
// `name`, replacing what an earlier run left there; returns its path.
inline std::filesystem::path WriteRulesDir(const std::string& prefix, const std::string& name,
                                           const std::map<std::string, std::string>& files) {
  namespace fs = std::filesystem;
  fs::path root =
      fs::path(::testing::TempDir()) / (prefix + "_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(root);
  fs::create_directories(root);
  for (const auto& [path, text] : files) {
    fs::create_directories((root / path).parent_path());
    std::ofstream(root / path, std::ios::binary) << text;
  }
  return root;
}

}  // namespace osprey::testing

#endif  // OSPREY_TESTS_TOOLS_RULES_DIR_H_
