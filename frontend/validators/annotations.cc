// Annotation conversion, after the reference's rvalue_type_checker.py: a small registry of simple
// names and generic forms, each generic form parsing its own variants.
#include "frontend/internal/annotations.h"

#include <algorithm>
#include <array>
#include <string>

#include "absl/strings/str_format.h"
#include "frontend/internal/str_cat.h"

namespace osprey::frontend::internal {
namespace {

// The generic forms the reference registers, sorted (its default message lists them sorted).
constexpr std::array<std::string_view, 7> kGenericNames = {
    "Entity", "ExtractLiteral", "ExtractSecret", "List", "Optional", "Secret", "Union"};

bool IsGenericName(std::string_view name) {
  return std::find(kGenericNames.begin(), kGenericNames.end(), name) != kGenericNames.end();
}

std::string DefaultMessage() {
  std::string names;
  for (std::string_view name : kGenericNames) {
    if (!names.empty()) names += ", ";
    StrAppend(&names, {"`", name, "`"});
  }
  return StrCat({"can only check dynamic return values of simple types or ", names, " generics"});
}

std::optional<Type> SimpleType(std::string_view name) {
  if (name == "str") return types::Str();
  if (name == "int") return types::Int();
  if (name == "float") return types::Float();
  if (name == "bool") return types::Bool();
  if (name == "None") return types::None();
  return std::nullopt;
}

class Converter {
 public:
  Converter(const ast::Module& module, std::string_view target)
      : module_(module), target_(target) {}

  // Returns nullopt after filling error_.
  std::optional<Type> Convert(ast::AnnotationId id) {
    const ast::Annotation& a = module_.annotation(id);
    if (!a.generic) return Simple(id, "");
    std::span<const ast::AnnotationId> variants = module_.variants(a);
    if (a.name == "Union") return ConvertUnion(a, variants);
    if (a.name == "Optional") return ConvertOptional(a, variants);
    if (a.name == "List") return ConvertList(variants);
    if (a.name == "Entity") return ConvertEntity(a, variants);
    if (a.name == "ExtractLiteral" || a.name == "Secret" || a.name == "ExtractSecret") {
      return ConvertWrapper(a, variants);
    }
    return Fail(a.span, DefaultMessage(), StrCat({"got unknown generic type `", a.name, "[...]`"}));
  }

  AnnotationError& error() { return error_; }

 private:
  std::nullopt_t Fail(ast::Span span, std::string message, std::string hint = "") {
    error_.span = span;
    error_.message = std::move(message);
    error_.hint = std::move(hint);
    return std::nullopt;
  }

  // A variant that must be a plain name. `message` replaces the default message, as the
  // reference's type constructors do for variants.
  std::optional<Type> Simple(ast::AnnotationId id, std::string_view message) {
    const ast::Annotation& a = module_.annotation(id);
    std::string text = message.empty() ? DefaultMessage() : std::string(message);
    if (a.generic) {
      // The reference asserts here (an internal error); report it as unsupported instead.
      return Fail(a.span, std::move(text),
                  StrCat({"nested generic `", a.name, "[...]` is not supported here"}));
    }
    if (std::optional<Type> type = SimpleType(a.name)) return type;
    if (IsGenericName(a.name)) {
      return Fail(a.span, std::move(text),
                  StrCat({"`", a.name, "` is generic, try `", a.name,
                          "[T]` where `T` is a type like `str` or `int`"}));
    }
    return Fail(a.span, std::move(text), StrCat({"got unknown non-generic type `", a.name, "`"}));
  }

  std::optional<Type> ConvertUnion(const ast::Annotation& a,
                                   std::span<const ast::AnnotationId> variants) {
    if (variants.size() == 1) {
      std::string_view variant = module_.annotation(variants[0]).name;
      return Fail(
          a.span, "a `Union` of one item should be represented as the item by itself",
          StrCat({"assign it to a variable as `", target_, ": ", variant, " = ...` instead"}));
    }
    std::vector<Type> alternatives;
    std::vector<const ast::Annotation*> seen;
    for (ast::AnnotationId id : variants) {
      const ast::Annotation& variant = module_.annotation(id);
      auto previous = std::find_if(seen.begin(), seen.end(), [&](const ast::Annotation* s) {
        return s->name == variant.name;
      });
      if (previous != seen.end()) {
        Fail(variant.span, StrCat({"duplicated type `", variant.name, "` seen in `Union[...]`"}));
        error_.notes_message = "union variant already specified here:";
        error_.notes.push_back((*previous)->span);
        return std::nullopt;
      }
      seen.push_back(&variant);
      std::optional<Type> type = Simple(id, "expected simple type in `Union`");
      if (!type) return std::nullopt;
      alternatives.push_back(*type);
    }
    return types::Union(alternatives);
  }

  std::optional<Type> ConvertOptional(const ast::Annotation& a,
                                      std::span<const ast::AnnotationId> variants) {
    if (variants.empty() || variants.size() > 2) {
      return Fail(a.span, "`Optional` must have one or two arguments",
                  absl::StrFormat("got %d arguments", variants.size()));
    }
    if (variants.size() == 2 && module_.annotation(variants[1]).name != "None") {
      return Fail(a.span, "`Optional` can't have arguments of different types or duplicate types",
                  StrCat({"got ", module_.annotation(variants[0]).name, " and ",
                          module_.annotation(variants[1]).name, " arguments"}));
    }
    std::optional<Type> inner = Simple(variants[0], "expected simple type in `Optional`");
    if (!inner) return std::nullopt;
    return types::Optional(*inner);
  }

  std::optional<Type> ConvertList(std::span<const ast::AnnotationId> variants) {
    if (variants.size() > 1) {
      Fail(module_.annotation(variants[1]).span, "unexpected additional variants to `List[...]`");
      if (variants.size() > 2) {
        error_.notes_message = "also:";
        for (size_t i = 2; i < variants.size(); ++i) {
          error_.notes.push_back(module_.annotation(variants[i]).span);
        }
      }
      return std::nullopt;
    }
    std::optional<Type> item = Simple(variants[0], "expected simple type in `List`");
    if (!item) return std::nullopt;
    return types::List(*item);
  }

  std::optional<Type> ConvertEntity(const ast::Annotation& a,
                                    std::span<const ast::AnnotationId> variants) {
    if (variants.size() != 1) {
      return Fail(a.span, "`Entity` must have exactly one argument",
                  absl::StrFormat("got %d arguments", variants.size()));
    }
    const ast::Annotation& variant = module_.annotation(variants[0]);
    if (variant.name != "str" && variant.name != "int") {
      return Fail(variant.span, "`Entity` only supports `str` and `int` IDs currently",
                  StrCat({"got `", variant.name, "` ID type"}));
    }
    std::optional<Type> id = Simple(variants[0], "expected simple type in `Entity`");
    if (!id) return std::nullopt;
    return types::Entity(*id);
  }

  std::optional<Type> ConvertWrapper(const ast::Annotation& a,
                                     std::span<const ast::AnnotationId> variants) {
    if (variants.size() != 1) {
      return Fail(a.span, StrCat({"`", a.name, "` must have exactly one argument"}),
                  absl::StrFormat("got %d arguments", variants.size()));
    }
    // Wrappers are the one place a nested generic is accepted.
    if (module_.annotation(variants[0]).generic) return Convert(variants[0]);
    return Simple(variants[0], StrCat({"expected simple type in `", a.name, "`"}));
  }

  const ast::Module& module_;
  std::string_view target_;
  AnnotationError error_;
};

}  // namespace

AnnotationWrapper WrapperOf(const ast::Module& module, ast::AnnotationId id) {
  std::string_view name = module.annotation(id).name;
  if (name == "Secret") return AnnotationWrapper::kSecret;
  if (name == "ExtractSecret") return AnnotationWrapper::kExtractSecret;
  if (name == "ExtractLiteral") return AnnotationWrapper::kExtractLiteral;
  return AnnotationWrapper::kNone;
}

AnnotationConversion ConvertAnnotation(const ast::Module& module, ast::AnnotationId id,
                                       std::string_view target) {
  Converter converter(module, target);
  AnnotationConversion result;
  if (std::optional<Type> type = converter.Convert(id)) {
    result.annotation = CheckedAnnotation{.type = *type, .wrapper = WrapperOf(module, id)};
  } else {
    result.error = std::move(converter.error());
  }
  return result;
}

void ReportAnnotationError(ValidationContext& ctx, FileId file, const AnnotationError& error) {
  Diagnostic diagnostic;
  diagnostic.kind = DiagnosticKind::kUnsupportedAnnotation;
  diagnostic.location = ctx.At(file, error.span);
  diagnostic.length = std::max<uint32_t>(1, error.span.end - error.span.begin);
  diagnostic.message = error.message;
  if (!error.hint.empty()) diagnostic.hints.push_back(error.hint);
  for (size_t i = 0; i < error.notes.size(); ++i) {
    const ast::Span& span = error.notes[i];
    diagnostic.notes.push_back({.message = i == 0 ? error.notes_message : "",
                                .location = ctx.At(file, span),
                                .length = std::max<uint32_t>(1, span.end - span.begin)});
  }
  ctx.sink.Report(std::move(diagnostic));
}

bool AnnotationCanExtract(const ast::Module& module, ast::AnnotationId id) {
  const ast::Annotation& a = module.annotation(id);
  if (!a.generic) return true;
  if (a.name == "Secret") return false;
  if (a.name == "ExtractSecret") return true;
  std::span<const ast::AnnotationId> variants = module.variants(a);
  return std::all_of(variants.begin(), variants.end(),
                     [&](ast::AnnotationId v) { return AnnotationCanExtract(module, v); });
}

}  // namespace osprey::frontend::internal
