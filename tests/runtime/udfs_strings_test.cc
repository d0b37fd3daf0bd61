// Table tests of the str functions (runtime/udfs/strings.cc, string_extract.cc,
// string_clean.cc). Expected values were produced by CPython 3.11 running the same operations
// (str methods, re.findall + urllib.parse for the extractors), and, for StringClean, taken from
// the conformance cases udf_strings/string_clean_* (Osprey 1.1.0's own outputs). The unidecode
// cases take anyascii's own test vectors (its impl/c/test.c and impl/python/tests), since Osprey
// calls the Python package anyascii 0.3.3.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

using std::string_literals::operator""s;

class StringUdfTest : public ::testing::TestWithParam<Case> {};

// An int beyond int64, from its decimal text.
Value Big(std::string_view decimal) { return ParseIntDigits(decimal, 10).value(); }

TEST_P(StringUdfTest, MatchesPython) { EXPECT_EQ(RunCase(GetParam()), GetParam().expected); }

const Case kCases[] = {
    {"len_0", "StringLength", {S("")}, "0"},
    {"lower_0", "StringToLower", {S("")}, "''"},
    {"upper_0", "StringToUpper", {S("")}, "''"},
    {"len_1", "StringLength", {S("abc")}, "3"},
    {"lower_1", "StringToLower", {S("abc")}, "'abc'"},
    {"upper_1", "StringToUpper", {S("abc")}, "'ABC'"},
    {"len_2", "StringLength", {S("ΟΔΟΣ")}, "4"},
    {"lower_2", "StringToLower", {S("ΟΔΟΣ")}, "'οδος'"},
    {"upper_2", "StringToUpper", {S("ΟΔΟΣ")}, "'ΟΔΟΣ'"},
    {"len_3", "StringLength", {S("İstanbul")}, "8"},
    {"lower_3", "StringToLower", {S("İstanbul")}, "'i̇stanbul'"},
    {"upper_3", "StringToUpper", {S("İstanbul")}, "'İSTANBUL'"},
    {"len_4", "StringLength", {S("straße")}, "6"},
    {"lower_4", "StringToLower", {S("straße")}, "'straße'"},
    {"upper_4", "StringToUpper", {S("straße")}, "'STRASSE'"},
    {"len_5", "StringLength", {S("ﬁne")}, "3"},
    {"lower_5", "StringToLower", {S("ﬁne")}, "'ﬁne'"},
    {"upper_5", "StringToUpper", {S("ﬁne")}, "'FINE'"},
    {"len_6", "StringLength", {S("Σ")}, "1"},
    {"lower_6", "StringToLower", {S("Σ")}, "'σ'"},
    {"upper_6", "StringToUpper", {S("Σ")}, "'Σ'"},
    {"len_7", "StringLength", {S("aΣ b")}, "4"},
    {"lower_7", "StringToLower", {S("aΣ b")}, "'aς b'"},
    {"upper_7", "StringToUpper", {S("aΣ b")}, "'AΣ B'"},
    {"len_8", "StringLength", {S("ǅ")}, "1"},
    {"lower_8", "StringToLower", {S("ǅ")}, "'ǆ'"},
    {"upper_8", "StringToUpper", {S("ǅ")}, "'Ǆ'"},
    {"len_9", "StringLength", {S("日本語")}, "3"},
    {"lower_9", "StringToLower", {S("日本語")}, "'日本語'"},
    {"upper_9", "StringToUpper", {S("日本語")}, "'日本語'"},
    // ASCII only: mapped byte by byte, everything but letters unchanged.
    {"lower_ascii",
     "StringToLower",
     {S("Hello, World! [AZ@`az{] 09~")},
     "'hello, world! [az@`az{] 09~'"},
    {"upper_ascii",
     "StringToUpper",
     {S("Hello, World! [AZ@`az{] 09~")},
     "'HELLO, WORLD! [AZ@`AZ{] 09~'"},
    {"len_10", "StringLength", {S("ŉ")}, "1"},
    {"lower_10", "StringToLower", {S("ŉ")}, "'ŉ'"},
    {"upper_10", "StringToUpper", {S("ŉ")}, "'ʼN'"},
    {"len_11", "StringLength", {S("ΌΣΟΣ.")}, "5"},
    {"lower_11", "StringToLower", {S("ΌΣΟΣ.")}, "'όσος.'"},
    {"upper_11", "StringToUpper", {S("ΌΣΟΣ.")}, "'ΌΣΟΣ.'"},
    {"len_12", "StringLength", {S("ß🙂")}, "2"},
    {"lower_12", "StringToLower", {S("ß🙂")}, "'ß🙂'"},
    {"upper_12", "StringToUpper", {S("ß🙂")}, "'SS🙂'"},
    {"starts_0", "StringStartsWith", {S("abc"), S("")}, "True"},
    {"ends_0", "StringEndsWith", {S("abc"), S("")}, "True"},
    {"starts_1", "StringStartsWith", {S("abc"), S("ab")}, "True"},
    {"ends_1", "StringEndsWith", {S("abc"), S("ab")}, "False"},
    {"starts_2", "StringStartsWith", {S("abc"), S("abcd")}, "False"},
    {"ends_2", "StringEndsWith", {S("abc"), S("abcd")}, "False"},
    {"starts_3", "StringStartsWith", {S("日本"), S("日")}, "True"},
    {"ends_3", "StringEndsWith", {S("日本"), S("日")}, "False"},
    {"starts_4", "StringStartsWith", {S(""), S("")}, "True"},
    {"ends_4", "StringEndsWith", {S(""), S("")}, "True"},
    {"strip_0", "StringStrip", {S(" \t a b \n"), N()}, "'a b'"},
    {"lstrip_0", "StringLStrip", {S(" \t a b \n"), N()}, "'a b \\n'"},
    {"rstrip_0", "StringRStrip", {S(" \t a b \n"), N()}, "' \\t a b'"},
    {"strip_1",
     "StringStrip",
     {S("　\x1c"
        "x\u0085 "),
      N()},
     "'x'"},
    {"lstrip_1",
     "StringLStrip",
     {S("　\x1c"
        "x\u0085 "),
      N()},
     "'x\\x85\\xa0'"},
    {"rstrip_1",
     "StringRStrip",
     {S("　\x1c"
        "x\u0085 "),
      N()},
     "'\\u3000\\x1cx'"},
    {"strip_2", "StringStrip", {S("​x​"), N()}, "'\\u200bx\\u200b'"},
    {"lstrip_2", "StringLStrip", {S("​x​"), N()}, "'\\u200bx\\u200b'"},
    {"rstrip_2", "StringRStrip", {S("​x​"), N()}, "'\\u200bx\\u200b'"},
    {"strip_3", "StringStrip", {S("xxabcxy"), S("xy")}, "'abc'"},
    {"lstrip_3", "StringLStrip", {S("xxabcxy"), S("xy")}, "'abcxy'"},
    {"rstrip_3", "StringRStrip", {S("xxabcxy"), S("xy")}, "'xxabc'"},
    {"strip_4", "StringStrip", {S("abc"), S("")}, "'abc'"},
    {"lstrip_4", "StringLStrip", {S("abc"), S("")}, "'abc'"},
    {"rstrip_4", "StringRStrip", {S("abc"), S("")}, "'abc'"},
    {"strip_5", "StringStrip", {S("日本日"), S("日")}, "'本'"},
    {"lstrip_5", "StringLStrip", {S("日本日"), S("日")}, "'本日'"},
    {"rstrip_5", "StringRStrip", {S("日本日"), S("日")}, "'日本'"},
    {"strip_6", "StringStrip", {S(""), N()}, "''"},
    {"lstrip_6", "StringLStrip", {S(""), N()}, "''"},
    {"rstrip_6", "StringRStrip", {S(""), N()}, "''"},
    {"strip_7", "StringStrip", {S("   "), N()}, "''"},
    {"lstrip_7", "StringLStrip", {S("   "), N()}, "''"},
    {"rstrip_7", "StringRStrip", {S("   "), N()}, "''"},
    {"replace_0", "StringReplace", {S("ab"), S(""), S("-")}, "'-a-b-'"},
    {"replace_1", "StringReplace", {S(""), S(""), S("x")}, "'x'"},
    {"replace_2", "StringReplace", {S("aaa"), S("a"), S("bb")}, "'bbbbbb'"},
    {"replace_3", "StringReplace", {S("aaaa"), S("aa"), S("b")}, "'bb'"},
    {"replace_4", "StringReplace", {S("日本日"), S("日"), S("x")}, "'x本x'"},
    {"replace_5", "StringReplace", {S("abc"), S("z"), S("y")}, "'abc'"},
    {"replace_6", "StringReplace", {S("日本"), S(""), S("|")}, "'|日|本|'"},
    {"join_0", "StringJoin", {S(","), L({S("a"), S("b")})}, "'a,b'"},
    {"join_1", "StringJoin", {S(","), L({})}, "''"},
    {"join_2", "StringJoin", {S(""), L({S("x"), S("y")})}, "'xy'"},
    {"join_3", "StringJoin", {S("日"), L({S("a"), S("b"), S("c")})}, "'a日b日c'"},
    {"join_4", "StringJoin", {S(","), L({S("a"), I(1)})}, "<error>"},
    {"split_0", "StringSplit", {S("a b  c"), N(), I(-1)}, "['a', 'b', 'c']"},
    {"split_1", "StringSplit", {S("  a b "), N(), I(0)}, "['a b ']"},
    {"split_2", "StringSplit", {S("  a b c "), N(), I(1)}, "['a', 'b c ']"},
    {"split_3", "StringSplit", {S("a,,b"), S(","), I(-1)}, "['a', '', 'b']"},
    {"split_4", "StringSplit", {S(""), S(","), I(-1)}, "['']"},
    // OverflowError: Python int too large to convert to C ssize_t.
    {"split_big_maxsplit",
     "StringSplit",
     {S("a b"), S(" "), Big("-1000000000000000000000000000000")},
     "<error>"},
    {"split_5", "StringSplit", {S(""), N(), I(-1)}, "[]"},
    {"split_6", "StringSplit", {S("a,b,c"), S(","), I(1)}, "['a', 'b,c']"},
    {"split_7", "StringSplit", {S("abc"), S(""), I(-1)}, "<error>"},
    {"split_8",
     "StringSplit",
     {S("a　b\x1c"
        "c"),
      N(), I(-1)},
     "['a', 'b', 'c']"},
    {"split_9", "StringSplit", {S("a日b日"), S("日"), I(-1)}, "['a', 'b', '']"},
    {"split_10", "StringSplit", {S("a b"), N(), I(-5)}, "['a', 'b']"},
    {"split_11", "StringSplit", {S("a,b"), S(","), I(0)}, "['a,b']"},
    {"slice_0", "StringSlice", {S("hello"), I(0), I(2)}, "'he'", {1, 2}},
    // Slice bounds beyond int64 clamp, as Python's do.
    {"slice_big_end",
     "StringSlice",
     {S("abcdef"), I(0), Big("1000000000000000000000000000000")},
     "'abcdef'",
     {1, 2}},
    {"slice_big_negative_start",
     "StringSlice",
     {S("abcdef"), Big("-1000000000000000000000000000000"), I(3)},
     "'abc'",
     {1, 2}},
    {"slice_big_negative_end",
     "StringSlice",
     {S("abcdef"), I(2), Big("-1000000000000000000000000000000")},
     "''",
     {1, 2}},
    {"slice_1", "StringSlice", {S("hello"), I(2), I(100)}, "'llo'", {1, 2}},
    {"slice_2", "StringSlice", {S("日本語"), I(1), I(2)}, "'本'", {1, 2}},
    {"slice_3", "StringSlice", {S("abc"), I(3), I(3)}, "''", {1, 2}},
    {"slice_4", "StringSlice", {S("abc"), I(2), I(1)}, "''", {1, 2}},
    {"slice_5", "StringSlice", {S(""), I(0), I(5)}, "''", {1, 2}},
    {"domains_0",
     "StringExtractDomains",
     {S("see https://a.com/x and http://b.org:8080/p?q=1#f.")},
     "['a.com', 'b.org']"},
    {"urls_0",
     "StringExtractURLs",
     {S("see https://a.com/x and http://b.org:8080/p?q=1#f.")},
     "['https://a.com/x', 'http://b.org:8080/p?q=1#f.']"},
    {"domains_1",
     "StringExtractDomains",
     {S("[link](https://example.com/path) <http://x.y>")},
     "['example.com', 'x.y']"},
    {"urls_1",
     "StringExtractURLs",
     {S("[link](https://example.com/path) <http://x.y>")},
     "['https://example.com/path', 'http://x.y']"},
    {"domains_2", "StringExtractDomains", {S("https:/x https:///x HTTP://up.com")}, "[]"},
    {"urls_2", "StringExtractURLs", {S("https:/x https:///x HTTP://up.com")}, "[]"},
    {"domains_3",
     "StringExtractDomains",
     {S("https://[::1]:8080/path https://[invalid")},
     "['[::1]']"},
    {"urls_3",
     "StringExtractURLs",
     {S("https://[::1]:8080/path https://[invalid")},
     "['https://[::1]:8080/path']"},
    {"domains_4", "StringExtractDomains", {S("http://a.com? http://a.com/#")}, "['a.com']"},
    {"urls_4",
     "StringExtractURLs",
     {S("http://a.com? http://a.com/#")},
     "['http://a.com', 'http://a.com/']"},
    {"domains_5",
     "StringExtractDomains",
     {S("http://user:pw@host.com/ http://u@h:80")},
     "['user', 'u@h']"},
    {"urls_5",
     "StringExtractURLs",
     {S("http://user:pw@host.com/ http://u@h:80")},
     "['http://user:pw@host.com/', 'http://u@h:80']"},
    {"domains_6",
     "StringExtractDomains",
     {S("https://a.com/x;p https://a.com/x; https://a.com/y;a/b")},
     "['a.com']"},
    {"urls_6",
     "StringExtractURLs",
     {S("https://a.com/x;p https://a.com/x; https://a.com/y;a/b")},
     "['https://a.com/x;p', 'https://a.com/x', 'https://a.com/y;a/b']"},
    {"domains_7", "StringExtractDomains", {S("x https://日本.jp/パス y")}, "['日本.jp']"},
    {"urls_7", "StringExtractURLs", {S("x https://日本.jp/パス y")}, "['https://日本.jp/パス']"},
    {"domains_8", "StringExtractDomains", {S("https://a.com https://a.com")}, "['a.com']"},
    {"urls_8", "StringExtractURLs", {S("https://a.com https://a.com")}, "['https://a.com']"},
    {"domains_9", "StringExtractDomains", {S("http://?x http://#y")}, "[]"},
    {"urls_9", "StringExtractURLs", {S("http://?x http://#y")}, "[]"},
    {"domains_10", "StringExtractDomains", {S("https://[1.2.3.4]/ https://[v1.x]/")}, "['[v1.x]']"},
    {"urls_10",
     "StringExtractURLs",
     {S("https://[1.2.3.4]/ https://[v1.x]/")},
     "['https://[v1.x]/']"},
    {"domains_11", "StringExtractDomains", {S("https://ａ.com/")}, "['ａ.com']"},
    {"urls_11", "StringExtractURLs", {S("https://ａ.com/")}, "['https://ａ.com/']"},
    {"domains_12", "StringExtractDomains", {S("https://a　b.com")}, "[]"},
    {"urls_12", "StringExtractURLs", {S("https://a　b.com")}, "[]"},
    {"domains_13", "StringExtractDomains", {S("https://ab")}, "['ab']"},
    {"urls_13", "StringExtractURLs", {S("https://ab")}, "['https://ab']"},
    // Wrong runtime types are recorded errors.
    {"length_of_int", "StringLength", {I(3)}, "<error>"},
    {"entity_unwraps", "StringLength", {Value::Entity("User", S("bob"))}, "3"},
};

INSTANTIATE_TEST_SUITE_P(Strings, StringUdfTest, ::testing::ValuesIn(kCases), CaseName);

// StringClean(s, form, remove_emoji, space, l33t, homoglyph, unicode_normalize, unidecode,
// upper, lower, remove_space, remove_punctuation).
struct CleanCase {
  std::string name;
  std::string input;
  std::string form = "NFKC";
  std::vector<bool> flags;  // the ten flags; empty = defaults
  std::string expected;
};

std::ostream& operator<<(std::ostream& os, const CleanCase& c) { return os << c.name; }

constexpr bool kDefaults[] = {false, true, false, true, true, false, false, false, false, false};

class StringCleanTest : public ::testing::TestWithParam<CleanCase> {};

TEST_P(StringCleanTest, MatchesOsprey) {
  const CleanCase& c = GetParam();
  std::vector<Value> args = {S(c.input), S(c.form)};
  for (size_t i = 0; i < 10; ++i) args.push_back(B(c.flags.empty() ? kDefaults[i] : c.flags[i]));
  EXPECT_EQ(Render(CallUdf("StringClean", args)), c.expected);
}

// Flag vectors in parameter order.
std::vector<bool> Flags(std::initializer_list<std::pair<int, bool>> changes) {
  std::vector<bool> flags(std::begin(kDefaults), std::end(kDefaults));
  for (auto [index, value] : changes) flags[static_cast<size_t>(index)] = value;
  return flags;
}
enum Flag {
  kRemoveEmoji,
  kSpace,
  kL33t,
  kHomoglyph,
  kNormalize,
  kUnidecode,
  kUpper,
  kLower,
  kRemoveSpace,
  kRemovePunctuation
};

// Only unidecode: StringClean(s) is then anyascii(s).
const std::vector<bool> kUnidecodeOnly =
    Flags({{kSpace, false}, {kHomoglyph, false}, {kNormalize, false}, {kUnidecode, true}});

const CleanCase kCleanCases[] = {
    {"defaults_space", "Hello \t\n  World ", "NFKC", {}, "'Hello World '"},
    {"defaults_fullwidth", "ｄｒｏｉｄ", "NFKC", {}, "'droid'"},
    {"defaults_ascii_homoglyphs", "p@$$w0rd|", "NFKC", {}, "'passw0rdl'"},
    {"defaults_math_letters", "Ⓐbc 𝐓𝐄𝐗𝐓 EXAMΡLE", "NFKC", {}, "'abc text EXAMpLE'"},
    {"defaults_first_code_point", "ﬁne x² cafe\u0301", "NFKC", {}, "'fine x2 café'"},
    {"empty", "", "NFKC", {}, "''"},
    {"form_nfd", "ﬁne café", "NFD", {}, "'ﬁne cafe'"},
    {"form_nfkd", "ﬁne café", "NFKD", {}, "'fne cafe'"},
    {"form_bad", "ﬁne café", "XYZ", {}, "<error>"},
    {"form_lowercase_bad", "ﬁne café", "nfkc", {}, "<error>"},
    {"form_bad_unused", "ﬁne café", "XYZ", Flags({{kNormalize, false}}), "'ﬁne café'"},
    {"emoji_kept", "hi 😀😀 there 🇺🇸 ☀ 🤖", "NFKC", Flags({{kHomoglyph, false}}),
     "'hi 😀😀 there 🇺🇸 ☀ 🤖'"},
    {"emoji_removed", "hi 😀😀 there 🇺🇸 ☀ 🤖", "NFKC", Flags({{kRemoveEmoji, true}}),
     "'hi there us ☀ 🤖'"},
    {"emoji_removed_no_homoglyph", "hi 😀😀 there 🇺🇸 ☀ 🤖", "NFKC",
     Flags({{kRemoveEmoji, true}, {kHomoglyph, false}}), "'hi there ☀ 🤖'"},
    {"flags_to_letters",
     "hi 😀😀 there 🇺🇸 ☀ 🤖",
     "NFKC",
     {},
     "'hi 😀😀 there us ☀ 🤖'"},
    {"leet", "h3ll0 |00 l33t 3 2334 a3b3c", "NFKC", Flags({{kL33t, true}}),
     "'hell0 100 leet 3 2334 aebec'"},
    {"leet_off", "h3ll0 |00 l33t 3 2334 a3b3c", "NFKC", {}, "'h3ll0 l00 l33t 3 2334 a3b3c'"},
    {"upper", "h3ll0 |00 l33t 3 2334 a3b3c", "NFKC", Flags({{kUpper, true}}),
     "'H3LL0 L00 L33T 3 2334 A3B3C'"},
    {"greek_homoglyph", "Κνωσός 日本語 Москва", "NFKC", {}, "'Κνwσός 日本語 Москва'"},
    {"greek_upper_lower", "Κνωσός 日本語 Москва", "NFKC", Flags({{kUpper, true}, {kLower, true}}),
     "'κνwσός 日本語 москва'"},
    {"greek_nfd", "Κνωσός 日本語 Москва", "NFD", {}, "'Κνwσος 日本語 Москва'"},
    {"punctuation", "Hello, World! $5 © ℹ︎", "NFKC",
     Flags({{kRemoveSpace, true}, {kRemovePunctuation, true}}), "'HelloWorlds5ci'"},
    {"info_sign_no_homoglyph", "Hello, World! $5 © ℹ︎", "NFKC", Flags({{kHomoglyph, false}}),
     "'Hello, World! $5 © i\ufe0e'"},
    {"no_space_no_norm", "ΤΕΣΤ  ﬁle\t\tcafé", "NFKC", Flags({{kSpace, false}, {kNormalize, false}}),
     "'ΤΕΣΤ  ﬁle\\t\\tcafé'"},
    {"lower_sigma", "ΤΕΣΤ  ﬁle\t\tcafé", "NFKC", Flags({{kUpper, true}, {kLower, true}}),
     "'τεστ fle café'"},
    {"unidecode_latin", "ΤΕΣΤ  ﬁle\t\tcafé", "NFKC", Flags({{kUnidecode, true}}),
     "'TEST fle cafe'"},
    // unidecode after the default steps (conformance case udf_strings/string_clean_options).
    {"unidecode_emoji_defaults", "hi 😀😀 there 🇺🇸 ☀ 🤖", "NFKC",
     Flags({{kUnidecode, true}}), "'hi :grinning::grinning: there us :sunny: :robot:'"},
    {"unidecode_scripts_defaults", "Κνωσός 日本語 Москва", "NFKC", Flags({{kUnidecode, true}}),
     "'Knwsos RiBenYu Moskva'"},
    {"unidecode_all_on", "hi 😀😀 there 🇺🇸 ☀ 🤖", "NFKC",
     Flags({{kRemoveEmoji, true},
            {kL33t, true},
            {kUnidecode, true},
            {kLower, true},
            {kRemoveSpace, true},
            {kRemovePunctuation, true}}),
     "'hithereussunnyrobot'"},
    // NFKC leaves `e` + U+0301 decomposed (the length-change fallback); anyascii maps the
    // combining acute accent, like every combining diacritical mark, to the empty string.
    {"unidecode_combining_defaults", "cafe\u0301", "NFKC", Flags({{kUnidecode, true}}), "'cafe'"},
    // unidecode alone (space, homoglyph and unicode_normalize off): StringClean is then exactly
    // anyascii(s), checked against anyascii's test vectors.
    {"anyascii_empty", "", "NFKC", kUnidecodeOnly, "''"},
    {"anyascii_ascii", "sample", "NFKC", kUnidecodeOnly, "'sample'"},
    {"anyascii_ascii_controls", "\0\x01\t\n\x1f ~\x7f"s, "NFKC", kUnidecodeOnly,
     "'\\x00\\x01\\t\\n\\x1f ~\\x7f'"},
    {"anyascii_latin", "René François Lacôte", "NFKC", kUnidecodeOnly, "'Rene Francois Lacote'"},
    {"anyascii_latin_ligatures", "Blöße Nærøy", "NFKC", kUnidecodeOnly, "'Blosse Naeroy'"},
    {"anyascii_vietnamese", "Trần Hưng Đạo", "NFKC", kUnidecodeOnly, "'Tran Hung Dao'"},
    {"anyascii_greek", "Φειδιππίδης", "NFKC", kUnidecodeOnly, "'Feidippidis'"},
    {"anyascii_greek_upsilon", "Δημήτρης Φωτόπουλος", "NFKC", kUnidecodeOnly,
     "'Dimitris Fotopoylos'"},
    {"anyascii_cyrillic", "Борис Николаевич Ельцин", "NFKC", kUnidecodeOnly,
     "\"Boris Nikolaevich El'tsin\""},
    {"anyascii_bulgarian", "Търговище", "NFKC", kUnidecodeOnly, "\"T'rgovishche\""},
    {"anyascii_chinese", "深圳 深水埗", "NFKC", kUnidecodeOnly, "'ShenZhen ShenShuiBu'"},
    {"anyascii_japanese", "埼玉県 さいたま トヨタ", "NFKC", kUnidecodeOnly,
     "'QiYuXian saitama toyota'"},
    {"anyascii_korean", "화성시 華城市", "NFKC", kUnidecodeOnly, "'HwaSeongSi HuaChengShi'"},
    {"anyascii_hangul", "에 가 힣 널 뢌 땚 꺵", "NFKC", kUnidecodeOnly,
     "'E Ga Hih Neol Lwass Ttaelp Kkyaeng'"},
    {"anyascii_hebrew", "אברהם הלוי פרנקל", "NFKC", kUnidecodeOnly, "\"'vrhm hlvy frnkl\""},
    {"anyascii_emoji", "👑 🌴", "NFKC", kUnidecodeOnly, "':crown: :palm_tree:'"},
    {"anyascii_emoji_names", "🐂 🦉 🦆 🦓 ☕ 🍿 ✈ 🎷 🎤 🌡 🦹", "NFKC",
     kUnidecodeOnly,
     "':ox: :owl: :duck: :zebra: :coffee: :popcorn: :airplane: :saxophone: :microphone: "
     ":thermometer: :supervillain:'"},
    {"anyascii_symbols", "☆ ♯ ♰ ⚄ ⛌", "NFKC", kUnidecodeOnly, "'* # + 5 X'"},
    {"anyascii_letterlike", "№ ℳ ⅋ ⅍", "NFKC", kUnidecodeOnly, "'No M & A/S'"},
    {"anyascii_braille", "⠠⠎⠁⠽⠀⠭⠀⠁⠛", "NFKC", kUnidecodeOnly, "'+say x ag'"},
    {"anyascii_supplementary_plane", "𐍅𐌿𐌻𐍆𐌹𐌻𐌰", "NFKC", kUnidecodeOnly, "'wulfila'"},
    // Code points anyascii maps to nothing: U+0080, private use (U+E000, U+F0000, U+F0001),
    // noncharacters (U+FFFF, U+10FFFF), and the combining acute accent.
    {"anyascii_to_empty", "a\u0080b\ue000c\uffffd\U000f0000\U000f0001e\U0010ffff\u0301f", "NFKC",
     kUnidecodeOnly, "'abcdef'"},
    {"anyascii_combining_only", "\u0301\u0301", "NFKC", kUnidecodeOnly, "''"},
    // Tag characters map to their ASCII counterparts.
    {"anyascii_tags", "\U000e0020\U000e007e", "NFKC", kUnidecodeOnly, "' ~'"},
    {"anyascii_latin1_last", "\u00ff", "NFKC", kUnidecodeOnly, "'y'"},
};

INSTANTIATE_TEST_SUITE_P(StringClean, StringCleanTest, ::testing::ValuesIn(kCleanCases),
                         [](const ::testing::TestParamInfo<CleanCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace osprey::runtime::testing
