#include "tools/push_rules_command.h"

#include <unistd.h>

#include <iostream>
#include <map>
#include <memory>

#include "frontend/diagnostic_render.h"
#include "frontend/ruleset.h"
#include "tools/compile_rules.h"
#include "tools/etcd_client.h"

namespace osprey::tools {
void AddPushRulesCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<PushRulesOptions>();
  CLI::App* command =
      app.add_subcommand("push-rules", "Validate a rules directory and publish it to etcd");
  command->add_option("rules", options->rules_dir, "Rules directory (contains main.sml)")
      ->required();
  command->add_option("--etcd", options->etcd, "etcd endpoint, e.g. http://127.0.0.1:2379")
      ->required();
  command->add_option("--key", options->key, "The key to publish the ruleset under")->required();
  command->add_flag("--dry-run", options->dry_run, "Validate only; publish nothing");
  command->add_option("--udfs", options->udf_files, "Plugin function declarations (YAML)");
  command->callback([options, &action] {
    action = [options] {
      return RunPushRules(*options, std::cout, std::cerr, frontend::ShouldUseColor(STDERR_FILENO));
    };
  });
}

int RunPushRules(const PushRulesOptions& options, std::ostream& out, std::ostream& err,
                 bool color) {
  absl::StatusOr<frontend::SourceSet> sources = frontend::LoadRulesDirectory(options.rules_dir);
  if (!sources.ok()) return Fail(err, std::string(sources.status().message()));
  std::map<std::string, std::string> files;
  for (frontend::FileId id : sources->IdsByPath()) {
    files[sources->file(id).path()] = std::string(sources->file(id).text());
  }
  const std::string identity = RulesetIdentity(*sources);

  // The same validation `run` does before it applies a ruleset: what is pushed will load.
  CompileOptions compile;
  compile.udf_files = options.udf_files;
  compile.engine = Engine::kInterpreter;
  frontend::DiagnosticSink sink;
  absl::StatusOr<CompiledRules> compiled = CompileRulesSources(*std::move(sources), compile, sink);
  if (!compiled.ok()) return Fail(err, std::string(compiled.status().message()));
  if (compiled->ruleset == nullptr) {
    const frontend::SourceSet& checked = compiled->validated.parsed.sources;
    err << frontend::RenderText(sink.Sorted(checked), checked, color)
        << "osprey-jit: nothing published\n";
    return kExitRulesInvalid;
  }
  out << "ruleset " << identity << ": " << files.size() << " files, valid\n";
  if (options.dry_run) {
    out << "dry run: not published to " << options.key << "\n";
    return kExitOk;
  }
  absl::Status put = EtcdClient(options.etcd).Put(options.key, EncodeRulesetJson(files));
  if (!put.ok()) return Fail(err, std::string(put.message()));
  out << "published to " << options.key << " at " << options.etcd << "\n";
  return kExitOk;
}

}  // namespace osprey::tools
