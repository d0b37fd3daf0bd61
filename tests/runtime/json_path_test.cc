// Tests of the runtime JSONPath evaluator against jsonpath-rw at Osprey's pinned commit
// (6f5647bb). The expected matches were produced by that jsonpath-rw on Python 3.11: each
// match's repr(), or the exception it raised. Paths are parsed by the frontend and converted,
// as the interpreter does.
#include "runtime/json_path.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "frontend/json_path.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/json_extract.h"

namespace osprey::runtime {
namespace {

using ::testing::ElementsAreArray;

JsonPath ToRuntime(const frontend::JsonPath& parsed) {
  JsonPath path;
  for (const frontend::JsonPathNode& node : parsed.nodes) {
    JsonPathNode copy;
    copy.kind = static_cast<JsonPathKind>(node.kind);
    copy.fields = node.fields;
    copy.index = node.index;
    copy.start = node.start;
    copy.end = node.end;
    copy.left = node.left;
    copy.right = node.right;
    path.nodes.push_back(std::move(copy));
  }
  path.root = parsed.root;
  path.simple = parsed.simple;
  for (const frontend::JsonPathSegment& segment : parsed.segments) {
    path.segments.push_back(JsonPathSegment{segment.is_index, segment.field, segment.index});
  }
  return path;
}

// The document every case runs on. "dup" repeats a key: Python keeps the last value.
constexpr std::string_view kDocument =
    R"json({"a": {"b": "ab"}, "n": 3, "s": "héllo", "l": [10, 20, 30, 40], "o": {"q": "first", "r": "second"}, "items": [{"x": 1}, {"id": 7}, {"id": 8}], "z": null, "f": 1.5, "t": true, "e": [], "eo": {}, "es": "", "zero": 0, "nested": [[1], [2, 3]], "dup": {"k": 1, "m": 3, "k": 2}, "u": 18446744073709551615})json";

struct Case {
  std::string path;
  std::vector<std::string> matches;  // repr() of each match, in order.
  std::string error;                 // Prefix of the Python exception, when it raises.
  std::string document = "";         // kDocument when empty.
};

class JsonPathTest : public ::testing::TestWithParam<Case> {
 protected:
  simdjson::dom::element Document() {
    text_ = simdjson::padded_string(GetParam().document.empty() ? kDocument : GetParam().document);
    return parser_.parse(text_).value();
  }

 private:
  simdjson::dom::parser parser_;
  simdjson::padded_string text_;
};

std::vector<std::string> Reprs(const std::vector<JsonValue>& values) {
  std::vector<std::string> out;
  for (const JsonValue& value : values) out.push_back(JsonPythonRepr(value));
  return out;
}

void ExpectError(const absl::Status& status, const std::string& expected) {
  ASSERT_FALSE(status.ok());
  std::string prefix(absl::StripTrailingAsciiWhitespace(expected));
  EXPECT_TRUE(absl::StartsWith(status.message(), prefix))
      << status.message() << " does not start with " << prefix;
}

TEST_P(JsonPathTest, MatchesJsonPathRw) {
  const Case& c = GetParam();
  absl::StatusOr<frontend::JsonPath> parsed = frontend::ParseJsonPath(c.path);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  JsonPath path = ToRuntime(*parsed);
  simdjson::dom::element document = Document();

  absl::StatusOr<std::vector<JsonValue>> all = FindAll(path, document);
  absl::StatusOr<std::optional<JsonValue>> first = FindFirst(path, document);
  JsonPath general = path;
  general.simple = false;  // The same lookup without the fast path.
  absl::StatusOr<std::optional<JsonValue>> first_general = FindFirst(general, document);
  if (!c.error.empty()) {
    ExpectError(all.status(), c.error);
    ExpectError(first.status(), c.error);
    ExpectError(first_general.status(), c.error);
    return;
  }
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(Reprs(*all), ElementsAreArray(c.matches));
  for (const auto* result : {&first, &first_general}) {
    ASSERT_TRUE(result->ok()) << result->status();
    if (c.matches.empty()) {
      EXPECT_FALSE((*result)->has_value());
    } else {
      ASSERT_TRUE((*result)->has_value());
      EXPECT_EQ(JsonPythonRepr(***result), c.matches.front());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    PinnedJsonPathRw, JsonPathTest,
    ::testing::ValuesIn(std::vector<Case>{
        {"$.a.b", {"'ab'"}, ""},
        {"a.b", {"'ab'"}, ""},
        {"n", {"3"}, ""},
        {"$",
         {"{'a': {'b': 'ab'}, 'n': 3, 's': 'héllo', 'l': [10, 20, 30, 40], 'o': {'q': 'first', "
          "'r': 'second'}, 'items': [{'x': 1}, {'id': 7}, {'id': 8}], 'z': None, 'f': 1.5, 't': "
          "True, 'e': [], 'eo': {}, 'es': '', 'zero': 0, 'nested': [[1], [2, 3]], 'dup': {'k': 2, "
          "'m': 3}, 'u': 18446744073709551615}"},
         ""},
        {"$.s[0]", {"'h'"}, ""},
        {"$.s[1]", {"'é'"}, ""},
        {"$.s[-1]", {"'o'"}, ""},
        {"$.s[-6]", {}, "IndexError: string index out of range"},
        {"$.s[5]", {}, ""},
        {"$.s[*]", {"'héllo'"}, ""},
        {"$.s[0][0]", {"'h'"}, ""},
        {"$.s[0][*]", {"'h'"}, ""},
        {"$.l[0]", {"10"}, ""},
        {"$.l[-1]", {"40"}, ""},
        {"$.l[-5]", {}, "IndexError: list index out of range"},
        {"$.l[4]", {}, ""},
        {"$.l[1:3]", {"20", "30"}, ""},
        {"$.l[:2]", {"10", "20"}, ""},
        {"$.l[2:]", {"30", "40"}, ""},
        {"$.l[5:]", {}, ""},
        {"$.l[-2:]", {"30", "40"}, ""},
        {"$.l[:-1]", {"10", "20", "30"}, ""},
        {"$.l[*]", {"10", "20", "30", "40"}, ""},
        {"$.items[*].id", {"7", "8"}, ""},
        {"$.o.*", {"'first'", "'second'"}, ""},
        {"$..id", {"7", "8"}, ""},
        {"$..x", {"1"}, ""},
        {"$.items..id", {"7", "8"}, ""},
        {"$.o,n", {"{'q': 'first', 'r': 'second'}", "3"}, ""},
        {"$.zz,n", {"3"}, ""},
        {"($.zz)|($.n)", {"3"}, ""},
        {"$.z[0]", {}, ""},
        {"$.zero[0]", {}, ""},
        {"$.t[0]", {}, "TypeError: object of type 'bool' has no len()"},
        {"$.f[0]", {}, "TypeError: object of type 'float' has no len()"},
        {"$.f[*]", {}, "TypeError: object of type 'float' has no len()"},
        {"$.z[*]", {}, "TypeError: object of type 'NoneType' has no len()"},
        {"$.n[*]", {"3"}, ""},
        {"$.t[*]", {"True"}, ""},
        {"$.e[0]", {}, ""},
        {"$.e[-1]", {}, ""},
        {"$.es[-1]", {}, ""},
        {"$.eo[0]", {}, ""},
        {"$.o[0]", {}, "KeyError: 0"},
        {"$.o[5]", {}, ""},
        {"$.o[-1]", {}, "KeyError: -1"},
        {"$.dup.k", {"2"}, ""},
        {"$.dup.*", {"2", "3"}, ""},
        {"$.dup[*]", {"{'k': 2, 'm': 3}"}, ""},
        {"$.items[*] where id", {"{'id': 7}", "{'id': 8}"}, ""},
        {"$.a.`parent`",
         {"{'a': {'b': 'ab'}, 'n': 3, 's': 'héllo', 'l': [10, 20, 30, 40], 'o': {'q': 'first', "
          "'r': 'second'}, 'items': [{'x': 1}, {'id': 7}, {'id': 8}], 'z': None, 'f': 1.5, 't': "
          "True, 'e': [], 'eo': {}, 'es': '', 'zero': 0, 'nested': [[1], [2, 3]], 'dup': {'k': 2, "
          "'m': 3}, 'u': 18446744073709551615}"},
         ""},
        {"$.a.b.`parent`.`parent`",
         {"{'a': {'b': 'ab'}, 'n': 3, 's': 'héllo', 'l': [10, 20, 30, 40], 'o': {'q': 'first', "
          "'r': 'second'}, 'items': [{'x': 1}, {'id': 7}, {'id': 8}], 'z': None, 'f': 1.5, 't': "
          "True, 'e': [], 'eo': {}, 'es': '', 'zero': 0, 'nested': [[1], [2, 3]], 'dup': {'k': 2, "
          "'m': 3}, 'u': 18446744073709551615}"},
         ""},
        {"`parent`", {}, "AttributeError: 'NoneType' object has no attribute 'value'"},
        {"`parent`.a", {}, ""},
        {"$.s[*].`parent`", {"['héllo']"}, ""},
        {"$.l[0].`parent`", {"[10, 20, 30, 40]"}, ""},
        {"$.a & $.n", {}, "NotImplementedError: "},
        {"$.a.`this`", {"{'b': 'ab'}"}, ""},
        {"$.nested[1][0]", {"2"}, ""},
        {"$.nested[-1][-1]", {"3"}, ""},
        {"$.nested..*", {}, ""},
        {"`this`.n", {"3"}, ""},
        {"$.l[1:3].`parent`", {"[10, 20, 30, 40]", "[10, 20, 30, 40]"}, ""},
        {"`parent`.`this`", {"None"}, ""},
        {"$.a.s", {}, ""},
        {"$.l.x", {}, ""},
        {"$.n.x", {}, ""},
        {"$.z.x", {}, ""},
        {"$.u", {"18446744073709551615"}, ""},
        {"$.s[*].`parent`.`parent`.n", {"3"}, ""},
        {"$..zz", {}, ""},
        {"$.a..`parent`",
         {"{'a': {'b': 'ab'}, 'n': 3, 's': 'héllo', 'l': [10, 20, 30, 40], 'o': {'q': 'first', "
          "'r': 'second'}, 'items': [{'x': 1}, {'id': 7}, {'id': 8}], 'z': None, 'f': 1.5, 't': "
          "True, 'e': [], 'eo': {}, 'es': '', 'zero': 0, 'nested': [[1], [2, 3]], 'dup': {'k': 2, "
          "'m': 3}, 'u': 18446744073709551615}",
          "{'b': 'ab'}"},
         ""},
        {"$['o']", {"{'q': 'first', 'r': 'second'}"}, ""},
        {"$.o['q','r']", {"'first'", "'second'"}, ""},
        {"$.o[q,r]", {"'first'", "'second'"}, ""},
        {"$.nested[*][0]", {"1", "2"}, ""},
        {"$.items[*][0]", {}, "KeyError: 0"},
        {"$.l[-1:]", {"40"}, ""},
        {"$.a.b[0:1]", {"'ab'"}, ""},
        {"$.e[*]", {}, ""},
        {"$.eo[*]", {"{}"}, ""},
        {"$.eo.*", {}, ""},
        {"$.a where `parent`", {"{'b': 'ab'}"}, ""},
        {"`parent`..a", {}, "AttributeError: 'NoneType' object has no attribute 'value'"},
        // Other documents: conformance exec/jsondata inputs, and an object with a repeated
        // key among more than 16 (the hashed duplicate check).
        {"$..bar",
         {"2", "1", "3"},
         "",
         "{\"o\": {\"x\": {\"bar\": 1}, \"bar\": 2}, \"l\": [{\"bar\": 3}, {\"y\": {\"x\": 9}}], "
         "\"id\": \"top\"}"},
        {"$..id",
         {"'top'"},
         "",
         "{\"o\": {\"x\": {\"bar\": 1}, \"bar\": 2}, \"l\": [{\"bar\": 3}, {\"y\": {\"x\": 9}}], "
         "\"id\": \"top\"}"},
        {"$.l..x",
         {"9"},
         "",
         "{\"o\": {\"x\": {\"bar\": 1}, \"bar\": 2}, \"l\": [{\"bar\": 3}, {\"y\": {\"x\": 9}}], "
         "\"id\": \"top\"}"},
        {"$..*",
         {"{'x': {'bar': 1}, 'bar': 2}", "[{'bar': 3}, {'y': {'x': 9}}]", "'top'", "{'bar': 1}",
          "2", "1", "3", "{'x': 9}", "9"},
         "",
         "{\"o\": {\"x\": {\"bar\": 1}, \"bar\": 2}, \"l\": [{\"bar\": 3}, {\"y\": {\"x\": 9}}], "
         "\"id\": \"top\"}"},
        {"$..bar",
         {"5"},
         "",
         "{\"a\": [{\"id\": \"in_list\"}], \"b\": {\"id\": \"in_obj\"}, \"o\": {\"bar\": 5}, "
         "\"l\": [{\"x\": 1}]}"},
        {"$..id",
         {"'in_list'", "'in_obj'"},
         "",
         "{\"a\": [{\"id\": \"in_list\"}], \"b\": {\"id\": \"in_obj\"}, \"o\": {\"bar\": 5}, "
         "\"l\": [{\"x\": 1}]}"},
        {"$.l..x",
         {"1"},
         "",
         "{\"a\": [{\"id\": \"in_list\"}], \"b\": {\"id\": \"in_obj\"}, \"o\": {\"bar\": 5}, "
         "\"l\": [{\"x\": 1}]}"},
        {"$.null_value[0]",
         {},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.zero[0]",
         {},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.false_value[0]",
         {},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.zero_float[0]",
         {},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.empty_list[-1]",
         {},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.empty_str[-1]",
         {},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.true_value[0]",
         {},
         "TypeError: object of type 'bool' has no len()",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.false_value[*]",
         {"False"},
         "",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.zero_float[*]",
         {},
         "TypeError: object of type 'float' has no len()",
         "{\"null_value\": null, \"zero\": 0, \"false_value\": false, \"zero_float\": 0.0, "
         "\"empty_list\": [], \"empty_str\": \"\", \"true_value\": true}"},
        {"$.*",
         {"1", "22", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
          "17"},
         "",
         "{\"k01\": 1, \"k02\": 2, \"k03\": 3, \"k04\": 4, \"k05\": 5, \"k06\": 6, \"k07\": 7, "
         "\"k08\": 8, \"k09\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, \"k14\": 14, "
         "\"k15\": 15, \"k16\": 16, \"k02\": 22, \"k17\": 17}"},
        {"$.k02",
         {"22"},
         "",
         "{\"k01\": 1, \"k02\": 2, \"k03\": 3, \"k04\": 4, \"k05\": 5, \"k06\": 6, \"k07\": 7, "
         "\"k08\": 8, \"k09\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, \"k14\": 14, "
         "\"k15\": 15, \"k16\": 16, \"k02\": 22, \"k17\": 17}"},
        {"$[0]",
         {},
         "KeyError: 0",
         "{\"k01\": 1, \"k02\": 2, \"k03\": 3, \"k04\": 4, \"k05\": 5, \"k06\": 6, \"k07\": 7, "
         "\"k08\": 8, \"k09\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, \"k14\": 14, "
         "\"k15\": 15, \"k16\": 16, \"k02\": 22, \"k17\": 17}"},
        {"$[17]",
         {},
         "",
         "{\"k01\": 1, \"k02\": 2, \"k03\": 3, \"k04\": 4, \"k05\": 5, \"k06\": 6, \"k07\": 7, "
         "\"k08\": 8, \"k09\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, \"k14\": 14, "
         "\"k15\": 15, \"k16\": 16, \"k02\": 22, \"k17\": 17}"},
        {"$[16]",
         {},
         "KeyError: 16",
         "{\"k01\": 1, \"k02\": 2, \"k03\": 3, \"k04\": 4, \"k05\": 5, \"k06\": 6, \"k07\": 7, "
         "\"k08\": 8, \"k09\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, \"k14\": 14, "
         "\"k15\": 15, \"k16\": 16, \"k02\": 22, \"k17\": 17}"},
        {"$['weird key']",
         {"'w'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.'x y'",
         {"'xy'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.\"a.b\"",
         {"'dotted'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.c.d-e",
         {"'de'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.'é'",
         {"'eacute'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.'where'",
         {"'wh'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.'1'",
         {"'one'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.@type",
         {"'at'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$._private",
         {"'u'"},
         "",
         "{\"weird key\": \"w\", \"x y\": \"xy\", \"a.b\": \"dotted\", \"c\": {\"d-e\": \"de\"}, "
         "\"é\": \"eacute\", \"where\": \"wh\", \"1\": \"one\", \"@type\": \"at\", \"_private\": "
         "\"u\"}"},
        {"$.*",
         {"1.5", "1e+20", "-0.0", "'q\"q\\'s\\n'"},
         "",
         "{\"f\": 1.5, \"big\": 1e+20, \"neg\": -0.0, \"s\": \"q\\\"q's\\n\"}"},
        {"$.s[*]",
         {"'q\"q\\'s\\n'"},
         "",
         "{\"f\": 1.5, \"big\": 1e+20, \"neg\": -0.0, \"s\": \"q\\\"q's\\n\"}"},
    }),
    [](const ::testing::TestParamInfo<Case>& param) { return std::to_string(param.index); });

TEST(JsonPathHelpersTest, IndexValueOnMadeUpValues) {
  JsonValue character;
  character.kind = JsonValue::Kind::kString;
  character.string = "é";
  absl::StatusOr<std::optional<JsonValue>> same = internal::IndexValue(character, -1);
  ASSERT_TRUE(same.ok());
  ASSERT_TRUE(same->has_value());
  EXPECT_EQ((*same)->string, "é");
  EXPECT_FALSE(internal::IndexValue(character, 1)->has_value());
  EXPECT_EQ(internal::IndexValue(character, -2).status().message(),
            "IndexError: string index out of range");

  JsonValue list;
  list.kind = JsonValue::Kind::kSingletonList;
  list.item = std::make_shared<const JsonValue>(character);
  EXPECT_EQ(JsonPythonRepr(**internal::IndexValue(list, 0)), "'é'");
  EXPECT_FALSE(internal::IndexValue(list, 1)->has_value());
  EXPECT_EQ(internal::IndexValue(list, -2).status().message(),
            "IndexError: list index out of range");

  EXPECT_FALSE(internal::IndexValue(JsonValue{}, 0)->has_value());  // None is falsy.
  EXPECT_EQ(JsonTypeName(JsonValue{}), "None");
  EXPECT_EQ(JsonTypeName(list), "list");
  EXPECT_EQ(JsonTypeName(character), "str");
}

}  // namespace
}  // namespace osprey::runtime
