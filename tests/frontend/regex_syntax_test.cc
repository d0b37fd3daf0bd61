#include "frontend/regex_syntax.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

// Expectations were produced by CPython 3.11's re.compile() itself. The table includes every
// regex literal passed to RegexMatch / RegexMatchMap / CountRegexMatches in the shared corpus and
// conformance rulesets (all must be accepted, apart from the two deliberately invalid ones).
struct Case {
  std::string pattern;
  std::optional<std::string> error;  // Python's message; nullopt when the pattern compiles.
};

class PythonRegexTest : public testing::TestWithParam<Case> {};

TEST_P(PythonRegexTest, AgreesWithPython) {
  const Case& c = GetParam();
  EXPECT_EQ(CheckPythonRegex(c.pattern, false), c.error);
  // IGNORECASE changes no syntax rule.
  EXPECT_EQ(CheckPythonRegex(c.pattern, true).has_value(), c.error.has_value());
}

INSTANTIATE_TEST_SUITE_P(
    CPython311, PythonRegexTest,
    testing::ValuesIn(std::vector<Case>{
        {"abc", std::nullopt},
        {"a|b|c", std::nullopt},
        {"(unclosed", "missing ), unterminated subpattern at position 0"},
        {"[bad", "unterminated character set at position 0"},
        {"(", "missing ), unterminated subpattern at position 0"},
        {")", "unbalanced parenthesis at position 0"},
        {"a)", "unbalanced parenthesis at position 1"},
        {"*a", "nothing to repeat at position 0"},
        {"a**", "multiple repeat at position 2"},
        {"a*?*", "multiple repeat at position 3"},
        {"a*+", std::nullopt},
        {"a++", std::nullopt},
        {"a?+", std::nullopt},
        {"a{2}{3}", "multiple repeat at position 4"},
        {"a{2,1}", "min repeat greater than max repeat at position 2"},
        {"a{,3}", std::nullopt},
        {"a{3,}", std::nullopt},
        {"a{}", std::nullopt},
        {"a{x}", std::nullopt},
        {"{", std::nullopt},
        {"x{1,2", std::nullopt},
        {"\\q", "bad escape \\q at position 0"},
        {"\\e", "bad escape \\e at position 0"},
        {"\\h", "bad escape \\h at position 0"},
        {"\\z", "bad escape \\z at position 0"},
        {"\\Z", std::nullopt},
        {"\\A", std::nullopt},
        {"\\v", std::nullopt},
        {"\\x4", "incomplete escape \\x4 at position 0"},
        {"\\x41", std::nullopt},
        {"\\u00e9", std::nullopt},
        {"\\u00e", "incomplete escape \\u00e at position 0"},
        {"\\U0001F600", std::nullopt},
        {"\\U00110000", "bad escape \\U00110000 at position 0"},
        {"\\N{EM DASH}", std::nullopt},
        {"\\N{NOT A NAME}", "undefined character name 'NOT A NAME' at position 0"},
        {"\\N", "missing { at position 2"},
        {"\\N{", "missing character name at position 3"},
        {"\\0", std::nullopt},
        {"\\01", std::nullopt},
        {"\\012", std::nullopt},
        {"\\0123", std::nullopt},
        {"\\1", "invalid group reference 1 at position 1"},
        {"(a)\\1", std::nullopt},
        {"(a\\1)", "cannot refer to an open group at position 2"},
        {"(a)\\2", "invalid group reference 2 at position 4"},
        {"\\400", "octal escape value \\400 outside of range 0-0o377 at position 0"},
        {"\\777", "octal escape value \\777 outside of range 0-0o377 at position 0"},
        {"\\377", std::nullopt},
        {"[\\b]", std::nullopt},
        {"[a-z]", std::nullopt},
        {"[z-a]", "bad character range z-a at position 1"},
        {"[\\d-z]", "bad character range \\d-z at position 1"},
        {"[a-\\d]", "bad character range a-\\d at position 1"},
        {"[a-]", std::nullopt},
        {"[-a]", std::nullopt},
        {"[]a]", std::nullopt},
        {"[^]a]", std::nullopt},
        {"[]", "unterminated character set at position 0"},
        {"[^]", "unterminated character set at position 0"},
        {"[\\q]", "bad escape \\q at position 1"},
        {"[\\A]", "bad escape \\A at position 1"},
        {"[\\8]", "bad escape \\8 at position 1"},
        {"[\\x]", "incomplete escape \\x at position 1"},
        {"[[:alpha:]]", std::nullopt},
        {"[a\\-z]", std::nullopt},
        {"(?P<name>x)(?P=name)", std::nullopt},
        {"(?P<1>x)", "bad character in group name '1' at position 4"},
        {"(?P<na-me>x)", "bad character in group name 'na-me' at position 4"},
        {"(?P<a>x)(?P<a>y)",
         "redefinition of group name 'a' as group 2; was group 1 at position 12"},
        {"(?P=nope)", "unknown group name 'nope' at position 4"},
        {"(?P<a>(?P=a))", "cannot refer to an open group at position 10"},
        {"(?P>a)", "unknown extension ?P> at position 1"},
        {"(?P", "unexpected end of pattern at position 3"},
        {"(?Px)", "unknown extension ?Px at position 1"},
        {"(?<name>x)", "unknown extension ?<n at position 1"},
        {"(?'name'x)", "unknown extension ?' at position 1"},
        {"(?<=ab)c", std::nullopt},
        {"(?<=a|bc)d", "look-behind requires fixed-width pattern"},
        {"(?<!a|b)c", std::nullopt},
        {"(?<=a*)b", "look-behind requires fixed-width pattern"},
        {"(?<=\\d{3})x", std::nullopt},
        {"(?<=(a)\\1)b",
         "cannot refer to group defined in the same lookbehind subpattern at position 9"},
        {"(?=a)*", std::nullopt},
        {"(?>ab)+", std::nullopt},
        {"(?#comment)a", std::nullopt},
        {"(?#unterminated", "missing ), unterminated comment at position 0"},
        {"a(?#x)*", std::nullopt},
        {"(?i)abc", std::nullopt},
        {"a(?i)b", "global flags not at the start of the expression at position 1"},
        {"(?i)(?m)x", std::nullopt},
        {"(?x) a b # comment", std::nullopt},
        {"(?x)[ a]", std::nullopt},
        {"(?ix:a b)", std::nullopt},
        {"(?-i:a)", std::nullopt},
        {"(?i-i:a)", "bad inline flags: flag turned on and off at position 5"},
        {"(?L)a", "bad inline flags: cannot use 'L' flag with a str pattern at position 3"},
        {"(?au)a", "bad inline flags: flags 'a', 'u' and 'L' are incompatible at position 4"},
        {"(?a)\\w", std::nullopt},
        {"(?u)\\w", std::nullopt},
        {"(?t)a", std::nullopt},
        {"(?t:a)", "bad inline flags: cannot turn on global flag at position 3"},
        {"(?-a:x)", "bad inline flags: cannot turn off flags 'a', 'u' and 'L' at position 4"},
        {"(?z)", "unknown extension ?z at position 1"},
        {"(?i", "missing -, : or ) at position 3"},
        {"(?-", "missing flag at position 3"},
        {"(?-z:a)", "unknown flag at position 3"},
        {"(?i-:a)", "missing flag at position 4"},
        {"(?i-m", "missing : at position 5"},
        {"(?(1)a|b)", "invalid group reference 1 at position 3"},
        {"(a)(?(1)a|b)", std::nullopt},
        {"(a)(?(1)a|b|c)", "conditional backref with more than two branches at position 11"},
        {"(?P<g>a)(?(g)x)", std::nullopt},
        {"(?(nope)a)", "unknown group name 'nope' at position 3"},
        {"(?(0)a)", "bad group number at position 3"},
        {"(?(a-b)a)", "bad character in group name 'a-b' at position 3"},
        {"(a)(?(2)x)", "invalid group reference 2 at position 6"},
        {"(?(2)x)(a)(b)", std::nullopt},
        {"(?", "unexpected end of pattern at position 2"},
        {"(?Q)", "unknown extension ?Q at position 1"},
        {"^*", "nothing to repeat at position 1"},
        {"$*", "nothing to repeat at position 1"},
        {"\\b+", "nothing to repeat at position 2"},
        {".*", std::nullopt},
        {"x{4294967295}", "the repetition number is too large"},
        {"((((a))))", std::nullopt},
        {"a|*b", "nothing to repeat at position 2"},
        {"(?:)*", std::nullopt},
        {"()", std::nullopt},
        {"(|a)+", std::nullopt},
        {"[a-z]+@[a-z]+\\.com", std::nullopt},
        {"\\d+\\.\\d+", std::nullopt},
        {"(?s).", std::nullopt},
        {"\\\\", std::nullopt},
        {"\\", "bad escape (end of pattern) at position 0"},
        {"a\\", "bad escape (end of pattern) at position 1"},
        {"\\.\\*", std::nullopt},
        {"é+", std::nullopt},
        {"[é-ü]", std::nullopt},
        {"\\p{L}", "bad escape \\p at position 0"},
        {"\\X", "bad escape \\X at position 0"},
        {"\\R", "bad escape \\R at position 0"},
        {"\\K", "bad escape \\K at position 0"},
        {"\\G", "bad escape \\G at position 0"},
        {"(?|a|b)", "unknown extension ?| at position 1"},
        {"(?R)", "unknown extension ?R at position 1"},
        {"(?1)", "unknown extension ?1 at position 1"},
        {"(*FAIL)", "nothing to repeat at position 1"},
        {"a{1,2}{3}", "multiple repeat at position 6"},
        {"a{1}?", std::nullopt},
        {"a{1}+", std::nullopt},
        {"a{,}", std::nullopt},
        {"\\w{2,}?", std::nullopt},
        {"a\nb(", "missing ), unterminated subpattern at position 3 (line 2, column 2)"},
        {"(?x)a\n  # c\n  (",
         "missing ), unterminated subpattern at position 14 (line 3, column 3)"},
        {"a\n)", "unbalanced parenthesis at position 2 (line 2, column 1)"},
        {"\t", std::nullopt},
        {"(?x)\\ ", std::nullopt},
        {"[\n]", std::nullopt},
        {"", std::nullopt},
        {"(?<=\\$)\\d+", std::nullopt},
        {"(?P<c>\\w)(?P=c)", std::nullopt},
        {"(?a)^\\w+$", std::nullopt},
        {"(?i)HELLO", std::nullopt},
        {"(?m)^bar$", std::nullopt},
        {"(?s)foo.bar", std::nullopt},
        {"(?x) f o o  # comment", std::nullopt},
        {".", std::nullopt},
        {"@(?:everyone|here)", std::nullopt},
        {"\\bber\\b", std::nullopt},
        {"\\bcat\\b", std::nullopt},
        {"\\bwin\\b", std::nullopt},
        {"\\d", std::nullopt},
        {"\\d+", std::nullopt},
        {"\\d{3}", std::nullopt},
        {"\\s", std::nullopt},
        {"^$", std::nullopt},
        {"^(?>a+)b", std::nullopt},
        {"^.$", std::nullopt},
        {"^\\w+$", std::nullopt},
        {"^\\w+@\\w+\\.com$", std::nullopt},
        {"^a++a", std::nullopt},
        {"^a\\d+$", std::nullopt},
        {"^foo$", std::nullopt},
        {"^message_", std::nullopt},
        {"^s+$", std::nullopt},
        {"a", std::nullopt},
        {"a+", std::nullopt},
        {"b+", std::nullopt},
        {"click\\s+here", std::nullopt},
        {"crypto", std::nullopt},
        {"foo", std::nullopt},
        {"foo$", std::nullopt},
        {"foo\\Z", std::nullopt},
        {"free", std::nullopt},
        {"free money", std::nullopt},
        {"hello", std::nullopt},
        {"k", std::nullopt},
        {"ok", std::nullopt},
        {"spam", std::nullopt},
        {"é", std::nullopt},
        {"σ", std::nullopt},
    }));

// Python accepts repeat counts up to 2^32 - 2; PCRE2 stops at 65535 (a documented difference).
TEST(PythonRegexLimitsTest, RepeatCountsBeyondPcre2AreReported) {
  EXPECT_EQ(CheckPythonRegex("x{65535}", false), std::nullopt);
  std::optional<std::string> error = CheckPythonRegex("x{65536}", false);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("pattern not supported"), std::string::npos) << *error;
}

struct TranslationCase {
  std::string python;
  std::string pcre2;
};

class TranslatePythonRegexTest : public testing::TestWithParam<TranslationCase> {};

TEST_P(TranslatePythonRegexTest, Translates) {
  absl::StatusOr<std::string> translated = TranslatePythonRegex(GetParam().python);
  ASSERT_TRUE(translated.ok()) << translated.status();
  EXPECT_EQ(*translated, GetParam().pcre2);
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, TranslatePythonRegexTest,
    testing::ValuesIn(std::vector<TranslationCase>{
        {"abc", "abc"},
        {"a.b", "a.b"},
        {"a\\.b", "a\\.b"},
        {"\\Z", "\\z"},
        {"\\v", "\\x{b}"},
        {"[\\b]", "[\\x{8}]"},
        {"(?P<name>a)(?P=name)", "(a)\\g{1}"},
        {"a{,3}", "a{0,3}"},
        {"a{2,}?", "a{2,}?"},
        {"a*+", "a*+"},
        {"x{}", "x\\{\\}"},
        {"\\0101", "\\x{8}1"},
        {"\\101", "A"},
        {"(?x) a b # comment", "ab"},
        {"(?i)a|b", "(?i)a|b"},
        {"(?ix:a b)", "(?i:ab)"},
        // The ASCII flag stays as a leading "(?a)" for the compiler to read (no PCRE2 form).
        {"(?a)\\w", "(?a)\\w"},
        {"(a)?(?(1)b|c)", "(a){0,1}(?(1)b|c)"},
        {"(?<=ab)c", "(?<=ab)c"},
        {"(?#note)a", "a"},
        {"\\N{EM DASH}", "\\x{2014}"},
        {"é", "\\x{e9}"},
        {"\\s",
         "[\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}"
         "\\x{2028}-\\x{2029}\\x{202f}\\x{205f}\\x{3000}]"},
    }));

TEST(PythonStringReprTest, QuotesLikePython) {
  EXPECT_EQ(PythonStringRepr("[bad"), "'[bad'");
  EXPECT_EQ(PythonStringRepr("it's"), "\"it's\"");
  EXPECT_EQ(PythonStringRepr("both ' and \""), "'both \\' and \"'");
  EXPECT_EQ(PythonStringRepr("a\\b\n\t\x01"), "'a\\\\b\\n\\t\\x01'");
  EXPECT_EQ(PythonStringRepr("é"), "'é'");
}

}  // namespace
}  // namespace osprey::frontend
