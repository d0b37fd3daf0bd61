// String atoms: implicit concatenation, bytes, and f-strings with their fields.
#include "absl/strings/str_format.h"
#include "frontend/internal/parser.h"
#include "frontend/internal/str_cat.h"
#include "frontend/string_literal.h"

namespace osprey::frontend::internal {

using ast::ExprId;
using ast::ExprKind;

namespace {

void AppendEscapedBraces(std::string_view literal, std::string* template_text) {
  for (char c : literal) {
    template_text->push_back(c);
    if (c == '{' || c == '}') template_text->push_back(c);
  }
}

}  // namespace

ExprId Parser::ParseStrings() {
  uint32_t begin = Peek().begin;
  std::vector<Token> parts;
  while (At(TokenKind::kString)) parts.push_back(Advance());
  bool any_bytes = false;
  bool any_text = false;
  bool any_format = false;
  for (const Token& part : parts) {
    StringToken split = SplitStringToken(TextOf(part));
    (split.bytes ? any_bytes : any_text) = true;
    any_format |= split.format;
  }
  if (any_bytes && any_text) {
    Fail(begin, "cannot mix bytes and nonbytes literals");
    return {};
  }
  uint32_t end = parts.back().end;
  std::string value;
  std::string template_text;
  std::vector<ExprId> fields;
  for (const Token& part : parts) {
    StringToken split = SplitStringToken(TextOf(part));
    uint32_t body_offset = part.begin + split.body_offset;
    if (split.format) {
      if (!AppendFormatString(part, split.body, body_offset, split.raw, &template_text, &fields)) {
        return {};
      }
      continue;
    }
    if (split.bytes) {
      for (char c : split.body) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          Fail(part.begin, "bytes can only contain ASCII literal characters");
          return {};
        }
      }
    }
    std::string decoded;
    if (std::optional<EscapeError> error =
            DecodeStringBody(split.body, split.raw, split.bytes, &decoded)) {
      Fail(part.begin, error->message);
      return {};
    }
    if (any_format) {
      AppendEscapedBraces(decoded, &template_text);
    } else {
      value += decoded;
    }
  }
  if (any_bytes) {
    // Osprey names the constant by its repr; the source spelling of the first part is close
    // enough for a message and keeps escapes readable.
    ExprId id = Add(ExprKind::kUnsupportedConstant, begin, end);
    StringToken split = SplitStringToken(TextOf(parts.front()));
    Mutable(id).text = module_->Intern(absl::StrFormat("b'%s'", split.body));
    return id;
  }
  if (any_format) {
    ExprId id = Add(ExprKind::kFormatString, begin, end);
    ast::Expr& e = Mutable(id);
    e.text = module_->Intern(std::move(template_text));
    e.first = module_->AddList(fields);
    e.count = static_cast<uint32_t>(fields.size());
    return id;
  }
  ExprId id = Add(ExprKind::kString, begin, end);
  Mutable(id).text = module_->Intern(std::move(value));
  return id;
}

// Appends one f-string part to the template, parsing each `{...}` field as CPython 3.11 does:
// the field ends at a top-level '!', ':', '=' or '}', may not contain '\' or '#', and its text
// is parsed as a parenthesised expression.
bool Parser::AppendFormatString(const Token& token, std::string_view body, uint32_t body_offset,
                                bool raw, std::string* template_text, std::vector<ExprId>* fields) {
  std::string literal;
  auto flush_literal = [&]() -> bool {
    std::string decoded;
    if (std::optional<EscapeError> error = DecodeStringBody(literal, raw, false, &decoded)) {
      Fail(token.begin, error->message);
      return false;
    }
    AppendEscapedBraces(decoded, template_text);
    literal.clear();
    return true;
  };
  size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (c == '\\' && !raw && i + 1 < body.size()) {
      // `\N{NAME}` is an escape, not a field.
      if (body[i + 1] == 'N' && i + 2 < body.size() && body[i + 2] == '{') {
        size_t close = body.find('}', i);
        if (close == std::string_view::npos) close = body.size() - 1;
        literal.append(body.substr(i, close - i + 1));
        i = close + 1;
      } else {
        literal.append(body.substr(i, 2));
        i += 2;
      }
      continue;
    }
    if (c == '}') {
      if (i + 1 < body.size() && body[i + 1] == '}') {
        literal.push_back('}');
        i += 2;
        continue;
      }
      Fail(token.begin, "f-string: single '}' is not allowed");
      return false;
    }
    if (c != '{') {
      literal.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < body.size() && body[i + 1] == '{') {
      literal.push_back('{');
      i += 2;
      continue;
    }
    if (!flush_literal()) return false;
    // A field: find where its expression ends.
    size_t start = i + 1;
    size_t j = start;
    int depth = 0;
    char quote = 0;
    for (; j < body.size(); ++j) {
      char d = body[j];
      if (quote) {
        if (d == quote) quote = 0;
        continue;
      }
      if (d == '\\') {
        Fail(token.begin, "f-string expression part cannot include a backslash");
        return false;
      }
      if (d == '#') {
        Fail(token.begin, "f-string expression part cannot include '#'");
        return false;
      }
      if (d == '\'' || d == '"') {
        quote = d;
      } else if (d == '(' || d == '[' || d == '{') {
        ++depth;
      } else if ((d == ')' || d == ']' || d == '}') && depth > 0) {
        --depth;
      } else if (depth == 0) {
        bool comparison_equal =
            d == '=' &&
            ((j + 1 < body.size() && body[j + 1] == '=') ||
             (j > start && std::string_view("=!<>").find(body[j - 1]) != std::string_view::npos));
        if (d == '}' || d == ':' || (d == '!' && (j + 1 >= body.size() || body[j + 1] != '=')) ||
            (d == '=' && !comparison_equal)) {
          break;
        }
        if (d == '=' && j + 1 < body.size() && body[j + 1] == '=') ++j;
      }
    }
    if (j >= body.size()) {
      Fail(token.begin, "f-string: expecting '}'");
      return false;
    }
    std::string_view expression = body.substr(start, j - start);
    if (expression.find_first_not_of(" \t\n\r\f") == std::string_view::npos) {
      Fail(token.begin, "f-string: empty expression not allowed");
      return false;
    }
    bool has_spec = false;
    if (body[j] == '=') {
      has_spec = true;  // `{x=}` prints `x=` and a repr: a conversion, to Osprey.
      ++j;
    }
    if (j < body.size() && body[j] == '!') {
      has_spec = true;
      if (j + 1 >= body.size() ||
          std::string_view("sra").find(body[j + 1]) == std::string_view::npos) {
        Fail(token.begin, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        return false;
      }
      j += 2;
    }
    if (j < body.size() && body[j] == ':') {
      has_spec = true;
      int nested = 0;
      for (++j; j < body.size(); ++j) {
        if (body[j] == '{') ++nested;
        if (body[j] == '}') {
          if (nested == 0) break;
          --nested;
        }
      }
    }
    if (j >= body.size() || body[j] != '}') {
      Fail(token.begin, "f-string: expecting '}'");
      return false;
    }
    ExprId field =
        ParseFormatFieldExpression(body_offset + static_cast<uint32_t>(start), expression);
    if (!field.valid()) return false;
    if (has_spec) {
      uint32_t field_offset = body_offset + static_cast<uint32_t>(start);
      ExprId wrapped = Add(ExprKind::kFormatFieldSpec, field_offset, field_offset);
      Mutable(wrapped).left = field;
      field = wrapped;
    }
    fields->push_back(field);
    const ast::Expr& e = Get(field);
    if (e.kind == ExprKind::kName) internal::StrAppend(template_text, {"{", e.text, "}"});
    i = j + 1;
  }
  return flush_literal();
}

ExprId Parser::ParseFormatFieldExpression(uint32_t offset, std::string_view text) {
  LexResult lexed = Lex(text, offset, /*bracket_depth=*/1);
  if (lexed.error) {
    Fail(lexed.error->offset, "f-string: " + lexed.error->message);
    return {};
  }
  Parser field_parser(text_, std::move(lexed.tokens), module_, depth_ + 1);
  // Token offsets are file offsets, so the sub-parser reads token text from the whole file.
  ExprId field = field_parser.ParseFormatField();
  if (field_parser.error()) {
    SyntaxErrorInfo error = *field_parser.error();
    error.message = "f-string: " + error.message;
    error.generic = false;
    error_ = error;
    return {};
  }
  return field;
}

ExprId Parser::ParseFormatField() {
  ExprId e = ParseStarExpressions();
  if (failed()) return {};
  while (At(TokenKind::kNewline)) Advance();
  if (!At(TokenKind::kEndOfFile)) {
    FailInvalidSyntax(Peek());
    return {};
  }
  return e;
}

}  // namespace osprey::frontend::internal
