// The Unicode facts Python's tokenizer relies on, from ICU.
#ifndef OSPREY_FRONTEND_UNICODE_H_
#define OSPREY_FRONTEND_UNICODE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace osprey::frontend {

// Decodes one UTF-8 sequence at `text[*pos]`, advancing `*pos`. Returns nullopt (and advances by
// one byte) on a malformed, overlong or surrogate sequence.
std::optional<char32_t> DecodeUtf8(std::string_view text, size_t* pos);
void AppendUtf8(char32_t code_point, std::string* out);

// Offset of the first byte that is not part of well-formed UTF-8, or npos when all of it is.
size_t FindInvalidUtf8(std::string_view text);

// Python's identifier rules (PEP 3131): XID_Start or '_' to begin, XID_Continue after.
bool IsIdentifierStart(char32_t c);
bool IsIdentifierContinue(char32_t c);

// NFKC normalisation, which Python applies to every non-ASCII identifier.
std::string NormalizeNfkc(std::string_view utf8);

// The code point named by a `\N{...}` escape: a Unicode character name or alias, any case.
std::optional<char32_t> CodePointFromName(std::string_view name);

// Printable per Python's str.isprintable(), used in "invalid character" messages.
bool IsPrintable(char32_t c);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_UNICODE_H_
