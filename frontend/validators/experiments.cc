// The Experiment and ExperimentWhen constructor checks (spec §3.5) and the result-only
// ValidateExperiments (§3.2.9).
//
// Bucket sizes are percentages with at most two decimals: Osprey multiplies the decimal form of
// each size (Python's shortest repr of the float) by 100 and requires an integer. The same
// decimal digits are read here from std::to_chars' shortest form, so no binary rounding enters.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "frontend/internal/call_arguments.h"
#include "frontend/internal/str_cat.h"
#include "frontend/internal/udf_checks.h"
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {
namespace {

constexpr size_t kMaxBuckets = 10;
constexpr int64_t kUnitsPerWhole = 10000;  // Bucket sizes are counted in 1/100 of a percent.

// A bucket size in 1/100 %, truncated toward zero as Python's int() does, and whether the
// size had more than two decimals. Infinite sizes, which Osprey cannot handle either, are
// reported as too large.
struct BucketUnits {
  int64_t units = 0;
  bool too_precise = false;
};

BucketUnits ToBucketUnits(const ConstValue& size) {
  if (size.is_big_int()) return {std::numeric_limits<int64_t>::max(), false};
  if (size.is_int()) {
    int64_t value = size.as_int();
    constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / 100;
    bool fits = value > -kLimit && value < kLimit;
    return {fits ? value * 100 : std::numeric_limits<int64_t>::max(), false};
  }
  double value = size.as_number();
  if (!std::isfinite(value)) return {std::numeric_limits<int64_t>::max(), false};
  char buffer[400];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  if (error != std::errc()) return {std::numeric_limits<int64_t>::max(), false};
  std::string_view text(buffer, end - buffer);
  bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  BucketUnits result;
  result.too_precise = fraction.size() > 2;
  if (whole.size() > 15) {
    result.units = std::numeric_limits<int64_t>::max();
    return result;
  }
  int64_t units = 0;
  for (char c : whole) units = units * 10 + (c - '0');
  for (size_t i = 0; i < 2; ++i) units = units * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  result.units = negative ? -units : units;
  return result;
}

// "33.33", "50": a number of bucket units as a percentage.
std::string UnitsAsPercentage(int64_t units) {
  std::string out = units < 0 ? "-" : "";
  uint64_t magnitude = units < 0 ? 0 - static_cast<uint64_t>(units) : units;
  out += std::to_string(magnitude / 100);
  uint64_t cents = magnitude % 100;
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

std::vector<std::string> StringItems(const ConstValue* list) {
  std::vector<std::string> out;
  if (list == nullptr || !list->is_list()) return out;
  for (const ConstValue& item : list->as_list()) {
    if (item.is_string()) out.push_back(item.as_string());
  }
  return out;
}

ast::Span ArgumentSpan(const ast::Module& module, const CallSite& site, std::string_view param) {
  ast::ExprId id = ArgumentExpr(module, site.call, *site.bound, param);
  return module.expr(id.valid() ? id : site.call).span;
}

void Report(ValidationContext& ctx, FileId file, ast::Span span, std::string message,
            std::string hint = "") {
  ctx.sink.Error(DiagnosticKind::kInvalidExperiment, ctx.At(file, span), SpanLength(span),
                 std::move(message), std::move(hint));
}

// What ExperimentWhen needs of an Experiment call: its buckets, when Osprey would have
// registered it (assigned, at most 10 buckets, as many sizes as buckets).
struct ExperimentShape {
  std::vector<std::string> buckets;
  FileId file;
  ast::Span buckets_span;
};

// A list argument of an Experiment call, from its bound constants when the call has been bound
// already, else from the list literal itself.
std::optional<size_t> ListArgument(const ast::Module& module, const ModuleFacts& facts,
                                   ast::ExprId call, std::string_view param,
                                   std::vector<std::string>* strings, ast::Span* span) {
  if (auto bound = facts.calls.find(call.value); bound != facts.calls.end()) {
    const ConstValue* value = ConstantArgument(bound->second, param);
    if (value == nullptr || !value->is_list()) return std::nullopt;
    if (strings) *strings = StringItems(value);
    ast::ExprId arg = ArgumentExpr(module, call, bound->second, param);
    if (span && arg.valid()) *span = module.expr(arg).span;
    return value->as_list().size();
  }
  for (const ast::Keyword& keyword : module.keywords(module.expr(call))) {
    if (keyword.name != param) continue;
    const ast::Expr& list = module.expr(keyword.value);
    if (list.kind != ast::ExprKind::kList) return std::nullopt;
    if (span) *span = list.span;
    for (ast::ExprId item : module.items(list)) {
      const ast::Expr& element = module.expr(item);
      if (strings && element.kind == ast::ExprKind::kString) {
        strings->push_back(std::string(element.text));
      }
    }
    return list.count;
  }
  return std::nullopt;
}

// The experiment a Name refers to, as Osprey's registry of constructed experiments would hold
// it; nullopt when there is none. Unlike Osprey, whose registry fills up as calls are
// constructed file by file, this does not depend on the order files are checked in.
std::optional<ExperimentShape> FindExperiment(const ValidationContext& ctx, FileId file,
                                              std::string_view name) {
  const Definition* definition = nullptr;
  if (name.starts_with('_')) {
    if (file.value < ctx.locals.size()) {
      auto it = ctx.locals[file.value].find(name);
      if (it != ctx.locals[file.value].end()) definition = &it->second;
    }
  } else if (auto it = ctx.features.find(name); it != ctx.features.end()) {
    definition = &it->second;
  }
  if (definition == nullptr) return std::nullopt;
  const ast::Module& module = ctx.module(definition->file);
  const ast::Stmt& stmt = module.statements()[definition->statement_index];
  if (!stmt.value.valid() || module.expr(stmt.value).kind != ast::ExprKind::kCall) {
    return std::nullopt;
  }
  const UdfSignature* udf = ctx.udfs.Find(module.CalleeName(module.expr(stmt.value)));
  if (udf == nullptr || udf->check != UdfCheck::kExperiment) return std::nullopt;
  const ModuleFacts& facts = ctx.result.facts[definition->file.value];
  ExperimentShape shape;
  shape.file = definition->file;
  shape.buckets_span = module.expr(stmt.value).span;
  std::optional<size_t> buckets =
      ListArgument(module, facts, stmt.value, "buckets", &shape.buckets, &shape.buckets_span);
  std::optional<size_t> sizes =
      ListArgument(module, facts, stmt.value, "bucket_sizes", nullptr, nullptr);
  if (!buckets || !sizes || *buckets > kMaxBuckets || *buckets != *sizes) return std::nullopt;
  return shape;
}

}  // namespace

bool CheckExperimentCall(ValidationContext& ctx, const CallSite& site) {
  const ast::Module& module = ctx.module(site.file);
  const BoundCall& bound = *site.bound;
  const std::string& function = bound.udf->name;
  size_t errors_before = ctx.sink.error_count();

  if (!site.assigned_to.valid()) {
    Report(
        ctx, site.file, module.expr(site.call).span,
        StrCat({"must assign `", function, "` to a variable"}),
        StrCat({"assign it to a variable before using it: `SomeVariable = ", function, "(...)`"}));
  }
  for (std::string_view param : {"version", "revision"}) {
    const ConstValue* value = ConstantArgument(bound, param);
    if (value != nullptr && (value->is_int() || value->is_big_int()) && value->as_number() < 0) {
      Report(ctx, site.file, ArgumentSpan(module, site, param),
             StrCat({"experiment ", param, " must be zero or greater"}));
    }
  }

  const ConstValue* buckets_value = ConstantArgument(bound, "buckets");
  const ConstValue* sizes_value = ConstantArgument(bound, "bucket_sizes");
  if (buckets_value == nullptr || !buckets_value->is_list() || sizes_value == nullptr ||
      !sizes_value->is_list()) {
    return ctx.sink.error_count() == errors_before;
  }
  std::vector<std::string> buckets = StringItems(buckets_value);
  const ConstList& sizes = sizes_value->as_list();
  const ast::Span buckets_span = ArgumentSpan(module, site, "buckets");
  const ast::Span sizes_span = ArgumentSpan(module, site, "bucket_sizes");

  if (buckets.size() > kMaxBuckets) {
    Report(ctx, site.file, buckets_span,
           "number of experiment buckets must be between 1 and 10 inclusive");
    return false;
  }
  if (std::find(buckets.begin(), buckets.end(), "control") == buckets.end()) {
    Report(ctx, site.file, buckets_span, "'control' must be one of the buckets");
  }
  if (buckets.size() != sizes.size()) {
    Report(ctx, site.file, sizes_span,
           "buckets and bucket_sizes must have the same number of elements");
    return false;
  }
  if (sizes.empty()) return ctx.sink.error_count() == errors_before;

  const int64_t max_units = kUnitsPerWhole / static_cast<int64_t>(sizes.size());
  for (const ConstValue& size : sizes) {
    if (!size.is_int() && !size.is_big_int() && !size.is_float()) continue;
    BucketUnits units = ToBucketUnits(size);
    if (units.too_precise) {
      Report(ctx, site.file, sizes_span,
             "experiment bucket size precision is too high: at most two decimal places are "
             "allowed");
    }
    if (units.units > max_units) {
      std::string size_text = units.units == std::numeric_limits<int64_t>::max()
                                  ? "a bucket size"
                                  : StrCat({UnitsAsPercentage(units.units), "%"});
      Report(ctx, site.file, sizes_span,
             StrCat({size_text, " is over the current maximum of ", UnitsAsPercentage(max_units),
                     "%: reduce the bucket size or the number of buckets"}),
             "each bucket may be at most 100 / (number of buckets) percent, rounded down to "
             "the hundredth");
    }
  }
  return ctx.sink.error_count() == errors_before;
}

bool CheckExperimentWhenCall(ValidationContext& ctx, const CallSite& site) {
  const ast::Module& module = ctx.module(site.file);
  const BoundCall& bound = *site.bound;
  ast::ExprId experiment_id = ArgumentExpr(module, site.call, bound, "experiment");
  if (!experiment_id.valid()) return true;  // A missing keyword is reported by the caller.
  const ast::Expr& experiment = module.expr(experiment_id);
  if (experiment.kind != ast::ExprKind::kName) {
    // Osprey asserts this (an internal error); say what it expects instead.
    Report(ctx, site.file, experiment.span,
           "the experiment must be the name of a variable assigned from `Experiment(...)`");
    return false;
  }
  std::optional<ExperimentShape> shape = FindExperiment(ctx, site.file, experiment.text);
  if (!shape) {
    Report(ctx, site.file, experiment.span,
           StrCat({"experiment '", experiment.text, "' not defined"}));
    return false;
  }

  std::span<const ast::Keyword> keywords = module.keywords(module.expr(site.call));
  std::vector<std::string> provided;
  for (int32_t index : bound.extra_arguments) provided.emplace_back(keywords[index].name);
  std::vector<std::string> expected = shape->buckets;
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());

  bool ok = true;
  const ast::Span call_span = module.expr(site.call).span;
  for (const std::string& bucket : expected) {
    if (std::find(provided.begin(), provided.end(), bucket) != provided.end()) continue;
    Diagnostic diagnostic;
    diagnostic.kind = DiagnosticKind::kInvalidExperiment;
    diagnostic.location = ctx.At(site.file, call_span);
    diagnostic.length = SpanLength(call_span);
    diagnostic.message =
        StrCat({"missing bucket '", bucket, "' required from experiment '", experiment.text, "'"});
    diagnostic.notes.push_back({"the experiment's buckets",
                                ctx.At(shape->file, shape->buckets_span),
                                SpanLength(shape->buckets_span)});
    ctx.sink.Report(std::move(diagnostic));
    ok = false;
  }
  for (int32_t index : bound.extra_arguments) {
    const ast::Keyword& keyword = keywords[index];
    if (std::binary_search(expected.begin(), expected.end(), std::string(keyword.name))) continue;
    const ast::Span span = module.expr(keyword.value).span;
    Diagnostic diagnostic;
    diagnostic.kind = DiagnosticKind::kInvalidExperiment;
    diagnostic.location = ctx.At(site.file, span);
    diagnostic.length = SpanLength(span);
    diagnostic.message = StrCat({"unexpected bucket '", keyword.name,
                                 "', this bucket must match a bucket defined in experiment '",
                                 experiment.text, "'"});
    diagnostic.notes.push_back({"the experiment's buckets",
                                ctx.At(shape->file, shape->buckets_span),
                                SpanLength(shape->buckets_span)});
    ctx.sink.Report(std::move(diagnostic));
    ok = false;
  }
  return ok;
}

// Osprey's ValidateExperiments only collects the experiments for later use; every check is in
// the constructors above, and lowering reads experiments from the bound calls directly.
bool CheckExperiments(ValidationContext& /*ctx*/) { return true; }

}  // namespace osprey::frontend::internal
