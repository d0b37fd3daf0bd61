// Statements, and the Parse() entry point that runs lexer, parser and subset check.
#include "frontend/internal/parser.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "frontend/parse.h"
#include "frontend/subset_check.h"

namespace osprey::frontend {
namespace internal {

using ast::ExprKind;
using ast::StmtKind;

Parser::Parser(std::string_view file_text, std::vector<Token> tokens, ast::Module* module,
               int depth)
    : text_(file_text), tokens_(std::move(tokens)), module_(module), depth_(depth) {}

bool Parser::Accept(TokenKind kind) {
  if (!At(kind)) return false;
  Advance();
  return true;
}

const Token& Parser::Advance() {
  const Token& token = Peek();
  if (next_ < tokens_.size() - 1) ++next_;
  return token;
}

bool Parser::Expect(TokenKind kind) {
  if (Accept(kind)) return true;
  FailInvalidSyntax(Peek());
  return false;
}

std::string_view Parser::TextOf(const Token& token) const {
  return text_.substr(token.begin, token.end - token.begin);
}

void Parser::Fail(uint32_t offset, std::string message, bool generic, DiagnosticKind kind) {
  if (!error_) error_ = SyntaxErrorInfo{kind, std::move(message), offset, generic};
}

void Parser::FailInvalidSyntax(const Token& token) {
  if (token.kind == TokenKind::kIndent) return Fail(token.end, "unexpected indent");
  if (token.kind == TokenKind::kEndOfFile || token.kind == TokenKind::kNewline) {
    return Fail(token.begin, "invalid syntax", /*generic=*/true);
  }
  Fail(token.begin, "invalid syntax", /*generic=*/true);
}

bool Parser::ParseFile() {
  while (!failed() && !At(TokenKind::kEndOfFile)) {
    if (Accept(TokenKind::kNewline) || Accept(TokenKind::kDedent)) continue;
    if (At(TokenKind::kIndent)) {
      Fail(Peek().end, "unexpected indent");
      break;
    }
    ParseLine();
  }
  return !failed();
}

void Parser::AddUnsupportedStatement(std::string_view node_type, uint32_t begin) {
  ast::Stmt stmt;
  stmt.kind = StmtKind::kUnsupported;
  stmt.span = {begin, begin};
  stmt.text = node_type;
  module_->mutable_statements().push_back(stmt);
}

bool Parser::IsSoftKeywordMatch() const {
  // `match x:` followed by an indented block; `match = 1` and `match(x=1)` are ordinary code.
  if (!At(TokenKind::kName) || TextOf(Peek()) != "match") return false;
  size_t i = 1;
  int depth = 0;
  for (;; ++i) {
    TokenKind kind = Peek(i).kind;
    if (kind == TokenKind::kEndOfFile || kind == TokenKind::kNewline) return false;
    if (kind == TokenKind::kLeftParen || kind == TokenKind::kLeftBracket ||
        kind == TokenKind::kLeftBrace) {
      ++depth;
    }
    if (kind == TokenKind::kRightParen || kind == TokenKind::kRightBracket ||
        kind == TokenKind::kRightBrace) {
      --depth;
    }
    if (depth == 0 && (kind == TokenKind::kEqual || kind == TokenKind::kAugmentedAssign)) {
      return false;
    }
    if (depth == 0 && kind == TokenKind::kColon) break;
  }
  return i > 1 && Peek(i + 1).kind == TokenKind::kNewline && Peek(i + 2).kind == TokenKind::kIndent;
}

void Parser::ParseLine() {
  switch (Peek().kind) {
    case TokenKind::kIf:
      return SkipCompoundStatement("If");
    case TokenKind::kWhile:
      return SkipCompoundStatement("While");
    case TokenKind::kFor:
      return SkipCompoundStatement("For");
    case TokenKind::kDef:
      return SkipCompoundStatement("FunctionDef");
    case TokenKind::kClass:
      return SkipCompoundStatement("ClassDef");
    case TokenKind::kWith:
      return SkipCompoundStatement("With");
    case TokenKind::kTry:
      return SkipCompoundStatement("Try");
    case TokenKind::kAt: {
      // Decorators: the node is the decorated def or class, which starts at the first '@'.
      uint32_t begin = Peek().begin;
      while (Accept(TokenKind::kAt)) {
        SkipToEndOfStatement();
        if (!Expect(TokenKind::kNewline)) return;
      }
      if (!At(TokenKind::kDef) && !At(TokenKind::kClass) && !At(TokenKind::kAsync)) {
        return FailInvalidSyntax(Peek());
      }
      std::string_view node = At(TokenKind::kClass)   ? "ClassDef"
                              : At(TokenKind::kAsync) ? "AsyncFunctionDef"
                                                      : "FunctionDef";
      size_t statements = module_->statements().size();
      SkipCompoundStatement(node);
      if (module_->statements().size() > statements) {
        module_->mutable_statements().back().span.begin = begin;
      }
      return;
    }
    case TokenKind::kAsync: {
      TokenKind next = Peek(1).kind;
      std::string_view node = next == TokenKind::kDef    ? "AsyncFunctionDef"
                              : next == TokenKind::kFor  ? "AsyncFor"
                              : next == TokenKind::kWith ? "AsyncWith"
                                                         : "";
      if (node.empty()) return FailInvalidSyntax(Peek(1));
      return SkipCompoundStatement(node);
    }
    case TokenKind::kElif:
    case TokenKind::kElse:
    case TokenKind::kExcept:
    case TokenKind::kFinally:
      return FailInvalidSyntax(Peek());
    default:
      break;
  }
  if (IsSoftKeywordMatch()) return SkipCompoundStatement("Match");
  while (!failed()) {
    ParseSimpleStatement();
    if (failed()) return;
    if (Accept(TokenKind::kSemicolon)) {
      if (At(TokenKind::kNewline) || At(TokenKind::kEndOfFile)) break;
      continue;
    }
    break;
  }
  if (!failed() && !At(TokenKind::kEndOfFile)) Expect(TokenKind::kNewline);
}

void Parser::SkipToEndOfStatement() {
  while (!At(TokenKind::kNewline) && !At(TokenKind::kSemicolon) && !At(TokenKind::kEndOfFile)) {
    if (At(TokenKind::kIndent)) return FailInvalidSyntax(Peek());
    Advance();
  }
}

void Parser::SkipCompoundStatement(std::string_view node_type) {
  const Token header = Peek();
  AddUnsupportedStatement(node_type, header.begin);
  SkipBlock(header);
  // Clauses that continue the statement at the same indentation.
  while (!failed() && (At(TokenKind::kElif) || At(TokenKind::kElse) || At(TokenKind::kExcept) ||
                       At(TokenKind::kFinally) || (node_type == "Match" && At(TokenKind::kName)))) {
    if (node_type == "Match" && At(TokenKind::kName)) break;
    SkipBlock(Peek());
  }
}

// Skips `header ... ':' suite`, where the suite is the rest of the line or an indented block.
void Parser::SkipBlock(const Token& header) {
  int depth = 0;
  while (true) {
    TokenKind kind = Peek().kind;
    if (kind == TokenKind::kEndOfFile || kind == TokenKind::kNewline) {
      return Fail(Peek().begin, "expected ':'");
    }
    Advance();
    if (kind == TokenKind::kLeftParen || kind == TokenKind::kLeftBracket ||
        kind == TokenKind::kLeftBrace) {
      ++depth;
    } else if (kind == TokenKind::kRightParen || kind == TokenKind::kRightBracket ||
               kind == TokenKind::kRightBrace) {
      --depth;
    } else if (kind == TokenKind::kColon && depth == 0) {
      break;
    }
  }
  if (!Accept(TokenKind::kNewline)) {
    // A one-line suite: `if x: y = 1`.
    while (!At(TokenKind::kNewline) && !At(TokenKind::kEndOfFile)) Advance();
    Accept(TokenKind::kNewline);
    return;
  }
  if (!At(TokenKind::kIndent)) {
    uint32_t line = 1;
    for (uint32_t i = 0; i < header.begin; ++i) line += text_[i] == '\n';
    return Fail(Peek().begin,
                absl::StrFormat("expected an indented block after '%s' statement on line %d",
                                TextOf(header), line));
  }
  int indents = 0;
  do {
    if (At(TokenKind::kIndent)) ++indents;
    if (At(TokenKind::kDedent)) --indents;
    Advance();
  } while (indents > 0 && !At(TokenKind::kEndOfFile));
}

void Parser::ParseSimpleStatement() {
  const Token& first = Peek();
  std::string_view node_type;
  switch (first.kind) {
    case TokenKind::kImport:
      node_type = "Import";
      break;
    case TokenKind::kFrom:
      node_type = "ImportFrom";
      break;
    case TokenKind::kPass:
      node_type = "Pass";
      break;
    case TokenKind::kDel:
      node_type = "Delete";
      break;
    case TokenKind::kReturn:
      node_type = "Return";
      break;
    case TokenKind::kGlobal:
      node_type = "Global";
      break;
    case TokenKind::kNonlocal:
      node_type = "Nonlocal";
      break;
    case TokenKind::kAssert:
      node_type = "Assert";
      break;
    case TokenKind::kRaise:
      node_type = "Raise";
      break;
    case TokenKind::kBreak:
      node_type = "Break";
      break;
    case TokenKind::kContinue:
      node_type = "Continue";
      break;
    default:
      break;
  }
  if (!node_type.empty()) {
    AddUnsupportedStatement(node_type, first.begin);
    Advance();
    return SkipToEndOfStatement();
  }
  ParseExpressionStatement();
}

void Parser::ParseExpressionStatement() {
  uint32_t begin = Peek().begin;
  ExprId first = ParseStarExpressions();
  if (failed()) return;
  ast::Stmt stmt;
  stmt.span.begin = begin;
  if (At(TokenKind::kColon)) {
    ExprKind kind = Get(first).kind;
    if (kind != ExprKind::kName && kind != ExprKind::kAttribute && kind != ExprKind::kSubscript) {
      bool tuple = kind == ExprKind::kUnsupported && Get(first).text == "Tuple";
      return Fail(Get(first).span.begin, tuple ? "only single target (not tuple) can be annotated"
                                               : "illegal target for annotation");
    }
    Advance();
    stmt.annotated = true;
    stmt.target = first;
    stmt.annotation_expr = ParseExpression();
    if (failed()) return;
    if (Accept(TokenKind::kEqual)) {
      stmt.value = ParseStarExpressions();
      if (failed()) return;
    }
  } else if (At(TokenKind::kAugmentedAssign)) {
    ExprKind kind = Get(first).kind;
    if (kind != ExprKind::kName && kind != ExprKind::kAttribute && kind != ExprKind::kSubscript) {
      return Fail(Get(first).span.begin, "illegal expression for augmented assignment");
    }
    Advance();
    ParseStarExpressions();
    if (failed()) return;
    return AddUnsupportedStatement("AugAssign", begin);
  } else if (At(TokenKind::kEqual)) {
    std::vector<ExprId> targets = {first};
    while (Accept(TokenKind::kEqual)) {
      targets.push_back(ParseStarExpressions());
      if (failed()) return;
    }
    stmt.value = targets.back();
    targets.pop_back();
    for (ExprId target : targets) {
      CheckAssignTarget(target);
      if (failed()) return;
    }
    stmt.target = targets.front();
    if (targets.size() > 1) stmt.flags |= ast::kMultipleTargets;
  } else {
    stmt.kind = Get(first).kind == ExprKind::kCall ? StmtKind::kCall : StmtKind::kExpression;
    stmt.value = first;
  }
  // The statement ends with its last token, before any trailing comment or whitespace.
  stmt.span.end = next_ > 0 ? tokens_[next_ - 1].end : Peek().begin;
  module_->mutable_statements().push_back(stmt);
}

// CPython's "cannot assign to ..." checks, which make these syntax errors rather than AST nodes.
void Parser::CheckAssignTarget(ExprId target) {
  const ast::Expr& e = Get(target);
  auto fail = [&](std::string_view what) {
    Fail(e.span.begin,
         absl::StrFormat("cannot assign to %s here. Maybe you meant '==' instead of '='?", what));
  };
  switch (e.kind) {
    case ExprKind::kName:
    case ExprKind::kAttribute:
    case ExprKind::kSubscript:
      return;
    case ExprKind::kList:
      for (ExprId item : module_->items(e)) CheckAssignTarget(item);
      return;
    case ExprKind::kUnsupported:
      if (e.text == "Tuple" || e.text == "Starred") {
        for (ExprId item : module_->items(e)) CheckAssignTarget(item);
        return;
      }
      return fail("expression");
    case ExprKind::kNone:
      return Fail(e.span.begin, "cannot assign to None");
    case ExprKind::kBoolean:
      return Fail(e.span.begin, e.bool_value ? "cannot assign to True" : "cannot assign to False");
    case ExprKind::kString:
    case ExprKind::kInteger:
    case ExprKind::kFloat:
    case ExprKind::kUnsupportedConstant:
      return fail("literal");
    case ExprKind::kFormatString:
      return fail("f-string expression");
    case ExprKind::kCall:
      return fail("function call");
    case ExprKind::kComparison:
      return fail("comparison");
    default:
      return fail("expression");
  }
}

}  // namespace internal

namespace {

// Later phases walk expressions recursively; a tree deeper than this (a chain of 100 000 `+`,
// which the parser builds in a loop) is reported instead of overflowing their stacks.
constexpr int kMaxExpressionDepth = 1000;

// The first expression whose subtree is deeper than kMaxExpressionDepth, if any. The parser
// creates children before their parents, so one forward pass computes every depth.
std::optional<ast::ExprId> FindTooDeepExpression(const ast::Module& module) {
  std::vector<uint16_t> depth(module.expr_count(), 1);
  for (size_t i = 0; i < module.expr_count(); ++i) {
    const ast::Expr& e = module.expr(ast::ExprId{static_cast<int32_t>(i)});
    uint16_t deepest = 0;
    auto visit = [&](ast::ExprId child) {
      if (child.valid()) deepest = std::max(deepest, depth[child.value]);
    };
    visit(e.left);
    visit(e.right);
    if (e.kind == ast::ExprKind::kCall) {
      for (const ast::Keyword& keyword : module.keywords(e)) visit(keyword.value);
    } else {
      for (ast::ExprId item : module.items(e)) visit(item);
    }
    depth[i] = deepest + 1;
    if (depth[i] > kMaxExpressionDepth) return ast::ExprId{static_cast<int32_t>(i)};
  }
  return std::nullopt;
}

}  // namespace

ast::Module Parse(const SourceSet& sources, FileId file, DiagnosticSink& sink) {
  ast::Module module(file);
  std::string_view text = sources.file(file).text();
  if (text.size() >= UINT32_MAX) {
    sink.Error(DiagnosticKind::kInvalidEncoding, {file, 0}, 1, "source file is larger than 4 GiB");
    module.set_ok(false);
    return module;
  }
  LexResult lexed = Lex(text);
  if (lexed.error && lexed.error->encoding) {
    sink.Error(DiagnosticKind::kInvalidEncoding, {file, lexed.error->offset}, 1,
               lexed.error->message);
    module.set_ok(false);
    return module;
  }
  internal::Parser parser(text, std::move(lexed.tokens), &module);
  bool parsed = parser.ParseFile();
  // A tokenizer error wins over CPython's catch-all "invalid syntax", and over nothing at all.
  std::optional<internal::SyntaxErrorInfo> error = parser.error();
  if (lexed.error && (parsed || error->generic || error->offset >= lexed.error->offset)) {
    error = internal::SyntaxErrorInfo{DiagnosticKind::kSyntaxError, lexed.error->message,
                                      lexed.error->offset};
  }
  if (!error) {
    if (std::optional<ast::ExprId> deep = FindTooDeepExpression(module)) {
      error = internal::SyntaxErrorInfo{
          DiagnosticKind::kNestingTooDeep,
          absl::StrFormat("expression nests more than %d levels deep", kMaxExpressionDepth),
          module.expr(*deep).span.begin};
    }
  }
  if (error) {
    sink.Error(error->kind, {file, error->offset}, 1, error->message);
    module.set_ok(false);
    return module;
  }
  module.set_ok(CheckSubset(module, sink));
  return module;
}

}  // namespace osprey::frontend
