// Edge cases of every native stdlib function of udfs.md §0 (and the example plugin's), called
// directly: None, wrong types, empty values and non-ASCII text. The group tables
// (udfs_<group>_test.cc) cover each function's ordinary behaviour; this table is the
// cross-cutting checklist.
//
// In a running ruleset a None or a wrong-typed value never reaches a parameter that does not
// admit it (validation rejects it, and a failed or None argument fails the call before it runs,
// spec §1.2, covered by the conformance cases exec/udf_failure/*); a native that receives one
// anyway reports a recorded TypeError ("<error>"), never crashes. Expected values for the str,
// hash, base64, cookie and regex cases were computed with CPython 3.11.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

class EdgeCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(EdgeCaseTest, Outcome) { EXPECT_EQ(RunCase(GetParam()), GetParam().expected); }

Value User(std::string id) { return Value::Entity("User", S(std::move(id))); }

// StringClean's arguments with every option at its default.
std::vector<Value> CleanArguments(Value s) {
  return {std::move(s), S("NFKC"), B(false), B(true),  B(false), B(true),
          B(true),      B(false),  B(false), B(false), B(false), B(false)};
}

const Case kCases[] = {
    // --- Strings (§C). ---
    {"length_none", "StringLength", {N()}, "<error>"},
    {"length_int", "StringLength", {I(5)}, "<error>"},
    {"length_bool", "StringLength", {B(true)}, "<error>"},
    {"length_list", "StringLength", {L({S("a")})}, "<error>"},
    {"length_emoji", "StringLength", {S("🙂")}, "1"},
    {"length_combining", "StringLength", {S("e\u0301")}, "2"},
    {"length_entity", "StringLength", {User("abc")}, "3"},
    {"lower_none", "StringToLower", {N()}, "<error>"},
    {"upper_int", "StringToUpper", {I(1)}, "<error>"},
    {"starts_none", "StringStartsWith", {N(), S("a")}, "<error>"},
    {"starts_none_prefix", "StringStartsWith", {S("a"), N()}, "<error>"},
    {"starts_empty_both", "StringStartsWith", {S(""), S("")}, "True"},
    {"starts_empty_s", "StringStartsWith", {S(""), S("a")}, "False"},
    {"starts_precomposed", "StringStartsWith", {S("é"), S("e")}, "False"},
    {"ends_int", "StringEndsWith", {S("a1"), I(1)}, "<error>"},
    {"ends_unicode", "StringEndsWith", {S("straße"), S("ße")}, "True"},
    {"strip_none", "StringStrip", {N(), N()}, "<error>"},
    {"strip_empty", "StringStrip", {S(""), N()}, "''"},
    {"strip_ideographic_space", "StringStrip", {S("\u3000a\u3000"), N()}, "'a'"},
    // Not white space to Python; repr escapes it.
    {"strip_zero_width_space", "StringStrip", {S("\u200ba"), N()}, R"('\u200ba')"},
    {"strip_unicode_chars", "StringStrip", {S("ééaé"), S("é")}, "'a'"},
    {"strip_chars_int", "StringStrip", {S("a"), I(1)}, "<error>"},
    {"lstrip_int", "StringLStrip", {I(1), N()}, "<error>"},
    {"rstrip_empty_chars", "StringRStrip", {S("a  "), S("")}, "'a  '"},
    {"replace_none", "StringReplace", {N(), S("a"), S("b")}, "<error>"},
    {"replace_none_old", "StringReplace", {S("a"), N(), S("b")}, "<error>"},
    {"replace_empty_all", "StringReplace", {S(""), S(""), S("x")}, "'x'"},
    {"replace_in_empty", "StringReplace", {S(""), S("a"), S("b")}, "''"},
    {"replace_unicode", "StringReplace", {S("aéa"), S("é"), S("e")}, "'aea'"},
    {"join_none_separator", "StringJoin", {N(), L({S("a")})}, "<error>"},
    {"join_none_list", "StringJoin", {S(","), N()}, "<error>"},
    {"join_empty_list", "StringJoin", {S(","), L({})}, "''"},
    {"join_int_item", "StringJoin", {S(","), L({S("a"), I(1)})}, "<error>"},
    {"join_unicode", "StringJoin", {S("é"), L({S("a"), S("b")})}, "'aéb'"},
    {"split_none", "StringSplit", {N(), N(), I(-1)}, "<error>"},
    {"split_empty_whitespace", "StringSplit", {S(""), N(), I(-1)}, "[]"},
    {"split_empty_sep", "StringSplit", {S(""), S(","), I(-1)}, "['']"},
    {"split_ideographic_space", "StringSplit", {S("a\u3000b"), N(), I(-1)}, "['a', 'b']"},
    {"split_zero_width_space", "StringSplit", {S("a\u200bb"), N(), I(-1)}, R"(['a\u200bb'])"},
    {"split_sep_int", "StringSplit", {S("a"), I(1), I(-1)}, "<error>"},
    {"slice_none", "StringSlice", {N(), I(0), I(1)}, "<error>", {1, 2}},
    {"slice_empty", "StringSlice", {S(""), I(0), I(5)}, "''", {1, 2}},
    {"slice_code_points", "StringSlice", {S("日本語"), I(1), I(2)}, "'本'", {1, 2}},
    {"slice_astral", "StringSlice", {S("🙂a"), I(0), I(1)}, "'🙂'", {1, 2}},
    {"clean_none", "StringClean", CleanArguments(N()), "<error>"},
    {"clean_empty", "StringClean", CleanArguments(S("")), "''"},
    {"clean_unicode", "StringClean", CleanArguments(S("ｄｒｏｉｄ 😀")), "'droid 😀'"},
    {"domains_none", "StringExtractDomains", {N()}, "<error>"},
    {"domains_empty", "StringExtractDomains", {S("")}, "[]"},
    {"domains_unicode_host",
     "StringExtractDomains",
     {S("see https://bücher.de/x")},
     "['bücher.de']"},
    {"urls_int", "StringExtractURLs", {I(1)}, "<error>"},
    {"urls_empty", "StringExtractURLs", {S("")}, "[]"},
    {"urls_unicode",
     "StringExtractURLs",
     {S("https://bücher.de/ü?q=é")},
     "['https://bücher.de/ü?q=é']"},
    // --- Regex (§D). ---
    {"regex_none_target", "RegexMatch", {S("a"), B(false), N()}, "<error>", {0, 1}},
    {"regex_int_target", "RegexMatch", {S("a"), B(false), I(1)}, "<error>", {0, 1}},
    {"regex_empty_both", "RegexMatch", {S(""), B(false), S("")}, "True", {0, 1}},
    {"regex_unicode_ci", "RegexMatch", {S("é"), B(true), S("É")}, "True", {0, 1}},
    {"regex_entity_target", "RegexMatch", {S("^ab"), B(false), User("abc")}, "True", {0, 1}},
    {"map_none", "RegexMatchMap", {S("a"), B(false), N(), S("any")}, "<error>", {0, 1, 3}},
    {"map_empty_any", "RegexMatchMap", {S("a"), B(false), L({}), S("any")}, "False", {0, 1, 3}},
    {"map_empty_all", "RegexMatchMap", {S("a"), B(false), L({}), S("all")}, "True", {0, 1, 3}},
    {"map_int_item",
     "RegexMatchMap",
     {S("a"), B(false), L({I(1)}), S("any")},
     "<error>",
     {0, 1, 3}},
    {"count_none", "CountRegexMatches", {L({S("a")}), N(), B(false)}, "<error>", {0, 2}},
    {"count_no_patterns", "CountRegexMatches", {L({}), S("abc"), B(false)}, "0", {0, 2}},
    {"count_empty_text", "CountRegexMatches", {L({S(""), S("a")}), S(""), B(false)}, "1", {0, 2}},
    // --- Hashes and base64 (§E). ---
    {"md5_none", "HashMd5", {N()}, "<error>"},
    {"md5_empty", "HashMd5", {S("")}, "'d41d8cd98f00b204e9800998ecf8427e'"},
    {"md5_unicode", "HashMd5", {S("é")}, "'66ddcd97cfdeabb2f6fb8a999b4bc76f'"},
    {"sha1_int", "HashSha1", {I(1)}, "<error>"},
    {"sha1_unicode", "HashSha1", {S("é")}, "'bf15be717ac1b080b4f1c456692825891ff5073d'"},
    {"sha256_none", "HashSha256", {N()}, "<error>"},
    {"sha256_unicode",
     "HashSha256",
     {S("é")},
     "'4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'"},
    {"sha512_list", "HashSha512", {L({})}, "<error>"},
    {"b64encode_none", "Base64Encode", {N()}, "<error>"},
    {"b64encode_empty", "Base64Encode", {S("")}, "''"},
    {"b64encode_unicode", "Base64Encode", {S("é🙂")}, "'w6nwn5mC'"},
    {"b64decode_none", "Base64Decode", {N()}, "<error>"},
    {"b64decode_empty", "Base64Decode", {S("")}, "''"},
    {"b64decode_unicode", "Base64Decode", {S("w6nwn5mC")}, "'é🙂'"},
    // --- Lists and optionals (§F, §G). ---
    {"list_length_none", "ListLength", {N()}, "<error>"},
    {"list_length_empty", "ListLength", {L({})}, "0"},
    // ListRead turns None and TypeError into expected failures.
    {"list_read_none", "ListRead", {N(), I(0)}, "<silent>"},
    {"list_read_str_index", "ListRead", {L({S("a")}), S("0")}, "<silent>"},
    {"list_read_unicode", "ListRead", {L({S("日本")}), I(0)}, "'日本'"},
    {"list_sort_none", "ListSort", {N(), B(false)}, "<error>"},
    {"list_sort_empty", "ListSort", {L({}), B(false)}, "[]"},
    {"list_sort_unicode", "ListSort", {L({S("é"), S("z"), S("a")}), B(false)}, "['a', 'z', 'é']"},
    // --- Time (§H). ---
    {"time_since_none", "TimeSince", {N()}, "<error>"},
    {"time_since_empty", "TimeSince", {S("")}, "<error>"},
    {"time_since_unicode", "TimeSince", {S("日本")}, "<error>"},
    {"timedelta_bucket_none", "GetTimedeltaBucket", {N(), I(60)}, "<error>", {1}},
    {"timestamp_bucket_none", "GetTimestampBucket", {N(), I(60)}, "<error>", {1}},
    {"timestamp_bucket_str", "GetTimestampBucket", {S("1"), I(60)}, "<error>", {1}},
    {"snowflake_bucket_none", "GetSnowflakeBucket", {N(), I(60)}, "<error>", {1}},
    // --- Network and identity (§I). ---
    {"ip_none", "IpNetwork", {N()}, "<error>"},
    {"ip_unicode_digits", "IpNetwork", {S("١.٢.٣.٤")}, "<error>"},
    {"email_domain_none", "EmailDomain", {N()}, "<error>"},
    {"email_subdomain_int", "EmailSubdomain", {I(1)}, "<error>"},
    {"email_local_none", "EmailLocalPart", {N()}, "<error>"},
    {"tld_none", "DomainTld", {N()}, "<error>"},
    {"chopper_none", "DomainChopper", {N(), B(false)}, "<error>", {1}},
    {"chopper_empty", "DomainChopper", {L({}), B(false)}, "[]", {1}},
    {"chopper_int_item", "DomainChopper", {L({I(1)}), B(false)}, "<error>", {1}},
    {"phone_country_none", "PhoneCountry", {N()}, "<error>"},
    {"phone_prefix_none", "PhonePrefix", {N()}, "<error>"},
    {"phone_prefix_empty", "PhonePrefix", {S("")}, "<silent>"},
    {"cookie_none", "ExtractCookie", {N(), S("a")}, "<error>", {1}},
    {"cookie_empty", "ExtractCookie", {S(""), S("a")}, "<silent>", {1}},
    // http.cookies parses with re.ASCII: parsing stops at a non-ASCII value, keeping what came
    // before, and a non-ASCII name or value alone gives nothing.
    {"cookie_before_unicode", "ExtractCookie", {S("a=1; b=é"), S("a")}, "'1'", {1}},
    {"cookie_unicode_value", "ExtractCookie", {S("a=1; b=é"), S("b")}, "<silent>", {1}},
    {"cookie_only_unicode", "ExtractCookie", {S("a=é"), S("a")}, "<silent>", {1}},
    {"cookie_unicode_name", "ExtractCookie", {S("é=1; a=2"), S("a")}, "<silent>", {1}},
    // --- Labels, verdicts, random (§J, §K, §N). ---
    {"label_add_none_entity", "LabelAdd", {N(), S("spam"), N(), N(), N()}, "<error>", {1}},
    {"label_remove_str_entity", "LabelRemove", {S("u1"), S("spam"), N(), N(), N()}, "<error>", {1}},
    {"random_int_single_value", "RandomInt", {I(5), I(5)}, "5", {0, 1}},
    {"random_int_single_big_value",
     "RandomInt",
     {ParseIntLiteral("99999999999999999999"), ParseIntLiteral("99999999999999999999")},
     "99999999999999999999",
     {0, 1}},
    {"random_int_big_empty",
     "RandomInt",
     {ParseIntLiteral("99999999999999999999"), ParseIntLiteral("99999999999999999998")},
     "<error>",
     {0, 1}},
    {"random_bool_zero", "RandomBool", {F(0.0)}, "False", {0}},
    {"random_bool_hundred", "RandomBool", {F(100.0)}, "True", {0}},
    // --- Example plugin (§O). ---
    {"text_contains_none", "TextContains", {N(), S("a")}, "<error>"},
    {"text_contains_none_phrase", "TextContains", {S("a"), N()}, "<error>"},
    {"text_contains_empty_both", "TextContains", {S(""), S("")}, "False"},
    {"text_contains_empty_phrase", "TextContains", {S("a"), S("")}, "True"},
    {"text_contains_unicode_ci", "TextContains", {S("Ünïcode test"), S("ünïcode")}, "True"},
    {"text_contains_unicode_word", "TextContains", {S("xünïcode"), S("ünïcode")}, "False"},
    {"ban_user_none", "BanUser", {N(), S("c")}, "<error>"},
    {"declare_verdict_none", "DeclareVerdict", {N()}, "<error>"},
};

INSTANTIATE_TEST_SUITE_P(Natives, EdgeCaseTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace osprey::runtime::testing
