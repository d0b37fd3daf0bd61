// The config files' YAML, read into a small tree that keeps where each node came from, and the
// reference loader's merge of several files into one mapping. Private to the frontend: config.cc
// validates the merged tree, and the label validator asks it where keys are for notes.
#ifndef OSPREY_FRONTEND_INTERNAL_CONFIG_YAML_H_
#define OSPREY_FRONTEND_INTERNAL_CONFIG_YAML_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/source.h"

namespace osprey::frontend::internal {

// How a scalar resolves under YAML 1.1 (PyYAML's SafeLoader, which Osprey uses): `yes` is a
// bool, `0x1f` an int, `~` null, a quoted scalar always a string. kOther: a timestamp.
enum class ScalarKind : uint8_t { kNull, kBool, kInt, kFloat, kString, kOther };

struct YamlEntry;

struct YamlNode {
  enum class Kind : uint8_t { kScalar, kSequence, kMapping };
  Kind kind = Kind::kScalar;
  ScalarKind scalar = ScalarKind::kNull;
  std::string text;  // A scalar's value as written (unquoted, unescaped).
  // Where the node starts. Every node has one, for load errors.
  SourceLocation start;
  // Whether Osprey's loader remembers `start`: it does for mappings, sequences and strings only,
  // and a sequence concatenated by the merge loses it. Error locations follow this.
  bool located = false;
  std::vector<YamlNode> items;     // kSequence.
  std::vector<YamlEntry> entries;  // kMapping, in document order, keys unique.

  bool is_mapping() const { return kind == Kind::kMapping; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_null() const { return kind == Kind::kScalar && scalar == ScalarKind::kNull; }
  bool is_string() const { return kind == Kind::kScalar && scalar == ScalarKind::kString; }
  // The mapping entry whose key is the string `key`, or null.
  const YamlNode* Find(std::string_view key) const;
};

struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

// Every config file of `sources` (IsConfigPath), in path order, parsed and merged as Osprey's
// loader does: each file must hold one YAML mapping; mappings merge key by key, sequences
// concatenate, and any other pair of values under one key is a conflict. Returns nullopt after
// reporting ConfigErrors when a file does not load or the files conflict. With no config files,
// or when any config file is empty (Osprey then ignores them all), the result is an empty mapping.
std::optional<YamlNode> LoadMergedConfig(const SourceSet& sources, DiagnosticSink& sink);

// A step of a path into the config: a mapping key or a sequence index.
using ConfigPathStep = std::variant<std::string, int64_t>;

// Osprey's closest_span_for_location: the deepest located node along `path` (only keys when
// `key_only`), or nullopt when none is, in which case Osprey points at its synthesised file.
// With `any_node`, the deepest node whether Osprey's loader kept its position or not: where
// the problem really is, for a note.
std::optional<SourceLocation> ClosestConfigLocation(const YamlNode& root,
                                                    const std::vector<ConfigPathStep>& path,
                                                    bool key_only, bool any_node = false);

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_CONFIG_YAML_H_
