// A regex pattern set: many `RegexMatch` / `'literal' in text` tests of one text answered by a
// single pass over the text (RE2::Set, a linear-time multi-pattern automaton), instead of one
// search per test.
//
// Results must be exactly those of the one-by-one path (PCRE2 with PCRE2_UTF | PCRE2_UCP, on
// patterns translated from Python `re`), so a member joins the automaton only when RE2 provably
// means the same thing (Supports). The rest are left out (covers() is false) and their callers
// keep searching them one by one. The rule, on the translated (PCRE2) pattern:
//   - allowed: literals (raw, `\` + ASCII punctuation, `\x{h}`), `.`, `^`, `\A`, `\z`, `|`,
//     groups `(...)` `(?:...)`, inline flags `i` and `s` only (`(?i)`, `(?-s:...)`), quantifiers
//     `* + ? {n} {n,} {n,m}` (greedy or lazy, counts <= 1000), and classes `[...]` / `[^...]` of
//     such literals and ranges (this covers the translator's `\s`/`\S`, which it writes as
//     explicit code-point ranges);
//   - rejected: `$` (Python's and PCRE2's `$` also match before a final newline, RE2's does not),
//     `\b \B \d \D \w \W` (Unicode in Python/PCRE2-UCP, ASCII in RE2), back-references,
//     look-around, atomic groups, possessive quantifiers, `(?m)` (`^` after a final newline
//     differs), `(?x)`, a leading `(?a)`, and anything the scanner does not recognise;
//   - under case-insensitivity (the set's option, or an `i` flag anywhere in the pattern) every
//     code point must be ASCII, or lie in a run of Unicode white space (which has no case):
//     RE2 and PCRE2 fold ASCII letters identically (including U+017F ~ s and U+212A ~ k, which
//     both take from Unicode's simple case folding), but their Unicode tables may differ beyond.
// Literal members (`'lit' in text`) are always covered: they are case-sensitive substring tests.
//
// A searched text that is not valid UTF-8 is not decided (PCRE2 reports an error on it, which
// the one-by-one path must reproduce). Where PCRE2 would stop at its backtracking limit and
// record an error, the automaton simply answers: for covered members the set is never worse.
#ifndef OSPREY_RUNTIME_PATTERN_SET_H_
#define OSPREY_RUNTIME_PATTERN_SET_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::runtime {

class PatternSet {
 public:
  struct Member {
    // The regex in PCRE2 syntax exactly as RegexMatch's factory receives it (translated from
    // Python `re` by the compiler), or, when `literal`, the substring itself.
    std::string pattern;
    bool literal = false;
  };

  // Builds the automaton of the members Supports() admits. Never fails: a member RE2 rejects is
  // left out, and if the automaton cannot be built within its memory budget no member is
  // covered. Searching is thread-safe.
  static std::unique_ptr<const PatternSet> Create(std::span<const Member> members,
                                                  bool case_insensitive);

  // Whether `pattern` (PCRE2 syntax, as above) means the same in RE2 under the rule above.
  static bool Supports(std::string_view pattern, bool case_insensitive);

  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  size_t size() const { return covered_.size(); }
  bool covers(size_t member) const { return covered_[member]; }
  size_t covered_count() const { return covered_count_; }

  // Searches `text` once. On success `found` has size() entries, 1 for each covered member that
  // occurs in `text` and 0 for all others (uncovered members included), and the result is
  // true. Returns false, leaving `found` unspecified, when the set cannot decide: `text` is not
  // valid UTF-8 or the automaton ran out of memory. Callers then search member by member.
  bool Match(std::string_view text, std::vector<uint8_t>& found) const;

 private:
  struct Automaton;
  PatternSet() = default;

  std::vector<bool> covered_;
  size_t covered_count_ = 0;
  std::vector<int32_t> member_of_index_;  // RE2::Set index -> member.
  std::unique_ptr<Automaton> automaton_;  // Null when nothing is covered.
  // When every covered member is a literal: each distinct literal with its members. A text in
  // which the automaton finds a match is then answered by substring searches, which allocate
  // nothing, where RE2 allocates the set of members it found on every such search.
  struct LiteralGroup {
    std::string literal;
    std::vector<int32_t> members;
  };
  std::vector<LiteralGroup> literal_groups_;
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_PATTERN_SET_H_
