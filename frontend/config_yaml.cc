// Reading and merging the config files' YAML (see internal/config_yaml.h).
//
// yaml-cpp's event parser does the YAML syntax; scalar resolution follows YAML 1.1 as PyYAML's
// SafeLoader does it, because that is what decides, in Osprey, whether `yes` is a string. yaml-cpp
// reports problems by throwing; the exceptions are caught here, at the only place it is called,
// and become diagnostics.
#include "frontend/internal/config_yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <regex>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "frontend/config.h"
#include "frontend/internal/str_cat.h"

namespace osprey::frontend::internal {
namespace {

constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";
constexpr size_t kMaxResolvedLength = 128;
// Aliases are copied into the tree, so a small file could expand enormously ("billion laughs");
// no real config comes near this many nodes.
constexpr size_t kMaxNodes = 1 << 20;

size_t CountNodes(const YamlNode& node) {
  size_t count = 1;
  for (const YamlNode& item : node.items) count += CountNodes(item);
  for (const YamlEntry& entry : node.entries)
    count += CountNodes(entry.key) + CountNodes(entry.value);
  return count;
}

SourceLocation ToLocation(const SourceFile& file, FileId id, const YAML::Mark& mark) {
  if (mark.line < 0 || static_cast<uint32_t>(mark.line) >= file.line_count()) {
    return {id, static_cast<uint32_t>(file.text().size())};
  }
  std::string_view line = file.Line(static_cast<uint32_t>(mark.line) + 1);
  size_t column = std::min(static_cast<size_t>(std::max(mark.column, 0)), line.size());
  return {id, static_cast<uint32_t>(line.data() - file.text().data() + column)};
}

bool FullMatch(const std::string& text, const std::regex& pattern) {
  return std::regex_match(text, pattern);
}

// PyYAML's implicit resolvers for a plain scalar (yaml-cpp has already turned the null forms
// into null events).
ScalarKind ResolvePlain(const std::string& text) {
  static const std::regex kBool(
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex kInt(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  static const std::regex kFloat(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  static const std::regex kTimestamp(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}"
      ":[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return ScalarKind::kNull;
  }
  // libstdc++'s regex matcher recurses once per character; no number or date is this long.
  if (text.size() > kMaxResolvedLength) return ScalarKind::kString;
  if (FullMatch(text, kBool)) return ScalarKind::kBool;
  if (FullMatch(text, kInt)) return ScalarKind::kInt;
  if (FullMatch(text, kFloat)) return ScalarKind::kFloat;
  if (FullMatch(text, kTimestamp)) return ScalarKind::kOther;
  return ScalarKind::kString;
}

bool SameKey(const YamlNode& a, const YamlNode& b) {
  return a.kind == YamlNode::Kind::kScalar && b.kind == YamlNode::Kind::kScalar &&
         a.scalar == b.scalar && a.text == b.text;
}

// Builds the tree of one document from yaml-cpp's events. Problems yaml-cpp does not detect
// itself (tags SafeLoader rejects, unhashable keys, a second document) are recorded in `error`,
// since the handler must not throw.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceFile& file, FileId id) : file_(file), id_(id) {}

  std::optional<YamlNode>& root() { return root_; }
  const std::optional<std::pair<SourceLocation, std::string>>& error() const { return error_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) Fail(mark, "a config file must hold a single YAML document");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++nodes_;
    YamlNode node;
    node.start = ToLocation(file_, id_, mark);
    Complete(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      Fail(mark, "unknown YAML alias");
      OnNull(mark, 0);
      return;
    }
    nodes_ += it->second.second;
    if (nodes_ > kMaxNodes) {
      Fail(mark, "the config expands to too many values through its aliases");
      OnNull(mark, 0);
      return;
    }
    Complete(it->second.first, 0);  // The loader shares the anchored object: same location.
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    ++nodes_;
    YamlNode node;
    node.start = ToLocation(file_, id_, mark);
    node.text = value;
    if (tag == "?") {
      node.scalar = ResolvePlain(value);
    } else if (tag == "!") {
      node.scalar = ScalarKind::kString;  // Quoted or block scalars are always strings.
    } else {
      node.scalar = ExplicitScalarKind(mark, tag);
    }
    node.located = node.scalar == ScalarKind::kString;
    Complete(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    CheckContainerTag(mark, tag, "seq");
    Open(YamlNode::Kind::kSequence, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    CheckContainerTag(mark, tag, "map");
    Open(YamlNode::Kind::kMapping, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    std::optional<YamlNode> key;  // A mapping's key waiting for its value.
  };

  void Fail(const YAML::Mark& mark, std::string message) {
    if (!error_) error_.emplace(ToLocation(file_, id_, mark), std::move(message));
  }

  ScalarKind ExplicitScalarKind(const YAML::Mark& mark, std::string_view tag) {
    if (!tag.starts_with(kYamlTagPrefix)) {
      Fail(mark, StrCat({"unsupported YAML tag `", tag, "`"}));
      return ScalarKind::kOther;
    }
    std::string_view name = tag.substr(kYamlTagPrefix.size());
    if (name == "str") return ScalarKind::kString;
    if (name == "int") return ScalarKind::kInt;
    if (name == "float") return ScalarKind::kFloat;
    if (name == "bool") return ScalarKind::kBool;
    if (name == "null") return ScalarKind::kNull;
    return ScalarKind::kOther;  // timestamp, binary: values, but not strings.
  }

  void CheckContainerTag(const YAML::Mark& mark, std::string_view tag, std::string_view expected) {
    if (tag == "?" || tag == "!" || tag == StrCat({kYamlTagPrefix, expected})) return;
    Fail(mark, StrCat({"unsupported YAML tag `", tag, "`"}));
  }

  void Open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    ++nodes_;
    Frame frame;
    frame.node.kind = kind;
    frame.node.start = ToLocation(file_, id_, mark);
    frame.node.located = true;
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }

  void Close() {
    if (stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    Complete(std::move(frame.node), frame.anchor);
  }

  void Complete(YamlNode node, YAML::anchor_t anchor) {
    if (anchor != 0) {
      size_t count = CountNodes(node);
      anchors_[anchor] = {node, count};
    }
    if (stack_.empty()) {
      if (documents_ == 1 && !root_) root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      top.node.items.push_back(std::move(node));
    } else if (!top.key) {
      if (node.kind != YamlNode::Kind::kScalar && !error_) {
        error_.emplace(node.start, "a mapping key must be a scalar");  // Unhashable in Python.
      }
      top.key = std::move(node);
    } else {
      // A repeated key keeps its first occurrence and takes the last value, as a dict does.
      auto same = std::find_if(top.node.entries.begin(), top.node.entries.end(),
                               [&](const YamlEntry& e) { return SameKey(e.key, *top.key); });
      if (same != top.node.entries.end()) {
        same->value = std::move(node);
      } else {
        top.node.entries.push_back({std::move(*top.key), std::move(node)});
      }
      top.key.reset();
    }
  }

  const SourceFile& file_;
  FileId id_;
  int documents_ = 0;
  std::vector<Frame> stack_;
  size_t nodes_ = 0;
  absl::flat_hash_map<YAML::anchor_t, std::pair<YamlNode, size_t>> anchors_;
  std::optional<YamlNode> root_;
  std::optional<std::pair<SourceLocation, std::string>> error_;
};

std::optional<YamlNode> ParseConfigFile(const SourceSet& sources, FileId id, DiagnosticSink& sink) {
  const SourceFile& file = sources.file(id);
  TreeBuilder builder(file, id);
  std::istringstream in{std::string(file.text())};
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    sink.Error(DiagnosticKind::kConfigError, ToLocation(file, id, e.mark), 1,
               StrCat({"invalid YAML: ", e.msg}));
    return std::nullopt;
  }
  if (const auto& error = builder.error()) {
    sink.Error(DiagnosticKind::kConfigError, error->first, 1, error->second);
    return std::nullopt;
  }
  std::optional<YamlNode>& root = builder.root();
  if (!root || !root->is_mapping()) {
    SourceLocation at = root ? root->start : SourceLocation{id, 0};
    sink.Error(DiagnosticKind::kConfigError, at, 1, "a config file must hold a YAML mapping",
               "write `key: value` pairs at the top level, e.g. `labels:`");
    return std::nullopt;
  }
  return std::move(*root);
}

std::string KeyText(const YamlNode& key) { return key.is_null() ? "None" : key.text; }

bool Merge(YamlNode& base, YamlNode next, const std::string& path, DiagnosticSink& sink) {
  bool ok = true;
  for (YamlEntry& entry : next.entries) {
    auto existing = std::find_if(base.entries.begin(), base.entries.end(),
                                 [&](const YamlEntry& e) { return SameKey(e.key, entry.key); });
    if (existing == base.entries.end()) {
      base.entries.push_back(std::move(entry));
      continue;
    }
    std::string key_path =
        path.empty() ? KeyText(entry.key) : StrCat({path, ".", KeyText(entry.key)});
    YamlNode& old_value = existing->value;
    YamlNode& new_value = entry.value;
    if (old_value.is_mapping() && new_value.is_mapping()) {
      ok = Merge(old_value, std::move(new_value), key_path, sink) && ok;
    } else if (old_value.is_sequence() && new_value.is_sequence()) {
      for (YamlNode& item : new_value.items) old_value.items.push_back(std::move(item));
      old_value.located = false;  // Python's list `+` builds a plain list.
    } else {
      Diagnostic diagnostic;
      diagnostic.kind = DiagnosticKind::kConfigError;
      diagnostic.location = new_value.start;
      diagnostic.message = StrCat({"conflicting values for config key `", key_path, "`"});
      diagnostic.hints.push_back(
          "config files are merged: mappings combine and lists concatenate, but any other value "
          "may be set in only one file");
      diagnostic.notes.push_back(DiagnosticNote{"first set here", old_value.start, 1});
      sink.Report(std::move(diagnostic));
      ok = false;
    }
  }
  return ok;
}

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const YamlEntry& entry : entries) {
    if (entry.key.is_string() && entry.key.text == key) return &entry.value;
  }
  return nullptr;
}

std::optional<YamlNode> LoadMergedConfig(const SourceSet& sources, DiagnosticSink& sink) {
  std::vector<FileId> files;
  for (FileId id : sources.IdsByPath()) {
    if (IsConfigPath(sources.file(id).path())) files.push_back(id);
  }
  YamlNode merged;
  merged.kind = YamlNode::Kind::kMapping;
  // Osprey's quirk: one empty config file makes it ignore every config file.
  for (FileId id : files) {
    if (sources.file(id).text().empty()) return merged;
  }
  bool ok = true;
  std::vector<YamlNode> documents;
  for (FileId id : files) {
    std::optional<YamlNode> document = ParseConfigFile(sources, id, sink);
    if (document) {
      documents.push_back(std::move(*document));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  for (YamlNode& document : documents) ok = Merge(merged, std::move(document), "", sink) && ok;
  if (!ok) return std::nullopt;
  return merged;
}

std::optional<SourceLocation> ClosestConfigLocation(const YamlNode& root,
                                                    const std::vector<ConfigPathStep>& path,
                                                    bool key_only, bool any_node) {
  std::vector<const YamlNode*> parents;
  const YamlNode* current = &root;
  for (const ConfigPathStep& step : path) {
    const YamlNode* next = nullptr;
    if (const std::string* key = std::get_if<std::string>(&step)) {
      if (!current->is_mapping()) break;
      for (const YamlEntry& entry : current->entries) {
        if (entry.key.is_string() && entry.key.text == *key) {
          parents.push_back(&entry.key);
          next = &entry.value;
          break;
        }
      }
    } else {
      int64_t index = std::get<int64_t>(step);
      if (current->is_sequence() && index >= 0 &&
          static_cast<size_t>(index) < current->items.size()) {
        next = &current->items[static_cast<size_t>(index)];
      }
    }
    if (next == nullptr) break;
    if (!key_only) parents.push_back(next);
    current = next;
  }
  for (auto it = parents.rbegin(); it != parents.rend(); ++it) {
    if ((*it)->located || any_node) return (*it)->start;
  }
  return std::nullopt;
}

}  // namespace osprey::frontend::internal
