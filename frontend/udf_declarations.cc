// Reads plugin function declarations (docs/UDF_DECLARATIONS.md) into a UdfRegistry.
//
// yaml-cpp reports problems by throwing; this file is the only place its exceptions are caught,
// and they never leave it: everything is converted to absl::Status with the file and position.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "frontend/string_map.h"
#include "frontend/udf_registry.h"

namespace osprey::frontend {
namespace {

struct NamedPurity {
  std::string_view name;
  Purity purity;
};
constexpr NamedPurity kPurities[] = {{"pure", Purity::kPure},
                                     {"action", Purity::kActionMetadata},
                                     {"external", Purity::kExternalState},
                                     {"random", Purity::kRandom}};

struct NamedCost {
  std::string_view name;
  CostClass cost;
};
constexpr NamedCost kCosts[] = {
    {"trivial", CostClass::kTrivial}, {"cheap", CostClass::kCheap},
    {"text", CostClass::kText},       {"regex", CostClass::kRegex},
    {"hash", CostClass::kHash},       {"external", CostClass::kExternal}};

// One declaration, read but not yet added, and where it was written.
struct Declaration {
  UdfSignature signature;
  YAML::Mark mark;
};

class DeclarationReader {
 public:
  explicit DeclarationReader(std::string_view origin) : origin_(origin) {}

  // `file:line:col: what` (1-based), or `file: what` when yaml-cpp knows no position.
  absl::Status Error(const YAML::Mark& mark, std::string_view what) const {
    if (mark.is_null()) return absl::InvalidArgumentError(absl::StrFormat("%s: %s", origin_, what));
    return absl::InvalidArgumentError(
        absl::StrFormat("%s:%d:%d: %s", origin_, mark.line + 1, mark.column + 1, what));
  }

  // Reads the whole document into `out`. May throw YAML::Exception.
  absl::Status Read(const YAML::Node& root, std::vector<Declaration>& out) const {
    if (!root.IsDefined() || root.IsNull()) {
      return Error(root.Mark(), "empty declaration file: expected a `functions:` list");
    }
    if (!root.IsMap()) return Error(root.Mark(), "expected a mapping with a `functions:` list");
    YAML::Node functions;
    bool has_functions = false;
    for (const auto& entry : root) {
      std::string key = entry.first.Scalar();
      if (key != "functions") {
        return Error(entry.first.Mark(),
                     absl::StrFormat("unknown key `%s` (expected `functions`)", key));
      }
      functions = entry.second;
      has_functions = true;
    }
    if (!has_functions) return Error(root.Mark(), "missing `functions:` list");
    if (functions.IsNull()) return absl::OkStatus();  // `functions:` with no items.
    if (!functions.IsSequence()) {
      return Error(functions.Mark(), "`functions` must be a list of function declarations");
    }
    for (const YAML::Node& item : functions) {
      absl::StatusOr<Declaration> declaration = ReadFunction(item);
      if (!declaration.ok()) return declaration.status();
      out.push_back(*std::move(declaration));
    }
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<std::string> ReadScalar(const YAML::Node& node, std::string_view key) const {
    if (!node.IsScalar()) {
      return Error(node.Mark(), absl::StrFormat("`%s` must be a string", key));
    }
    return node.Scalar();
  }

  absl::StatusOr<Declaration> ReadFunction(const YAML::Node& item) const {
    if (!item.IsMap()) {
      return Error(item.Mark(), "each function must be a mapping with a `signature:`");
    }
    std::optional<Declaration> declaration;
    std::optional<Purity> purity;
    std::optional<CostClass> cost;
    for (const auto& entry : item) {
      std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      if (key == "signature") {
        absl::StatusOr<std::string> text = ReadScalar(value, key);
        if (!text.ok()) return text.status();
        absl::StatusOr<UdfSignature> signature = ParseUdfSignature(*text);
        if (!signature.ok()) return Error(value.Mark(), std::string(signature.status().message()));
        declaration = Declaration{*std::move(signature), value.Mark()};
      } else if (key == "purity") {
        absl::StatusOr<std::string> name = ReadScalar(value, key);
        if (!name.ok()) return name.status();
        for (const NamedPurity& named : kPurities) {
          if (named.name == *name) purity = named.purity;
        }
        if (!purity) {
          return Error(value.Mark(),
                       absl::StrFormat("unknown purity `%s` (expected pure, action, external or "
                                       "random)",
                                       *name));
        }
      } else if (key == "cost") {
        absl::StatusOr<std::string> name = ReadScalar(value, key);
        if (!name.ok()) return name.status();
        for (const NamedCost& named : kCosts) {
          if (named.name == *name) cost = named.cost;
        }
        if (!cost) {
          return Error(value.Mark(),
                       absl::StrFormat("unknown cost `%s` (expected trivial, cheap, text, regex, "
                                       "hash or external)",
                                       *name));
        }
      } else if (key == "description") {
        // Documentation for readers of the file; the registry has no use for it.
        absl::StatusOr<std::string> text = ReadScalar(value, key);
        if (!text.ok()) return text.status();
      } else {
        return Error(entry.first.Mark(),
                     absl::StrFormat("unknown key `%s` (expected signature, purity, cost or "
                                     "description)",
                                     key));
      }
    }
    if (!declaration) return Error(item.Mark(), "function declaration without a `signature:`");
    declaration->signature.purity = purity.value_or(Purity::kPure);
    declaration->signature.cost = cost.value_or(CostClass::kCheap);
    declaration->signature.check = UdfCheck::kNone;
    declaration->signature.origin = std::string(origin_);
    return *std::move(declaration);
  }

  std::string_view origin_;
};

}  // namespace

absl::Status LoadUdfDeclarationsFromString(std::string_view yaml, std::string_view origin,
                                           UdfRegistry& registry) {
  DeclarationReader reader(origin);
  std::vector<Declaration> declarations;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    absl::Status read = reader.Read(root, declarations);
    if (!read.ok()) return read;
  } catch (const YAML::Exception& error) {
    return reader.Error(error.mark, error.msg);
  }

  // Check every name before adding any, so that a failed load leaves `registry` unchanged.
  StringMap<const Declaration*> seen;
  for (const Declaration& declaration : declarations) {
    const std::string& name = declaration.signature.name;
    if (const UdfSignature* existing = registry.Find(name)) {
      return reader.Error(
          declaration.mark,
          absl::StrFormat("function `%s` declared by %s clashes with `%s` already defined by %s",
                          name, origin, name, existing->origin));
    }
    auto [it, inserted] = seen.emplace(name, &declaration);
    if (!inserted) {
      return reader.Error(declaration.mark,
                          absl::StrFormat("function `%s` is declared twice (first at line %d)",
                                          name, it->second->mark.line + 1));
    }
  }
  for (Declaration& declaration : declarations) {
    absl::Status added = registry.Add(std::move(declaration.signature));
    if (!added.ok()) return added;  // Unreachable: names were checked above.
  }
  return absl::OkStatus();
}

absl::Status LoadUdfDeclarations(std::string_view path, UdfRegistry& registry) {
  std::ifstream file{std::string(path), std::ios::binary};
  if (!file) {
    return absl::NotFoundError(absl::StrFormat("cannot read UDF declarations file %s", path));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad()) {
    return absl::DataLossError(absl::StrFormat("error reading UDF declarations file %s", path));
  }
  return LoadUdfDeclarationsFromString(contents.str(), path, registry);
}

}  // namespace osprey::frontend
