// The checks the reference's stdlib UDFs make in their constructors (spec §3.5), one function
// per UdfCheck row. Messages and conditions follow each UDF's __init__.
#include "frontend/internal/udf_checks.h"

#include <string>

#include "frontend/internal/call_arguments.h"
#include "frontend/internal/constant_arguments.h"
#include "frontend/internal/str_cat.h"
#include "frontend/json_path.h"
#include "frontend/regex_syntax.h"
#include "frontend/subset_check.h"
#include "frontend/unicode.h"
#include "unicode/uchar.h"

namespace osprey::frontend::internal {
namespace {

using ast::Expr;
using ast::ExprId;
using ast::ExprKind;

// Reports errors about one call's arguments.
class CallChecks {
 public:
  CallChecks(ValidationContext& ctx, const CallSite& site)
      : ctx_(ctx), site_(site), module_(ctx.module(site.file)) {}

  const Expr& call() const { return module_.expr(site_.call); }
  std::string_view function() const { return site_.bound->udf->name; }
  const ConstValue* Constant(std::string_view param) const {
    return ConstantArgument(*site_.bound, param);
  }

  // Reports at the literal that gave `param` its value (the reference's `argument_span`).
  void ErrorAt(std::string_view param, DiagnosticKind kind, std::string message,
               std::string hint = "") {
    SourceLocation location = ctx_.At(site_.file, call().span);
    uint32_t length = SpanLength(call().span);
    if (std::optional<ConstantNode> node =
            FindConstantNode(ctx_, site_.file, site_.call, *site_.bound, param)) {
      const Expr& literal = ctx_.module(node->file).expr(node->expr);
      location = ctx_.At(node->file, literal.span);
      length = SpanLength(literal.span);
    }
    ctx_.sink.Error(kind, location, length, std::move(message), std::move(hint));
    ok_ = false;
  }

  void ErrorAtExpr(const Expr& e, DiagnosticKind kind, std::string message, std::string hint = "") {
    ctx_.sink.Error(kind, ctx_.At(site_.file, e.span), SpanLength(e.span), std::move(message),
                    std::move(hint));
    ok_ = false;
  }

  ExprId Argument(std::string_view param) const {
    return ArgumentExpr(module_, site_.call, *site_.bound, param);
  }

  const ast::Module& module() const { return module_; }
  const CallSite& site() const { return site_; }
  bool ok() const { return ok_; }

 private:
  ValidationContext& ctx_;
  const CallSite& site_;
  const ast::Module& module_;
  bool ok_ = true;
};

bool IsWordStart(char32_t c) {  // Python's [^\d\W]: a word character that is not a digit.
  if (c == '_') return true;
  int8_t type = u_charType(static_cast<UChar32>(c));
  return (U_MASK(type) & (U_GC_L_MASK | U_GC_NL_MASK | U_GC_NO_MASK)) != 0;
}
bool IsWordContinue(char32_t c) {  // Python's \w on str.
  return IsWordStart(c) || u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

// The names of Python's `re.findall(r'\{([^\d\W]\w*)\}', text)`.
std::vector<std::string> InterpolatedNames(std::string_view text) {
  std::vector<std::string> names;
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos++] != '{') continue;
    size_t start = pos;
    size_t cursor = pos;
    std::optional<char32_t> c = DecodeUtf8(text, &cursor);
    if (!c || !IsWordStart(*c)) continue;
    size_t end = cursor;
    while (end < text.size()) {
      size_t next = end;
      std::optional<char32_t> d = DecodeUtf8(text, &next);
      if (!d || !IsWordContinue(*d)) break;
      end = next;
    }
    if (end < text.size() && text[end] == '}') {
      names.emplace_back(text.substr(start, end - start));
      pos = end + 1;
    }
  }
  return names;
}

void CheckRule(ValidationContext& ctx, CallChecks& c) {
  const CallSite& site = c.site();
  if (!site.assigned_to.valid()) {
    c.ErrorAtExpr(c.call(), DiagnosticKind::kRuleNotStored,
                  "`Rule(...)` must be assigned to a variable",
                  "assign it to a variable before using it: `SomeRule = Rule(...)`");
  } else {
    std::string_view target = c.module().expr(site.assigned_to).text;
    if (!target.empty() && target[0] == '_') {
      const ast::Stmt& stmt = c.module().statements()[site.statement_index];
      ctx.sink.Error(DiagnosticKind::kRuleNotStored, ctx.At(site.file, stmt.span),
                     SpanLength(stmt.span), "rules must be stored in non-local features",
                     StrCat({"this rule is being stored in the local variable `", target,
                             "`\nrules must be in non-local features (eg that don't start with "
                             "`_`)"}));
    }
  }
  ExprId description_id = c.Argument("description");
  if (!description_id.valid()) return;
  const Expr& description = c.module().expr(description_id);
  if (description.kind != ExprKind::kString && description.kind != ExprKind::kFormatString) {
    c.ErrorAtExpr(description, DiagnosticKind::kRuleDescription,
                  "argument `description` to `Rule` requires either a string literal or an "
                  "f-string",
                  StrCat({"got `", SmlNodeName(description.kind),
                          "` node, expected `String` or `FormatString` literal"}));
    return;
  }
  if (description.kind != ExprKind::kString) return;
  std::vector<std::string> names = InterpolatedNames(description.text);
  if (names.empty()) return;
  std::string found;
  for (const std::string& name : names) {
    if (!found.empty()) found += ", ";
    StrAppend(&found, {"`", name, "`"});
  }
  c.ErrorAtExpr(description, DiagnosticKind::kRuleDescription,
                "variable interpolation attempted in non-format string",
                StrCat({"this string contains what looks like variable interpolation, but is not "
                        "an f-string\nfound: ",
                        found, "\nconsider prefixing with `f`"}));
}

void CheckJsonPathArgument(CallChecks& c) {
  const ConstValue* path = c.Constant("path");
  if (path == nullptr || !path->is_string()) return;
  absl::StatusOr<JsonPath> parsed = ParseJsonPath(path->as_string());
  if (parsed.ok()) return;
  c.ErrorAt("path", DiagnosticKind::kInvalidArgumentValue,
            StrCat({"failed to validate argument `path` for `", c.function(), "(...)`"}),
            "error: " + std::string(parsed.status().message()));
}

bool CaseInsensitive(const CallChecks& c) {
  const ConstValue* value = c.Constant("case_insensitive");
  return value != nullptr && value->is_bool() && value->as_bool();
}

// Returns false when the pattern does not compile (and was reported).
bool CheckPatternArgument(CallChecks& c) {
  const ConstValue* pattern = c.Constant("pattern");
  if (pattern == nullptr || !pattern->is_string()) return true;
  std::optional<std::string> error = CheckPythonRegex(pattern->as_string(), CaseInsensitive(c));
  if (!error) return true;
  c.ErrorAt("pattern", DiagnosticKind::kInvalidArgumentValue, "invalid regex pattern",
            StrCat({"error: ", *error}));
  return false;
}

void CheckRegexMatchMap(CallChecks& c) {
  // The reference's base constructor raises on a bad pattern before the mode is looked at.
  if (!CheckPatternArgument(c)) return;
  const ConstValue* mode = c.Constant("mode");
  if (mode == nullptr || !mode->is_string()) return;
  if (mode->as_string() == "all" || mode->as_string() == "any") return;
  c.ErrorAt("mode", DiagnosticKind::kInvalidArgumentValue,
            StrCat({"mode must be one of `all` or `any`, not `", mode->as_string(), "`"}));
}

void CheckPatternList(CallChecks& c) {
  const ConstValue* patterns = c.Constant("patterns");
  if (patterns == nullptr || !patterns->is_list()) return;
  bool case_insensitive = CaseInsensitive(c);
  for (const ConstValue& pattern : patterns->as_list()) {
    if (!pattern.is_string()) continue;
    if (std::optional<std::string> error =
            CheckPythonRegex(pattern.as_string(), case_insensitive)) {
      c.ErrorAt(
          "patterns", DiagnosticKind::kInvalidArgumentValue,
          StrCat({"invalid regex pattern ", PythonStringRepr(pattern.as_string()), ": ", *error}));
    }
  }
}

// A numeric constant (ConstExpr[int] also accepts a float literal, as the reference does).
std::optional<double> Number(const CallChecks& c, std::string_view param) {
  const ConstValue* value = c.Constant(param);
  if (value == nullptr || !(value->is_int() || value->is_big_int() || value->is_float())) {
    return std::nullopt;
  }
  return value->as_number();
}

void CheckStringSlice(CallChecks& c) {
  std::optional<double> start = Number(c, "start");
  std::optional<double> end = Number(c, "end");
  if (!start || !end) return;
  if (*start < 0) {
    c.ErrorAt("start", DiagnosticKind::kInvalidArgumentValue, "invalid `start`",
              "`start` must be a non-negative integer");
  }
  if (*end < 0) {
    c.ErrorAt("end", DiagnosticKind::kInvalidArgumentValue, "invalid `end`",
              "`end` must be a non-negative integer");
  }
  if (*start > *end) {
    c.ErrorAt("start", DiagnosticKind::kInvalidArgumentValue, "invalid `start`",
              "`start` must be less than or equal to `end`");
  }
}

void CheckTimeBucket(CallChecks& c) {
  std::optional<double> granularity = Number(c, "granularity_seconds");
  if (!granularity || *granularity >= 3600) return;
  c.ErrorAt("granularity_seconds", DiagnosticKind::kInvalidArgumentValue,
            "invalid `granularity_seconds`",
            "granularity_seconds can not be less than 3600 (1 hour)");
}

void CheckRandomBool(CallChecks& c) {
  std::optional<double> percentage = Number(c, "percentage");
  if (!percentage) return;
  // Despite its name, `percentage` is a probability: 0 and 1 are rejected as pointless.
  std::string_view hint = *percentage < 0.0 || *percentage > 1.0
                              ? "this must be between 0.0 and 1.0"
                          : *percentage == 0.0 ? "this will always be `False`"
                          : *percentage == 1.0 ? "this will always be `True`"
                                               : "";
  if (hint.empty()) return;
  c.ErrorAt("percentage", DiagnosticKind::kInvalidArgumentValue, "invalid `percentage`",
            std::string(hint));
}

void CheckRandomInt(CallChecks& c) {
  std::optional<double> start = Number(c, "start");
  std::optional<double> end = Number(c, "end");
  if (!start || !end || *start < *end) return;
  c.ErrorAt("start", DiagnosticKind::kInvalidArgumentValue, "invalid `start`",
            "the `start` value must be less than the `end` value");
}

}  // namespace

bool RunUdfCheck(ValidationContext& ctx, const CallSite& site) {
  if (site.bound == nullptr || site.bound->udf == nullptr) return true;
  CallChecks c(ctx, site);
  size_t errors_before = ctx.sink.error_count();
  switch (site.bound->udf->check) {
    case UdfCheck::kNone:
    case UdfCheck::kImport:  // The module graph (BuildModuleGraph) checks these two.
    case UdfCheck::kRequire:
    case UdfCheck::kLabelEffect:  // Labels are checked by CheckLabels.
    case UdfCheck::kResolveOptional:
      return true;
    case UdfCheck::kRule:
      CheckRule(ctx, c);
      break;
    case UdfCheck::kJsonPath:
    case UdfCheck::kEntityJson:
      CheckJsonPathArgument(c);
      break;
    case UdfCheck::kRegexPattern:
      CheckPatternArgument(c);
      break;
    case UdfCheck::kRegexMatchMap:
      CheckRegexMatchMap(c);
      break;
    case UdfCheck::kRegexPatternList:
      CheckPatternList(c);
      break;
    case UdfCheck::kStringSlice:
      CheckStringSlice(c);
      break;
    case UdfCheck::kTimeBucket:
      CheckTimeBucket(c);
      break;
    case UdfCheck::kRandomBool:
      CheckRandomBool(c);
      break;
    case UdfCheck::kRandomInt:
      CheckRandomInt(c);
      break;
    case UdfCheck::kHasLabel:
      return CheckHasLabelCall(ctx, site);
    case UdfCheck::kExperiment:
      return CheckExperimentCall(ctx, site);
    case UdfCheck::kExperimentWhen:
      return CheckExperimentWhenCall(ctx, site);
  }
  return ctx.sink.error_count() == errors_before;
}

}  // namespace osprey::frontend::internal
