#include "frontend/lexer.h"

#include <array>

#include "absl/strings/str_format.h"
#include "frontend/unicode.h"

namespace osprey::frontend {
namespace {

constexpr std::array<std::string_view, 0
#define OSPREY_TOKEN(Name, Spelling) +1
#include "frontend/token_kind.def"
                     >
    kSpellings = {
#define OSPREY_TOKEN(Name, Spelling) Spelling,
#include "frontend/token_kind.def"
};

// CPython's MAXLEVEL: deeper bracket nesting is a tokenizer error.
constexpr int kMaxBracketDepth = 200;

struct Keyword {
  std::string_view spelling;
  TokenKind kind;
};

constexpr Keyword kKeywords[] = {
#define OSPREY_TOKEN(Name, Spelling)
#define OSPREY_KEYWORD(Name, Spelling) {Spelling, TokenKind::k##Name},
#include "frontend/token_kind.def"
};

bool IsAsciiIdentifierChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The keyword `name` spells, or kName. Keywords are 2 to 8 lowercase letters or one of
// False/None/True, which rules out most names before any comparison.
TokenKind KeywordKind(std::string_view name) {
  if (name.size() < 2 || name.size() > 8) return TokenKind::kName;
  char first = name[0];
  if (!((first >= 'a' && first <= 'z') || first == 'F' || first == 'N' || first == 'T')) {
    return TokenKind::kName;
  }
  for (const Keyword& keyword : kKeywords) {
    if (keyword.spelling[0] == first && keyword.spelling == name) return keyword.kind;
  }
  return TokenKind::kName;
}

bool IsStringPrefix(std::string_view name) {
  if (name.size() > 2) return false;
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(c | 0x20));
  return lower == "r" || lower == "u" || lower == "f" || lower == "b" || lower == "br" ||
         lower == "rb" || lower == "fr" || lower == "rf";
}

class Lexer {
 public:
  Lexer(std::string_view text, uint32_t base, int bracket_depth)
      : text_(text), base_(base), implicit_depth_(bracket_depth) {}

  LexResult Run() {
    if (size_t bad = FindInvalidUtf8(text_); bad != std::string_view::npos) {
      return EncodingError(bad, absl::StrFormat("invalid UTF-8 byte 0x%02x: source files must be "
                                                "UTF-8 text",
                                                static_cast<unsigned char>(text_[bad])));
    }
    if (size_t nul = text_.find('\0'); nul != std::string_view::npos) {
      return EncodingError(nul, "source code cannot contain null bytes");
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    tokens_.reserve(text_.size() / 4 + 16);  // Roughly one token per four bytes of SML.
    while (!error_ && Step()) {
    }
    Finish();
    return LexResult{std::move(tokens_), std::move(error_)};
  }

 private:
  bool InBrackets() const { return !brackets_.empty() || implicit_depth_ > 0; }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  uint32_t Offset(size_t pos) const { return base_ + static_cast<uint32_t>(pos); }

  void Emit(TokenKind kind, size_t begin, size_t end) {
    tokens_.push_back(Token{kind, Offset(begin), Offset(end)});
  }
  void Fail(size_t pos, std::string message) {
    if (!error_) error_ = LexError{std::move(message), Offset(pos)};
  }
  LexResult EncodingError(size_t pos, std::string message) {
    LexResult result;
    result.error = LexError{std::move(message), Offset(pos), /*encoding=*/true};
    result.tokens.push_back(Token{TokenKind::kEndOfFile, Offset(pos), Offset(pos)});
    return result;
  }
  uint32_t LineAt(size_t pos) const {
    uint32_t line = 1;
    for (size_t i = 0; i < pos && i < text_.size(); ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')))
        ++line;
    }
    return line;
  }

  // Returns false at the end of input.
  bool Step() {
    if (at_line_start_ && !InBrackets()) {
      HandleIndentation();
      if (error_) return false;
    }
    while (Peek() == ' ' || Peek() == '\t' || Peek() == '\f') ++pos_;
    if (pos_ >= text_.size()) return false;
    char c = Peek();
    if (c == '#') {
      while (pos_ < text_.size() && Peek() != '\n' && Peek() != '\r') ++pos_;
      return true;
    }
    if (c == '\\') {
      if (Peek(1) == '\n' || Peek(1) == '\r') {
        pos_ += (Peek(1) == '\r' && Peek(2) == '\n') ? 3 : 2;
        if (pos_ >= text_.size()) Fail(pos_, "unexpected EOF while parsing");
        return true;
      }
      Fail(pos_, "unexpected character after line continuation character");
      return false;
    }
    if (c == '\n' || c == '\r') {
      size_t begin = pos_;
      pos_ += (c == '\r' && Peek(1) == '\n') ? 2 : 1;
      if (!InBrackets()) {
        if (!tokens_.empty() && tokens_.back().kind != TokenKind::kNewline &&
            tokens_.back().kind != TokenKind::kIndent &&
            tokens_.back().kind != TokenKind::kDedent) {
          Emit(TokenKind::kNewline, begin, pos_);
        }
        at_line_start_ = true;
      }
      return true;
    }
    if (c == '"' || c == '\'') {
      LexString(pos_, pos_);
      return true;
    }
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) {
      LexNumber();
      return true;
    }
    if (IsAsciiIdentifierChar(static_cast<unsigned char>(c)) ||
        static_cast<unsigned char>(c) >= 0x80) {
      LexNameOrString();
      return true;
    }
    LexOperator();
    return true;
  }

  void HandleIndentation() {
    at_line_start_ = false;
    size_t begin = pos_;
    uint32_t column = 0;
    while (true) {
      char c = Peek();
      if (c == ' ') {
        ++column;
      } else if (c == '\t') {
        column = (column / 8 + 1) * 8;
      } else if (c == '\f') {
        column = 0;
      } else {
        break;
      }
      ++pos_;
    }
    char c = Peek();
    // Blank and comment-only lines do not take part in indentation.
    if (pos_ >= text_.size() || c == '#' || c == '\n' || c == '\r') return;
    if (c == '\\' && (Peek(1) == '\n' || Peek(1) == '\r')) return;
    if (column > indents_.back()) {
      indents_.push_back(column);
      Emit(TokenKind::kIndent, begin, pos_);
      return;
    }
    while (column < indents_.back()) {
      indents_.pop_back();
      Emit(TokenKind::kDedent, pos_, pos_);
    }
    if (column != indents_.back()) {
      Fail(pos_, "unindent does not match any outer indentation level");
    }
  }

  void LexNameOrString() {
    size_t begin = pos_;
    while (pos_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(Peek());
      if (c < 0x80) {
        if (!IsAsciiIdentifierChar(c)) break;
        ++pos_;
        continue;
      }
      size_t at = pos_;
      std::optional<char32_t> cp = DecodeUtf8(text_, &pos_);
      // CPython's tokenizer swallows every non-ASCII character into the name and then reports
      // the first one that cannot be part of an identifier.
      if (!cp || !(at == begin ? IsIdentifierStart(*cp) : IsIdentifierContinue(*cp))) {
        Fail(at, InvalidCharacterMessage(cp.value_or(0xFFFD)));
        return;
      }
    }
    std::string_view name = text_.substr(begin, pos_ - begin);
    if ((Peek() == '"' || Peek() == '\'') && IsStringPrefix(name)) {
      LexString(begin, pos_);
      return;
    }
    Emit(KeywordKind(name), begin, pos_);
  }

  static std::string InvalidCharacterMessage(char32_t c) {
    if (!IsPrintable(c)) return absl::StrFormat("invalid non-printable character U+%04X", c);
    std::string utf8;
    AppendUtf8(c, &utf8);
    return absl::StrFormat("invalid character '%s' (U+%04X)", utf8, c);
  }

  // `begin` is where the prefix starts; `quote_pos` is the opening quote.
  void LexString(size_t begin, size_t quote_pos) {
    // Escapes are decoded by the parser; here a backslash only protects the next character, in
    // raw strings too (r'\'' does not end at the escaped quote).
    char quote = text_[quote_pos];
    bool triple = quote_pos + 2 < text_.size() && text_[quote_pos + 1] == quote &&
                  text_[quote_pos + 2] == quote;
    pos_ = quote_pos + (triple ? 3 : 1);
    while (true) {
      if (pos_ >= text_.size()) {
        Fail(begin, absl::StrFormat("unterminated %sstring literal (detected at line %d)",
                                    triple ? "triple-quoted " : "", LineAt(text_.size())));
        return;
      }
      char c = Peek();
      if (c == '\\') {
        pos_ += (Peek(1) == '\r' && Peek(2) == '\n') ? 3 : 2;
        continue;
      }
      if ((c == '\n' || c == '\r') && !triple) {
        Fail(begin,
             absl::StrFormat("unterminated string literal (detected at line %d)", LineAt(pos_)));
        return;
      }
      if (c == quote && (!triple || (Peek(1) == quote && Peek(2) == quote))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      ++pos_;
    }
    Emit(TokenKind::kString, begin, pos_);
  }

  // Digits with single underscores between them; returns false on a misplaced underscore.
  bool ScanDigits(bool (*is_digit)(char)) {
    while (true) {
      while (is_digit(Peek())) ++pos_;
      if (Peek() != '_') return true;
      ++pos_;
      if (!is_digit(Peek())) return false;
    }
  }

  void LexNumber() {
    size_t begin = pos_;
    auto is_dec = [](char c) { return c >= '0' && c <= '9'; };
    auto is_hex = [](char c) {
      return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    };
    auto is_oct = [](char c) { return c >= '0' && c <= '7'; };
    auto is_bin = [](char c) { return c == '0' || c == '1'; };
    if (Peek() == '0' &&
        ((Peek(1) | 0x20) == 'x' || (Peek(1) | 0x20) == 'o' || (Peek(1) | 0x20) == 'b')) {
      char base = static_cast<char>(Peek(1) | 0x20);
      pos_ += 2;
      bool (*is_digit)(char) = base == 'x' ? +is_hex : base == 'o' ? +is_oct : +is_bin;
      std::string_view name = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
      if (Peek() == '_') ++pos_;
      if (!is_digit(Peek())) {
        if (base != 'x' && IsDigit(Peek())) {
          return Fail(pos_, absl::StrFormat("invalid digit '%c' in %s literal", Peek(), name));
        }
        return Fail(begin, absl::StrFormat("invalid %s literal", name));
      }
      if (!ScanDigits(is_digit)) return Fail(begin, absl::StrFormat("invalid %s literal", name));
      if (base != 'x' && IsDigit(Peek())) {
        return Fail(pos_, absl::StrFormat("invalid digit '%c' in %s literal", Peek(), name));
      }
      return FinishNumber(begin, name);
    }
    bool is_float = false;
    bool leading_zero = Peek() == '0';
    if (Peek() != '.') {
      if (!ScanDigits(+is_dec)) return Fail(begin, "invalid decimal literal");
    }
    if (Peek() == '.') {
      is_float = true;
      ++pos_;
      if (IsDigit(Peek()) && !ScanDigits(+is_dec)) return Fail(begin, "invalid decimal literal");
    }
    if ((Peek() | 0x20) == 'e') {
      size_t e = pos_;
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!IsDigit(Peek())) {
        pos_ = e;
        return Fail(begin, "invalid decimal literal");
      }
      if (!ScanDigits(+is_dec)) return Fail(begin, "invalid decimal literal");
      is_float = true;
    }
    bool imaginary = (Peek() | 0x20) == 'j';
    if (imaginary) ++pos_;
    if (leading_zero && !is_float && !imaginary) {
      std::string_view digits = text_.substr(begin, pos_ - begin);
      if (digits.find_first_not_of("0_") != std::string_view::npos) {
        return Fail(begin,
                    "leading zeros in decimal integer literals are not permitted; use an "
                    "0o prefix for octal integers");
      }
    }
    FinishNumber(begin, imaginary ? "imaginary" : "decimal");
  }

  // A number directly followed by a name is an error, except before the keywords CPython allows
  // there (`1if x else y`).
  void FinishNumber(size_t begin, std::string_view kind) {
    unsigned char next = static_cast<unsigned char>(Peek());
    if (IsAsciiIdentifierChar(next) || next >= 0x80) {
      static constexpr std::string_view kAllowed[] = {"and", "else", "for", "if",
                                                      "in",  "is",   "not", "or"};
      std::string_view rest = text_.substr(pos_);
      for (std::string_view keyword : kAllowed) {
        if (rest.substr(0, keyword.size()) == keyword &&
            (rest.size() == keyword.size() ||
             !IsAsciiIdentifierChar(static_cast<unsigned char>(rest[keyword.size()])))) {
          Emit(TokenKind::kNumber, begin, pos_);
          return;
        }
      }
      return Fail(begin, absl::StrFormat("invalid %s literal", kind));
    }
    Emit(TokenKind::kNumber, begin, pos_);
  }

  void LexOperator() {
    struct Operator {
      std::string_view spelling;
      TokenKind kind;
    };
    static constexpr Operator kOperators[] = {
        {"**=", TokenKind::kAugmentedAssign},
        {"//=", TokenKind::kAugmentedAssign},
        {">>=", TokenKind::kAugmentedAssign},
        {"<<=", TokenKind::kAugmentedAssign},
        {"...", TokenKind::kEllipsis},
        {"->", TokenKind::kArrow},
        {":=", TokenKind::kColonEqual},
        {"==", TokenKind::kEqualEqual},
        {"!=", TokenKind::kNotEqual},
        {"<=", TokenKind::kLessEqual},
        {">=", TokenKind::kGreaterEqual},
        {"<<", TokenKind::kLessLess},
        {">>", TokenKind::kGreaterGreater},
        {"**", TokenKind::kStarStar},
        {"//", TokenKind::kSlashSlash},
        {"+=", TokenKind::kAugmentedAssign},
        {"-=", TokenKind::kAugmentedAssign},
        {"*=", TokenKind::kAugmentedAssign},
        {"/=", TokenKind::kAugmentedAssign},
        {"%=", TokenKind::kAugmentedAssign},
        {"&=", TokenKind::kAugmentedAssign},
        {"|=", TokenKind::kAugmentedAssign},
        {"^=", TokenKind::kAugmentedAssign},
        {"@=", TokenKind::kAugmentedAssign},
        {"(", TokenKind::kLeftParen},
        {")", TokenKind::kRightParen},
        {"[", TokenKind::kLeftBracket},
        {"]", TokenKind::kRightBracket},
        {"{", TokenKind::kLeftBrace},
        {"}", TokenKind::kRightBrace},
        {",", TokenKind::kComma},
        {":", TokenKind::kColon},
        {";", TokenKind::kSemicolon},
        {".", TokenKind::kDot},
        {"@", TokenKind::kAt},
        {"=", TokenKind::kEqual},
        {"<", TokenKind::kLess},
        {">", TokenKind::kGreater},
        {"+", TokenKind::kPlus},
        {"-", TokenKind::kMinus},
        {"*", TokenKind::kStar},
        {"/", TokenKind::kSlash},
        {"%", TokenKind::kPercent},
        {"|", TokenKind::kPipe},
        {"^", TokenKind::kCaret},
        {"&", TokenKind::kAmpersand},
        {"~", TokenKind::kTilde},
    };
    std::string_view rest = text_.substr(pos_);
    for (const Operator& op : kOperators) {
      if (op.spelling[0] != rest[0] || rest.substr(0, op.spelling.size()) != op.spelling) continue;
      size_t begin = pos_;
      pos_ += op.spelling.size();
      if (op.kind == TokenKind::kLeftParen || op.kind == TokenKind::kLeftBracket ||
          op.kind == TokenKind::kLeftBrace) {
        if (brackets_.size() + implicit_depth_ >= kMaxBracketDepth) {
          return Fail(begin, "too many nested parentheses");
        }
        brackets_.push_back({op.spelling[0], begin});
      } else if (op.kind == TokenKind::kRightParen || op.kind == TokenKind::kRightBracket ||
                 op.kind == TokenKind::kRightBrace) {
        if (!CloseBracket(op.spelling[0], begin)) return;
      }
      Emit(op.kind, begin, pos_);
      return;
    }
    unsigned char c = static_cast<unsigned char>(Peek());
    if (c < 0x20 || c == 0x7F) {
      return Fail(pos_, absl::StrFormat("invalid non-printable character U+%04X", c));
    }
    // '$', '?', '`', a lone '!': CPython hands these to the parser, which says "invalid syntax".
    Emit(TokenKind::kUnknown, pos_, pos_ + 1);
    ++pos_;
  }

  bool CloseBracket(char close, size_t at) {
    char expected_open = close == ')' ? '(' : close == ']' ? '[' : '{';
    if (brackets_.empty()) {
      if (implicit_depth_ > 0) return true;  // Closes the f-string field's own brace.
      Fail(at, absl::StrFormat("unmatched '%c'", close));
      return false;
    }
    if (brackets_.back().open != expected_open) {
      uint32_t open_line = LineAt(brackets_.back().offset);
      if (open_line != LineAt(at)) {
        Fail(at, absl::StrFormat("closing parenthesis '%c' does not match opening parenthesis "
                                 "'%c' on line %d",
                                 close, brackets_.back().open, open_line));
      } else {
        Fail(at, absl::StrFormat("closing parenthesis '%c' does not match opening parenthesis '%c'",
                                 close, brackets_.back().open));
      }
      return false;
    }
    brackets_.pop_back();
    return true;
  }

  void Finish() {
    if (error_) {
      tokens_.push_back(Token{TokenKind::kEndOfFile, error_->offset, error_->offset});
      return;
    }
    if (!brackets_.empty()) {
      Fail(brackets_.back().offset,
           absl::StrFormat("'%c' was never closed", brackets_.back().open));
      tokens_.push_back(Token{TokenKind::kEndOfFile, error_->offset, error_->offset});
      return;
    }
    size_t end = text_.size();
    if (!tokens_.empty() && tokens_.back().kind != TokenKind::kNewline &&
        tokens_.back().kind != TokenKind::kDedent && implicit_depth_ == 0) {
      Emit(TokenKind::kNewline, end, end);
    }
    while (indents_.size() > 1) {
      indents_.pop_back();
      Emit(TokenKind::kDedent, end, end);
    }
    Emit(TokenKind::kEndOfFile, end, end);
  }

  struct OpenBracket {
    char open;
    size_t offset;
  };

  std::string_view text_;
  uint32_t base_;
  int implicit_depth_;
  size_t pos_ = 0;
  bool at_line_start_ = true;
  std::vector<uint32_t> indents_{0};
  std::vector<OpenBracket> brackets_;
  std::vector<Token> tokens_;
  std::optional<LexError> error_;
};

}  // namespace

std::string_view TokenSpelling(TokenKind kind) { return kSpellings[static_cast<size_t>(kind)]; }

LexResult Lex(std::string_view text, uint32_t base_offset, int bracket_depth) {
  return Lexer(text, base_offset, bracket_depth).Run();
}

}  // namespace osprey::frontend
