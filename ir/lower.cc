#include "ir/lower.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"

namespace osprey::ir {
namespace {

namespace ast = frontend::ast;

// Lowering copies operator codes from the AST: the enums must list the operators in the same
// order (the AST's parse-only operators come last).
template <typename A, typename B>
constexpr bool SameCode(A a, B b) {
  return static_cast<int>(a) == static_cast<int>(b);
}
static_assert(SameCode(ast::BinaryOp::kAdd, BinaryOp::kAdd) &&
              SameCode(ast::BinaryOp::kPower, BinaryOp::kPower) &&
              SameCode(ast::BinaryOp::kBitAnd, BinaryOp::kBitAnd));
static_assert(SameCode(ast::CompareOp::kEqual, CompareOp::kEqual) &&
              SameCode(ast::CompareOp::kGreaterEqual, CompareOp::kGreaterEqual) &&
              SameCode(ast::CompareOp::kNotIn, CompareOp::kNotIn));
using frontend::FileId;
using frontend::ast::ExprKind;

// Lowers every file; features are lowered on first use (possibly from another file), so that
// operands always get smaller ids than their users.
class Lowerer {
 public:
  explicit Lowerer(const frontend::ValidatedRuleset& ruleset)
      : ruleset_(ruleset), sources_(ruleset.parsed.sources) {}

  absl::StatusOr<Program> Run() {
    size_t file_count = ruleset_.parsed.modules.size();
    program_.files.resize(file_count);
    statement_nodes_.resize(file_count);
    locals_.resize(file_count);
    for (uint32_t f = 0; f < file_count; ++f) {
      FileId file{f};
      program_.files[f].path = sources_.file(file).path();
      const ast::Module& module = Module(file);
      statement_nodes_[f].assign(module.statements().size(), NodeId{});
      for (uint32_t s = 0; s < module.statements().size(); ++s) {
        const ast::Stmt& stmt = module.statements()[s];
        if (stmt.kind != ast::StmtKind::kAssign) continue;
        std::string_view name = module.expr(stmt.target).text;
        if (!name.empty() && name[0] == '_') locals_[f][std::string(name)] = s;
        if (stmt.value.valid() && module.expr(stmt.value).kind == ExprKind::kCall) {
          assignment_of_call_[CallKey(file, stmt.value)] = s;
        }
      }
    }
    if (ruleset_.parsed.graph.entry) program_.entry = ruleset_.parsed.graph.entry->value;
    for (uint32_t f = 0; f < file_count; ++f) {
      if (!IsSml(FileId{f})) continue;
      LowerFile(FileId{f});
      if (!error_.empty()) return absl::InternalError(error_);
    }
    return std::move(program_);
  }

 private:
  static int64_t CallKey(FileId file, ast::ExprId expr) {
    return (static_cast<int64_t>(file.value) << 32) | static_cast<uint32_t>(expr.value);
  }
  const ast::Module& Module(FileId file) const { return ruleset_.parsed.modules[file.value]; }
  const frontend::ModuleFacts& Facts(FileId file) const { return ruleset_.facts[file.value]; }
  bool IsSml(FileId file) const { return sources_.file(file).path().ends_with(".sml"); }

  void LowerFile(FileId file) {
    File& out = program_.files[file.value];
    const ast::Module& module = Module(file);
    const frontend::ModuleInfo& info = ruleset_.parsed.graph.modules[file.value];
    for (const frontend::ImportSite& site : info.import_sites) {
      for (const frontend::ImportItem& item : site.items) {
        if (item.target) out.imports.push_back(static_cast<int32_t>(item.target->value));
      }
    }
    for (uint32_t s = 0; s < module.statements().size(); ++s) {
      const ast::Stmt& stmt = module.statements()[s];
      if (stmt.kind == ast::StmtKind::kCall &&
          module.CalleeName(module.expr(stmt.value)) == "Import") {
        continue;  // Its effect is the file's `imports`.
      }
      NodeId node = LowerStatement(file, s);
      if (node.valid()) out.statements.push_back(node);
      if (stmt.kind == ast::StmtKind::kAssign) MaybeExport(file, s, node);
    }
  }

  // The node computing statement `index` of `file`, lowering it on first use.
  NodeId LowerStatement(FileId file, uint32_t index) {
    NodeId& slot = statement_nodes_[file.value][index];
    if (slot.valid()) return slot;
    const ast::Stmt& stmt = Module(file).statements()[index];
    current_statement_ = {file, index};
    NodeId node = LowerExpr(file, stmt.value);
    statement_nodes_[file.value][index] = node;
    return node;
  }

  void MaybeExport(FileId file, uint32_t index, NodeId value) {
    const ast::Module& module = Module(file);
    const ast::Stmt& stmt = module.statements()[index];
    std::string name(module.expr(stmt.target).text);
    std::string_view wrapper =
        stmt.annotation.valid() ? module.annotation(stmt.annotation).name : std::string_view();
    bool exported;
    if (wrapper == "ExtractLiteral") {
      exported = true;
    } else if (name[0] == '_' || IsConstantValue(module, stmt.value)) {
      exported = false;
    } else if (wrapper == "ExtractSecret") {
      exported = true;
    } else {
      auto it = ruleset_.features.find(name);
      exported = it == ruleset_.features.end() || it->second.extractable;
    }
    if (!exported) return;
    program_.files[file.value].features.push_back(static_cast<int32_t>(program_.features.size()));
    program_.features.push_back(Feature{name, value, static_cast<int32_t>(file.value)});
  }

  // Spec §4.7.1: literals, and lists whose items are literals or lists (the reference does not
  // look inside nested lists).
  static bool IsConstantValue(const ast::Module& module, ast::ExprId id) {
    const ast::Expr& e = module.expr(id);
    auto is_literal = [](ExprKind kind) {
      return kind == ExprKind::kString || kind == ExprKind::kInteger || kind == ExprKind::kFloat ||
             kind == ExprKind::kBoolean || kind == ExprKind::kNone;
    };
    if (is_literal(e.kind)) return true;
    if (e.kind != ExprKind::kList) return false;
    for (ast::ExprId item : module.items(e)) {
      ExprKind kind = module.expr(item).kind;
      if (!is_literal(kind) && kind != ExprKind::kList) return false;
    }
    return true;
  }

  NodeId Add(Node node, FileId file, ast::ExprId expr) {
    if (expr.valid()) {
      const ast::Module& module = Module(file);
      frontend::LineColumn at = sources_.file(file).LineColumnOf(module.expr(expr).span.begin);
      node.source = {program_.files[file.value].path, at.line, at.column};
      if (node.type == nullptr) node.type = Facts(file).expr_types[expr.value];
    }
    program_.nodes.push_back(std::move(node));
    return NodeId{static_cast<int32_t>(program_.nodes.size() - 1)};
  }

  NodeId Constant(frontend::ConstValue value, FileId file, ast::ExprId expr) {
    Node node;
    node.op = Op::kConstant;
    node.constant = std::move(value);
    return Add(std::move(node), file, expr);
  }

  NodeId LowerExpr(FileId file, ast::ExprId id) {
    NodeId node = LowerExprUnwrapped(file, id);
    if (!node.valid() || !Facts(file).unwrap[id.value]) return node;
    Node unwrap;
    unwrap.op = Op::kUnwrap;
    unwrap.operands = {node};
    if (frontend::Type type = Facts(file).expr_types[id.value]; type != nullptr) {
      unwrap.type = frontend::Unwrapped(type).value_or(type);
    }
    return Add(std::move(unwrap), file, id);
  }

  NodeId LowerExprUnwrapped(FileId file, ast::ExprId id) {
    const ast::Module& module = Module(file);
    const ast::Expr& e = module.expr(id);
    switch (e.kind) {
      case ExprKind::kName:
        return LowerName(file, e.text);
      case ExprKind::kString:
        return Constant({std::string(e.text)}, file, id);
      case ExprKind::kInteger:
        if (e.flags & ast::kIntegerOverflow) {
          return Constant(frontend::BigIntegerLiteral(e.text, /*negated=*/false), file, id);
        }
        return Constant({e.int_value}, file, id);
      case ExprKind::kFloat:
        return Constant({e.float_value}, file, id);
      case ExprKind::kBoolean:
        return Constant({e.bool_value}, file, id);
      case ExprKind::kNone:
        return Constant({}, file, id);
      case ExprKind::kList:
      case ExprKind::kBooleanOp: {
        Node node;
        node.op = e.kind == ExprKind::kList                             ? Op::kList
                  : static_cast<ast::BoolOp>(e.op) == ast::BoolOp::kAnd ? Op::kAnd
                                                                        : Op::kOr;
        for (ast::ExprId item : module.items(e)) node.operands.push_back(LowerExpr(file, item));
        return Add(std::move(node), file, id);
      }
      case ExprKind::kFormatString: {
        Node node;
        node.op = Op::kFormatString;
        node.format = SplitTemplate(e.text);
        for (ast::ExprId item : module.items(e)) node.operands.push_back(LowerExpr(file, item));
        return Add(std::move(node), file, id);
      }
      case ExprKind::kBinary:
      case ExprKind::kComparison: {
        Node node;
        node.op = e.kind == ExprKind::kBinary ? Op::kBinary : Op::kCompare;
        node.detail = e.op;  // Same codes: see the static_asserts above.
        node.operands = {LowerExpr(file, e.left), LowerExpr(file, e.right)};
        return Add(std::move(node), file, id);
      }
      case ExprKind::kUnary: {
        Node node;
        node.op = static_cast<ast::UnaryOp>(e.op) == ast::UnaryOp::kNot ? Op::kNot : Op::kNegate;
        node.operands = {LowerExpr(file, e.left)};
        return Add(std::move(node), file, id);
      }
      case ExprKind::kCall:
        return LowerCall(file, id);
      default:
        error_ = absl::StrFormat("%s: unexpected expression kind in a valid ruleset",
                                 program_.files[file.value].path);
        return {};
    }
  }

  // "a {X} b {{c}}" -> {"a ", " b {c}"}.
  static std::vector<std::string> SplitTemplate(std::string_view text) {
    std::vector<std::string> pieces(1);
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
        pieces.back().push_back(c);
        ++i;
      } else if (c == '{') {
        i = text.find('}', i);
        pieces.emplace_back();
      } else {
        pieces.back().push_back(c);
      }
    }
    return pieces;
  }

  NodeId LowerName(FileId file, std::string_view name) {
    if (!name.empty() && name[0] == '_') {
      auto it = locals_[file.value].find(std::string(name));
      if (it != locals_[file.value].end()) return LowerDefinition(file, it->second);
    } else {
      auto it = ruleset_.features.find(name);
      if (it != ruleset_.features.end()) {
        return LowerDefinition(it->second.file, it->second.statement_index);
      }
    }
    error_ = absl::StrFormat("name `%s` has no definition in a valid ruleset", name);
    return {};
  }

  NodeId LowerDefinition(FileId file, uint32_t index) {
    auto saved = current_statement_;
    NodeId node = LowerStatement(file, index);
    current_statement_ = saved;
    return node;
  }

  NodeId LowerCall(FileId file, ast::ExprId id);
  NodeId LowerJsonRead(FileId file, ast::ExprId id, const frontend::BoundCall& bound);
  NodeId LowerRule(FileId file, ast::ExprId id, const frontend::BoundCall& bound);
  NodeId LowerWhenRules(FileId file, ast::ExprId id, const frontend::BoundCall& bound);
  NodeId LowerRequire(FileId file, ast::ExprId id, const frontend::BoundCall& bound);
  ast::ExprId Argument(FileId file, ast::ExprId call, const frontend::BoundCall& bound,
                       std::string_view param) const;

  const frontend::ValidatedRuleset& ruleset_;
  const frontend::SourceSet& sources_;
  Program program_;
  std::vector<std::vector<NodeId>> statement_nodes_;
  std::vector<absl::flat_hash_map<std::string, uint32_t>> locals_;
  absl::flat_hash_map<int64_t, uint32_t> assignment_of_call_;
  struct StatementRef {
    FileId file;
    uint32_t index = 0;
  } current_statement_;
  std::string error_;
};

ast::ExprId Lowerer::Argument(FileId file, ast::ExprId call, const frontend::BoundCall& bound,
                              std::string_view param) const {
  const ast::Module& module = Module(file);
  for (size_t p = 0; p < bound.udf->params.size(); ++p) {
    if (bound.udf->params[p].name != param) continue;
    int32_t keyword = bound.argument_of_param[p];
    if (keyword < 0) return {};
    return module.keywords(module.expr(call))[keyword].value;
  }
  return {};
}

NodeId Lowerer::LowerCall(FileId file, ast::ExprId id) {
  auto bound_it = Facts(file).calls.find(id.value);
  if (bound_it == Facts(file).calls.end()) {
    error_ =
        absl::StrFormat("%s: a call was not bound by validation", program_.files[file.value].path);
    return {};
  }
  const frontend::BoundCall& bound = bound_it->second;
  std::string_view name = bound.udf->name;
  if (name == "JsonData" || name == "EntityJson") return LowerJsonRead(file, id, bound);
  if (name == "Rule") return LowerRule(file, id, bound);
  if (name == "WhenRules") return LowerWhenRules(file, id, bound);
  if (name == "Require") return LowerRequire(file, id, bound);

  const ast::Module& module = Module(file);
  std::span<const ast::Keyword> keywords = module.keywords(module.expr(id));
  Node node;
  node.op = Op::kCall;
  Call call;
  call.udf = bound.udf;
  for (size_t p = 0; p < bound.udf->params.size(); ++p) {
    const frontend::UdfParam& param = bound.udf->params[p];
    int32_t keyword = bound.argument_of_param[p];
    std::optional<frontend::ConstValue> constant =
        p < bound.constants.size() ? bound.constants[p] : std::nullopt;
    if (param.constant || keyword < 0) {
      call.operand_of_param.push_back(-1);
      call.constants.push_back(constant ? constant : param.default_value);
      continue;
    }
    call.operand_of_param.push_back(static_cast<int32_t>(node.operands.size()));
    call.constants.push_back(std::nullopt);
    node.operands.push_back(LowerExpr(file, keywords[keyword].value));
  }
  // Extra keyword arguments (ExperimentWhen's buckets) follow, with their names.
  for (int32_t keyword : bound.extra_arguments) {
    call.extra_names.emplace_back(keywords[keyword].name);
    node.operands.push_back(LowerExpr(file, keywords[keyword].value));
  }
  if (bound.udf->return_kind == frontend::ReturnKind::kDynamic) {
    call.dynamic_result = Facts(file).expr_types[id.value];
  }
  if (auto assignment = assignment_of_call_.find(CallKey(file, id));
      assignment != assignment_of_call_.end()) {
    call.assigned_name = module.expr(module.statements()[assignment->second].target).text;
  }
  node.payload = static_cast<int32_t>(program_.calls.size());
  program_.calls.push_back(std::move(call));
  return Add(std::move(node), file, id);
}

NodeId Lowerer::LowerJsonRead(FileId file, ast::ExprId id, const frontend::BoundCall& bound) {
  const ast::Module& module = Module(file);
  JsonRead read;
  auto constant = [&](std::string_view param) -> const frontend::ConstValue* {
    for (size_t p = 0; p < bound.udf->params.size(); ++p) {
      if (bound.udf->params[p].name == param && p < bound.constants.size() && bound.constants[p]) {
        return &*bound.constants[p];
      }
    }
    return nullptr;
  };
  const frontend::ConstValue* path = constant("path");
  if (path == nullptr || !path->is_string()) {
    error_ = "JsonData without a constant path in a valid ruleset";
    return {};
  }
  absl::StatusOr<frontend::JsonPath> parsed = frontend::ParseJsonPath(path->as_string());
  if (!parsed.ok()) {
    error_ = absl::StrFormat("invalid JSON path `%s` in a valid ruleset", path->as_string());
    return {};
  }
  read.path = *std::move(parsed);
  read.path_text = read.path.ToString();
  frontend::Type type = Facts(file).expr_types[id.value];
  if (bound.udf->name == "EntityJson") {
    const frontend::ConstValue* entity_type = constant("type");
    read.entity_type = entity_type != nullptr ? entity_type->as_string() : "";
    if (type != nullptr && type->kind == frontend::TypeKind::kEntity) type = type->args[0];
  }
  read.type = type;
  auto assignment = assignment_of_call_.find(CallKey(file, id));
  if (assignment != assignment_of_call_.end()) {
    const ast::Stmt& stmt = module.statements()[assignment->second];
    if (stmt.annotation.valid()) {
      std::string_view wrapper = module.annotation(stmt.annotation).name;
      read.secret = wrapper == "Secret" || wrapper == "ExtractSecret";
    }
  }
  Node node;
  node.op = Op::kJsonData;
  // `required` and `coerce_type` are usually literals; an expression becomes an operand.
  for (std::string_view param : {"required", "coerce_type"}) {
    std::optional<bool>& slot = param == "required" ? read.required : read.coerce_type;
    ast::ExprId argument = Argument(file, id, bound, param);
    if (!argument.valid()) {
      slot = true;
    } else if (module.expr(argument).kind == ExprKind::kBoolean) {
      slot = module.expr(argument).bool_value;
    } else {
      node.operands.push_back(LowerExpr(file, argument));
    }
  }
  node.payload = static_cast<int32_t>(program_.json_reads.size());
  program_.json_reads.push_back(std::move(read));
  return Add(std::move(node), file, id);
}

NodeId Lowerer::LowerRule(FileId file, ast::ExprId id, const frontend::BoundCall& bound) {
  const ast::Module& module = Module(file);
  Rule rule;
  auto assignment = assignment_of_call_.find(CallKey(file, id));
  if (assignment != assignment_of_call_.end()) {
    rule.name = module.expr(module.statements()[assignment->second].target).text;
  }
  Node node;
  node.op = Op::kRule;
  node.operands.push_back(LowerExpr(file, Argument(file, id, bound, "when_all")));
  ast::ExprId description = Argument(file, id, bound, "description");
  node.operands.push_back(LowerExpr(file, description));
  const ast::Expr& text = module.expr(description);
  rule.description_template = text.text;
  if (text.kind == ExprKind::kFormatString) {
    for (ast::ExprId field : module.items(text)) {
      rule.field_names.emplace_back(module.expr(field).text);
      node.operands.push_back(LowerExpr(file, field));
    }
  }
  node.payload = static_cast<int32_t>(program_.rules.size());
  program_.rules.push_back(std::move(rule));
  return Add(std::move(node), file, id);
}

NodeId Lowerer::LowerWhenRules(FileId file, ast::ExprId id, const frontend::BoundCall& bound) {
  const ast::Module& module = Module(file);
  WhenRules when;
  Node node;
  node.op = Op::kWhenRules;
  ast::ExprId rules = Argument(file, id, bound, "rules_any");
  ast::ExprId then = Argument(file, id, bound, "then");
  // Items are resolved one by one (a failed item is skipped), so each is its own operand.
  if (module.expr(rules).kind != ExprKind::kList || module.expr(then).kind != ExprKind::kList) {
    when.malformed = true;
  } else {
    for (ast::ExprId item : module.items(module.expr(rules))) {
      node.operands.push_back(LowerExpr(file, item));
    }
    when.rule_count = static_cast<int32_t>(node.operands.size());
    for (ast::ExprId item : module.items(module.expr(then))) {
      node.operands.push_back(LowerExpr(file, item));
    }
  }
  node.payload = static_cast<int32_t>(program_.when_rules.size());
  program_.when_rules.push_back(when);
  return Add(std::move(node), file, id);
}

NodeId Lowerer::LowerRequire(FileId file, ast::ExprId id, const frontend::BoundCall& bound) {
  Require require;
  for (const frontend::RequireSite& site :
       ruleset_.parsed.graph.modules[file.value].require_sites) {
    if (site.call != id) continue;
    for (FileId candidate : site.candidates) {
      require.candidates.push_back(static_cast<int32_t>(candidate.value));
    }
  }
  Node node;
  node.op = Op::kRequire;
  node.operands.push_back(LowerExpr(file, Argument(file, id, bound, "rule")));
  ast::ExprId condition = Argument(file, id, bound, "require_if");
  if (condition.valid()) {
    require.has_condition = true;
    node.operands.push_back(LowerExpr(file, condition));
  }
  node.payload = static_cast<int32_t>(program_.require_sites.size());
  program_.require_sites.push_back(std::move(require));
  NodeId result = Add(std::move(node), file, id);
  program_.files[file.value].require_nodes.push_back(result);
  return result;
}

}  // namespace

absl::StatusOr<Program> Lower(const frontend::ValidatedRuleset& ruleset) {
  if (!ruleset.valid) return absl::InvalidArgumentError("cannot lower a ruleset with errors");
  return Lowerer(ruleset).Run();
}

}  // namespace osprey::ir
