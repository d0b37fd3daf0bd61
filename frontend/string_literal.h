// Python string literal tokens: prefixes, quotes and escape sequences.
#ifndef OSPREY_FRONTEND_STRING_LITERAL_H_
#define OSPREY_FRONTEND_STRING_LITERAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace osprey::frontend {

// One kString token taken apart.
struct StringToken {
  bool raw = false;
  bool bytes = false;
  bool format = false;       // f-string
  std::string_view body;     // Between the quotes, undecoded.
  uint32_t body_offset = 0;  // Offset of `body` within the token.
};

StringToken SplitStringToken(std::string_view token);

struct EscapeError {
  std::string message;
  uint32_t offset;  // Within the decoded body.
};

// Appends the value of `body` to `out`: escape sequences decoded unless `raw` (CPython's rules
// for str, or for bytes when `bytes`), line endings normalised to "\n". Unknown escapes such as
// "\d" are kept as written, as Python does. A lone surrogate ("\ud800") becomes U+FFFD, since
// values are UTF-8.
std::optional<EscapeError> DecodeStringBody(std::string_view body, bool raw, bool bytes,
                                            std::string* out);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_STRING_LITERAL_H_
