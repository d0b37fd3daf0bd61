// Python 3.11 tokenization of an SML file.
#ifndef OSPREY_FRONTEND_LEXER_H_
#define OSPREY_FRONTEND_LEXER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::frontend {

enum class TokenKind : uint8_t {
#define OSPREY_TOKEN(Name, Spelling) k##Name,
#include "frontend/token_kind.def"
};

std::string_view TokenSpelling(TokenKind kind);

struct Token {
  TokenKind kind;
  uint32_t begin;  // Byte offsets into the file text.
  uint32_t end;
};

// A tokenizer error, with CPython's message and position.
struct LexError {
  std::string message;
  uint32_t offset;
  bool encoding = false;  // Invalid UTF-8 or a NUL byte, rather than bad syntax.
};

struct LexResult {
  std::vector<Token> tokens;  // Always ends with kEndOfFile (placed at the error, if any).
  std::optional<LexError> error;
};

// Tokenizes `text` as CPython 3.11 does: NEWLINE only at the end of logical lines (not inside
// brackets, not for blank or comment-only lines), INDENT/DEDENT from leading whitespace,
// backslash continuation, and every string literal (any prefix, triple-quoted or not, f-strings
// included) as one kString token whose contents the parser decodes. Tokenization stops at the
// first error; the tokens before it are returned.
//
// `bracket_depth` > 0 lexes text that sits inside brackets already (an f-string field).
LexResult Lex(std::string_view text, uint32_t base_offset = 0, int bracket_depth = 0);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_LEXER_H_
