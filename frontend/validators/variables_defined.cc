// VariablesMustBeDefined (spec §2.4, §3.2.4): within a file, a name may be read only after it is
// assigned earlier in the file or after an Import of a file that stores it as a feature.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontend/internal/str_cat.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

uint32_t Length(ast::Span span) { return span.end - span.begin; }

// The features of the ruleset, in definition order (files by path, then statements), overall
// and by defining file. The reference keeps them in an insertion-ordered dict; the order decides
// which of two equally close names a did-you-mean picks.
struct FeatureIndex {
  std::vector<std::string> all;
  std::vector<std::vector<std::string>> by_file;  // By FileId.
};

FeatureIndex IndexFeatures(const ValidationContext& ctx) {
  FeatureIndex index;
  index.by_file.resize(ctx.modules().size());
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    const ast::Module& module = ctx.module(file);
    for (const ast::Stmt& stmt : module.statements()) {
      if (stmt.kind != ast::StmtKind::kAssign || !stmt.target.valid()) continue;
      std::string_view name = module.expr(stmt.target).text;
      auto it = ctx.features.find(name);
      if (it == ctx.features.end() || it->second.file != file ||
          !(it->second.target == stmt.target)) {
        continue;
      }
      index.all.emplace_back(name);
      index.by_file[file.value].emplace_back(name);
    }
  }
  return index;
}

// Walks one file's statements in order, tracking the names visible so far.
class FileChecker {
 public:
  FileChecker(ValidationContext& ctx, const FeatureIndex& features, FileId file)
      : ctx_(ctx), features_(features), file_(file), module_(ctx.module(file)) {}

  void Run() {
    for (const ast::Stmt& stmt : module_.statements()) {
      if (stmt.kind == ast::StmtKind::kAssign && stmt.target.valid()) {
        const Expr& target = module_.expr(stmt.target);
        // The reference checks the value for its own target before the target becomes known,
        // and then walks the value with the target already visible: `X = X + 1` is therefore
        // a self-reference only, not also an unknown name.
        ReportSelfReferences(stmt.value, target);
        MakeKnown(target.text);
        Visit(stmt.value);
      } else if (stmt.kind == ast::StmtKind::kCall) {
        Visit(stmt.value);
      }
    }
  }

 private:
  void MakeKnown(std::string_view name) {
    if (known_.insert(std::string(name)).second) known_order_.emplace_back(name);
  }

  // Pre-order, as the reference walks its tree. Callees are function names, not values.
  void Visit(ExprId id) {
    if (!id.valid()) return;
    const Expr& e = module_.expr(id);
    switch (e.kind) {
      case ExprKind::kName:
        CheckLoad(e);
        break;
      case ExprKind::kCall:
        // Imported features become visible where the Import call is reached, before its own
        // arguments (which are string literals) are walked.
        if (module_.CalleeName(e) == "Import") ImportFeatures(id);
        break;
      default:
        break;
    }
    ast::ForEachChild(module_, e, [this](ExprId child) { Visit(child); });
  }

  void ImportFeatures(ExprId call) {
    const ModuleGraph& graph = ctx_.result.parsed.graph;
    if (file_.value >= graph.modules.size()) return;
    for (const ImportSite& site : graph.modules[file_.value].import_sites) {
      if (!(site.call == call)) continue;
      for (const ImportItem& item : site.items) {
        if (!item.target) continue;
        for (const std::string& name : features_.by_file[item.target->value]) MakeKnown(name);
      }
    }
  }

  void ReportSelfReferences(ExprId id, const Expr& target) {
    if (!id.valid()) return;
    const Expr& e = module_.expr(id);
    switch (e.kind) {
      case ExprKind::kName:
        if (e.text == target.text) {
          Diagnostic d = Error(DiagnosticKind::kSelfReference, e,
                               "cannot both store and load the same value within an assignment",
                               "a name cannot be read in its own assignment");
          d.notes.push_back(Note("assignment happens here:", file_, target.span));
          ctx_.sink.Report(std::move(d));
        }
        break;
      case ExprKind::kCall:
        // Unlike the visibility check, the reference's self-reference check also looks at the
        // callee: `GetActionName = GetActionName()` is rejected.
        ReportSelfReferences(e.left, target);
        for (const ast::Keyword& keyword : module_.keywords(e)) {
          ReportSelfReferences(keyword.value, target);
        }
        break;
      case ExprKind::kList:
      case ExprKind::kFormatString:
      case ExprKind::kBooleanOp:
        for (ExprId item : module_.items(e)) ReportSelfReferences(item, target);
        break;
      case ExprKind::kBinary:
      case ExprKind::kComparison:
        ReportSelfReferences(e.left, target);
        ReportSelfReferences(e.right, target);
        break;
      case ExprKind::kUnary:
        ReportSelfReferences(e.left, target);
        break;
      default:
        break;
    }
  }

  // The reference's cascade: a feature defined elsewhere, then a similar name (in scope first,
  // then anywhere), then an unknown local, then an unknown name.
  void CheckLoad(const Expr& name_expr) {
    std::string_view name = name_expr.text;
    if (known_.contains(name)) return;

    if (auto it = ctx_.features.find(name); it != ctx_.features.end()) {
      // The reference gives one hint for both cases; telling them apart costs nothing.
      std::string hint = it->second.file == file_
                             ? StrCat({"`", name, "` is used before its definition in this file"})
                             : StrCat({"`", name, "` is a feature of `",
                                       ctx_.sources().file(it->second.file).path(),
                                       "`, which this file does not import (before this point)"});
      Diagnostic d =
          Error(DiagnosticKind::kUnknownName, name_expr, "unknown identifier", std::move(hint));
      d.notes.push_back(Note("however, it was found here:", it->second));
      ctx_.sink.Report(std::move(d));
      return;
    }

    bool in_scope = true;
    std::string_view similar = SuggestSimilar(name, known_order_);
    if (similar.empty()) {
      in_scope = false;
      similar = SuggestSimilar(name, features_.all);
    }
    if (!similar.empty()) {
      auto it = ctx_.features.find(similar);
      if (it == ctx_.features.end()) {
        // The closest in-scope name is a local of this file, which has no global definition.
        ctx_.sink.Report(
            Error(DiagnosticKind::kUnknownName, name_expr, "unknown identifier",
                  StrCat({"unknown name `", name, "`, did you mean `", similar, "`?"})));
        return;
      }
      Diagnostic d = Error(DiagnosticKind::kUnknownName, name_expr, "unknown identifier",
                           StrCat({"`", name, "` is not defined; did you mean `", similar, "`?"}));
      d.notes.push_back(Note(in_scope ? "however, a similar in-scope identifier was found here:"
                                      : "however, a similar identifier was found here:",
                             it->second));
      ctx_.sink.Report(std::move(d));
      return;
    }

    if (!name.empty() && name.front() == '_') {
      ctx_.sink.Report(Error(DiagnosticKind::kUnknownLocal, name_expr, "unknown local variable",
                             StrCat({"`", name,
                                     "` does not exist in this file; names starting with `_` "
                                     "are local to the file that assigns them"})));
      return;
    }
    ctx_.sink.Report(
        Error(DiagnosticKind::kUnknownName, name_expr, "unknown identifier",
              StrCat({"`", name, "` is not assigned in any rule file; is it misspelt?"})));
  }

  Diagnostic Error(DiagnosticKind kind, const Expr& at, std::string message, std::string hint) {
    Diagnostic d;
    d.kind = kind;
    d.location = ctx_.At(file_, at.span);
    d.length = Length(at.span);
    d.message = std::move(message);
    d.hints.push_back(std::move(hint));
    return d;
  }

  DiagnosticNote Note(std::string message, FileId file, ast::Span span) {
    DiagnosticNote note;
    note.message = std::move(message);
    note.location = ctx_.At(file, span);
    note.length = Length(span);
    return note;
  }

  DiagnosticNote Note(std::string message, const Definition& definition) {
    return Note(std::move(message), definition.file,
                ctx_.module(definition.file).expr(definition.target).span);
  }

  ValidationContext& ctx_;
  const FeatureIndex& features_;
  FileId file_;
  const ast::Module& module_;
  StringSet known_;
  std::vector<std::string> known_order_;  // known_, in the order names became visible.
};

}  // namespace

bool CheckVariablesDefined(ValidationContext& ctx) {
  size_t errors_before = ctx.sink.error_count();
  FeatureIndex features = IndexFeatures(ctx);
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file)) continue;
    FileChecker(ctx, features, file).Run();
  }
  return ctx.sink.error_count() == errors_before;
}

}  // namespace osprey::frontend::internal
