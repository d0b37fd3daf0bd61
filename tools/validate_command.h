// `osprey-jit validate RULES_DIR [--format=text|json]`: check a rules directory.
#ifndef OSPREY_TOOLS_VALIDATE_COMMAND_H_
#define OSPREY_TOOLS_VALIDATE_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/command.h"

namespace osprey::tools {

enum class OutputFormat { kText, kJson };

struct ValidateCommandOptions {
  std::string rules_dir;
  OutputFormat format = OutputFormat::kText;
  // Plugin function declaration files (YAML, see frontend::LoadUdfDeclarations), added to the
  // standard library.
  std::vector<std::string> udf_files;
};

// Adds the `validate` subcommand to `app`; see command.h.
void AddValidateCommand(CLI::App& app, CommandAction& action);

// Loads, parses and validates `options.rules_dir` (frontend::ParseAndValidate, stdlib UDFs). Text
// format: diagnostics and their summary go to `err` (ANSI colour when `color`), and "ok: N files"
// to `out` when there is no error. JSON format: exactly one JSON object and a newline go to `out`
// (see RenderJson), nothing to `err`. Returns kExitOk when valid, kExitRulesInvalid when the rules
// have errors, and kExitUsage when the directory cannot be read (the reason goes to `err` in both
// formats; `out` stays empty).
int RunValidate(const ValidateCommandOptions& options, std::ostream& out, std::ostream& err,
                bool color);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_VALIDATE_COMMAND_H_
