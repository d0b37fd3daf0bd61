#include "ir/printer.h"

#include "absl/strings/str_format.h"

namespace osprey::ir {
namespace {

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

std::string ConstantText(const frontend::ConstValue& value) {
  if (value.is_none()) return "None";
  if (value.is_bool()) return value.as_bool() ? "True" : "False";
  if (value.is_int()) return std::to_string(value.as_int());
  if (value.is_big_int()) return value.as_big_int().text;
  if (value.is_float()) return absl::StrFormat("%.17g", value.as_float());
  if (value.is_string()) return Quote(value.as_string());
  std::string out = "[";
  for (const frontend::ConstValue& item : value.as_list()) {
    if (out.size() > 1) out += ", ";
    out += ConstantText(item);
  }
  return out + "]";
}

constexpr const char* kBinary[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "|", "^", "&"};
constexpr const char* kCompare[] = {"==", "!=", "<", "<=", ">", ">=", "in", "not in"};

std::string Operands(const Node& node, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < node.operands.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += absl::StrFormat("%%%d", node.operands[i].value);
  }
  return out;
}

std::string NodeText(const Program& program, const Node& node) {
  switch (node.op) {
    case Op::kConstant:
      return "const " + ConstantText(node.constant);
    case Op::kFail:
      return "fail " + Quote(node.message);
    case Op::kList:
      return "list [" + Operands(node) + "]";
    case Op::kFormatString: {
      std::string out = "format ";
      for (size_t i = 0; i < node.format.size(); ++i) {
        out += Quote(node.format[i]);
        if (i < node.operands.size()) out += absl::StrFormat(" %%%d ", node.operands[i].value);
      }
      return out;
    }
    case Op::kBinary:
      return absl::StrFormat("binary %s %s", kBinary[node.detail], Operands(node));
    case Op::kNot:
      return "not " + Operands(node);
    case Op::kNegate:
      return "negate " + Operands(node);
    case Op::kCompare:
      return absl::StrFormat("compare %s %s", kCompare[node.detail], Operands(node));
    case Op::kAnd:
      return "and " + Operands(node);
    case Op::kOr:
      return "or " + Operands(node);
    case Op::kUnwrap:
      return "unwrap " + Operands(node);
    case Op::kCall: {
      const Call& call = program.calls[node.payload];
      std::string args;
      for (size_t p = 0; p < call.udf->params.size(); ++p) {
        if (!args.empty()) args += ", ";
        int32_t operand = call.operand_of_param[p];
        args += call.udf->params[p].name + "=" +
                (operand >= 0 ? absl::StrFormat("%%%d", node.operands[operand].value)
                              : ConstantText(call.constants[p].value_or(frontend::ConstValue{})));
      }
      for (size_t e = 0; e < call.extra_names.size(); ++e) {
        args += absl::StrFormat(
            ", %s=%%%d", call.extra_names[e],
            node.operands[node.operands.size() - call.extra_names.size() + e].value);
      }
      return absl::StrFormat("call %s(%s)", call.udf->name, args);
    }
    case Op::kJsonData: {
      const JsonRead& read = program.json_reads[node.payload];
      return absl::StrFormat("json %s%s%s required=%s coerce=%s%s%s", read.path_text,
                             read.secret ? " secret" : "",
                             read.entity_type.empty() ? "" : " entity=" + read.entity_type,
                             read.required ? (*read.required ? "True" : "False") : "%dyn",
                             read.coerce_type ? (*read.coerce_type ? "True" : "False") : "%dyn",
                             node.operands.empty() ? "" : " ", Operands(node));
    }
    case Op::kRule: {
      const Rule& rule = program.rules[node.payload];
      std::string fields;
      for (size_t f = 0; f < rule.field_names.size(); ++f) {
        fields += absl::StrFormat(" %s=%%%d", rule.field_names[f], node.operands[2 + f].value);
      }
      return absl::StrFormat("rule %s when_all=%%%d description=%%%d %s%s", rule.name,
                             node.operands[0].value, node.operands[1].value,
                             Quote(rule.description_template), fields);
    }
    case Op::kWhenRules: {
      const WhenRules& when = program.when_rules[node.payload];
      if (when.malformed) return "when_rules <malformed>";
      std::string rules, effects;
      for (size_t i = 0; i < node.operands.size(); ++i) {
        std::string& out = static_cast<int32_t>(i) < when.rule_count ? rules : effects;
        if (!out.empty()) out += ", ";
        out += absl::StrFormat("%%%d", node.operands[i].value);
      }
      return absl::StrFormat("when_rules [%s] then [%s]", rules, effects);
    }
    case Op::kRequire: {
      const Require& require = program.require_sites[node.payload];
      std::string candidates;
      for (int32_t file : require.candidates) {
        if (!candidates.empty()) candidates += ", ";
        candidates += program.files[file].path;
      }
      return absl::StrFormat("require %s candidates [%s]", Operands(node), candidates);
    }
    case Op::kPatternMatch: {
      const PatternMatch& match = program.pattern_matches[node.payload];
      const PatternSet& set = program.pattern_sets[match.set];
      const PatternSet::Member& member = set.members[match.member];
      std::string test =
          member.literal ? absl::StrFormat("%s %s", Quote(member.pattern), kCompare[node.detail])
                         : absl::StrFormat("regex %s%s", Quote(member.pattern),
                                           set.case_insensitive ? " case_insensitive" : "");
      return absl::StrFormat("pattern_match set%d[%d] %s %%%d", match.set, match.member, test,
                             set.target.value);
    }
  }
  return "?";
}

}  // namespace

std::string PrintProgram(const Program& program) {
  std::string out;
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    const Node& node = program.nodes[i];
    out += absl::StrFormat("%%%d = %s", i, NodeText(program, node));
    if (node.type != nullptr) out += " : " + frontend::TypeName(node.type);
    out += "\n";
  }
  for (size_t f = 0; f < program.files.size(); ++f) {
    const File& file = program.files[f];
    if (!file.path.ends_with(".sml")) continue;
    out += absl::StrFormat("file %s%s\n", file.path,
                           static_cast<int32_t>(f) == program.entry ? " (entry)" : "");
    for (int32_t imported : file.imports) {
      out += "  import " + program.files[imported].path + "\n";
    }
    for (NodeId statement : file.statements) {
      out += absl::StrFormat("  statement %%%d\n", statement.value);
    }
    for (int32_t feature : file.features) {
      out += absl::StrFormat("  feature %s = %%%d\n", program.features[feature].name,
                             program.features[feature].value.value);
    }
  }
  return out;
}

}  // namespace osprey::ir
