#include "frontend/ast.h"

namespace osprey::frontend::ast {

std::string_view Module::CalleeName(const Expr& call) const {
  const Expr& callee = expr(call.left);
  return callee.kind == ExprKind::kName ? callee.text : std::string_view();
}

ExprId Module::AddExpr(const Expr& e) {
  exprs_.push_back(e);
  return ExprId{static_cast<int32_t>(exprs_.size() - 1)};
}

uint32_t Module::AddList(std::span<const ExprId> items) {
  uint32_t first = static_cast<uint32_t>(expr_lists_.size());
  expr_lists_.insert(expr_lists_.end(), items.begin(), items.end());
  return first;
}

uint32_t Module::AddKeywords(std::span<const Keyword> keywords) {
  uint32_t first = static_cast<uint32_t>(keywords_.size());
  keywords_.insert(keywords_.end(), keywords.begin(), keywords.end());
  return first;
}

AnnotationId Module::AddAnnotation(Annotation annotation, std::span<const AnnotationId> variants) {
  annotation.first = static_cast<uint32_t>(annotation_lists_.size());
  annotation.count = static_cast<uint32_t>(variants.size());
  annotation_lists_.insert(annotation_lists_.end(), variants.begin(), variants.end());
  annotations_.push_back(annotation);
  return AnnotationId{static_cast<int32_t>(annotations_.size() - 1)};
}

std::string_view Module::Intern(std::string s) {
  owned_strings_.push_back(std::move(s));
  return owned_strings_.back();
}

std::string_view BinaryOpSymbol(BinaryOp op) {
  static constexpr std::string_view kSymbols[] = {"+",  "-",  "*", "/", "//", "%", "**",
                                                  "<<", ">>", "|", "^", "&",  "@"};
  return kSymbols[static_cast<int>(op)];
}

std::string_view UnaryOpSymbol(UnaryOp op) {
  static constexpr std::string_view kSymbols[] = {"not", "-", "+", "~"};
  return kSymbols[static_cast<int>(op)];
}

std::string_view CompareOpSymbol(CompareOp op) {
  static constexpr std::string_view kSymbols[] = {"==", "!=", "<",      "<=", ">",
                                                  ">=", "in", "not in", "is", "is not"};
  return kSymbols[static_cast<int>(op)];
}

}  // namespace osprey::frontend::ast
