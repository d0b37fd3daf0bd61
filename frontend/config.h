// The rules directory's configuration: `config.yaml` and every `config/*.yaml`, deep-merged.
// Only the `labels` section matters to the language; the rest is kept for tools.
#ifndef OSPREY_FRONTEND_CONFIG_H_
#define OSPREY_FRONTEND_CONFIG_H_

#include <optional>
#include <string>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/source.h"
#include "frontend/string_map.h"

namespace osprey::frontend {

enum class LabelConnotation : uint8_t { kNeutral, kPositive, kNegative };

struct LabelConfig {
  std::string name;
  std::vector<std::string> valid_for;  // Entity types.
  LabelConnotation connotation = LabelConnotation::kNeutral;
  std::string description;
  std::optional<SourceLocation> location;  // Where the label is defined, for notes.
};

struct Config {
  StringMap<LabelConfig> labels;
  std::vector<std::string> label_names;  // Sorted, for did-you-mean suggestions.
};

// Reads and merges the config files among `sources` (files whose path is `config.yaml` or ends in
// `config/<name>.yaml`). Problems (bad YAML, a non-mapping file, conflicting keys, unknown keys,
// bad label fields) are reported as ConfigError diagnostics at the offending YAML node.
Config LoadConfig(const SourceSet& sources, DiagnosticSink& sink);

// True for a path LoadConfig reads.
bool IsConfigPath(std::string_view path);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_CONFIG_H_
