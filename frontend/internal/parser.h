// The recursive-descent parser behind Parse(): CPython 3.11's grammar for statements and
// expressions, wide enough to recognise (and name) every Python construct SML rejects, building
// the tree of ast.h. Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_PARSER_H_
#define OSPREY_FRONTEND_INTERNAL_PARSER_H_

#include <optional>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/lexer.h"

namespace osprey::frontend::internal {

struct SyntaxErrorInfo {
  DiagnosticKind kind = DiagnosticKind::kSyntaxError;
  std::string message;
  uint32_t offset = 0;
  // CPython's catch-all "invalid syntax": a tokenizer error later in the file replaces it.
  bool generic = false;
};

class Parser {
 public:
  // `tokens` must end with kEndOfFile. The parser appends to `module`.
  Parser(std::string_view file_text, std::vector<Token> tokens, ast::Module* module, int depth = 0);

  // Parses a whole file into module->statements. Returns false on a syntax error.
  bool ParseFile();
  // Parses the expression of an f-string field (tokens of the field only). Invalid on error.
  ast::ExprId ParseFormatField();

  const std::optional<SyntaxErrorInfo>& error() const { return error_; }

 private:
  using ExprId = ast::ExprId;

  // Token cursor.
  const Token& Peek(size_t ahead = 0) const {
    size_t index = next_ + ahead;
    return index < tokens_.size() ? tokens_[index] : tokens_.back();
  }
  bool At(TokenKind kind) const { return Peek().kind == kind; }
  bool Accept(TokenKind kind);
  const Token& Advance();
  bool Expect(TokenKind kind);
  std::string_view TextOf(const Token& token) const;
  bool failed() const { return error_.has_value(); }
  void Fail(uint32_t offset, std::string message, bool generic = false,
            DiagnosticKind kind = DiagnosticKind::kSyntaxError);
  void FailInvalidSyntax(const Token& token);

  // Statements (parser.cc).
  void ParseLine();
  void ParseSimpleStatement();
  void ParseExpressionStatement();
  void SkipCompoundStatement(std::string_view node_type);
  void SkipBlock(const Token& header);
  void SkipToEndOfStatement();
  void CheckAssignTarget(ExprId target);
  bool IsSoftKeywordMatch() const;
  void AddUnsupportedStatement(std::string_view node_type, uint32_t begin);

  // Expressions (parser_expr.cc).
  ExprId ParseStarExpressions();
  ExprId ParseStarNamedExpression();
  ExprId ParseNamedExpression();
  ExprId ParseExpression();
  ExprId ParseDisjunction();
  ExprId ParseConjunction();
  ExprId ParseInversion();
  ExprId ParseComparison();
  ExprId ParseBinary(int level);
  ExprId ParseFactor();
  ExprId ParsePower();
  ExprId ParsePrimary();
  ExprId ParseAtom();
  ExprId ParseParenthesized();
  ExprId ParseListDisplay();
  ExprId ParseBraceDisplay();
  ExprId ParseCallArguments(ExprId callee);
  ExprId ParseSubscript(ExprId value);
  ExprId ParseLambda();
  void SkipComprehension(TokenKind close);
  void SkipBalancedUntilClose(TokenKind close);
  bool EnterNesting(uint32_t offset);

  // Strings and f-strings (parser_string.cc).
  ExprId ParseStrings();
  bool AppendFormatString(const Token& token, std::string_view body, uint32_t body_offset, bool raw,
                          std::string* template_text, std::vector<ExprId>* fields);
  ExprId ParseFormatFieldExpression(uint32_t offset, std::string_view text);

  // Node construction.
  ExprId Add(ast::ExprKind kind, uint32_t begin, uint32_t end);
  ExprId AddUnsupported(std::string_view node_type, uint32_t begin, uint32_t end,
                        std::span<const ExprId> items = {});
  const ast::Expr& Get(ExprId id) const { return module_->expr(id); }
  ast::Expr& Mutable(ExprId id) { return module_->mutable_expr(id); }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  ast::Module* module_;
  int depth_;
  std::optional<SyntaxErrorInfo> error_;
};

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_PARSER_H_
