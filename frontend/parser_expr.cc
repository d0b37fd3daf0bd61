// Expressions: CPython 3.11's precedence levels, from star_expressions down to atoms.
#include "absl/strings/str_format.h"
#include "frontend/internal/parser.h"
#include "frontend/number_literal.h"
#include "frontend/unicode.h"

namespace osprey::frontend::internal {

using ast::ExprId;
using ast::ExprKind;

namespace {

// Deeper nesting of operators than this is reported instead of recursing further, so that
// hostile input cannot overflow the stack. Brackets are limited to 200 levels by the lexer.
constexpr int kMaxNesting = 400;

bool IsOpen(TokenKind kind) {
  return kind == TokenKind::kLeftParen || kind == TokenKind::kLeftBracket ||
         kind == TokenKind::kLeftBrace;
}
bool IsClose(TokenKind kind) {
  return kind == TokenKind::kRightParen || kind == TokenKind::kRightBracket ||
         kind == TokenKind::kRightBrace;
}

struct BinaryLevel {
  TokenKind tokens[5];
  ast::BinaryOp ops[5];
  int count;
};

// From loosest to tightest: | ^ & shifts sums terms.
constexpr BinaryLevel kBinaryLevels[] = {
    {{TokenKind::kPipe}, {ast::BinaryOp::kBitOr}, 1},
    {{TokenKind::kCaret}, {ast::BinaryOp::kBitXor}, 1},
    {{TokenKind::kAmpersand}, {ast::BinaryOp::kBitAnd}, 1},
    {{TokenKind::kLessLess, TokenKind::kGreaterGreater},
     {ast::BinaryOp::kLeftShift, ast::BinaryOp::kRightShift},
     2},
    {{TokenKind::kPlus, TokenKind::kMinus}, {ast::BinaryOp::kAdd, ast::BinaryOp::kSubtract}, 2},
    {{TokenKind::kStar, TokenKind::kSlash, TokenKind::kSlashSlash, TokenKind::kPercent,
      TokenKind::kAt},
     {ast::BinaryOp::kMultiply, ast::BinaryOp::kDivide, ast::BinaryOp::kFloorDivide,
      ast::BinaryOp::kModulo, ast::BinaryOp::kMatMult},
     5},
};
constexpr int kBinaryLevelCount = sizeof(kBinaryLevels) / sizeof(kBinaryLevels[0]);

}  // namespace

ExprId Parser::Add(ExprKind kind, uint32_t begin, uint32_t end) {
  ast::Expr e;
  e.kind = kind;
  e.span = {begin, end};
  return module_->AddExpr(e);
}

ExprId Parser::AddUnsupported(std::string_view node_type, uint32_t begin, uint32_t end,
                              std::span<const ExprId> items) {
  ExprId id = Add(ExprKind::kUnsupported, begin, end);
  ast::Expr& e = Mutable(id);
  e.text = node_type;
  e.first = module_->AddList(items);
  e.count = static_cast<uint32_t>(items.size());
  return id;
}

bool Parser::EnterNesting(uint32_t offset) {
  if (depth_ < kMaxNesting) return true;
  Fail(offset, absl::StrFormat("expression nests more than %d levels deep", kMaxNesting),
       /*generic=*/false, DiagnosticKind::kNestingTooDeep);
  return false;
}

// star_expressions: a tuple when there is a top-level comma (`A = 1, 2`).
ExprId Parser::ParseStarExpressions() {
  uint32_t begin = Peek().begin;
  ExprId first = ParseStarNamedExpression();
  if (failed() || !At(TokenKind::kComma)) return first;
  std::vector<ExprId> items = {first};
  while (Accept(TokenKind::kComma)) {
    TokenKind next = Peek().kind;
    if (next == TokenKind::kNewline || next == TokenKind::kEqual || next == TokenKind::kSemicolon ||
        next == TokenKind::kEndOfFile || next == TokenKind::kColon || IsClose(next) ||
        next == TokenKind::kAugmentedAssign) {
      break;
    }
    items.push_back(ParseStarNamedExpression());
    if (failed()) return {};
  }
  return AddUnsupported("Tuple", begin, Peek().begin, items);
}

ExprId Parser::ParseStarNamedExpression() {
  if (At(TokenKind::kStar)) {
    uint32_t begin = Advance().begin;
    ExprId value = ParseBinary(0);
    if (failed()) return {};
    ExprId items[] = {value};
    return AddUnsupported("Starred", begin, Get(value).span.end, items);
  }
  return ParseNamedExpression();
}

ExprId Parser::ParseNamedExpression() {
  if (At(TokenKind::kName) && Peek(1).kind == TokenKind::kColonEqual) {
    uint32_t begin = Peek().begin;
    Advance();
    Advance();
    ExprId value = ParseExpression();
    if (failed()) return {};
    return AddUnsupported("NamedExpr", begin, Get(value).span.end);
  }
  return ParseExpression();
}

ExprId Parser::ParseExpression() {
  if (At(TokenKind::kLambda)) return ParseLambda();
  ExprId body = ParseDisjunction();
  if (failed() || !At(TokenKind::kIf)) return body;
  Advance();
  ParseDisjunction();
  if (failed() || !Expect(TokenKind::kElse)) return {};
  ExprId orelse = ParseExpression();
  if (failed()) return {};
  return AddUnsupported("IfExp", Get(body).span.begin, Get(orelse).span.end);
}

ExprId Parser::ParseLambda() {
  uint32_t begin = Advance().begin;
  // Parameters: names, defaults, *args, **kwargs; nothing in them matters to SML.
  while (!At(TokenKind::kColon)) {
    if (At(TokenKind::kNewline) || At(TokenKind::kEndOfFile) || IsClose(Peek().kind)) {
      FailInvalidSyntax(Peek());
      return {};
    }
    if (IsOpen(Peek().kind)) {
      TokenKind close = At(TokenKind::kLeftParen)     ? TokenKind::kRightParen
                        : At(TokenKind::kLeftBracket) ? TokenKind::kRightBracket
                                                      : TokenKind::kRightBrace;
      Advance();
      SkipBalancedUntilClose(close);
      if (failed()) return {};
    } else {
      Advance();
    }
  }
  Advance();
  ExprId body = ParseExpression();
  if (failed()) return {};
  return AddUnsupported("Lambda", begin, Get(body).span.end);
}

ExprId Parser::ParseDisjunction() {
  ExprId first = ParseConjunction();
  if (failed() || !At(TokenKind::kOr)) return first;
  std::vector<ExprId> values = {first};
  while (Accept(TokenKind::kOr)) {
    values.push_back(ParseConjunction());
    if (failed()) return {};
  }
  ExprId id = Add(ExprKind::kBooleanOp, Get(first).span.begin, Get(values.back()).span.end);
  Mutable(id).op = static_cast<uint8_t>(ast::BoolOp::kOr);
  Mutable(id).first = module_->AddList(values);
  Mutable(id).count = static_cast<uint32_t>(values.size());
  return id;
}

ExprId Parser::ParseConjunction() {
  ExprId first = ParseInversion();
  if (failed() || !At(TokenKind::kAnd)) return first;
  std::vector<ExprId> values = {first};
  while (Accept(TokenKind::kAnd)) {
    values.push_back(ParseInversion());
    if (failed()) return {};
  }
  ExprId id = Add(ExprKind::kBooleanOp, Get(first).span.begin, Get(values.back()).span.end);
  Mutable(id).op = static_cast<uint8_t>(ast::BoolOp::kAnd);
  Mutable(id).first = module_->AddList(values);
  Mutable(id).count = static_cast<uint32_t>(values.size());
  return id;
}

ExprId Parser::ParseInversion() {
  if (!At(TokenKind::kNot)) return ParseComparison();
  uint32_t begin = Peek().begin;
  if (!EnterNesting(begin)) return {};
  Advance();
  ++depth_;
  ExprId operand = ParseInversion();
  --depth_;
  if (failed()) return {};
  ExprId id = Add(ExprKind::kUnary, begin, Get(operand).span.end);
  Mutable(id).op = static_cast<uint8_t>(ast::UnaryOp::kNot);
  Mutable(id).left = operand;
  return id;
}

ExprId Parser::ParseComparison() {
  ExprId left = ParseBinary(0);
  if (failed()) return {};
  ExprId result = left;
  int comparisons = 0;
  while (true) {
    ast::CompareOp op;
    switch (Peek().kind) {
      case TokenKind::kEqualEqual:
        op = ast::CompareOp::kEqual;
        break;
      case TokenKind::kNotEqual:
        op = ast::CompareOp::kNotEqual;
        break;
      case TokenKind::kLess:
        op = ast::CompareOp::kLess;
        break;
      case TokenKind::kLessEqual:
        op = ast::CompareOp::kLessEqual;
        break;
      case TokenKind::kGreater:
        op = ast::CompareOp::kGreater;
        break;
      case TokenKind::kGreaterEqual:
        op = ast::CompareOp::kGreaterEqual;
        break;
      case TokenKind::kIn:
        op = ast::CompareOp::kIn;
        break;
      case TokenKind::kNot:
        if (Peek(1).kind != TokenKind::kIn) return result;
        Advance();
        op = ast::CompareOp::kNotIn;
        break;
      case TokenKind::kIs:
        if (Peek(1).kind == TokenKind::kNot) {
          Advance();
          op = ast::CompareOp::kIsNot;
        } else {
          op = ast::CompareOp::kIs;
        }
        break;
      default:
        return result;
    }
    Advance();
    ExprId right = ParseBinary(0);
    if (failed()) return {};
    if (comparisons++ == 0) {
      result = Add(ExprKind::kComparison, Get(left).span.begin, Get(right).span.end);
      Mutable(result).op = static_cast<uint8_t>(op);
      Mutable(result).left = left;
      Mutable(result).right = right;
    } else {
      Mutable(result).flags |= ast::kChainedComparison;
      Mutable(result).span.end = Get(right).span.end;
    }
  }
}

ExprId Parser::ParseBinary(int level) {
  if (level == kBinaryLevelCount) return ParseFactor();
  ExprId left = ParseBinary(level + 1);
  const BinaryLevel& ops = kBinaryLevels[level];
  while (!failed()) {
    int match = -1;
    for (int i = 0; i < ops.count; ++i) {
      if (At(ops.tokens[i])) match = i;
    }
    if (match < 0) break;
    Advance();
    ExprId right = ParseBinary(level + 1);
    if (failed()) return {};
    ExprId id = Add(ExprKind::kBinary, Get(left).span.begin, Get(right).span.end);
    Mutable(id).op = static_cast<uint8_t>(ops.ops[match]);
    Mutable(id).left = left;
    Mutable(id).right = right;
    left = id;
  }
  return failed() ? ExprId{} : left;
}

ExprId Parser::ParseFactor() {
  ast::UnaryOp op;
  switch (Peek().kind) {
    case TokenKind::kMinus:
      op = ast::UnaryOp::kNegate;
      break;
    case TokenKind::kPlus:
      op = ast::UnaryOp::kPlus;
      break;
    case TokenKind::kTilde:
      op = ast::UnaryOp::kInvert;
      break;
    default:
      return ParsePower();
  }
  uint32_t begin = Peek().begin;
  if (!EnterNesting(begin)) return {};
  Advance();
  ++depth_;
  ExprId operand = ParseFactor();
  --depth_;
  if (failed()) return {};
  ExprId id = Add(ExprKind::kUnary, begin, Get(operand).span.end);
  Mutable(id).op = static_cast<uint8_t>(op);
  Mutable(id).left = operand;
  return id;
}

ExprId Parser::ParsePower() {
  uint32_t begin = Peek().begin;
  bool await = Accept(TokenKind::kAwait);
  ExprId base = ParsePrimary();
  if (failed()) return {};
  if (await) base = AddUnsupported("Await", begin, Get(base).span.end);
  if (!Accept(TokenKind::kStarStar)) return base;
  if (!EnterNesting(begin)) return {};
  ++depth_;
  ExprId exponent = ParseFactor();
  --depth_;
  if (failed()) return {};
  ExprId id = Add(ExprKind::kBinary, Get(base).span.begin, Get(exponent).span.end);
  Mutable(id).op = static_cast<uint8_t>(ast::BinaryOp::kPower);
  Mutable(id).left = base;
  Mutable(id).right = exponent;
  return id;
}

ExprId Parser::ParsePrimary() {
  ExprId value = ParseAtom();
  while (!failed()) {
    if (At(TokenKind::kDot)) {
      Advance();
      if (!At(TokenKind::kName)) {
        FailInvalidSyntax(Peek());
        return {};
      }
      const Token& name = Advance();
      ExprId id = Add(ExprKind::kAttribute, Get(value).span.begin, name.end);
      Mutable(id).left = value;
      Mutable(id).text = TextOf(name);
      value = id;
    } else if (At(TokenKind::kLeftParen)) {
      value = ParseCallArguments(value);
    } else if (At(TokenKind::kLeftBracket)) {
      value = ParseSubscript(value);
    } else {
      break;
    }
  }
  return failed() ? ExprId{} : value;
}

ExprId Parser::ParseCallArguments(ExprId callee) {
  if (!EnterNesting(Peek().begin)) return {};
  ++depth_;
  Advance();  // '('
  std::vector<ast::Keyword> keywords;
  bool positional = false;
  bool seen_keyword = false;
  bool seen_double_star = false;
  while (!failed() && !At(TokenKind::kRightParen)) {
    if (Accept(TokenKind::kStar)) {
      ParseExpression();
      positional = true;
    } else if (Accept(TokenKind::kStarStar)) {
      // Osprey's transformer silently drops `**mapping` arguments.
      ParseExpression();
      seen_double_star = true;
    } else if (At(TokenKind::kName) && Peek(1).kind == TokenKind::kEqual) {
      const Token& name = Advance();
      Advance();
      ExprId value = ParseExpression();
      if (failed()) break;
      std::string_view text = TextOf(name);
      bool ascii = true;
      for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
      if (!ascii) text = module_->Intern(NormalizeNfkc(text));
      keywords.push_back(ast::Keyword{text, {name.begin, name.end}, value});
      seen_keyword = true;
    } else {
      ExprId value = ParseNamedExpression();
      if (failed()) break;
      if (At(TokenKind::kFor) || At(TokenKind::kAsync)) {
        SkipComprehension(TokenKind::kRightParen);
        if (failed()) break;
      } else if (At(TokenKind::kEqual)) {
        Fail(Get(value).span.begin,
             "expression cannot contain assignment, perhaps you meant \"==\"?");
        break;
      }
      if (seen_keyword || seen_double_star) {
        Fail(Get(value).span.begin, seen_double_star
                                        ? "positional argument follows keyword argument unpacking"
                                        : "positional argument follows keyword argument");
        break;
      }
      positional = true;
    }
    if (failed() || !Accept(TokenKind::kComma)) break;
  }
  --depth_;
  if (failed()) return {};
  if (!At(TokenKind::kRightParen)) {
    FailInvalidSyntax(Peek());
    return {};
  }
  uint32_t end = Advance().end;
  ExprId id = Add(ExprKind::kCall, Get(callee).span.begin, end);
  ast::Expr& call = Mutable(id);
  call.left = callee;
  call.first = module_->AddKeywords(keywords);
  call.count = static_cast<uint32_t>(keywords.size());
  if (positional) call.flags |= ast::kCallHasPositional;
  return id;
}

ExprId Parser::ParseSubscript(ExprId value) {
  if (!EnterNesting(Peek().begin)) return {};
  ++depth_;
  Advance();  // '['
  std::vector<ExprId> items;
  bool tuple = false;
  while (!failed() && !At(TokenKind::kRightBracket)) {
    uint32_t begin = Peek().begin;
    ExprId item;
    if (!At(TokenKind::kColon)) item = ParseStarNamedExpression();
    if (failed()) break;
    if (At(TokenKind::kColon)) {
      // A slice `a:b:c`; SML has no use for it beyond naming it in the error.
      while (Accept(TokenKind::kColon)) {
        if (!At(TokenKind::kColon) && !At(TokenKind::kComma) && !At(TokenKind::kRightBracket)) {
          ParseExpression();
          if (failed()) break;
        }
      }
      item = AddUnsupported("Slice", begin, Peek().begin);
    }
    items.push_back(item);
    if (!Accept(TokenKind::kComma)) break;
    tuple = true;
  }
  --depth_;
  if (failed()) return {};
  if (items.empty() || !At(TokenKind::kRightBracket)) {
    FailInvalidSyntax(Peek());
    return {};
  }
  uint32_t end = Advance().end;
  ExprId id = Add(ExprKind::kSubscript, Get(value).span.begin, end);
  ast::Expr& e = Mutable(id);
  e.left = value;
  e.first = module_->AddList(items);
  e.count = static_cast<uint32_t>(items.size());
  if (tuple) e.flags |= ast::kTupleSlice;
  return id;
}

// Skips the `for ... in ... if ...` clauses of a comprehension, up to (not including) `close`
// or a top-level ',' that ends a call argument.
void Parser::SkipComprehension(TokenKind close) {
  int depth = 0;
  while (true) {
    TokenKind kind = Peek().kind;
    if (kind == TokenKind::kEndOfFile) return FailInvalidSyntax(Peek());
    if (depth == 0 &&
        (kind == close || (kind == TokenKind::kComma && close == TokenKind::kRightParen))) {
      return;
    }
    if (IsOpen(kind)) ++depth;
    if (IsClose(kind)) --depth;
    Advance();
  }
}

// Skips to the bracket that closes the one just consumed, and consumes it.
void Parser::SkipBalancedUntilClose(TokenKind close) {
  int depth = 0;
  while (true) {
    TokenKind kind = Peek().kind;
    if (kind == TokenKind::kEndOfFile) return FailInvalidSyntax(Peek());
    Advance();
    if (IsOpen(kind)) ++depth;
    if (IsClose(kind)) {
      if (depth == 0) {
        if (kind != close) FailInvalidSyntax(Peek());
        return;
      }
      --depth;
    }
  }
}

ExprId Parser::ParseAtom() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kName: {
      Advance();
      ExprId id = Add(ExprKind::kName, token.begin, token.end);
      std::string_view name = TextOf(token);
      bool ascii = true;
      for (char c : name) ascii &= static_cast<unsigned char>(c) < 0x80;
      // Python identifiers are NFKC-normalised: `ﬁ` and `fi` are the same name.
      Mutable(id).text = ascii ? name : module_->Intern(NormalizeNfkc(name));
      return id;
    }
    case TokenKind::kNumber: {
      Advance();
      NumberLiteral number = ParseNumberLiteral(TextOf(token));
      if (number.kind == NumberLiteral::Kind::kImaginary) {
        ExprId id = Add(ExprKind::kUnsupportedConstant, token.begin, token.end);
        Mutable(id).text = TextOf(token);
        return id;
      }
      bool is_float = number.kind == NumberLiteral::Kind::kFloat;
      ExprId id = Add(is_float ? ExprKind::kFloat : ExprKind::kInteger, token.begin, token.end);
      ast::Expr& e = Mutable(id);
      e.text = TextOf(token);
      if (is_float) {
        e.float_value = number.float_value;
      } else {
        e.int_value = number.int_value;
        if (number.overflow) e.flags |= ast::kIntegerOverflow;
      }
      return id;
    }
    case TokenKind::kString:
      return ParseStrings();
    case TokenKind::kTrue:
    case TokenKind::kFalse: {
      Advance();
      ExprId id = Add(ExprKind::kBoolean, token.begin, token.end);
      Mutable(id).bool_value = token.kind == TokenKind::kTrue;
      return id;
    }
    case TokenKind::kNone:
      Advance();
      return Add(ExprKind::kNone, token.begin, token.end);
    case TokenKind::kEllipsis: {
      Advance();
      ExprId id = Add(ExprKind::kUnsupportedConstant, token.begin, token.end);
      Mutable(id).text = "Ellipsis";
      return id;
    }
    case TokenKind::kLeftParen:
      return ParseParenthesized();
    case TokenKind::kLeftBracket:
      return ParseListDisplay();
    case TokenKind::kLeftBrace:
      return ParseBraceDisplay();
    default:
      FailInvalidSyntax(token);
      return {};
  }
}

ExprId Parser::ParseParenthesized() {
  uint32_t begin = Peek().begin;
  if (!EnterNesting(begin)) return {};
  Advance();
  if (At(TokenKind::kRightParen)) {
    uint32_t end = Advance().end;
    return AddUnsupported("Tuple", begin, end);
  }
  if (At(TokenKind::kYield)) {
    SkipBalancedUntilClose(TokenKind::kRightParen);
    if (failed()) return {};
    return AddUnsupported("Yield", begin, begin);
  }
  ++depth_;
  ExprId first = ParseStarNamedExpression();
  --depth_;
  if (failed()) return {};
  if (At(TokenKind::kFor) || At(TokenKind::kAsync)) {
    SkipComprehension(TokenKind::kRightParen);
    if (failed() || !Expect(TokenKind::kRightParen)) return {};
    return AddUnsupported("GeneratorExp", begin, begin);
  }
  if (At(TokenKind::kComma)) {
    std::vector<ExprId> items = {first};
    while (Accept(TokenKind::kComma) && !At(TokenKind::kRightParen)) {
      ++depth_;
      items.push_back(ParseStarNamedExpression());
      --depth_;
      if (failed()) return {};
    }
    if (!At(TokenKind::kRightParen)) {
      FailInvalidSyntax(Peek());
      return {};
    }
    uint32_t end = Advance().end;
    return AddUnsupported("Tuple", begin, end, items);
  }
  if (!Expect(TokenKind::kRightParen)) return {};
  return first;
}

ExprId Parser::ParseListDisplay() {
  uint32_t begin = Peek().begin;
  if (!EnterNesting(begin)) return {};
  Advance();
  std::vector<ExprId> items;
  ++depth_;
  while (!failed() && !At(TokenKind::kRightBracket)) {
    items.push_back(ParseStarNamedExpression());
    if (failed()) break;
    if (items.size() == 1 && (At(TokenKind::kFor) || At(TokenKind::kAsync))) {
      SkipComprehension(TokenKind::kRightBracket);
      --depth_;
      if (failed() || !Expect(TokenKind::kRightBracket)) return {};
      return AddUnsupported("ListComp", begin, begin);
    }
    if (!Accept(TokenKind::kComma)) break;
  }
  --depth_;
  if (failed()) return {};
  if (!At(TokenKind::kRightBracket)) {
    FailInvalidSyntax(Peek());
    return {};
  }
  uint32_t end = Advance().end;
  ExprId id = Add(ExprKind::kList, begin, end);
  Mutable(id).first = module_->AddList(items);
  Mutable(id).count = static_cast<uint32_t>(items.size());
  return id;
}

ExprId Parser::ParseBraceDisplay() {
  uint32_t begin = Peek().begin;
  if (!EnterNesting(begin)) return {};
  Advance();
  std::string_view node = "Dict";
  if (!At(TokenKind::kRightBrace) && !At(TokenKind::kStarStar)) {
    ++depth_;
    ParseStarNamedExpression();
    --depth_;
    if (failed()) return {};
    bool dict = At(TokenKind::kColon);
    if (dict) {
      Advance();
      ++depth_;
      ParseExpression();
      --depth_;
      if (failed()) return {};
    }
    bool comprehension = At(TokenKind::kFor) || At(TokenKind::kAsync);
    node = dict ? (comprehension ? "DictComp" : "Dict") : (comprehension ? "SetComp" : "Set");
  }
  // The rest of the display matters to SML only as the kind of node it is.
  SkipBalancedUntilClose(TokenKind::kRightBrace);
  if (failed()) return {};
  return AddUnsupported(node, begin, begin);
}

}  // namespace osprey::frontend::internal
