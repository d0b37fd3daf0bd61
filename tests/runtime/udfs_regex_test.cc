// Table tests of RegexMatch, RegexMatchMap, CountRegexMatches and TextContains
// (runtime/udfs/regex.cc); expected values from CPython 3.11's re on the same (syntax-compatible)
// patterns.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

class RegexUdfTest : public ::testing::TestWithParam<Case> {};

TEST_P(RegexUdfTest, MatchesPython) { EXPECT_EQ(RunCase(GetParam()), GetParam().expected); }

const Case kCases[] = {
    {"match_0", "RegexMatch", {S("^$"), B(false), S("")}, "True", {0, 1}},
    {"match_1", "RegexMatch", {S("^$"), B(false), S("a")}, "False", {0, 1}},
    {"match_2", "RegexMatch", {S(""), B(false), S("x")}, "True", {0, 1}},
    {"match_3", "RegexMatch", {S("\\d+"), B(false), S("ab١٢")}, "True", {0, 1}},
    {"match_4", "RegexMatch", {S("hello"), B(true), S("HeLLo")}, "True", {0, 1}},
    {"match_5", "RegexMatch", {S("straße"), B(true), S("STRASSE")}, "False", {0, 1}},
    {"match_6", "RegexMatch", {S("\\bcat\\b"), B(false), S("a cat!")}, "True", {0, 1}},
    {"match_7", "RegexMatch", {S("a$"), B(false), S("a\n")}, "True", {0, 1}},
    {"match_8", "RegexMatch", {S("(?i)k"), B(false), S("K")}, "True", {0, 1}},
    {"match_9", "RegexMatch", {S("\\w+"), B(false), S("é")}, "True", {0, 1}},
    {"match_10", "RegexMatch", {S("s"), B(true), S("ſ")}, "True", {0, 1}},
    {"match_11", "RegexMatch", {S("^\\s*$"), B(false), S(" \t")}, "True", {0, 1}},
    {"map_0",
     "RegexMatchMap",
     {S("a"), B(false), L({S("xa"), S("b")}), S("any")},
     "True",
     {0, 1, 3}},
    {"map_1",
     "RegexMatchMap",
     {S("a"), B(false), L({S("xa"), S("b")}), S("all")},
     "False",
     {0, 1, 3}},
    {"map_2", "RegexMatchMap", {S("a"), B(false), L({}), S("any")}, "False", {0, 1, 3}},
    {"map_3", "RegexMatchMap", {S("a"), B(false), L({}), S("all")}, "True", {0, 1, 3}},
    {"map_4",
     "RegexMatchMap",
     {S("^b"), B(false), L({S("b"), S("bb")}), S("all")},
     "True",
     {0, 1, 3}},
    {"count_0",
     "CountRegexMatches",
     {L({S(""), S("a"), S("\\d")}), S("123"), B(false)},
     "2",
     {0, 2}},
    {"count_1", "CountRegexMatches", {L({}), S("x"), B(false)}, "0", {0, 2}},
    {"count_2", "CountRegexMatches", {L({S("A"), S("a"), S("a")}), S("a"), B(true)}, "3", {0, 2}},
    {"count_3", "CountRegexMatches", {L({S("x")}), S(""), B(false)}, "0", {0, 2}},
    {"contains_0", "TextContains", {S("I love cats"), S("cat")}, "False"},
    {"contains_1", "TextContains", {S("I love cats"), S("cats")}, "True"},
    {"contains_2", "TextContains", {S("CATS!"), S("cats")}, "True"},
    {"contains_3", "TextContains", {S("a.b"), S(".")}, "True"},
    {"contains_4", "TextContains", {S("x"), S("")}, "True"},
    {"contains_5", "TextContains", {S("!!"), S("")}, "False"},
    {"contains_6", "TextContains", {S("a+b c"), S("a+b")}, "True"},
    {"contains_7", "TextContains", {S("Ünïcode x"), S("ünïcode")}, "True"},
    // Patterns arrive translated to PCRE2 syntax; a catastrophic one hits the match limit.
    {"match_limit",
     "RegexMatch",
     {S("(a+)+$"), B(false), S(std::string(5000, 'a') + "!")},
     "<error>",
     {0, 1}},
    // A leading (?a) (kept by the translator for Python's ASCII flag) makes \w ASCII-only.
    {"ascii_flag_word", "RegexMatch", {S("(?a)^\\w+$"), B(false), S("日本語")}, "False", {0, 1}},
    {"unicode_word", "RegexMatch", {S("^\\w+$"), B(false), S("日本語")}, "True", {0, 1}},
    {"target_not_str", "RegexMatch", {S("a"), B(false), I(1)}, "<error>", {0, 1}},
    {"bad_pattern_rejected_by_factory",
     "RegexMatch",
     {S("("), B(false), S("x")},
     "<error>",
     {0, 1}},
};

INSTANTIATE_TEST_SUITE_P(RegexUdf, RegexUdfTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace osprey::runtime::testing
