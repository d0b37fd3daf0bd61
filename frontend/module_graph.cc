#include "frontend/module_graph.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "frontend/internal/module_graph.h"
#include "frontend/internal/str_cat.h"
#include "frontend/path_glob.h"
#include "frontend/subset_check.h"

namespace osprey::frontend {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

using internal::AsIs;
using internal::Join;
using internal::MakeError;
using internal::MakeNote;
using internal::StrCat;

// The reference's AST class name for an expression, which its "invalid argument type: `X`"
// message shows. A negated number counts as a Number because the reference folds it first.
std::string_view ReferenceNodeName(const ast::Module& module, const Expr& e) {
  if (e.kind == ExprKind::kUnary && static_cast<ast::UnaryOp>(e.op) == ast::UnaryOp::kNegate) {
    ExprKind operand = module.expr(e.left).kind;
    if (operand == ExprKind::kInteger || operand == ExprKind::kFloat) return "Number";
  }
  return SmlNodeName(e.kind);
}

bool IsLiteralKind(ExprKind kind) {
  return kind == ExprKind::kString || kind == ExprKind::kInteger || kind == ExprKind::kFloat ||
         kind == ExprKind::kBoolean || kind == ExprKind::kNone || kind == ExprKind::kList;
}

uint32_t SpanLength(ast::Span span) { return span.end > span.begin ? span.end - span.begin : 1; }

SourceLocation LocationOf(const ast::Module& module, const Expr& e) {
  return SourceLocation{module.file(), e.span.begin};
}

// Python's repr() of a str, so that the suggested `Import(...)` call reads like the source.
std::string PythonRepr(std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char byte : s) {
    const auto c = static_cast<unsigned char>(byte);
    if (byte == quote || byte == '\\') {
      out += '\\';
      out += byte;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += byte;
    }
  }
  out += quote;
  return out;
}

// The rule file at `path`. The source set also holds the config files, which the reference keeps
// apart from its sources: Import, Require and their globs only ever see `.sml` files.
std::optional<FileId> FindRuleFile(const SourceSet& sources, std::string_view path) {
  if (!path.ends_with(".sml")) return std::nullopt;
  return sources.Find(path);
}

// The rule files, in path order.
std::vector<FileId> RuleFilesByPath(const SourceSet& sources) {
  std::vector<FileId> ids = sources.IdsByPath();
  std::erase_if(ids, [&](FileId id) { return !sources.file(id).path().ends_with(".sml"); });
  return ids;
}

// `path` with "." segments dropped and ".." applied, or "" when ".." climbs above the root.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  return Join(parts, "/", AsIs);
}

// A hint for a path that names no file when a nearby spelling does. Import and Require paths are
// relative to the rules root and never normalised, which surprises people used to Python imports.
std::string SuggestPath(const SourceSet& sources, std::string_view path, const SourceFile& from) {
  std::string normalized = NormalizePath(path);
  if (!normalized.empty() && normalized != path && FindRuleFile(sources, normalized)) {
    return StrCat({"paths are not normalised; did you mean `", normalized, "`?"});
  }
  size_t slash = from.path().rfind('/');
  if (slash != std::string::npos) {
    std::string sibling = NormalizePath(StrCat({from.path().substr(0, slash + 1), path}));
    if (!sibling.empty() && FindRuleFile(sources, sibling)) {
      return StrCat({"paths are relative to the rules root; did you mean `", sibling, "`?"});
    }
  }
  return "";
}

const ast::Keyword* FindKeyword(const ast::Module& module, const Expr& call,
                                std::string_view name) {
  for (const ast::Keyword& keyword : module.keywords(call)) {
    if (keyword.name == name) return &keyword;
  }
  return nullptr;
}

// Where a name's value lives, for the reference's one-level constant resolution.
struct ValueRef {
  const ast::Module* module = nullptr;
  ExprId value;
};

class GraphBuilder {
 public:
  GraphBuilder(const SourceSet& sources, std::span<const ast::Module> modules, DiagnosticSink& sink)
      : sources_(sources), modules_(modules), sink_(sink), rule_files_(RuleFilesByPath(sources)) {}

  ModuleGraph Build() {
    graph_.entry = sources_.Find(kEntryPath);  // MissingMain is reported by the caller.
    graph_.modules.resize(sources_.size());
    IndexFeatures();
    for (FileId id : rule_files_) {
      if (id.value < modules_.size() && modules_[id.value].ok()) VisitModule(modules_[id.value]);
    }
    internal::OrderImports(sources_, rule_files_, graph_, sink_);
    return std::move(graph_);
  }

 private:
  // Feature name -> its assignment's value. Features are global (spec §2.5); a duplicate is
  // reported by the uniqueness validator, so the first definition in path order is enough here.
  void IndexFeatures() {
    for (FileId id : rule_files_) {
      if (id.value >= modules_.size() || !modules_[id.value].ok()) continue;
      const ast::Module& module = modules_[id.value];
      for (const ast::Stmt& stmt : module.statements()) {
        if (stmt.kind != ast::StmtKind::kAssign || !stmt.target.valid()) continue;
        const Expr& target = module.expr(stmt.target);
        if (target.kind != ExprKind::kName || target.text.starts_with('_')) continue;
        features_.try_emplace(target.text, ValueRef{&module, stmt.value});
      }
    }
  }

  // The reference (ValidateCallKwargs) resolves a name used for a constant argument one level: a
  // feature defined anywhere stands for its assignment's value, whatever that is; otherwise an
  // assignment in this file whose value is a literal counts (the last one wins).
  std::optional<ValueRef> ResolveConstantName(const ast::Module& module, std::string_view name) {
    if (auto it = features_.find(name); it != features_.end()) return it->second;
    std::optional<ValueRef> found;
    for (const ast::Stmt& stmt : module.statements()) {
      if (stmt.kind != ast::StmtKind::kAssign || !stmt.target.valid() || !stmt.value.valid()) {
        continue;
      }
      const Expr& target = module.expr(stmt.target);
      if (target.kind == ExprKind::kName && target.text == name &&
          IsLiteralKind(module.expr(stmt.value).kind)) {
        found = ValueRef{&module, stmt.value};
      }
    }
    return found;
  }

  void VisitModule(const ast::Module& module) {
    const auto& statements = module.statements();
    for (uint32_t index = 0; index < statements.size(); ++index) {
      const ast::Stmt& stmt = statements[index];
      // Pre-order walk with an explicit stack, children pushed in reverse so that sites come out
      // in source order; nesting depth is bounded by the parser, but a stack costs nothing.
      std::vector<ExprId> stack = {stmt.value};
      while (!stack.empty()) {
        ExprId id = stack.back();
        stack.pop_back();
        if (!id.valid()) continue;
        const Expr& e = module.expr(id);
        switch (e.kind) {
          case ExprKind::kCall: {
            bool is_statement = stmt.kind == ast::StmtKind::kCall && id == stmt.value;
            std::string_view callee = module.CalleeName(e);
            if (callee == "Import") CheckImport(module, e, id, index, is_statement);
            if (callee == "Require") CheckRequire(module, e, id, index, is_statement);
            std::span<const ast::Keyword> keywords = module.keywords(e);
            std::transform(keywords.rbegin(), keywords.rend(), std::back_inserter(stack),
                           [](const ast::Keyword& keyword) { return keyword.value; });
            break;
          }
          case ExprKind::kList:
          case ExprKind::kFormatString:
          case ExprKind::kBooleanOp:
          case ExprKind::kSubscript: {
            auto items = module.items(e);
            stack.insert(stack.end(), items.rbegin(), items.rend());
            if (e.kind == ExprKind::kSubscript) stack.push_back(e.left);
            break;
          }
          default:
            stack.push_back(e.right);
            stack.push_back(e.left);
            break;
        }
      }
    }
  }

  void CheckImport(const ast::Module& module, const Expr& call, ExprId call_id, uint32_t index,
                   bool is_statement) {
    ModuleInfo& info = graph_.modules[module.file().value];
    ImportSite& site = info.import_sites.emplace_back();
    site.call = call_id;
    site.statement_index = index;
    site.is_statement = is_statement;
    const ast::Keyword* rules = FindKeyword(module, call, "rules");
    if (rules == nullptr) return;  // "missing keyword argument" is the call-kwargs validator's.

    // `rules` is a ConstExpr[list[str]]: a list literal, or a name resolved one level to one.
    ValueRef list{&module, rules->value};
    const Expr* value = &module.expr(rules->value);
    if (value->kind == ExprKind::kName) {
      std::optional<ValueRef> resolved = ResolveConstantName(module, value->text);
      if (!resolved || !resolved->value.valid()) {
        sink_.Error(DiagnosticKind::kImportArgument, LocationOf(module, *value),
                    SpanLength(value->span),
                    StrCat({"name `", value->text, "` could not be resolved to a `Literal`"}),
                    "only a list literal, or a name assigned one, can be used here (names are "
                    "resolved one level deep)");
        return;
      }
      list = *resolved;
      value = &list.module->expr(list.value);
    }
    if (value->kind != ExprKind::kList) {
      sink_.Error(
          DiagnosticKind::kImportArgument, LocationOf(*list.module, *value),
          SpanLength(value->span),
          StrCat({"invalid argument type: `", ReferenceNodeName(*list.module, *value), "`"}),
          "expected type `List`");
      return;
    }
    // Like the reference's type check, stop at the first item that is not a string literal.
    for (ExprId item_id : list.module->items(*value)) {
      const Expr& item = list.module->expr(item_id);
      if (item.kind != ExprKind::kString) {
        sink_.Error(
            DiagnosticKind::kImportArgument, LocationOf(*list.module, item), SpanLength(item.span),
            StrCat({"invalid argument type: `", ReferenceNodeName(*list.module, item), "`"}),
            "expected type `String`");
        return;
      }
    }

    site.well_formed = true;
    const SourceFile& from = sources_.file(module.file());
    for (ExprId item_id : list.module->items(*value)) {
      const Expr& item = list.module->expr(item_id);
      ImportItem& entry = site.items.emplace_back();
      entry.path = std::string(item.text);
      entry.target = FindRuleFile(sources_, item.text);
      entry.location = LocationOf(*list.module, item);
      entry.length = SpanLength(item.span);
      if (!entry.target) {
        Diagnostic diagnostic = MakeError(
            DiagnosticKind::kImportNotFound, entry.location, entry.length,
            StrCat({"imported file: ", item.text, " not found"}), "import attempted here");
        if (std::string hint = SuggestPath(sources_, item.text, from); !hint.empty()) {
          diagnostic.hints.push_back(std::move(hint));
        }
        sink_.Report(std::move(diagnostic));
      }
    }
    ReportDuplicates(site);
    ReportUnsorted(site, list, *value, rules->value == list.value);
  }

  void ReportDuplicates(const ImportSite& site) {
    std::vector<std::vector<const ImportItem*>> groups;  // In order of first occurrence.
    absl::flat_hash_map<std::string_view, size_t> group_of;
    for (const ImportItem& item : site.items) {
      auto [it, inserted] = group_of.try_emplace(item.path, groups.size());
      if (inserted) groups.emplace_back();
      groups[it->second].push_back(&item);
    }
    for (const auto& group : groups) {
      if (group.size() < 2) continue;
      Diagnostic diagnostic =
          MakeError(DiagnosticKind::kImportDuplicate, group[0]->location, group[0]->length,
                    StrCat({"import has a duplicated items for rule: ", group[0]->path}),
                    "first import attempted here");
      for (size_t i = 1; i < group.size(); ++i) {
        diagnostic.notes.push_back(
            MakeNote("duplicate found here", group[i]->location, group[i]->length));
      }
      sink_.Report(std::move(diagnostic));
    }
  }

  // The reference requires code-point order; byte order of UTF-8 is the same order.
  void ReportUnsorted(const ImportSite& site, const ValueRef& list, const Expr& list_expr,
                      bool written_inline) {
    std::vector<std::string_view> paths;
    for (const ImportItem& item : site.items) paths.push_back(item.path);
    if (std::is_sorted(paths.begin(), paths.end())) return;
    std::sort(paths.begin(), paths.end());
    std::string sorted = StrCat({"[", Join(paths, ", ", PythonRepr), "]"});
    std::string suggestion = written_inline ? StrCat({"Import(rules=", sorted, ")"}) : sorted;
    sink_.Error(DiagnosticKind::kImportNotSorted, LocationOf(*list.module, list_expr),
                SpanLength(list_expr.span), "import rules are not sorted",
                StrCat({"sort imports lexicographically: `", suggestion, "`"}));
  }

  void CheckRequire(const ast::Module& module, const Expr& call, ExprId call_id, uint32_t index,
                    bool is_statement) {
    ModuleInfo& info = graph_.modules[module.file().value];
    RequireSite& site = info.require_sites.emplace_back();
    site.call = call_id;
    site.statement_index = index;
    site.is_statement = is_statement;
    if (const ast::Keyword* require_if = FindKeyword(module, call, "require_if")) {
      site.require_if = require_if->value;
    }
    const ast::Keyword* rule_keyword = FindKeyword(module, call, "rule");
    if (rule_keyword == nullptr) return;  // Left to the call-kwargs validator.
    site.rule = rule_keyword->value;
    const Expr& rule = module.expr(rule_keyword->value);
    const SourceLocation location = LocationOf(module, rule);
    const uint32_t length = SpanLength(rule.span);

    if (rule.kind == ExprKind::kString) {
      site.path = std::string(rule.text);
      if (std::optional<FileId> target = FindRuleFile(sources_, rule.text)) {
        site.candidates.push_back(*target);
        return;
      }
      Diagnostic diagnostic = MakeError(DiagnosticKind::kRequireNotFound, location, length,
                                        StrCat({"required rule: `", rule.text, "` not found"}),
                                        "require attempted here");
      if (std::string hint = SuggestPath(sources_, rule.text, sources_.file(module.file()));
          !hint.empty()) {
        diagnostic.hints.push_back(std::move(hint));
      }
      sink_.Report(std::move(diagnostic));
    } else if (rule.kind == ExprKind::kFormatString) {
      site.is_template = true;
      site.path = std::string(rule.text);
      site.glob = internal::TemplateToGlob(rule.text);
      for (FileId id : rule_files_) {
        if (FnmatchCase(sources_.file(id).path(), site.glob)) {
          site.candidates.push_back(id);
        }
      }
      if (site.candidates.empty()) {
        sink_.Error(DiagnosticKind::kRequireNeverMatches, location, length,
                    StrCat({"required rule: `", rule.text, "` would never match any rule files"}),
                    StrCat({"require attempted here, glob: `", site.glob, "` matches no sources"}));
      }
    } else {
      sink_.Error(DiagnosticKind::kRequireArgument, location, length,
                  "a literal string or format string is required here",
                  "you can only use literal strings, for example: `Require(rule=\"hello.sml\")` "
                  "or `Require(rule=f\"actions/{ActionName}.sml\")`");
    }
  }

  const SourceSet& sources_;
  std::span<const ast::Module> modules_;
  DiagnosticSink& sink_;
  const std::vector<FileId> rule_files_;
  ModuleGraph graph_;
  absl::flat_hash_map<std::string_view, ValueRef> features_;
};

}  // namespace

std::optional<FileId> FindEntry(const SourceSet& sources, DiagnosticSink& sink) {
  std::optional<FileId> entry = sources.Find(kEntryPath);
  if (!entry) {
    Diagnostic diagnostic =
        MakeError(DiagnosticKind::kMissingMain, SourceLocation{kNoFile, 0}, 1,
                  "the rules directory has no `main.sml`",
                  "every ruleset needs a `main.sml` at the root of its directory: the entry point");
    diagnostic.path = std::string(kEntryPath);
    sink.Report(std::move(diagnostic));
  }
  return entry;
}

ModuleGraph BuildModuleGraph(const SourceSet& sources, std::span<const ast::Module> modules,
                             DiagnosticSink& sink) {
  return GraphBuilder(sources, modules, sink).Build();
}

namespace internal {

std::string TemplateToGlob(std::string_view format_template) {
  std::string glob;
  for (size_t i = 0; i < format_template.size(); ++i) {
    char c = format_template[i];
    bool doubled = i + 1 < format_template.size() && format_template[i + 1] == c;
    if ((c == '{' || c == '}') && doubled) {
      glob += c;
      ++i;
    } else if (c == '{') {
      size_t close = format_template.find('}', i);
      if (close == std::string_view::npos) close = format_template.size() - 1;
      glob += '*';
      i = close;
    } else {
      glob += c;
    }
  }
  return glob;
}

}  // namespace internal
}  // namespace osprey::frontend
