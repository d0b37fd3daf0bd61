#include "tools/validate_command.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "frontend/diagnostic.h"
#include "frontend/diagnostic_render.h"
#include "frontend/ruleset.h"
#include "frontend/udf_registry.h"
#include "frontend/validate.h"

namespace osprey::tools {

void AddValidateCommand(CLI::App& app, CommandAction& action) {
  // The options outlive this function: CLI11 writes into them during parsing, and the action
  // reads them afterwards.
  auto options = std::make_shared<ValidateCommandOptions>();
  CLI::App* command = app.add_subcommand("validate", "Check a rules directory for errors");
  command->add_option("RULES_DIR", options->rules_dir, "Rules directory (contains main.sml)")
      ->required();
  // Read as a string and mapped afterwards: CLI11's enum transformers print the enum's numbers
  // in their error messages.
  auto format = std::make_shared<std::string>("text");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--udfs", options->udf_files,
                      "YAML file declaring plugin functions (repeatable)");
  command->callback([options, format, &action] {
    options->format = *format == "json" ? OutputFormat::kJson : OutputFormat::kText;
    action = [options] {
      return RunValidate(*options, std::cout, std::cerr, frontend::ShouldUseColor(STDERR_FILENO));
    };
  });
}

int RunValidate(const ValidateCommandOptions& options, std::ostream& out, std::ostream& err,
                bool color) {
  absl::StatusOr<frontend::SourceSet> sources = frontend::LoadRulesDirectory(options.rules_dir);
  if (!sources.ok()) {
    err << "osprey-jit: error: " << sources.status().message() << "\n";
    return kExitUsage;
  }
  frontend::UdfRegistry udfs = frontend::UdfRegistry::Stdlib();
  for (const std::string& path : options.udf_files) {
    if (absl::Status status = frontend::LoadUdfDeclarations(path, udfs); !status.ok()) {
      err << "osprey-jit: error: " << status.message() << "\n";
      return kExitUsage;
    }
  }
  frontend::DiagnosticSink sink;
  const frontend::ValidatedRuleset ruleset = frontend::ParseAndValidate(
      *std::move(sources), frontend::ValidateOptions{.udfs = &udfs}, sink);
  const frontend::SourceSet& files = ruleset.parsed.sources;
  const std::vector<frontend::Diagnostic> diagnostics = sink.Sorted(files);
  const bool valid = !sink.has_errors();

  if (options.format == OutputFormat::kJson) {
    out << frontend::RenderJson(valid, diagnostics, files) << "\n";
  } else {
    err << frontend::RenderText(diagnostics, files, color);
    if (valid) {
      // Rule files only: the set also holds the config files.
      size_t count = 0;
      for (frontend::FileId id : files.IdsByPath()) {
        count += files.file(id).path().ends_with(".sml") ? 1 : 0;
      }
      out << "ok: " << count << (count == 1 ? " file" : " files") << "\n";
    }
  }
  out.flush();
  err.flush();
  return valid ? kExitOk : kExitRulesInvalid;
}

}  // namespace osprey::tools
