// The Python-`re`-to-PCRE2 translator behind regex_syntax.h: a port of the checks of CPython
// 3.11's re/_parser.py (and the look-behind check of re/_compiler.py) that emits PCRE2 syntax as
// it goes. Its functions mirror the Python ones (_parse_sub, _parse, _escape, _class_escape,
// _parse_flags) so that errors are found in the same order, at the same positions (code points).
// Private to the frontend.
#ifndef OSPREY_FRONTEND_INTERNAL_REGEX_TRANSLATOR_H_
#define OSPREY_FRONTEND_INTERNAL_REGEX_TRANSLATOR_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "frontend/regex_syntax.h"
#include "frontend/unicode.h"

namespace osprey::frontend::internal::regex {

constexpr uint64_t kMaxRepeat = 4294967295u;                          // _sre.MAXREPEAT on 64-bit.
constexpr uint64_t kMaxGroups = 1073741823u;                          // _sre.MAXGROUPS on 64-bit.
constexpr uint64_t kMaxWidth = std::numeric_limits<uint64_t>::max();  // "at least 2^64".

inline uint64_t Add(uint64_t a, uint64_t b) { return a > kMaxWidth - b ? kMaxWidth : a + b; }
inline uint64_t Mul(uint64_t a, uint64_t b) {
  return a != 0 && b > kMaxWidth / a ? kMaxWidth : a * b;
}

struct Width {
  uint64_t lo = 0;
  uint64_t hi = 0;
};
inline Width Plus(Width a, Width b) { return {Add(a.lo, b.lo), Add(a.hi, b.hi)}; }

enum class Item : uint8_t { kNone, kAt, kRepeat, kOther };

// A sequence being translated (Python's SubPattern, as far as the checks need it).
struct Seq {
  std::string out;
  Item last = Item::kNone;
  Width before_last;  // Width of the items before the last one.
  Width last_width;
  Width width() const { return Plus(before_last, last_width); }
  void Append(Item kind, Width w, std::string_view text) {
    before_last = width();
    last = kind;
    last_width = w;
    out += text;
  }
};

inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsOctal(char32_t c) { return c >= '0' && c <= '7'; }
inline bool IsHex(char32_t c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

inline bool IsIdentifier(std::u32string_view name) {
  if (name.empty() || !IsIdentifierStart(name[0])) return false;
  return std::all_of(name.begin() + 1, name.end(), IsIdentifierContinue);
}

// Python's int() of ASCII digits, saturated above kMaxRepeat.
inline uint64_t ToNumber(std::u32string_view digits) {
  uint64_t value = 0;
  for (char32_t c : digits) value = std::min<uint64_t>(kMaxWidth / 16, value * 10 + (c - '0'));
  return value;
}

struct Error {
  std::string message;
  std::optional<size_t> position;  // Absent for errors Python reports without one.
};

class Translator {
 public:
  explicit Translator(std::u32string pattern) : s_(std::move(pattern)) { Seek(0); }

  absl::StatusOr<std::string> Run() {
    Seq top;
    if (!failed()) ParseSub(false, 0, top);
    if (!failed() && !Next().empty()) Fail("unbalanced parenthesis");
    for (const auto& [group, position] : group_ref_positions_) {
      if (failed() || group < group_widths_.size()) continue;
      error_ = Error{absl::StrFormat("invalid group reference %d", group), position};
    }
    if (!failed() && deferred_) error_ = deferred_;
    if (failed()) return absl::InvalidArgumentError(Format(*error_));
    std::string out = global_flags_.empty() ? top.out : "(?" + global_flags_ + ")" + top.out;
    // PCRE2 has no inline ASCII flag: a leading "(?a)" tells the compiler (the runtime's regex
    // functions, CheckPythonRegex) to drop PCRE2_UCP, and is stripped before compiling.
    return global_ascii_ ? "(?a)" + out : out;
  }

 private:
  // --- The tokenizer: a token is one character, or a backslash and the next one. ---
  std::u32string_view Next() const {
    if (pos_ >= s_.size()) return {};
    return std::u32string_view(s_).substr(pos_, s_[pos_] == '\\' ? 2 : 1);
  }
  bool NextIs(char32_t c) const { return pos_ < s_.size() && s_[pos_] == c && c != '\\'; }
  void Seek(size_t pos) {
    pos_ = pos;
    if (pos_ + 1 == s_.size() && s_[pos_] == '\\' && !failed()) {
      error_ = Error{"bad escape (end of pattern)", s_.size() - 1};
    }
  }
  std::u32string Get() {
    std::u32string token(Next());
    Seek(pos_ + token.size());
    return token;
  }
  bool Match(char32_t c) {
    if (!NextIs(c)) return false;
    Seek(pos_ + 1);
    return true;
  }
  std::u32string GetWhile(int n, bool (*in_set)(char32_t)) {
    std::u32string result;
    for (int i = 0; i < n && Next().size() == 1 && in_set(Next()[0]); ++i) result += Get();
    return result;
  }
  bool GetUntil(char32_t terminator, std::string_view name, std::u32string& result) {
    while (!failed()) {
      std::u32string c = Get();
      if (c.empty()) {
        if (result.empty()) return Fail(absl::StrFormat("missing %s", std::string(name)));
        return Fail(absl::StrFormat("missing %s, unterminated name", Utf8({&terminator, 1})),
                    result.size());
      }
      if (c.size() == 1 && c[0] == terminator) {
        if (result.empty()) return Fail(absl::StrFormat("missing %s", std::string(name)), 1);
        return true;
      }
      result += c;
    }
    return false;
  }

  bool failed() const { return error_.has_value(); }
  bool Fail(std::string message, size_t offset = 0) {
    if (!failed()) error_ = Error{std::move(message), pos_ - offset};
    return false;
  }
  // Python raises these without a position (OverflowError, or from the compiler).
  bool FailWithoutPosition(std::string message) {
    if (!failed()) error_ = Error{std::move(message), std::nullopt};
    return false;
  }
  std::string Format(const Error& e) const {
    if (!e.position) return e.message;
    std::string out = absl::StrFormat("%s at position %d", e.message, *e.position);
    if (s_.find(U'\n') != std::u32string::npos) {
      size_t line = std::count(s_.begin(), s_.begin() + *e.position, U'\n') + 1;
      size_t last = std::u32string_view(s_).substr(0, *e.position).rfind(U'\n');
      size_t column = last == std::u32string_view::npos ? *e.position + 1 : *e.position - last;
      out += absl::StrFormat(" (line %d, column %d)", line, column);
    }
    return out;
  }

  // --- Groups (Python's State). ---
  bool CheckGroup(uint64_t gid) const {
    return gid < group_widths_.size() && group_widths_[gid].has_value();
  }
  bool CheckLookbehindGroup(uint64_t gid) {
    if (!lookbehind_groups_) return true;
    if (!CheckGroup(gid)) return Fail("cannot refer to an open group");
    if (gid >= *lookbehind_groups_) {
      return Fail("cannot refer to group defined in the same lookbehind subpattern");
    }
    return true;
  }
  bool CheckGroupName(std::u32string_view name, size_t offset) {
    if (IsIdentifier(name)) return true;
    return Fail("bad character in group name " + PythonStringRepr(Utf8(name)),
                name.size() + offset);
  }

  // --- The grammar. ---
  bool ParseSub(bool verbose, int nested, Seq& out);
  bool Parse(bool verbose, int nested, bool first, Seq& seq);
  bool Escape(std::u32string escape, Seq& seq);
  // Literal (or category) inside a set; `kind` is 'L' for a literal, 'C' for a category.
  bool ClassEscape(std::u32string escape, char& kind, char32_t& literal, std::string& text);
  bool NumericEscape(std::u32string& escape, char32_t& literal);
  bool ParseClass(Seq& seq);
  bool ParseRepeat(const std::u32string& token, size_t here, Seq& seq);
  // `start` is the position of the `(`, which has been read.
  bool ParseGroup(size_t start, bool& verbose, int nested, bool first, Seq& seq);
  bool ParseFlags(char32_t c, std::string& add, std::string& del, bool& global, bool& verbose_on,
                  bool& verbose_off);

  std::u32string s_;
  size_t pos_ = 0;
  std::optional<Error> error_;
  std::optional<Error> deferred_;  // A compile-time error, reported if parsing succeeds.
  std::vector<std::optional<Width>> group_widths_{Width{}};  // Index 0: the whole match.
  std::vector<std::pair<std::u32string, uint64_t>> group_names_;
  std::optional<uint64_t> lookbehind_groups_;
  std::vector<std::pair<uint64_t, size_t>> group_ref_positions_;
  bool global_verbose_ = false;
  std::string global_flags_;   // PCRE2 letters of the global flags.
  bool global_ascii_ = false;  // A global `(?a)`.
};

}  // namespace osprey::frontend::internal::regex

#endif  // OSPREY_FRONTEND_INTERNAL_REGEX_TRANSLATOR_H_
