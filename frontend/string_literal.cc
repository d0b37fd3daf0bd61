#include "frontend/string_literal.h"

#include "absl/strings/str_format.h"
#include "frontend/unicode.h"

namespace osprey::frontend {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// CPython's wording for escape errors, e.g. "(unicode error) 'unicodeescape' codec can't decode
// bytes in position 0-1: truncated \xXX escape".
std::string CodecError(bool bytes, size_t from, size_t to, std::string_view reason) {
  if (bytes) return absl::StrFormat("(value error) invalid \\x escape at position %d", from);
  return absl::StrFormat(
      "(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s", from, to,
      reason);
}

}  // namespace

StringToken SplitStringToken(std::string_view token) {
  StringToken result;
  size_t quote = token.find_first_of("'\"");
  for (size_t i = 0; i < quote; ++i) {
    char c = static_cast<char>(token[i] | 0x20);
    result.raw |= c == 'r';
    result.bytes |= c == 'b';
    result.format |= c == 'f';
  }
  size_t quote_length = token.size() >= quote + 6 && token[quote + 1] == token[quote] &&
                                token[quote + 2] == token[quote]
                            ? 3
                            : 1;
  result.body_offset = static_cast<uint32_t>(quote + quote_length);
  result.body = token.substr(quote + quote_length, token.size() - quote - 2 * quote_length);
  return result;
}

std::optional<EscapeError> DecodeStringBody(std::string_view body, bool raw, bool bytes,
                                            std::string* out) {
  size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (c == '\r') {
      out->push_back('\n');
      i += (i + 1 < body.size() && body[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '\\' || raw) {
      if (raw && c == '\\' && i + 1 < body.size() && body[i + 1] == '\r') {
        // Keep the backslash; the line ending after it is normalised on the next round.
        out->push_back('\\');
        ++i;
        continue;
      }
      out->push_back(c);
      ++i;
      continue;
    }
    size_t start = i;
    if (i + 1 >= body.size()) {
      out->push_back('\\');
      break;
    }
    char e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n':
        break;
      case '\r':
        if (i < body.size() && body[i] == '\n') ++i;
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '\'':
        out->push_back('\'');
        break;
      case '"':
        out->push_back('"');
        break;
      case 'a':
        out->push_back('\a');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'v':
        out->push_back('\v');
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        uint32_t value = e - '0';
        for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i) {
          value = value * 8 + (body[i] - '0');
        }
        if (bytes) {
          out->push_back(static_cast<char>(value & 0xFF));
        } else {
          AppendUtf8(value, out);
        }
        break;
      }
      case 'x':
      case 'u':
      case 'U': {
        if (bytes && e != 'x') {
          out->push_back('\\');
          out->push_back(e);
          break;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t value = 0;
        for (int k = 0; k < digits; ++k) {
          int h = i + k < body.size() ? HexValue(body[i + k]) : -1;
          if (h < 0) {
            std::string reason = e == 'x'   ? "truncated \\xXX escape"
                                 : e == 'u' ? "truncated \\uXXXX escape"
                                            : "truncated \\UXXXXXXXX escape";
            return EscapeError{CodecError(bytes, start, i + k - 1, reason),
                               static_cast<uint32_t>(start)};
          }
          value = value * 16 + h;
        }
        i += digits;
        if (bytes) {
          out->push_back(static_cast<char>(value));
        } else if (value > 0x10FFFF) {
          return EscapeError{CodecError(false, start, i - 1, "illegal Unicode character"),
                             static_cast<uint32_t>(start)};
        } else {
          AppendUtf8(value >= 0xD800 && value <= 0xDFFF ? 0xFFFD : value, out);
        }
        break;
      }
      case 'N': {
        if (bytes) {
          out->push_back('\\');
          out->push_back('N');
          break;
        }
        size_t close = i < body.size() && body[i] == '{' ? body.find('}', i) : std::string::npos;
        if (close == std::string_view::npos) {
          return EscapeError{
              CodecError(false, start, body.size() - 1, "malformed \\N character escape"),
              static_cast<uint32_t>(start)};
        }
        std::optional<char32_t> c32 = CodePointFromName(body.substr(i + 1, close - i - 1));
        if (!c32) {
          return EscapeError{CodecError(false, start, close, "unknown Unicode character name"),
                             static_cast<uint32_t>(start)};
        }
        AppendUtf8(*c32, out);
        i = close + 1;
        break;
      }
      default:
        // Python keeps unknown escapes verbatim (with a DeprecationWarning).
        out->push_back('\\');
        i = start + 1;
        break;
    }
  }
  return std::nullopt;
}

}  // namespace osprey::frontend
