#include "frontend/path_glob.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/unicode.h"

namespace osprey::frontend {
namespace {

// Decodes UTF-8 to code points for fnmatch; a malformed byte b becomes U+DC00+b (Python's
// surrogateescape), which only a wildcard or the same malformed byte matches.
std::u32string CodePoints(std::string_view text) {
  std::u32string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    std::optional<char32_t> c = DecodeUtf8(text, &pos);
    out.push_back(c ? *c : 0xDC00 + static_cast<unsigned char>(text[start]));
  }
  return out;
}

struct GlobToken {
  enum class Kind : uint8_t { kStar, kAny, kLiteral, kSet };
  explicit GlobToken(Kind k, char32_t c = 0) : kind(k), literal(c) {}

  Kind kind;
  char32_t literal = 0;
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // Inclusive; lo > hi matches nothing.

  bool Matches(char32_t c) const {
    switch (kind) {
      case Kind::kAny:
        return true;
      case Kind::kLiteral:
        return c == literal;
      case Kind::kSet: {
        bool in = std::any_of(ranges.begin(), ranges.end(),
                              [c](const auto& r) { return r.first <= c && c <= r.second; });
        return in != negated;
      }
      case Kind::kStar:
        return false;
    }
    return false;
  }
};

// Mirrors fnmatch.translate of Python 3.11, including its reading of `-` inside brackets.
std::vector<GlobToken> ParseGlob(const std::u32string& p) {
  std::vector<GlobToken> tokens;
  size_t i = 0;
  while (i < p.size()) {
    char32_t c = p[i++];
    if (c == U'*') {
      if (tokens.empty() || tokens.back().kind != GlobToken::Kind::kStar) {
        tokens.emplace_back(GlobToken::Kind::kStar);
      }
    } else if (c == U'?') {
      tokens.emplace_back(GlobToken::Kind::kAny);
    } else if (c == U'[') {
      size_t j = i;
      if (j < p.size() && p[j] == U'!') ++j;
      if (j < p.size() && p[j] == U']') ++j;
      while (j < p.size() && p[j] != U']') ++j;
      if (j >= p.size()) {
        tokens.emplace_back(GlobToken::Kind::kLiteral, U'[');
        continue;
      }
      GlobToken set(GlobToken::Kind::kSet);
      size_t k = i;
      if (p[k] == U'!') {
        set.negated = true;
        ++k;
      }
      while (k < j) {
        if (k + 2 < j && p[k + 1] == U'-') {
          set.ranges.emplace_back(p[k], p[k + 2]);
          k += 3;
        } else {
          set.ranges.emplace_back(p[k], p[k]);
          ++k;
        }
      }
      tokens.push_back(std::move(set));
      i = j + 1;
    } else {
      tokens.emplace_back(GlobToken::Kind::kLiteral, c);
    }
  }
  return tokens;
}

}  // namespace

bool FnmatchCase(std::string_view name, std::string_view pattern) {
  const std::u32string text = CodePoints(name);
  const std::vector<GlobToken> tokens = ParseGlob(CodePoints(pattern));
  // Every token but `*` consumes exactly one code point, so remembering only the last `*` and
  // retrying from one code point further is a complete search.
  size_t t = 0, p = 0;
  size_t star = std::string::npos, star_t = 0;
  while (t < text.size()) {
    if (p < tokens.size() && tokens[p].kind == GlobToken::Kind::kStar) {
      star = p++;
      star_t = t;
    } else if (p < tokens.size() && tokens[p].Matches(text[t])) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < tokens.size() && tokens[p].kind == GlobToken::Kind::kStar) ++p;
  return p == tokens.size();
}

}  // namespace osprey::frontend
