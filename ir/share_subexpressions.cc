#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "ir/passes.h"
#include "ir/typed_calls.h"

namespace osprey::ir {
namespace {

// Calls of stdlib functions that depend only on their arguments and record no error when
// the arguments have their static types (a node of such a type holds such a value or has
// failed, and a failed argument fails the call without recording anything):
//  - string and list functions, when every argument has exactly its parameter's type (a str
//    for `str`, a list for a list);
//  - the label effects, pure constructors of effect values (spec udfs.md J.2) that fail only
//    on an argument of the wrong type. A rule set names the same effect in many WhenRules
//    (`LabelAdd(entity=UserId, label='spammer')`): shared, it is made once per action however
//    many of them fire, and each firing still emits it with its own rules.
bool ShareableCall(const Program& program, const Node& node) {
  static const absl::flat_hash_set<std::string_view> kExactlyTyped = {
      "StringLength", "StringToLower",    "StringToUpper",
      "ListLength",   "StringStartsWith", "StringEndsWith"};
  static const absl::flat_hash_set<std::string_view> kEffects = {"LabelAdd", "LabelRemove"};
  const Call& call = program.calls[node.payload];
  if (call.udf->origin != "stdlib" || !call.extra_names.empty() || call.dynamic_result != nullptr) {
    return false;
  }
  if (kEffects.contains(call.udf->name)) return ArgumentsHaveDeclaredTypes(program, node);
  if (!kExactlyTyped.contains(call.udf->name)) return false;
  for (size_t p = 0; p < call.udf->params.size(); ++p) {
    const int32_t operand = call.operand_of_param[p];
    if (operand < 0) continue;  // A constant of the parameter's type (validation checked it).
    const frontend::Type declared = call.udf->params[p].type;
    const frontend::Type given = program.node(node.operands[operand]).type;
    if (declared == nullptr || given == nullptr) return false;
    const bool exact =
        (declared->kind == frontend::TypeKind::kStr && given->kind == frontend::TypeKind::kStr) ||
        (declared->kind == frontend::TypeKind::kList && given->kind == frontend::TypeKind::kList);
    if (!exact) return false;
  }
  return true;
}

// Nodes that can be shared: their value depends only on their operands and they never record
// an error. Sharing a node that can record one would change __error_count, which counts every
// failing node of the reference (two `A + B` that fail are two errors).
bool Shareable(const Program& program, const Node& node) {
  switch (node.op) {
    case Op::kConstant:
    case Op::kList:
    case Op::kFormatString:
    case Op::kNot:
    case Op::kAnd:
    case Op::kOr:
    case Op::kUnwrap:
      return true;
    case Op::kCompare:
      return node.detail == static_cast<uint8_t>(CompareOp::kEqual) ||
             node.detail == static_cast<uint8_t>(CompareOp::kNotEqual);
    case Op::kCall:
      return ShareableCall(program, node);
    default:
      return false;
  }
}

void AppendConstant(const frontend::ConstValue& value, std::string* key) {
  if (value.is_none()) {
    *key += "N";
  } else if (value.is_bool()) {
    *key += value.as_bool() ? "T" : "F";
  } else if (value.is_int()) {
    *key += absl::StrFormat("i%d", value.as_int());
  } else if (value.is_big_int()) {
    *key += "b" + value.as_big_int().text + ";";
  } else if (value.is_float()) {
    *key += absl::StrFormat("f%a", value.as_float());
  } else if (value.is_string()) {
    *key += absl::StrFormat("s%d:", value.as_string().size()) + value.as_string();
  } else {
    *key += "[";
    for (const frontend::ConstValue& item : value.as_list()) AppendConstant(item, key);
    *key += "]";
  }
}

std::string KeyOf(const Program& program, const Node& node) {
  std::string key = absl::StrFormat("%d/%d/", static_cast<int>(node.op), node.detail);
  for (NodeId operand : node.operands) key += absl::StrFormat("%d,", operand.value);
  if (node.op == Op::kConstant) AppendConstant(node.constant, &key);
  if (node.op == Op::kCall) {
    // The function, and which operand or constant each parameter takes.
    const Call& call = program.calls[node.payload];
    key += absl::StrFormat("%s(", call.udf->name);
    for (size_t p = 0; p < call.operand_of_param.size(); ++p) {
      if (call.operand_of_param[p] >= 0) {
        key += absl::StrFormat("o%d,", call.operand_of_param[p]);
      } else if (call.constants[p]) {
        AppendConstant(*call.constants[p], &key);
      } else {
        key += "-,";
      }
    }
  }
  for (const std::string& piece : node.format) key += absl::StrFormat("|%d:", piece.size()) + piece;
  return key;
}

}  // namespace

int ShareCommonSubexpressions(Program& program) {
  // Only duplicates something reads are counted, so a second run reports 0.
  std::vector<bool> used(program.nodes.size(), false);
  for (const Node& node : program.nodes) {
    for (NodeId operand : node.operands) used[operand.value] = true;
  }
  for (const File& file : program.files) {
    for (NodeId statement : file.statements) used[statement.value] = true;
  }
  for (const Feature& feature : program.features) used[feature.value.value] = true;
  std::vector<NodeId> replacement(program.nodes.size());
  absl::flat_hash_map<std::string, NodeId> canonical;
  int shared = 0;
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    Node& node = program.nodes[i];
    for (NodeId& operand : node.operands) operand = replacement[operand.value];
    replacement[i] = NodeId{static_cast<int32_t>(i)};
    if (!Shareable(program, node)) continue;
    auto [it, inserted] = canonical.emplace(KeyOf(program, node), replacement[i]);
    if (!inserted && program.nodes[it->second.value].type == node.type) {
      replacement[i] = it->second;
      if (used[i]) ++shared;
    }
  }
  for (File& file : program.files) {
    for (NodeId& statement : file.statements) statement = replacement[statement.value];
    for (NodeId& require : file.require_nodes) require = replacement[require.value];
  }
  for (Feature& feature : program.features) feature.value = replacement[feature.value.value];
  return shared;
}

}  // namespace osprey::ir
