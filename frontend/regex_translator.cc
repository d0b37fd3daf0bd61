// The translator's sequences, escapes, sets and quantifiers (see internal/regex_translator.h).
#include "frontend/internal/regex_translator.h"

namespace osprey::frontend::internal::regex {
namespace {

void AppendLiteral(char32_t c, std::string& out) {
  if (c < 0x80 && (IsAsciiLetter(c) || IsDigit(c) || c == '_')) {
    out += static_cast<char>(c);
  } else if (c >= 0x20 && c < 0x7F) {
    out += '\\';  // A backslash before a non-alphanumeric ASCII character is always literal.
    out += static_cast<char>(c);
  } else {
    out += absl::StrFormat("\\x{%x}", static_cast<uint32_t>(c));
  }
}

// Python's `\s` on str (str.isspace()), which PCRE2's Unicode `\s` does not quite match (it lacks
// U+001C..U+001F), as class ranges; `negated` gives the complement, usable inside a set too.
std::string SpaceRanges(bool negated) {
  static constexpr std::pair<char32_t, char32_t> kSpaces[] = {
      {0x09, 0x0D},     {0x1C, 0x20},     {0x85, 0x85},     {0xA0, 0xA0},     {0x1680, 0x1680},
      {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
  std::string out;
  auto range = [&](char32_t lo, char32_t hi) {
    out += absl::StrFormat("\\x{%x}", static_cast<uint32_t>(lo));
    if (hi != lo) out += absl::StrFormat("-\\x{%x}", static_cast<uint32_t>(hi));
  };
  char32_t next = 0;
  for (auto [lo, hi] : kSpaces) {
    if (!negated) {
      range(lo, hi);
    } else if (lo > next) {
      range(next, lo - 1);
    }
    next = hi + 1;
  }
  if (negated) range(next, 0x10FFFF);
  return out;
}

}  // namespace

// _parse_sub: alternatives separated by `|`.
bool Translator::ParseSub(bool verbose, int nested, Seq& out) {
  Width width{kMaxWidth, 0};
  bool first_branch = true;
  while (true) {
    Seq branch;
    if (!Parse(verbose, nested + 1, nested == 0 && first_branch, branch)) return false;
    if (!first_branch) out.out += '|';
    out.out += branch.out;
    width.lo = std::min(width.lo, branch.width().lo);
    width.hi = std::max(width.hi, branch.width().hi);
    if (first_branch) out.last = branch.last;
    first_branch = false;
    if (!Match('|')) break;
    if (nested == 0) verbose = global_verbose_;
  }
  out.last_width = width;
  return !failed();
}

// _parse: one alternative.
bool Translator::Parse(bool verbose, int nested, bool first, Seq& seq) {
  while (!failed()) {
    std::u32string_view next = Next();
    if (next.empty() || NextIs('|') || NextIs(')')) break;
    size_t start = pos_;
    std::u32string token = Get();
    if (failed()) return false;
    char32_t c = token[0];
    if (verbose) {
      if (token.size() == 1 &&
          std::u32string_view(U" \t\n\r\v\f").find(c) != std::u32string::npos) {
        continue;
      }
      if (token == U"#") {
        while (true) {
          std::u32string skipped = Get();
          if (skipped.empty() || skipped == U"\n") break;
        }
        continue;
      }
    }
    if (token.size() == 2) {
      if (!Escape(token, seq)) return false;
    } else if (std::u32string_view(U".\\[{()*+?^$|").find(c) == std::u32string::npos) {
      std::string text;
      AppendLiteral(c, text);
      seq.Append(Item::kOther, {1, 1}, text);
    } else if (c == '[') {
      if (!ParseClass(seq)) return false;
    } else if (c == '*' || c == '+' || c == '?' || c == '{') {
      if (!ParseRepeat(token, pos_, seq)) return false;
    } else if (c == '.') {
      seq.Append(Item::kOther, {1, 1}, ".");
    } else if (c == '(') {
      if (!ParseGroup(start, verbose, nested, first, seq)) return false;
    } else if (c == '^') {
      seq.Append(Item::kAt, {}, "^");
    } else if (c == '$') {
      seq.Append(Item::kAt, {}, "$");
    }
  }
  return !failed();
}

// \1..\99 group references and octal escapes, shared by _escape; `escape` is `\` + digit.
bool Translator::NumericEscape(std::u32string& escape, char32_t& literal) {
  if (escape[1] == '0') {
    escape += GetWhile(2, IsOctal);
    literal = 0;
    for (size_t i = 1; i < escape.size(); ++i) literal = literal * 8 + (escape[i] - '0');
    return true;
  }
  if (Next().size() == 1 && IsDigit(Next()[0])) {
    escape += Get();
    if (IsOctal(escape[1]) && IsOctal(escape[2]) && Next().size() == 1 && IsOctal(Next()[0])) {
      escape += Get();
      uint32_t value = (escape[1] - '0') * 64 + (escape[2] - '0') * 8 + (escape[3] - '0');
      if (value > 0377) {
        return Fail("octal escape value " + Utf8(escape) + " outside of range 0-0o377",
                    escape.size());
      }
      literal = value;
      return true;
    }
  }
  literal = 0xFFFFFFFF;  // Not a literal: a group reference.
  return true;
}

// _escape: an escape outside a set.
bool Translator::Escape(std::u32string escape, Seq& seq) {
  char32_t c = escape[1];
  switch (c) {
    case 'A':
      seq.Append(Item::kAt, {}, "\\A");
      return true;
    case 'Z':
      seq.Append(Item::kAt, {}, "\\z");
      return true;
    case 'b':
      seq.Append(Item::kAt, {}, "\\b");
      return true;
    case 'B':
      seq.Append(Item::kAt, {}, "\\B");
      return true;
    case 's':
      seq.Append(Item::kOther, {1, 1}, "[" + SpaceRanges(false) + "]");
      return true;
    case 'S':
      seq.Append(Item::kOther, {1, 1}, "[" + SpaceRanges(true) + "]");
      return true;
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      seq.Append(Item::kOther, {1, 1}, Utf8(escape));
      return true;
    default:
      break;
  }
  if (IsDigit(c)) {
    char32_t literal;
    if (!NumericEscape(escape, literal)) return false;
    if (literal != 0xFFFFFFFF) {
      std::string text;
      AppendLiteral(literal, text);
      seq.Append(Item::kOther, {1, 1}, text);
      return true;
    }
    uint64_t group = ToNumber(std::u32string_view(escape).substr(1));
    if (group >= group_widths_.size()) {
      return Fail(absl::StrFormat("invalid group reference %d", group), escape.size() - 1);
    }
    if (!CheckGroup(group)) return Fail("cannot refer to an open group", escape.size());
    if (!CheckLookbehindGroup(group)) return false;
    seq.Append(Item::kOther, *group_widths_[group], absl::StrFormat("\\g{%d}", group));
    return true;
  }
  char kind;
  char32_t literal;
  std::string text;
  if (!ClassEscape(std::move(escape), kind, literal, text)) return false;
  seq.Append(Item::kOther, {1, 1}, text);
  return true;
}

// _class_escape: an escape inside a set, also the literal escapes of _escape (the two functions
// agree on everything but `\b`, digits and the categories, which Escape handles first).
bool Translator::ClassEscape(std::u32string escape, char& kind, char32_t& literal,
                             std::string& text) {
  char32_t c = escape[1];
  kind = 'L';
  auto literal_of = [&](char32_t value) {
    literal = value;
    AppendLiteral(value, text);
    return true;
  };
  switch (c) {
    case 'a':
      return literal_of('\a');
    case 'b':
      return literal_of('\b');
    case 'f':
      return literal_of('\f');
    case 'n':
      return literal_of('\n');
    case 'r':
      return literal_of('\r');
    case 't':
      return literal_of('\t');
    case 'v':
      return literal_of('\v');
    case 'd':
    case 'D':
    case 's':
    case 'S':
    case 'w':
    case 'W':
      kind = 'C';
      text = c == 's' || c == 'S' ? SpaceRanges(c == 'S') : Utf8(escape);
      return true;
    case 'x':
    case 'u':
    case 'U': {
      size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      escape += GetWhile(static_cast<int>(digits), IsHex);
      if (escape.size() != digits + 2) {
        return Fail("incomplete escape " + Utf8(escape), escape.size());
      }
      uint32_t value = 0;
      for (size_t i = 2; i < escape.size(); ++i) {
        value = value * 16 + (IsDigit(escape[i]) ? escape[i] - '0' : (escape[i] | 0x20) - 'a' + 10);
      }
      if (value > 0x10FFFF) return Fail("bad escape " + Utf8(escape), escape.size());
      return literal_of(value);
    }
    case 'N': {
      if (!Match('{')) return Fail("missing {");
      std::u32string name;
      if (!GetUntil('}', "character name", name)) return false;
      std::optional<char32_t> value = CodePointFromName(Utf8(name));
      if (!value) {
        return Fail("undefined character name " + PythonStringRepr(Utf8(name)), name.size() + 4);
      }
      return literal_of(*value);
    }
    default:
      break;
  }
  if (IsOctal(c)) {
    escape += GetWhile(2, IsOctal);
    uint32_t value = 0;
    for (size_t i = 1; i < escape.size(); ++i) value = value * 8 + (escape[i] - '0');
    if (value > 0377) {
      return Fail("octal escape value " + Utf8(escape) + " outside of range 0-0o377",
                  escape.size());
    }
    return literal_of(value);
  }
  if (IsDigit(c) || IsAsciiLetter(c)) return Fail("bad escape " + Utf8(escape), escape.size());
  return literal_of(c);
}

bool Translator::ParseClass(Seq& seq) {
  size_t here = pos_ - 1;
  std::string text = "[";
  if (Match('^')) text += '^';
  bool empty = true;
  while (true) {
    std::u32string token = Get();
    if (failed()) return false;
    if (token.empty()) return Fail("unterminated character set", pos_ - here);
    if (token == U"]" && !empty) break;
    char kind1 = 'L';
    char32_t lo = token[0];
    std::string item;
    if (token.size() == 2) {
      if (!ClassEscape(token, kind1, lo, item)) return false;
    } else {
      AppendLiteral(lo, item);
    }
    empty = false;
    if (!Match('-')) {
      text += item;
      continue;
    }
    std::u32string that = Get();
    if (failed()) return false;
    if (that.empty()) return Fail("unterminated character set", pos_ - here);
    if (that == U"]") {
      text += item + "\\-";
      break;
    }
    char kind2 = 'L';
    char32_t hi = that[0];
    std::string item2;
    if (that.size() == 2) {
      if (!ClassEscape(that, kind2, hi, item2)) return false;
    } else {
      AppendLiteral(hi, item2);
    }
    if (kind1 != 'L' || kind2 != 'L' || hi < lo) {
      return Fail("bad character range " + Utf8(token) + "-" + Utf8(that),
                  token.size() + 1 + that.size());
    }
    text += item + "-" + item2;
  }
  seq.Append(Item::kOther, {1, 1}, text + "]");
  return true;
}

// A quantifier; `token` was just read and `here` is the position after it.
bool Translator::ParseRepeat(const std::u32string& token, size_t here, Seq& seq) {
  uint64_t min = 0;
  uint64_t max = kMaxRepeat;
  if (token == U"?") {
    max = 1;
  } else if (token == U"+") {
    min = 1;
  } else if (token == U"{") {
    if (NextIs('}')) {
      seq.Append(Item::kOther, {1, 1}, "\\{");
      return true;
    }
    std::u32string lo = GetWhile(1 << 30, IsDigit);
    std::u32string hi;
    if (Match(',')) {
      hi = GetWhile(1 << 30, IsDigit);
    } else {
      hi = lo;
    }
    if (!Match('}')) {
      seq.Append(Item::kOther, {1, 1}, "\\{");
      Seek(here);
      return !failed();
    }
    if (!lo.empty()) {
      min = ToNumber(lo);
      if (min >= kMaxRepeat) return FailWithoutPosition("the repetition number is too large");
    }
    if (!hi.empty()) {
      max = ToNumber(hi);
      if (max >= kMaxRepeat) return FailWithoutPosition("the repetition number is too large");
      if (max < min) return Fail("min repeat greater than max repeat", pos_ - here);
    }
  }
  if (seq.last == Item::kNone || seq.last == Item::kAt) {
    return Fail("nothing to repeat", pos_ - here + token.size());
  }
  if (seq.last == Item::kRepeat) return Fail("multiple repeat", pos_ - here + token.size());
  std::string quantifier;
  if (min == 0 && max == kMaxRepeat) {
    quantifier = "*";
  } else if (max == kMaxRepeat) {
    quantifier = absl::StrFormat("{%d,}", min);
  } else {
    quantifier = absl::StrFormat("{%d,%d}", min, max);
  }
  if (Match('?')) {
    quantifier += '?';
  } else if (Match('+')) {
    quantifier += '+';
  }
  Width item = seq.last_width;
  Width repeated{Mul(item.lo, min),
                 max == kMaxRepeat && item.hi != 0 ? kMaxWidth : Mul(item.hi, max)};
  seq.out += quantifier;
  seq.last = Item::kRepeat;
  seq.last_width = repeated;
  return !failed();
}

}  // namespace osprey::frontend::internal::regex
