#include "runtime/pattern_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <optional>

#include "absl/container/flat_hash_map.h"
#include "simdjson.h"

namespace osprey::runtime {
namespace {

// RE2 refuses larger repeat counts; checking here keeps the rule self-contained.
constexpr uint64_t kMaxRepeat = 1000;
// Memory for the set's program and DFA cache. When the DFA would need more, Match returns
// false for that text and the caller searches one by one.
constexpr int64_t kMaxMemory = 256 << 20;

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Non-ASCII code points that no Unicode case mapping or folding touches: C1 controls and
// NO-BREAK SPACE, and the other white space (Python's `\s` beyond ASCII).
bool Caseless(char32_t lo, char32_t hi) {
  static constexpr std::pair<char32_t, char32_t> kRuns[] = {
      {0x80, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A}, {0x2028, 0x2029},
      {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
  if (hi < 0x80) return true;
  if (lo < 0x80) lo = 0x80;
  for (auto [run_lo, run_hi] : kRuns) {
    if (lo >= run_lo && hi <= run_hi) return true;
  }
  return false;
}

// A conservative recogniser of the PCRE2 subset RE2 runs with the same meaning (the rule in
// pattern_set.h). It only accepts; it never rewrites.
class Scanner {
 public:
  explicit Scanner(std::string_view pattern) : p_(pattern) {}

  // True when the pattern is in the subset; `case_insensitive` is the set's option.
  bool Accept(bool case_insensitive) {
    if (p_.starts_with("(?a)")) return false;
    bool folds = case_insensitive;
    while (i_ < p_.size()) {
      if (!Atom(folds)) return false;
    }
    return !(folds && cased_non_ascii_);
  }

 private:
  static constexpr char32_t kAssertion = 0xFFFFFFFF;

  // One item outside a class: a literal, an assertion, a group boundary, a class or a
  // quantifier (which must follow a repeatable item: not an assertion, an opening parenthesis,
  // `|`, the start, nor another quantifier).
  bool Atom(bool& folds) {
    const char c = p_[i_];
    switch (c) {
      case '$':
      case '}':
      case ']':
        return false;
      case '.':
      case ')':
        ++i_;
        repeatable_ = true;
        return true;
      case '^':
      case '|':
        ++i_;
        repeatable_ = false;
        return true;
      case '(':
        ++i_;
        repeatable_ = false;
        return p_.substr(i_).starts_with("?") ? Flags(folds) : true;
      case '[':
        ++i_;
        repeatable_ = true;
        return Class();
      case '*':
      case '+':
      case '?':
      case '{':
        return Quantifier();
      case '\\': {
        std::optional<char32_t> escape = Escape(/*in_class=*/false);
        repeatable_ = escape.has_value() && *escape != kAssertion;
        return escape.has_value();
      }
      default: {
        std::optional<char32_t> code_point = Literal();
        if (!code_point) return false;
        Note(*code_point, *code_point);
        repeatable_ = true;
        return true;
      }
    }
  }

  // `(?` followed by flags and `)` or `:`; only i and s (and `-`) are understood.
  bool Flags(bool& folds) {
    ++i_;  // '?'
    bool negative = false;
    size_t letters = 0;
    for (; i_ < p_.size(); ++i_) {
      const char c = p_[i_];
      if (c == ')' || c == ':') {
        // `(?:` opens a group; `(?i)` and `(?i:` need at least one flag letter.
        if (c == ')' && letters == 0) return false;
        ++i_;
        repeatable_ = false;
        return true;
      }
      if (c == '-' && !negative) {
        negative = true;
      } else if (c == 'i') {
        if (!negative) folds = true;
        ++letters;
      } else if (c == 's') {
        ++letters;
      } else {
        return false;
      }
    }
    return false;
  }

  // `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`, then an optional lazy `?`. A quantifier right after
  // another (possessive `*+`, or anything Python calls a multiple repeat) is refused.
  bool Quantifier() {
    if (!repeatable_) return false;
    if (p_[i_] == '{') {
      size_t j = i_ + 1;
      uint64_t low = 0, high = 0;
      if (!Number(j, low)) return false;
      high = low;
      if (j < p_.size() && p_[j] == ',') {
        ++j;
        high = kMaxRepeat;
        if (j < p_.size() && p_[j] != '}' && !Number(j, high)) return false;
      }
      if (j >= p_.size() || p_[j] != '}' || low > kMaxRepeat || high > kMaxRepeat || low > high) {
        return false;
      }
      i_ = j + 1;
    } else {
      ++i_;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;
    repeatable_ = false;
    return true;
  }

  bool Number(size_t& j, uint64_t& value) {
    size_t start = j;
    value = 0;
    while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - start < 6) {
      value = value * 10 + static_cast<uint64_t>(p_[j] - '0');
      ++j;
    }
    return j > start && !(j < p_.size() && p_[j] >= '0' && p_[j] <= '9');
  }

  // A class `[...]` or `[^...]` (the `[` was read) of literals and ranges between literals.
  bool Class() {
    if (i_ < p_.size() && p_[i_] == '^') ++i_;
    bool first = true;
    while (i_ < p_.size()) {
      const char c = p_[i_];
      if (c == ']' && !first) {
        ++i_;
        return true;
      }
      // A leading `]`, a raw `-` not between two items, and `[` (POSIX classes in PCRE2) are
      // spelt differently by the engines' parsers: refuse them.
      if (c == ']' || c == '-' || c == '[') return false;
      std::optional<char32_t> low = ClassLiteral();
      if (!low) return false;
      char32_t high = *low;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        std::optional<char32_t> end = ClassLiteral();
        if (!end || *end < *low) return false;
        high = *end;
      }
      Note(*low, high);
      first = false;
    }
    return false;  // Unterminated.
  }

  std::optional<char32_t> ClassLiteral() {
    if (p_[i_] == '\\') return Escape(/*in_class=*/true);
    return Literal();
  }

  // An escape: `\x{h}`, `\` + ASCII punctuation or space, or (outside classes) `\A` and `\z`.
  // Returns the literal's code point, or kAssertion; nullopt to refuse.
  std::optional<char32_t> Escape(bool in_class) {
    if (i_ + 1 >= p_.size()) return std::nullopt;
    const char c = p_[i_ + 1];
    i_ += 2;
    if (c == 'x') {
      if (i_ >= p_.size() || p_[i_] != '{') return std::nullopt;
      size_t j = i_ + 1;
      uint32_t value = 0;
      while (j < p_.size() && IsHexDigit(p_[j]) && j - i_ <= 6) {
        const char h = p_[j++];
        value = value * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (j == i_ + 1 || j >= p_.size() || p_[j] != '}' || value > 0x10FFFF ||
          (value >= 0xD800 && value <= 0xDFFF)) {
        return std::nullopt;
      }
      i_ = j + 1;
      if (!in_class) Note(value, value);
      return value;
    }
    if (!in_class && (c == 'A' || c == 'z')) return kAssertion;
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F && !IsAsciiAlnum(c) && c != '_') return static_cast<char32_t>(u);
    return std::nullopt;
  }

  // A raw character (one UTF-8 sequence).
  std::optional<char32_t> Literal() {
    const auto lead = static_cast<unsigned char>(p_[i_]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || i_ + length > p_.size() ||
        !simdjson::validate_utf8(p_.data() + i_, length)) {
      return std::nullopt;
    }
    char32_t value = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      value = (value << 6) | (static_cast<unsigned char>(p_[i_ + k]) & 0x3F);
    }
    i_ += length;
    return value;
  }

  // Records a literal or range for the case-insensitivity check.
  void Note(char32_t low, char32_t high) {
    if (!Caseless(low, high)) cased_non_ascii_ = true;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool repeatable_ = false;
  bool cased_non_ascii_ = false;
};

}  // namespace

struct PatternSet::Automaton {
  explicit Automaton(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
};

PatternSet::~PatternSet() = default;

bool PatternSet::Supports(std::string_view pattern, bool case_insensitive) {
  return Scanner(pattern).Accept(case_insensitive);
}

std::unique_ptr<const PatternSet> PatternSet::Create(std::span<const Member> members,
                                                     bool case_insensitive) {
  std::unique_ptr<PatternSet> set(new PatternSet);
  set->covered_.assign(members.size(), false);
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_case_sensitive(!case_insensitive);
  options.set_log_errors(false);
  options.set_never_capture(true);
  options.set_max_mem(kMaxMemory);
  auto automaton = std::make_unique<Automaton>(options);
  for (size_t m = 0; m < members.size(); ++m) {
    const Member& member = members[m];
    std::string pattern;
    if (member.literal) {
      // A literal member is case-sensitive even in a case-insensitive set.
      pattern = (case_insensitive ? "(?-i:" : "(?:") + RE2::QuoteMeta(member.pattern) + ")";
    } else if (Supports(member.pattern, case_insensitive)) {
      pattern = member.pattern;
    } else {
      continue;
    }
    std::string error;
    int index = automaton->set.Add(pattern, &error);
    if (index < 0) continue;
    if (static_cast<size_t>(index) >= set->member_of_index_.size()) {
      set->member_of_index_.resize(index + 1, -1);
    }
    set->member_of_index_[index] = static_cast<int32_t>(m);
    set->covered_[m] = true;
    ++set->covered_count_;
  }
  if (set->covered_count_ == 0 || !automaton->set.Compile()) {
    set->covered_.assign(members.size(), false);
    set->covered_count_ = 0;
    set->member_of_index_.clear();
    return set;
  }
  set->automaton_ = std::move(automaton);
  bool all_literal = true;
  for (size_t m = 0; m < members.size(); ++m)
    all_literal &= !set->covered_[m] || members[m].literal;
  if (all_literal) {
    absl::flat_hash_map<std::string_view, size_t> group_of_literal;
    for (size_t m = 0; m < members.size(); ++m) {
      if (!set->covered_[m]) continue;
      auto [it, added] =
          group_of_literal.try_emplace(members[m].pattern, set->literal_groups_.size());
      if (added) set->literal_groups_.push_back({members[m].pattern, {}});
      set->literal_groups_[it->second].members.push_back(static_cast<int32_t>(m));
    }
  }
  return set;
}

bool PatternSet::Match(std::string_view text, std::vector<uint8_t>& found) const {
  found.assign(covered_.size(), 0);
  if (automaton_ == nullptr) return true;
  if (!simdjson::validate_utf8(text.data(), text.size())) return false;
  const re2::StringPiece searched(text.data(), text.size());
  RE2::Set::ErrorInfo error;
  // Whether any member matches first: asked which ones, RE2 allocates its match set on every
  // search, while most texts match none (and this search stops at the first match).
  if (!automaton_->set.Match(searched, nullptr, &error)) {
    return error.kind == RE2::Set::kNoError;  // No member matched, or the set gave up.
  }
  if (!literal_groups_.empty()) {
    for (const LiteralGroup& group : literal_groups_) {
      if (text.find(group.literal) == std::string_view::npos) continue;
      for (int32_t m : group.members) found[m] = 1;
    }
    return true;
  }
  thread_local std::vector<int> indices;  // Kept: Match is called per text of every action.
  if (!automaton_->set.Match(searched, &indices, &error)) {
    return error.kind == RE2::Set::kNoError;
  }
  for (int index : indices) found[member_of_index_[index]] = 1;
  return true;
}

}  // namespace osprey::runtime
