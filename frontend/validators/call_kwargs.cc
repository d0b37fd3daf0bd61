// ValidateCallKwargs (spec §3.2.2): every call names a registered function, passes only keywords
// it takes and every keyword it requires, and ConstExpr arguments resolve to literals; then the
// function's own checks run (udf_checks.cc) and the module graph is built, whose Import/Require
// checks the reference also runs from its UDF constructors.
#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "frontend/internal/call_arguments.h"
#include "frontend/internal/constant_arguments.h"
#include "frontend/internal/str_cat.h"
#include "frontend/internal/udf_checks.h"
#include "frontend/internal/validation_context.h"
#include "frontend/module_graph.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

// The reference keeps the keyword name `extra_arguments` for a function's `**` parameter.
constexpr std::string_view kExtraArgumentsName = "extra_arguments";

std::string QuotedList(const std::vector<std::string_view>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    StrAppend(&out, {"`", names[i], "`"});
  }
  return out + "]";
}

class CallKwargsChecker {
 public:
  CallKwargsChecker(ValidationContext& ctx, FileId file)
      : ctx_(ctx), file_(file), module_(ctx.module(file)) {}

  void Run() {
    const std::vector<ast::Stmt>& statements = module_.statements();
    for (uint32_t i = 0; i < statements.size(); ++i) {
      const ast::Stmt& stmt = statements[i];
      if (!stmt.value.valid()) continue;
      // Each call once, outermost first; only the statement's own value can be "assigned".
      std::vector<ExprId> stack = {stmt.value};
      while (!stack.empty()) {
        ExprId id = stack.back();
        stack.pop_back();
        if (!id.valid()) continue;
        const Expr& e = module_.expr(id);
        switch (e.kind) {
          case ExprKind::kCall: {
            bool assigned = stmt.kind == ast::StmtKind::kAssign && id == stmt.value;
            CheckCall(id, i, assigned ? stmt.target : ExprId{});
            auto keywords = module_.keywords(e);
            for (auto it = keywords.rbegin(); it != keywords.rend(); ++it) {
              stack.push_back(it->value);
            }
            break;
          }
          case ExprKind::kList:
          case ExprKind::kFormatString:
          case ExprKind::kBooleanOp: {
            auto items = module_.items(e);
            stack.insert(stack.end(), items.rbegin(), items.rend());
            break;
          }
          case ExprKind::kBinary:
          case ExprKind::kComparison:
          case ExprKind::kUnary:
            stack.push_back(e.right);
            stack.push_back(e.left);
            break;
          default:
            break;
        }
      }
    }
  }

 private:
  void CheckCall(ExprId call_id, uint32_t statement_index, ExprId assigned_to) {
    const Expr& call = module_.expr(call_id);
    std::string_view name = module_.CalleeName(call);
    const UdfSignature* udf = ctx_.udfs.Find(name);
    if (udf == nullptr) {
      Diagnostic diagnostic;
      diagnostic.kind = DiagnosticKind::kUnknownFunction;
      diagnostic.location = ctx_.At(file_, call.span);
      diagnostic.length = SpanLength(call.span);
      diagnostic.message = StrCat({"unknown function: `", name, "`"});
      diagnostic.hints.push_back("called here");
      std::vector<std::string> names = ctx_.udfs.Names();
      std::string_view suggestion = SuggestSimilar(name, names);
      if (!suggestion.empty()) {
        diagnostic.hints.push_back(StrCat({"did you mean `", suggestion, "`?"}));
      }
      ctx_.sink.Report(std::move(diagnostic));
      return;
    }

    // The reference binds keywords through a dict: a repeated keyword's last value wins.
    auto keywords = module_.keywords(call);
    std::vector<int32_t> last_of(keywords.size(), -1);  // By keyword: its name's last index.
    std::vector<bool> is_last(keywords.size(), false);
    for (size_t k = 0; k < keywords.size(); ++k) {
      size_t last = k;
      for (size_t j = k + 1; j < keywords.size(); ++j) {
        if (keywords[j].name == keywords[k].name) last = j;
      }
      last_of[k] = static_cast<int32_t>(last);
      is_last[k] = last == k;
    }

    BoundCall bound;
    bound.udf = udf;
    bound.argument_of_param.assign(udf->params.size(), -1);
    bound.constants.resize(udf->params.size());
    std::vector<std::string_view> missing;
    bool constant_failed = false;
    for (size_t p = 0; p < udf->params.size(); ++p) {
      const UdfParam& param = udf->params[p];
      for (size_t k = 0; k < keywords.size(); ++k) {
        if (is_last[k] && keywords[k].name == param.name) {
          bound.argument_of_param[p] = static_cast<int32_t>(k);
        }
      }
      int32_t keyword = bound.argument_of_param[p];
      if (keyword < 0) {
        if (param.required()) missing.push_back(param.name);
        if (param.constant) bound.constants[p] = param.default_value;
        continue;
      }
      if (!param.constant) continue;
      // Import's list is checked, with the same messages, by the module graph.
      bool report = udf->check != UdfCheck::kImport;
      ResolvedConstant resolved =
          ResolveConstant(ctx_, file_, keywords[keyword].value, param.type, report);
      bound.constants[p] = resolved.value;
      if (!resolved.value) constant_failed = true;
    }

    std::vector<std::string_view> expected;
    for (const UdfParam& param : udf->params) expected.push_back(param.name);
    std::sort(expected.begin(), expected.end());
    for (size_t k = 0; k < keywords.size(); ++k) {
      if (!is_last[k] || udf->FindParam(keywords[k].name) != nullptr) continue;
      if (udf->extra_keywords) {
        bound.extra_arguments.push_back(static_cast<int32_t>(k));
        continue;
      }
      const Expr& value = module_.expr(keywords[k].value);
      if (keywords[k].name == kExtraArgumentsName) {
        ctx_.sink.Error(DiagnosticKind::kUnknownKeyword, ctx_.At(file_, value.span),
                        SpanLength(value.span), "kwargs is a reserved argument name");
        continue;
      }
      Diagnostic diagnostic;
      diagnostic.kind = DiagnosticKind::kUnknownKeyword;
      diagnostic.location = ctx_.At(file_, value.span);
      diagnostic.length = SpanLength(value.span);
      diagnostic.message = StrCat({"unknown keyword argument: `", keywords[k].name, "`"});
      diagnostic.hints.push_back(StrCat({"valid keyword arguments are: ", QuotedList(expected)}));
      std::vector<std::string> names(expected.begin(), expected.end());
      std::string_view suggestion = SuggestSimilar(keywords[k].name, names);
      if (!suggestion.empty()) {
        diagnostic.hints.push_back(StrCat({"did you mean `", suggestion, "`?"}));
      }
      ctx_.sink.Report(std::move(diagnostic));
    }
    // Extra keywords in the order of their first appearance, as a dict keeps them.
    std::sort(
        bound.extra_arguments.begin(), bound.extra_arguments.end(),
        [&](int32_t a, int32_t b) { return FirstIndex(keywords, a) < FirstIndex(keywords, b); });

    if (!missing.empty()) {
      std::sort(missing.begin(), missing.end());
      ctx_.sink.Error(
          DiagnosticKind::kMissingKeyword, ctx_.At(file_, call.span), SpanLength(call.span),
          StrCat({std::to_string(missing.size()), " missing keyword argument(s)"}),
          StrCat({"the following keyword arguments were not provided: ", QuotedList(missing)}));
    }

    auto [entry, inserted] =
        ctx_.result.facts[file_.value].calls.insert_or_assign(call_id.value, std::move(bound));
    (void)inserted;
    // The reference constructs the function (running its own checks) only when every required
    // keyword is present and every constant resolved.
    if (!missing.empty() || constant_failed) return;
    CallSite site{file_, statement_index, call_id, assigned_to, &entry->second};
    RunUdfCheck(ctx_, site);
  }

  static size_t FirstIndex(std::span<const ast::Keyword> keywords, int32_t k) {
    for (int32_t j = 0; j < k; ++j) {
      if (keywords[j].name == keywords[k].name) return j;
    }
    return k;
  }

  ValidationContext& ctx_;
  FileId file_;
  const ast::Module& module_;
};

}  // namespace

bool CheckCallKwargs(ValidationContext& ctx) {
  size_t errors_before = ctx.sink.error_count();
  for (FileId file : ctx.sources().IdsByPath()) {
    if (!ctx.IsSml(file) || !ctx.module(file).ok()) continue;
    CallKwargsChecker(ctx, file).Run();
  }
  // Import and Require are checked by their constructors in the reference, that is, here.
  ctx.result.parsed.graph = BuildModuleGraph(ctx.sources(), ctx.modules(), ctx.sink);
  return ctx.sink.error_count() == errors_before;
}

}  // namespace osprey::frontend::internal
