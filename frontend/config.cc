// The config validator (spec §3.2.12): Osprey parses each registered top-level key of the merged
// config with a pydantic model that forbids unknown fields, and rejects unregistered keys. The
// `labels` model is checked completely, since the language depends on it; `example` too, being
// small; for the other registered keys only the shape of the top level is checked.
#include "frontend/config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <utility>

#include "frontend/internal/config_yaml.h"
#include "frontend/internal/str_cat.h"

namespace osprey::frontend {
namespace {

using internal::ConfigPathStep;
using internal::ScalarKind;
using internal::StrCat;
using internal::YamlEntry;
using internal::YamlNode;

using ConfigPath = std::vector<ConfigPathStep>;

// Registered top-level keys, with the fields of their models (empty: not checked), as
// registered by Osprey's engine stdlib and worker.
struct ModelFields {
  std::string_view key;
  std::vector<std::string_view> fields;
};

const std::vector<ModelFields>& OtherModels() {
  static const auto* models = new std::vector<ModelFields>{
      {"analytics", {"filtered_labels", "monitored_labels", "monitored_counters"}},
      {"feature_flags", {"percentage_flags"}},
      {"acl", {"roles", "users"}},
      {"actions", {}},          // A mapping of action name to its config.
      {"authorized_keys", {}},  // Its model ignores unknown fields.
      {"ui_config", {"default_summary_features", "external_links"}},
  };
  return *models;
}

bool IsTrueLiteral(std::string_view text) {
  return text == "yes" || text == "Yes" || text == "YES" || text == "true" || text == "True" ||
         text == "TRUE" || text == "on" || text == "On" || text == "ON";
}

std::string WithoutUnderscores(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

// Python's str() of a YAML 1.1 int (0b, 0x, leading-0 octal, decimal); the text as written when
// it does not fit in 64 bits or is sexagesimal.
std::string PythonInt(std::string_view written) {
  std::string text = WithoutUnderscores(written);
  if (text.find(':') != std::string::npos) return std::string(written);
  bool negative = !text.empty() && text[0] == '-';
  std::string_view digits = text;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  int base = 10;
  if (digits.starts_with("0b")) {
    base = 2;
    digits.remove_prefix(2);
  } else if (digits.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.size() > 1 && digits[0] == '0') {
    base = 8;
  }
  uint64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::string(written);
  return StrCat({negative && value != 0 ? "-" : "", std::to_string(value)});
}

// Python's repr() of a YAML 1.1 float, close enough for the entity type names it may become.
std::string PythonFloat(std::string_view written) {
  std::string text = WithoutUnderscores(written);
  if (text.find("inf") != std::string::npos || text.find("Inf") != std::string::npos ||
      text.find("INF") != std::string::npos) {
    return text[0] == '-' ? "-inf" : "inf";
  }
  if (text.find_first_of("nN") != std::string::npos) return "nan";
  if (text.find(':') != std::string::npos) return std::string(written);
  double value = std::strtod(text.c_str(), nullptr);
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string out(buffer, error == std::errc() ? end : buffer);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

// What pydantic's `str` field makes of a value: strings, and numbers and bools via str().
std::optional<std::string> CoerceToString(const YamlNode& node) {
  if (node.kind != YamlNode::Kind::kScalar) return std::nullopt;
  switch (node.scalar) {
    case ScalarKind::kString:
      return node.text;
    case ScalarKind::kBool:
      return IsTrueLiteral(node.text) ? "True" : "False";
    case ScalarKind::kInt:
      return PythonInt(node.text);
    case ScalarKind::kFloat:
      return PythonFloat(node.text);
    case ScalarKind::kNull:
    case ScalarKind::kOther:
      return std::nullopt;
  }
  return std::nullopt;
}

// pydantic's `int` field: ints, bools, floats (truncated) and strings of decimal digits.
bool CoercesToInt(const YamlNode& node) {
  if (node.kind != YamlNode::Kind::kScalar) return false;
  switch (node.scalar) {
    case ScalarKind::kBool:
    case ScalarKind::kInt:
    case ScalarKind::kFloat:
      return true;
    case ScalarKind::kString: {
      std::string text = WithoutUnderscores(node.text);
      std::string_view digits = text;
      while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
      while (!digits.empty() && digits.back() == ' ') digits.remove_suffix(1);
      if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
      return !digits.empty() &&
             std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    }
    case ScalarKind::kNull:
    case ScalarKind::kOther:
      return false;
  }
  return false;
}

// pydantic's model parsing accepts what `dict(value)` accepts; of YAML values that is a mapping
// or an empty sequence.
bool IsDictLike(const YamlNode& node) {
  return node.is_mapping() || (node.is_sequence() && node.items.empty());
}

std::string_view NotADict(const YamlNode& node) {
  return node.is_null() ? "none is not an allowed value" : "value is not a valid dict";
}

class ConfigChecker {
 public:
  ConfigChecker(const YamlNode& root, SourceLocation fallback, DiagnosticSink& sink)
      : root_(root), fallback_(fallback), sink_(sink) {}

  Config Check() {
    Config config;
    for (const YamlEntry& entry : root_.entries) {
      if (!entry.key.is_string()) {
        sink_.Error(DiagnosticKind::kConfigError, entry.key.start, 1,
                    StrCat({"config key `", entry.key.is_null() ? "None" : entry.key.text,
                            "` is not a string"}));
        continue;
      }
      std::string_view key = entry.key.text;
      if (key == "labels") {
        CheckLabels(entry.value, config);
      } else if (key == "example") {
        CheckExample(entry.value);
      } else if (auto model = std::find_if(OtherModels().begin(), OtherModels().end(),
                                           [&](const ModelFields& m) { return m.key == key; });
                 model != OtherModels().end()) {
        CheckTopLevelOnly(*model, entry.value);
      } else {
        Diagnostic diagnostic;
        diagnostic.kind = DiagnosticKind::kConfigError;
        diagnostic.location = Locate({std::string(key)}, /*key_only=*/true);
        diagnostic.message = StrCat({"invalid top-level config key `", key, "`"});
        diagnostic.hints.push_back(
            "known keys: labels, analytics, feature_flags, acl, actions, authorized_keys, "
            "example, ui_config");
        sink_.Report(std::move(diagnostic));
      }
    }
    for (const auto& [name, label] : config.labels) config.label_names.push_back(name);
    std::sort(config.label_names.begin(), config.label_names.end());
    return config;
  }

 private:
  SourceLocation Locate(const ConfigPath& path, bool key_only) const {
    return internal::ClosestConfigLocation(root_, path, key_only).value_or(fallback_);
  }

  // Reports a value the model rejects; Osprey's message names the model's path to it.
  void Invalid(const ConfigPath& path, std::string_view problem, bool key_only = false) {
    std::string dotted;
    for (const ConfigPathStep& step : path) {
      if (!dotted.empty()) dotted += '.';
      if (const std::string* key = std::get_if<std::string>(&step)) {
        dotted += *key;
      } else {
        dotted += std::to_string(std::get<int64_t>(step));
      }
    }
    Diagnostic diagnostic;
    diagnostic.kind = DiagnosticKind::kConfigError;
    diagnostic.location = Locate(path, key_only);
    diagnostic.message = StrCat({"invalid config value at `", dotted, "`"});
    diagnostic.hints.emplace_back(problem);
    // Osprey points at the nearest mapping it kept a position for, often a parent; show the
    // value itself too.
    ConfigPath real = path;  // Without the `labels` model's wrapper field.
    const ConfigPathStep labels_step = std::string("labels");
    if (real.size() >= 2 && real[0] == labels_step && real[1] == labels_step) {
      real.erase(real.begin() + 1);
    }
    std::optional<SourceLocation> exact =
        internal::ClosestConfigLocation(root_, real, key_only, /*any_node=*/true);
    if (exact &&
        (exact->file != diagnostic.location.file || exact->offset != diagnostic.location.offset)) {
      diagnostic.notes.push_back({key_only ? "the field is here" : "the value is here", *exact, 1});
    }
    sink_.Report(std::move(diagnostic));
  }

  void Extra(ConfigPath path, std::string_view field) {
    path.emplace_back(std::string(field));
    Invalid(path, "unknown field: not allowed here", /*key_only=*/true);
  }

  // `labels: {<name>: {valid_for: [str], connotation: positive|negative|neutral,
  // description: str}}`. The model wraps the mapping in a `labels` field, so its paths begin
  // `labels.labels`; entries named `positive` or `negative` are dropped unread (a leftover of
  // an older config format).
  void CheckLabels(const YamlNode& labels, Config& config) {
    if (!IsDictLike(labels)) {
      Invalid({"labels", "__root__"}, NotADict(labels));
      return;
    }
    for (const YamlEntry& entry : labels.entries) {
      if (entry.key.is_string() && (entry.key.text == "positive" || entry.key.text == "negative")) {
        continue;
      }
      std::optional<std::string> name = CoerceToString(entry.key);
      if (!name) {
        Invalid({"labels", "labels", std::string(entry.key.is_null() ? "None" : entry.key.text),
                 "__key__"},
                "a label name must be a string");
        continue;
      }
      if (std::optional<LabelConfig> label = CheckLabel(*name, entry.value)) {
        config.labels.insert_or_assign(*name, *std::move(label));
      }
    }
  }

  std::optional<LabelConfig> CheckLabel(const std::string& name, const YamlNode& value) {
    const ConfigPath at = {"labels", "labels", name};
    if (!IsDictLike(value)) {
      Invalid(at, NotADict(value));
      return std::nullopt;
    }
    LabelConfig label;
    label.name = name;
    bool ok = true;
    for (const YamlEntry& field : value.entries) {
      std::string_view key = field.key.is_string() ? std::string_view(field.key.text) : "";
      ConfigPath path = at;
      path.emplace_back(field.key.text);
      const YamlNode& v = field.value;
      if (key == "valid_for") {
        if (v.is_null() || !v.is_sequence()) {
          Invalid(path, v.is_null() ? "none is not an allowed value" : "value is not a valid list");
          ok = false;
          continue;
        }
        for (size_t i = 0; i < v.items.size(); ++i) {
          std::optional<std::string> type = CoerceToString(v.items[i]);
          if (!type) {
            ConfigPath item = path;
            item.emplace_back(static_cast<int64_t>(i));
            Invalid(item, "an entity type must be a string");
            ok = false;
          } else {
            label.valid_for.push_back(*std::move(type));
          }
        }
      } else if (key == "connotation") {
        if (v.is_string() && v.text == "positive") {
          label.connotation = LabelConnotation::kPositive;
        } else if (v.is_string() && v.text == "negative") {
          label.connotation = LabelConnotation::kNegative;
        } else if (v.is_string() && v.text == "neutral") {
          label.connotation = LabelConnotation::kNeutral;
        } else {
          Invalid(path, "expected one of `positive`, `negative`, `neutral`");
          ok = false;
        }
      } else if (key == "description") {
        std::optional<std::string> description = CoerceToString(v);
        if (!description) {
          Invalid(path, "a description must be a string");
          ok = false;
        } else {
          label.description = *std::move(description);
        }
      } else {
        Extra(at, field.key.text);
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    // The one note Osprey attaches to a label points at its valid_for list.
    label.location = internal::ClosestConfigLocation(root_, {"labels", name, "valid_for"}, false);
    return label;
  }

  // The worker's example model: `example: {some_str: str, some_int: int}`.
  void CheckExample(const YamlNode& value) {
    if (!IsDictLike(value)) {
      Invalid({"example", "__root__"}, NotADict(value));
      return;
    }
    for (const YamlEntry& field : value.entries) {
      ConfigPath path = {"example", field.key.text};
      if (field.key.is_string() && field.key.text == "some_str") {
        if (!CoerceToString(field.value)) Invalid(path, "expected a string");
      } else if (field.key.is_string() && field.key.text == "some_int") {
        if (!CoercesToInt(field.value)) Invalid(path, "expected an integer");
      } else {
        Extra({"example"}, field.key.text);
      }
    }
  }

  void CheckTopLevelOnly(const ModelFields& model, const YamlNode& value) {
    const std::string key(model.key);
    if (!IsDictLike(value)) {
      Invalid({key, "__root__"}, NotADict(value));
      return;
    }
    if (model.fields.empty()) return;
    for (const YamlEntry& field : value.entries) {
      if (!field.key.is_string() || std::find(model.fields.begin(), model.fields.end(),
                                              field.key.text) == model.fields.end()) {
        Extra({key}, field.key.text);
      }
    }
  }

  const YamlNode& root_;
  SourceLocation fallback_;
  DiagnosticSink& sink_;
};

}  // namespace

bool IsConfigPath(std::string_view path) {
  if (path == "config.yaml") return true;
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return false;
  std::string_view directory = path.substr(0, slash);
  std::string_view name = path.substr(slash + 1);
  return name.ends_with(".yaml") && (directory == "config" || directory.ends_with("/config"));
}

Config LoadConfig(const SourceSet& sources, DiagnosticSink& sink) {
  std::optional<YamlNode> merged = internal::LoadMergedConfig(sources, sink);
  if (!merged) return Config{};
  // Osprey points at its own synthesised copy of the merged config when no node along a path
  // has a position; the first config file is the nearest real place.
  SourceLocation fallback{kNoFile, 0};
  for (FileId id : sources.IdsByPath()) {
    if (IsConfigPath(sources.file(id).path())) {
      fallback = {id, 0};
      break;
    }
  }
  return ConfigChecker(*merged, fallback, sink).Check();
}

}  // namespace osprey::frontend
