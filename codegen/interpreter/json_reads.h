// JsonData/EntityJson reads and dynamic-result checks for the interpreter: the IR's
// frontend-level descriptions turned into the runtime's, once per ruleset.
#ifndef OSPREY_CODEGEN_INTERPRETER_JSON_READS_H_
#define OSPREY_CODEGEN_INTERPRETER_JSON_READS_H_

#include <memory>
#include <optional>
#include <string>

#include "frontend/json_path.h"
#include "frontend/types.h"
#include "ir/program.h"
#include "runtime/action.h"
#include "runtime/json_extract.h"
#include "runtime/json_path.h"
#include "runtime/udf.h"

namespace osprey::codegen {

runtime::JsonPath ToRuntimePath(const frontend::JsonPath& path);

// The runtime checker for a static type; nullopt for a type no annotation can name (Any), which
// every value satisfies.
std::optional<runtime::ValueType> ToValueType(frontend::Type type);

struct PreparedRead {
  runtime::JsonPath path;
  std::optional<runtime::ValueType> type;
};

PreparedRead PrepareRead(const ir::JsonRead& read);

// JsonData's (or EntityJson's) value for `action`: the first match of the path in the action's
// data (or secret data), checked and coerced as spec §4.6 says. The value's objects are made
// in `slots` when given (runtime::ExtractJson), an EntityJson's entity too.
runtime::UdfOutcome ReadJson(const ir::JsonRead& read, const PreparedRead& prepared,
                             const runtime::Action& action, bool required, bool coerce_type,
                             runtime::JsonReadSlots* slots = nullptr);

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_INTERPRETER_JSON_READS_H_
