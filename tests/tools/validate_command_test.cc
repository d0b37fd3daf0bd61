#include "tools/validate_command.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/tools/rules_dir.h"
#include "tools/cli.h"
#include "tools/command.h"

namespace osprey::tools {
namespace {

namespace fs = std::filesystem;

fs::path MakeRulesDir(const std::string& name, const std::map<std::string, std::string>& files) {
  return osprey::testing::WriteRulesDir("validate_test", name, files);
}

ValidateCommandOptions Options(const fs::path& root, OutputFormat format) {
  ValidateCommandOptions options;
  options.rules_dir = root.string();
  options.format = format;
  return options;
}

struct Case {
  std::string name;
  std::map<std::string, std::string> files;
  OutputFormat format;
  int exit_code;
  std::string out;
  std::string err;
};

class ValidateTest : public ::testing::TestWithParam<Case> {};

TEST_P(ValidateTest, OutputsAndExitCode) {
  const Case& c = GetParam();
  fs::path root = MakeRulesDir(c.name, c.files);
  std::ostringstream out, err;
  int code = RunValidate(Options(root, c.format), out, err, /*color=*/false);
  EXPECT_EQ(code, c.exit_code);
  EXPECT_EQ(out.str(), c.out);
  EXPECT_EQ(err.str(), c.err);
  fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(
    Validate, ValidateTest,
    ::testing::Values(
        Case{"TextValid",
             {{"main.sml", "Import(rules=['a.sml'])\nX = A\n"}, {"a.sml", "A = 1\n"}},
             OutputFormat::kText,
             kExitOk,
             "ok: 2 files\n",
             ""},
        Case{"JsonValid",
             {{"main.sml", "X = 1\n"}},
             OutputFormat::kJson,
             kExitOk,
             "{\"valid\": true, \"errors\": []}\n",
             ""},
        Case{"TextInvalid",
             {{"main.sml", "Import(rules=['nope.sml'])\n"}},
             OutputFormat::kText,
             kExitRulesInvalid,
             "",
             "main.sml:1:15: error: imported file: nope.sml not found [ImportNotFound]\n"
             "    1 | Import(rules=['nope.sml'])\n"
             "      |               ^~~~~~~~~~\n"
             "      = help: import attempted here\n"
             "1 error generated.\n"},
        Case{
            "JsonInvalid",
            {{"main.sml", "Require(rule='x.sml')\n"}},
            OutputFormat::kJson,
            kExitRulesInvalid,
            "{\"valid\": false, \"errors\": [{\"path\": \"main.sml\", \"line\": 1, \"column\": 14, "
            "\"message\": \"required rule: `x.sml` not found\", \"kind\": \"RequireNotFound\"}]}\n",
            ""},
        Case{"MissingMain",
             {{"other.sml", "X = 1\n"}},
             OutputFormat::kJson,
             kExitRulesInvalid,
             "{\"valid\": false, \"errors\": [{\"path\": \"main.sml\", \"line\": 0, \"column\": 0, "
             "\"message\": \"the rules directory has no `main.sml`\", \"kind\": "
             "\"MissingMain\"}]}\n",
             ""}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(ValidateTest, UnreadableDirectoryIsAUsageError) {
  std::ostringstream out, err;
  fs::path missing = fs::path(::testing::TempDir()) / "validate_test_does_not_exist";
  EXPECT_EQ(RunValidate(Options(missing, OutputFormat::kJson), out, err, false), kExitUsage);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "osprey-jit: error: rules directory not found: " + missing.string() + "\n");
}

TEST(ValidateTest, PluginDeclarations) {
  fs::path root = MakeRulesDir(
      "Plugin", {{"main.sml", "Hits = CountThings(text='x')\n"},
                 {"plugin.yaml", "functions:\n  - signature: \"CountThings(text: str) -> int\"\n"},
                 {"bad.yaml", "functions: 3\n"}});
  std::ostringstream out, err;
  ValidateCommandOptions options = Options(root, OutputFormat::kText);
  EXPECT_EQ(RunValidate(options, out, err, false), kExitRulesInvalid) << err.str();
  EXPECT_NE(err.str().find("CountThings"), std::string::npos) << err.str();

  options.udf_files = {(root / "plugin.yaml").string()};
  out.str("");
  err.str("");
  EXPECT_EQ(RunValidate(options, out, err, false), kExitOk) << err.str();
  EXPECT_EQ(out.str(), "ok: 1 file\n");

  options.udf_files.push_back((root / "bad.yaml").string());
  out.str("");
  err.str("");
  EXPECT_EQ(RunValidate(options, out, err, false), kExitUsage);
  EXPECT_EQ(out.str(), "");
  EXPECT_NE(err.str().find("bad.yaml"), std::string::npos) << err.str();
  fs::remove_all(root);
}

int RunCli(std::vector<const char*> args) {
  args.insert(args.begin(), "osprey-jit");
  return RunOspreyJit(static_cast<int>(args.size()), args.data());
}

TEST(CliTest, ExitCodes) {
  fs::path valid = MakeRulesDir("CliValid", {{"main.sml", "X = 1\n"}});
  fs::path invalid = MakeRulesDir("CliInvalid", {{"main.sml", "Require(rule='x.sml')\n"}});
  EXPECT_EQ(RunCli({"--version"}), kExitOk);
  EXPECT_EQ(RunCli({"--help"}), kExitOk);
  EXPECT_EQ(RunCli({}), kExitUsage);
  EXPECT_EQ(RunCli({"frobnicate"}), kExitUsage);
  EXPECT_EQ(RunCli({"validate"}), kExitUsage);
  EXPECT_EQ(RunCli({"validate", "--format=xml", valid.c_str()}), kExitUsage);
  EXPECT_EQ(RunCli({"validate", valid.c_str(), "extra"}), kExitUsage);
  EXPECT_EQ(RunCli({"validate", "/nonexistent/rules"}), kExitUsage);
  EXPECT_EQ(RunCli({"validate", valid.c_str()}), kExitOk);
  EXPECT_EQ(RunCli({"validate", "--format", "json", valid.c_str()}), kExitOk);
  EXPECT_EQ(RunCli({"validate", invalid.c_str()}), kExitRulesInvalid);
  fs::remove_all(valid);
  fs::remove_all(invalid);
}

}  // namespace
}  // namespace osprey::tools
