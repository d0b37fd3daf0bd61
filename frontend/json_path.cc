// A hand-written equivalent of jsonpath-rw's PLY lexer and LALR parser. Tokens are lexed one at
// a time as the parser asks for them, as PLY does, so that of a lexing error and a parse error the
// one jsonpath-rw meets first is the one reported.
#include "frontend/json_path.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "frontend/unicode.h"
#include "unicode/uchar.h"

namespace osprey::frontend {
namespace {

enum class TokenType : uint8_t { kId, kNumber, kDoubleDot, kNamedOperator, kWhere, kLiteral, kEnd };

struct Token {
  TokenType type = TokenType::kEnd;
  char literal = 0;   // kLiteral: one of * . [ ] ( ) $ , : | &
  std::string value;  // kId, kNamedOperator: the name; kNumber: its decimal digits, normalised.
  int64_t number = 0;
  int64_t lineno = 1;
  int64_t col = 0;
  int64_t lexpos = 0;
};

// Python's int() of a run of decimal digits (any script), saturated to int64, and its repr.
void SetNumber(bool negative, const std::vector<int>& digits, Token& token) {
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == 0) ++first;
  bool zero = digits.size() - first == 1 && digits[first] == 0;
  std::string repr = negative && !zero ? "-" : "";
  // Magnitude saturated just past int64's range: 2^63 fits uint64 and is INT64_MIN's magnitude.
  constexpr uint64_t kLimit = uint64_t{1} << 63;
  uint64_t magnitude = 0;
  for (size_t i = first; i < digits.size(); ++i) {
    repr += static_cast<char>('0' + digits[i]);
    magnitude = magnitude > kLimit / 10 ? kLimit : std::min(kLimit, magnitude * 10 + digits[i]);
  }
  if (negative) {
    token.number = magnitude == kLimit ? std::numeric_limits<int64_t>::min()
                                       : -static_cast<int64_t>(magnitude);
  } else {
    token.number =
        magnitude >= kLimit ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(magnitude);
  }
  token.value = std::move(repr);
}

bool IsIdStart(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
}
bool IsIdContinue(char32_t c) { return IsIdStart(c) || (c >= '0' && c <= '9') || c == '-'; }
// Python's `\d` on str: any Unicode decimal digit (general category Nd).
bool IsDecimal(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // The next token, or an error status with jsonpath-rw's lexer message.
  absl::StatusOr<Token> Next() {
    while (true) {
      if (pos_ >= text_.size()) {
        Token end;
        end.lineno = lineno_;
        end.lexpos = index_;
        end.col = index_ - latest_newline_;
        return end;
      }
      size_t start_pos = pos_;
      int64_t start_index = index_;
      char32_t c = Get();
      if (c == ' ' || c == '\t') continue;
      if (c == '\n') {
        ++lineno_;
        latest_newline_ = start_index;
        continue;
      }
      Token token;
      token.lineno = lineno_;
      token.lexpos = start_index;
      token.col = start_index - latest_newline_;
      if (IsIdStart(c)) {
        while (pos_ < text_.size() && IsIdContinue(Peek())) Get();
        token.value = std::string(text_.substr(start_pos, pos_ - start_pos));
        token.type = token.value == "where" ? TokenType::kWhere : TokenType::kId;
        return token;
      }
      bool negative = c == '-' && pos_ < text_.size() && IsDecimal(Peek());
      if (negative || IsDecimal(c)) {
        std::vector<int> digits;
        if (!negative) digits.push_back(u_charDigitValue(static_cast<UChar32>(c)));
        while (pos_ < text_.size() && IsDecimal(Peek())) {
          digits.push_back(u_charDigitValue(static_cast<UChar32>(Get())));
        }
        token.type = TokenType::kNumber;
        SetNumber(negative, digits, token);
        return token;
      }
      if (c == '\'' || c == '"' || c == '`') return Quoted(c);
      if (c == '.' && pos_ < text_.size() && text_[pos_] == '.') {
        Get();
        token.type = TokenType::kDoubleDot;
        token.value = "..";
        return token;
      }
      if (std::string_view("*.[]()$,:|&").find(static_cast<char>(c)) != std::string_view::npos &&
          c < 0x80) {
        token.type = TokenType::kLiteral;
        token.literal = static_cast<char>(c);
        token.value = std::string(1, token.literal);
        return token;
      }
      return Error("", start_index, text_.substr(start_pos, pos_ - start_pos));
    }
  }

 private:
  // A quoted field ('...' or "...") or named operator (`...`); the opening quote is consumed.
  // PLY gives the token the position of the closing quote.
  absl::StatusOr<Token> Quoted(char32_t quote) {
    std::string_view what = quote == '\''  ? " while lexing singlequoted field"
                            : quote == '"' ? " while lexing doublequoted field"
                                           : " while lexing backquoted operator";
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) {
        return absl::InvalidArgumentError("Unexpected EOF in string literal or identifier");
      }
      size_t start_pos = pos_;
      int64_t start_index = index_;
      char32_t c = Get();
      if (c == quote) {
        Token token;
        token.type = quote == '`' ? TokenType::kNamedOperator : TokenType::kId;
        token.value = std::move(value);
        token.lineno = lineno_;
        token.lexpos = start_index;
        token.col = start_index - latest_newline_;
        return token;
      }
      if (c == '\\') {
        // `\\.`: any character but a newline may be escaped.
        if (pos_ >= text_.size() || text_[pos_] == '\n') {
          return Error(what, start_index, text_.substr(start_pos, pos_ - start_pos));
        }
        size_t escaped = pos_;
        Get();
        value += text_.substr(escaped, pos_ - escaped);
        continue;
      }
      value += text_.substr(start_pos, pos_ - start_pos);
    }
  }

  absl::Status Error(std::string_view what, int64_t index, std::string_view character) {
    return absl::InvalidArgumentError(
        absl::StrFormat("Error on line %d, col %d%s: Unexpected character: %s ", lineno_,
                        index - latest_newline_, std::string(what), std::string(character)));
  }

  char32_t Peek() const {
    size_t pos = pos_;
    return DecodeUtf8(text_, &pos).value_or(0xFFFD);
  }
  char32_t Get() {
    ++index_;
    return DecodeUtf8(text_, &pos_).value_or(0xFFFD);
  }

  std::string_view text_;
  size_t pos_ = 0;     // Byte offset.
  int64_t index_ = 0;  // Code points before pos_: Python's string index.
  int64_t lineno_ = 1;
  int64_t latest_newline_ = 0;
};

// Binding strength of a binary operator token; 0 for other tokens.
int Precedence(const Token& token) {
  switch (token.type) {
    case TokenType::kDoubleDot:
      return 1;
    case TokenType::kWhere:
      return 5;
    case TokenType::kLiteral:
      switch (token.literal) {
        case '.':
          return 2;
        case '|':
          return 3;
        case '&':
          return 4;
        default:
          return 0;
      }
    default:
      return 0;
  }
}

JsonPathKind BinaryKind(const Token& token) {
  switch (token.type) {
    case TokenType::kDoubleDot:
      return JsonPathKind::kDescendants;
    case TokenType::kWhere:
      return JsonPathKind::kWhere;
    default:
      switch (token.literal) {
        case '.':
          return JsonPathKind::kChild;
        case '|':
          return JsonPathKind::kUnion;
        default:
          return JsonPathKind::kIntersect;
      }
  }
}

std::string_view TypeName(const Token& token) {
  switch (token.type) {
    case TokenType::kId:
      return "ID";
    case TokenType::kNumber:
      return "NUMBER";
    case TokenType::kDoubleDot:
      return "DOUBLEDOT";
    case TokenType::kNamedOperator:
      return "NAMED_OPERATOR";
    case TokenType::kWhere:
      return "WHERE";
    default:
      return token.value;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) {}

  absl::StatusOr<JsonPath> Parse() {
    int32_t root = ParsePath(1);
    if (root >= 0 && Peek() && peeked_->type != TokenType::kEnd) root = Unexpected();
    if (root < 0) return status_;
    path_.root = root;
    return std::move(path_);
  }

 private:
  // Returns the node index, or -1 once status_ holds an error.
  int32_t ParsePath(int min_precedence) {
    int32_t left = ParseOperand();
    while (left >= 0 && Peek()) {
      int precedence = Precedence(*peeked_);
      if (precedence == 0 || precedence < min_precedence) break;
      JsonPathKind kind = BinaryKind(*peeked_);
      peeked_.reset();
      int32_t right = ParsePath(precedence + 1);
      if (right < 0) return -1;
      left = AddBinary(kind, left, right);
    }
    return status_.ok() ? left : -1;
  }

  // An atom followed by any number of bracket suffixes.
  int32_t ParseOperand() {
    int32_t atom = ParseAtom();
    while (atom >= 0 && Peek() && IsLiteral('[')) {
      peeked_.reset();
      int32_t bracket = ParseBracket();
      if (bracket < 0) return -1;
      atom = AddBinary(JsonPathKind::kChild, atom, bracket);
    }
    return status_.ok() ? atom : -1;
  }

  int32_t ParseAtom() {
    if (!Peek()) return -1;
    Token token = *peeked_;
    switch (token.type) {
      case TokenType::kId:
        return ParseFields();
      case TokenType::kNamedOperator: {
        peeked_.reset();
        JsonPathNode node;
        if (token.value == "this") {
          node.kind = JsonPathKind::kThis;
        } else if (token.value == "parent") {
          node.kind = JsonPathKind::kParent;
        } else {
          // jsonpath-rw raises this while reducing, which needs the next token as lookahead:
          // a lexing error or a token that cannot follow a path is reported first.
          if (!Peek()) return -1;
          if (Precedence(*peeked_) == 0 && !IsLiteral('[') && !IsLiteral(')') &&
              peeked_->type != TokenType::kEnd) {
            return Unexpected();
          }
          return Fail(absl::StrFormat("Unknown named operator `%s` at %d:%d", token.value,
                                      token.lineno, token.lexpos));
        }
        return Add(std::move(node));
      }
      case TokenType::kLiteral:
        switch (token.literal) {
          case '$': {
            peeked_.reset();
            return Add(JsonPathNode{});
          }
          case '*': {
            peeked_.reset();
            JsonPathNode node;
            node.kind = JsonPathKind::kFields;
            node.fields.push_back("*");
            return Add(std::move(node));
          }
          case '(': {
            peeked_.reset();
            int32_t inner = ParsePath(1);
            if (inner < 0 || !Peek()) return -1;
            if (!IsLiteral(')')) return Unexpected();
            peeked_.reset();
            return inner;
          }
          case '[': {
            peeked_.reset();
            return ParseBracket();
          }
          default:
            return Unexpected();
        }
      default:
        return Unexpected();
    }
  }

  // The inside of `[...]` and the closing bracket; the `[` is consumed.
  int32_t ParseBracket() {
    if (!Peek()) return -1;
    JsonPathNode node;
    if (peeked_->type == TokenType::kId) {
      int32_t fields = ParseFields();
      if (fields < 0 || !Peek()) return -1;
      if (!IsLiteral(']')) return Unexpected();
      peeked_.reset();
      return fields;
    }
    if (IsLiteral('*')) {
      peeked_.reset();
      node.kind = JsonPathKind::kSlice;
    } else {
      std::optional<int64_t> first;
      if (peeked_->type == TokenType::kNumber) {
        first = peeked_->number;
        peeked_.reset();
        if (!Peek()) return -1;
        if (!IsLiteral(':')) {
          node.kind = JsonPathKind::kIndex;
          node.index = *first;
        }
      }
      if (node.kind != JsonPathKind::kIndex) {
        if (!IsLiteral(':')) return Unexpected();
        peeked_.reset();
        node.kind = JsonPathKind::kSlice;
        node.start = first;
        if (!Peek()) return -1;
        if (peeked_->type == TokenType::kNumber) {
          node.end = peeked_->number;
          peeked_.reset();
        }
      }
    }
    if (!Peek()) return -1;
    if (!IsLiteral(']')) return Unexpected();
    peeked_.reset();
    return Add(std::move(node));
  }

  // ID (',' ID)*; the first ID is the peeked token.
  int32_t ParseFields() {
    JsonPathNode node;
    node.kind = JsonPathKind::kFields;
    node.fields.push_back(std::move(peeked_->value));
    peeked_.reset();
    while (Peek() && IsLiteral(',')) {
      peeked_.reset();
      if (!Peek()) return -1;
      if (peeked_->type != TokenType::kId) return Unexpected();
      node.fields.push_back(std::move(peeked_->value));
      peeked_.reset();
    }
    return status_.ok() ? Add(std::move(node)) : -1;
  }

  // Lexes the next token into peeked_ unless one is waiting; false on a lexing error.
  bool Peek() {
    if (!status_.ok()) return false;
    if (peeked_) return true;
    absl::StatusOr<Token> token = lexer_.Next();
    if (!token.ok()) {
      status_ = token.status();
      return false;
    }
    peeked_ = *std::move(token);
    return true;
  }

  bool IsLiteral(char c) const {
    return peeked_ && peeked_->type == TokenType::kLiteral && peeked_->literal == c;
  }

  // The peeked token cannot continue the path.
  int32_t Unexpected() {
    const Token& t = *peeked_;
    // At the end of input jsonpath-rw's error handler itself fails on the missing token; Osprey
    // turns that failure into this message.
    if (t.type == TokenType::kEnd) return Fail("invalid json-path supplied");
    return Fail(absl::StrFormat("Parse error at %d:%d near token %s (%s)", t.lineno, t.col, t.value,
                                std::string(TypeName(t))));
  }

  int32_t Fail(std::string message) {
    status_ = absl::InvalidArgumentError(message);
    return -1;
  }

  int32_t Add(JsonPathNode node) {
    path_.nodes.push_back(std::move(node));
    return static_cast<int32_t>(path_.nodes.size() - 1);
  }
  int32_t AddBinary(JsonPathKind kind, int32_t left, int32_t right) {
    JsonPathNode node;
    node.kind = kind;
    node.left = left;
    node.right = right;
    return Add(std::move(node));
  }

  Lexer lexer_;
  std::optional<Token> peeked_;
  absl::Status status_;
  JsonPath path_;
};

void AppendString(const JsonPath& path, int32_t id, std::string& out) {
  const JsonPathNode& node = path.nodes[id];
  auto binary = [&](std::string_view op, bool parenthesise) {
    if (parenthesise) out += '(';
    AppendString(path, node.left, out);
    out += op;
    AppendString(path, node.right, out);
    if (parenthesise) out += ')';
  };
  switch (node.kind) {
    case JsonPathKind::kRoot:
      out += '$';
      break;
    case JsonPathKind::kThis:
      out += "`this`";
      break;
    case JsonPathKind::kParent:
      out += "`parent`";
      break;
    case JsonPathKind::kFields:
      for (size_t i = 0; i < node.fields.size(); ++i) {
        if (i > 0) out += ',';
        out += node.fields[i];
      }
      break;
    case JsonPathKind::kIndex:
      out += absl::StrFormat("[%d]", node.index);
      break;
    case JsonPathKind::kSlice:
      // Python's `'[%s%s]' % (start or '', ':%d' % end if end else '')`: zero bounds vanish.
      if (!node.start && !node.end) {
        out += "[*]";
      } else {
        out += '[';
        if (node.start && *node.start != 0) out += std::to_string(*node.start);
        if (node.end && *node.end != 0) out += ":" + std::to_string(*node.end);
        out += ']';
      }
      break;
    case JsonPathKind::kChild:
      binary(".", false);
      break;
    case JsonPathKind::kDescendants:
      binary("..", false);
      break;
    case JsonPathKind::kWhere:
      binary(" where ", false);
      break;
    case JsonPathKind::kUnion:
      binary("|", true);
      break;
    case JsonPathKind::kIntersect:
      binary("&", true);
      break;
  }
}

// Appends the steps of `id` to `segments` when it is a chain of single fields and indices that
// starts at the document; false otherwise.
bool CollectSegments(const JsonPath& path, int32_t id, bool at_start,
                     std::vector<JsonPathSegment>& segments) {
  const JsonPathNode& node = path.nodes[id];
  switch (node.kind) {
    case JsonPathKind::kRoot:
      return at_start;
    case JsonPathKind::kFields:
      if (node.fields.size() != 1 || node.fields[0] == "*") return false;
      segments.push_back({false, node.fields[0], 0});
      return true;
    case JsonPathKind::kIndex:
      segments.push_back({true, "", node.index});
      return true;
    case JsonPathKind::kChild:
      return CollectSegments(path, node.left, at_start, segments) &&
             CollectSegments(path, node.right, false, segments);
    default:
      return false;
  }
}

}  // namespace

std::string JsonPath::ToString() const {
  std::string out;
  if (root >= 0) AppendString(*this, root, out);
  return out;
}

absl::StatusOr<JsonPath> ParseJsonPath(std::string_view text) {
  absl::StatusOr<JsonPath> path = Parser(text).Parse();
  if (path.ok()) path->simple = CollectSegments(*path, path->root, true, path->segments);
  if (path.ok() && !path->simple) path->segments.clear();
  return path;
}

}  // namespace osprey::frontend
