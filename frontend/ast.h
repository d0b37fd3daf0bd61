// The syntax tree of one SML file.
//
// Nodes live in vectors owned by `ast::Module` and refer to each other by index (`ExprId`), which
// keeps a parsed file a handful of allocations and makes the tree cheap to walk and to copy.
//
// The parser builds this tree for the Python-shaped input, including constructs SML rejects
// (`kUnsupported` nodes, positional-argument flags, subscripts, ...), so that `CheckSubset`
// (subset_check.h) can reject them in the same order as the reference engine. After
// `CheckSubset` has passed without errors, a module contains only SML: later phases may assume
// that every call's callee is a `kName`, every assignment target is a `kName`, every annotation is
// resolved into `annotations`, and no node is `kUnsupported`, `kSubscript`, `kAttribute` or
// `kFormatFieldSpec`.
#ifndef OSPREY_FRONTEND_AST_H_
#define OSPREY_FRONTEND_AST_H_

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source.h"

namespace osprey::frontend::ast {

// Byte offsets [begin, end) into the module's file. `begin` is where Python puts the node
// (its `lineno`/`col_offset`): a binary operation starts at its left operand.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct ExprId {
  int32_t value = -1;
  bool valid() const { return value >= 0; }
  friend bool operator==(ExprId, ExprId) = default;
};

struct AnnotationId {
  int32_t value = -1;
  bool valid() const { return value >= 0; }
};

enum class ExprKind : uint8_t {
  kName,     // text = identifier (NFKC-normalised, as Python does)
  kString,   // text = decoded value
  kInteger,  // int_value; flags & kIntegerOverflow when the literal exceeds int64
  kFloat,    // float_value
  kBoolean,  // bool_value
  kNone,
  kList,          // items() = elements
  kFormatString,  // text = template with fields as "{Name}" and literal braces doubled;
                  // items() = the field expressions, in order
  kCall,          // left = callee; keywords() = keyword arguments
  kBinary,        // op = BinaryOp; left, right
  kUnary,         // op = UnaryOp; left = operand
  kComparison,    // op = CompareOp; left, right
  kBooleanOp,     // op = BoolOp; items() = operands (two or more)
  kAttribute,     // left = value; text = attribute name
  // Parse-only kinds, rejected by CheckSubset:
  kSubscript,            // left = value; items() = slice elements (only meaningful in annotations)
  kFormatFieldSpec,      // an f-string field with a conversion or format spec; left = expression
  kUnsupported,          // a Python construct SML lacks; text = Python's node class ("IfExp")
  kUnsupportedConstant,  // bytes, complex or Ellipsis; text = Python's repr ("b'abc'")
};

enum class BinaryOp : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kFloorDivide,
  kModulo,
  kPower,
  kLeftShift,
  kRightShift,
  kBitOr,
  kBitXor,
  kBitAnd,
  kMatMult,  // parse-only
};
enum class UnaryOp : uint8_t { kNot, kNegate, kPlus, kInvert };  // kPlus, kInvert: parse-only
enum class CompareOp : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kIn,
  kNotIn,
  kIs,
  kIsNot,  // parse-only
};
enum class BoolOp : uint8_t { kAnd, kOr };

// Flag bits of Expr::flags.
inline constexpr uint8_t kIntegerOverflow = 1;    // kInteger: value does not fit int64
inline constexpr uint8_t kCallHasPositional = 1;  // kCall: positional or *args argument
inline constexpr uint8_t kChainedComparison = 1;  // kComparison: `a < b < c`
inline constexpr uint8_t kStoreContext = 2;       // kList/kAttribute/kName as assignment target
inline constexpr uint8_t kTupleSlice = 1;         // kSubscript: `X[a, b]`

struct Expr {
  ExprKind kind = ExprKind::kNone;
  uint8_t op = 0;
  uint8_t flags = 0;
  Span span;
  ExprId left;
  ExprId right;
  uint32_t first = 0;  // Into Module::expr_lists (or Module::keywords for calls).
  uint32_t count = 0;
  std::string_view text;
  union {
    int64_t int_value = 0;
    double float_value;
    bool bool_value;
  };
};

struct Keyword {
  std::string_view name;
  Span name_span;
  ExprId value;
};

// A resolved annotation: `str`, `Optional[int]`, `Entity[str]`, `List[str]`, `int | None`
// (which becomes Optional[int]), `str | int` (Union[str, int]).
struct Annotation {
  std::string_view name;  // "str", "None", "Optional", "Union", "List", "Entity", ...
  Span span;
  uint32_t first = 0;  // Variants, into Module::annotation_lists; count == 0 for a simple name.
  uint32_t count = 0;
  bool generic = false;  // Written with variants (`Name[...]` or `A | B`).
};

enum class StmtKind : uint8_t {
  kAssign,       // target = value, with an optional annotation
  kCall,         // a call statement: value is the call
  kExpression,   // parse-only: a bare expression that is not a call
  kUnsupported,  // parse-only: a Python statement SML lacks; text = node class ("If")
};

inline constexpr uint8_t kMultipleTargets = 1;  // Stmt::flags: `X = Y = 1`

struct Stmt {
  StmtKind kind = StmtKind::kAssign;
  uint8_t flags = 0;
  Span span;
  ExprId target;
  ExprId value;
  ExprId annotation_expr;   // As parsed; CheckSubset resolves it into `annotation`.
  AnnotationId annotation;  // Valid when the assignment is annotated and well-formed.
  bool annotated = false;   // `X: ... = v` (or `X: ...` with no value, which is an error)
  std::string_view text;
};

class Module {
 public:
  explicit Module(FileId file) : file_(file) {}

  FileId file() const { return file_; }
  bool ok() const { return ok_; }
  void set_ok(bool ok) { ok_ = ok; }

  const std::vector<Stmt>& statements() const { return statements_; }
  std::vector<Stmt>& mutable_statements() { return statements_; }

  const Expr& expr(ExprId id) const { return exprs_[id.value]; }
  Expr& mutable_expr(ExprId id) { return exprs_[id.value]; }
  size_t expr_count() const { return exprs_.size(); }
  std::span<const ExprId> items(const Expr& e) const {
    return {expr_lists_.data() + e.first, e.count};
  }
  std::span<const Keyword> keywords(const Expr& call) const {
    return {keywords_.data() + call.first, call.count};
  }
  const Annotation& annotation(AnnotationId id) const { return annotations_[id.value]; }
  std::span<const AnnotationId> variants(const Annotation& a) const {
    return {annotation_lists_.data() + a.first, a.count};
  }
  // The callee's name of a call, or "" when the callee is not a plain name.
  std::string_view CalleeName(const Expr& call) const;

  // Builders, used by the parser and CheckSubset.
  ExprId AddExpr(const Expr& e);
  uint32_t AddList(std::span<const ExprId> items);
  uint32_t AddKeywords(std::span<const Keyword> keywords);
  AnnotationId AddAnnotation(Annotation annotation, std::span<const AnnotationId> variants);
  // Keeps `s` alive as long as the module and returns a view of it.
  std::string_view Intern(std::string s);

 private:
  FileId file_;
  bool ok_ = true;
  std::vector<Stmt> statements_;
  std::vector<Expr> exprs_;
  std::vector<ExprId> expr_lists_;
  std::vector<Keyword> keywords_;
  std::vector<Annotation> annotations_;
  std::vector<AnnotationId> annotation_lists_;
  std::deque<std::string> owned_strings_;  // deque: growth never moves existing strings.
};

// Calls `visit(child)` for each direct sub-expression of `e` in source order: operands, list
// items, f-string fields, boolean operands, a call's keyword values (not its callee).
template <typename Visit>
void ForEachChild(const Module& module, const Expr& e, Visit&& visit) {
  switch (e.kind) {
    case ExprKind::kCall:
      for (const Keyword& keyword : module.keywords(e)) visit(keyword.value);
      return;
    case ExprKind::kList:
    case ExprKind::kFormatString:
    case ExprKind::kBooleanOp:
      for (ExprId item : module.items(e)) visit(item);
      return;
    case ExprKind::kBinary:
    case ExprKind::kComparison:
      visit(e.left);
      visit(e.right);
      return;
    case ExprKind::kUnary:
      visit(e.left);
      return;
    default:
      return;
  }
}

std::string_view BinaryOpSymbol(BinaryOp op);
std::string_view UnaryOpSymbol(UnaryOp op);
std::string_view CompareOpSymbol(CompareOp op);

}  // namespace osprey::frontend::ast

#endif  // OSPREY_FRONTEND_AST_H_
