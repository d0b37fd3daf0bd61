// Checking assignment annotations (spec §3.3.6): turning a resolved ast::Annotation into the
// static type it declares, the way the reference's rvalue type checker registry does, and
// reporting the annotations it cannot check. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_ANNOTATIONS_H_
#define OSPREY_FRONTEND_INTERNAL_ANNOTATIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.h"
#include "frontend/internal/validation_context.h"
#include "frontend/types.h"

namespace osprey::frontend::internal {

// The outermost wrapper of an annotation (`Secret[str]` -> kSecret).
enum class AnnotationWrapper : uint8_t { kNone, kSecret, kExtractSecret, kExtractLiteral };

// An annotation the type checker understands.
struct CheckedAnnotation {
  // The declared type with every wrapper stripped: `Secret[List[str]]` -> list[str],
  // `str | None` -> `str | None`, `Entity[int]` -> Entity[int].
  Type type = nullptr;
  AnnotationWrapper wrapper = AnnotationWrapper::kNone;
};

// Why an annotation cannot be checked. `span` is in the annotation's file.
struct AnnotationError {
  ast::Span span;
  std::string message;
  std::string hint;
  std::string notes_message;  // Heads the extra locations, when there are any.
  std::vector<ast::Span> notes;
};

struct AnnotationConversion {
  std::optional<CheckedAnnotation> annotation;  // Set on success.
  AnnotationError error;                        // Meaningful when `annotation` is empty.
  bool ok() const { return annotation.has_value(); }
};

// Converts annotation `id` of `module`. `target` is the assigned name, used in hints.
// Accepts str/int/float/bool/None, Optional[T] (one or two variants, the second None), Union of
// two or more distinct simple types, List[T], Entity[str|int], and ExtractLiteral/Secret/
// ExtractSecret around any of these (spec §3.3.6); everything else is an error with the
// reference's message. Nested generics other than inside a wrapper (`List[Optional[int]]`),
// on which the reference crashes, are errors too.
AnnotationConversion ConvertAnnotation(const ast::Module& module, ast::AnnotationId id,
                                       std::string_view target);

// Reports `error` as an UnsupportedAnnotation diagnostic in `file`.
void ReportAnnotationError(ValidationContext& ctx, FileId file, const AnnotationError& error);

// The reference's `can_extract` of an annotation: false for `Secret[...]`, true for
// `ExtractSecret[...]`, otherwise false only if some variant (recursively) is a Secret. Does not
// depend on the annotation being convertible.
bool AnnotationCanExtract(const ast::Module& module, ast::AnnotationId id);

// The wrapper named by an annotation's outermost name (kNone for anything else).
AnnotationWrapper WrapperOf(const ast::Module& module, ast::AnnotationId id);

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_ANNOTATIONS_H_
