// Static validation of a parsed ruleset: every validator of the reference engine, run with the
// same dependencies (a validator whose prerequisite reported errors is skipped, as in Osprey),
// and the facts they establish, which lowering consumes.
#ifndef OSPREY_FRONTEND_VALIDATE_H_
#define OSPREY_FRONTEND_VALIDATE_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "frontend/config.h"
#include "frontend/const_value.h"
#include "frontend/diagnostic.h"
#include "frontend/ruleset.h"
#include "frontend/string_map.h"
#include "frontend/types.h"
#include "frontend/udf_registry.h"

namespace osprey::frontend {

struct ValidateOptions {
  // Functions callable from the rules; must outlive the returned ValidatedRuleset.
  const UdfRegistry* udfs = &UdfRegistry::Stdlib();
};

// A call bound to its function.
struct BoundCall {
  const UdfSignature* udf = nullptr;
  // For each of udf->params: the index of the keyword argument that supplies it, or -1 when the
  // default applies.
  std::vector<int32_t> argument_of_param;
  // For each ConstExpr parameter: its value (resolved literal, or the default).
  std::vector<std::optional<ConstValue>> constants;
  // Extra keyword arguments (`**name`), by keyword index.
  std::vector<int32_t> extra_arguments;
};

// What validation learned about one file.
struct ModuleFacts {
  absl::flat_hash_map<int32_t, BoundCall> calls;  // By the call's ExprId.
  std::vector<Type> expr_types;  // By ExprId: the static type; null where not typed.
  // By ExprId: the value must be unwrapped (Entity -> id, Rule -> bool, TimeDelta -> seconds,
  // Experiment -> list) where it is used (spec §3.3.4).
  std::vector<bool> unwrap;
};

struct FeatureInfo {
  FileId file;
  uint32_t statement_index = 0;
  Type type = nullptr;           // Declared (annotation) or inferred type.
  bool extractable = true;       // False for Secret features: never exported.
  std::string entity_type;       // For Entity/EntityJson features: the `type=` constant.
  std::string rule_description;  // For Rule features: the description (template for f-strings).
};

struct ValidatedRuleset {
  ParsedRuleset parsed;
  std::vector<ModuleFacts> facts;  // Indexed by FileId.
  StringMap<FeatureInfo> features;
  Config config;
  bool valid = false;  // No errors were reported.
};

// Runs the validators on `parsed` (which must have no parse errors), reporting into `sink`.
ValidatedRuleset Validate(ParsedRuleset parsed, const ValidateOptions& options,
                          DiagnosticSink& sink);

// The whole frontend on a set of sources: parse every file and, when all parse, validate.
// The result is `valid` only when no error was reported.
ValidatedRuleset ParseAndValidate(SourceSet sources, const ValidateOptions& options,
                                  DiagnosticSink& sink);

// ParseAndValidate on the rules directory `root`; an error Status only when the directory
// cannot be read (see LoadRulesDirectory).
absl::StatusOr<ValidatedRuleset> ValidateDirectory(const std::filesystem::path& root,
                                                   const ValidateOptions& options,
                                                   DiagnosticSink& sink);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_VALIDATE_H_
