#include "frontend/json_path.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

// Expectations were produced by jsonpath-rw 1.4.0 itself (its parse() and str(), with Osprey's
// rewrite of the end-of-input failure), except where noted in json_path.h: unions print as
// `(a|b)` rather than a Python object address, and indices saturate to int64.
struct Case {
  std::string path;
  bool ok;
  std::string expected;  // ToString() when ok, else the error message.
};

class JsonPathTest : public testing::TestWithParam<Case> {};

TEST_P(JsonPathTest, MatchesJsonPathRw) {
  const Case& c = GetParam();
  absl::StatusOr<JsonPath> path = ParseJsonPath(c.path);
  ASSERT_EQ(path.ok(), c.ok) << (path.ok() ? path->ToString() : path.status().ToString());
  if (c.ok) {
    EXPECT_EQ(path->ToString(), c.expected);
  } else {
    EXPECT_EQ(path.status().message(), c.expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    JsonPathRw, JsonPathTest,
    testing::ValuesIn(std::vector<Case>{
        {"$.foo", true, "$.foo"},
        {"$.foo.bar", true, "$.foo.bar"},
        {"user.name", true, "user.name"},
        {"$.items[0]", true, "$.items.[0]"},
        {"$.items[-1]", true, "$.items.[-1]"},
        {"$..name", true, "$..name"},
        {"$['weird key']", true, "$.weird key"},
        {"$[\"dq\"]", true, "$.dq"},
        {"$.a[*].b", true, "$.a.[*].b"},
        {"$", true, "$"},
        {"$.a-b", true, "$.a-b"},
        {"$.'é'", true, "$.é"},
        {"$.uni.é", false, "Error on line 1, col 6: Unexpected character: é "},
        {"$...", false, "Parse error at 1:3 near token . (.)"},
        {"$..", false, "invalid json-path supplied"},
        {"$.", false, "invalid json-path supplied"},
        {"", false, "invalid json-path supplied"},
        {"   ", false, "invalid json-path supplied"},
        {"$.items.0", false, "Parse error at 1:8 near token 0 (NUMBER)"},
        {"invalid path", false, "Parse error at 1:8 near token path (ID)"},
        {"$.a,b", true, "$.a,b"},
        {"a,b.c", true, "a,b.c"},
        {"$,a", false, "Parse error at 1:1 near token , (,)"},
        {"$.a|$.bb", true, "$.(a|$).bb"},
        {"($.a)|($.bb)", true, "($.a|$.bb)"},
        {"$.a&$.b", true, "$.(a&$).b"},
        {"$.a where b", true, "$.a where b"},
        {"$.a where b.c", true, "$.a where b.c"},
        {"$.a[1:3]", true, "$.a.[1:3]"},
        {"$.a[:3]", true, "$.a.[:3]"},
        {"$.a[1:]", true, "$.a.[1]"},
        {"$.a[:]", true, "$.a.[*]"},
        {"$.a[0:0]", true, "$.a.[]"},
        {"$.a[]", false, "Parse error at 1:4 near token ] (])"},
        {"$.a[1:2:3]", false, "Parse error at 1:7 near token : (:)"},
        {"$.a[a,b]", true, "$.a.a,b"},
        {"$.a[a,*]", false, "Parse error at 1:6 near token * (*)"},
        {"[0]", true, "[0]"},
        {"[*]", true, "[*]"},
        {"[a]", true, "a"},
        {"*", true, "*"},
        {"*,a", false, "Parse error at 1:1 near token , (,)"},
        {"$.*", true, "$.*"},
        {"`this`", true, "`this`"},
        {"`parent`", true, "`parent`"},
        {"$.a.`parent`", true, "$.a.`parent`"},
        {"`foo`", false, "Unknown named operator `foo` at 1:4"},
        {"`foo`.a", false, "Unknown named operator `foo` at 1:4"},
        {"`foo` b", false, "Parse error at 1:6 near token b (ID)"},
        {"`foo`)", false, "Unknown named operator `foo` at 1:4"},
        {"$.a[0][1]", true, "$.a.[0].[1]"},
        {"($.a)[0]", true, "$.a.[0]"},
        {"(($.a))", true, "$.a"},
        {"($.a", false, "invalid json-path supplied"},
        {"$.a)", false, "Parse error at 1:3 near token ) ())"},
        {"$.'unterminated", false, "Unexpected EOF in string literal or identifier"},
        {"$.\"unterminated", false, "Unexpected EOF in string literal or identifier"},
        {"`x", false, "Unexpected EOF in string literal or identifier"},
        {"$.'a\\'b'", true, "$.a'b"},
        {"$.'a\\", false,
         "Error on line 1, col 4 while lexing singlequoted field: Unexpected character: \\ "},
        {"$['a'b']", false, "Parse error at 1:5 near token b (ID)"},
        {"where", false, "Parse error at 1:0 near token where (WHERE)"},
        {"$.where", false, "Parse error at 1:2 near token where (WHERE)"},
        {"$.'where'", true, "$.where"},
        {"$.a\n.b", true, "$.a.b"},
        {"$.a\n.b c", false, "Parse error at 2:4 near token c (ID)"},
        {"$.a\n\n  $", false, "Parse error at 3:3 near token $ ($)"},
        {"$ . a", true, "$.a"},
        {"$\t.a", true, "$.a"},
        {"$.a\r", false, "Error on line 1, col 3: Unexpected character: \r "},
        {"-", false, "Error on line 1, col 0: Unexpected character: - "},
        {"$.-1", false, "Parse error at 1:2 near token -1 (NUMBER)"},
        {"$[-007]", true, "$.[-7]"},
        {"$[-0]", true, "$.[0]"},
        {"$[99999999999999999999]", true, "$.[9223372036854775807]"},
        {"$[١٢]", true, "$.[12]"},
        {"$.@id", true, "$.@id"},
        {"@", true, "@"},
        {"$.a_b-c@d", true, "$.a_b-c@d"},
        {"$.5a", false, "Parse error at 1:2 near token 5 (NUMBER)"},
        {"$[5a]", false, "Parse error at 1:3 near token a (ID)"},
        {"$..a..b", true, "$..a..b"},
        {"$.a..b.c", true, "$.a..b.c"},
        {"$.a.b|c.d", true, "$.a.(b|c).d"},
        {"a where b where c", true, "a where b where c"},
        {"$.a[0].b[1]", true, "$.a.[0].b.[1]"},
        {"$.'a.b'.c", true, "$.a.b.c"},
        {"$#", false, "Error on line 1, col 1: Unexpected character: # "},
        {"$.a b", false, "Parse error at 1:4 near token b (ID)"},
        {"$.(a)", true, "$.a"},
        {"$.a.(b|c)", true, "$.a.(b|c)"},
        {"$[0,1]", false, "Parse error at 1:3 near token , (,)"},
        {"$[a", false, "invalid json-path supplied"},
        {"$[0", false, "invalid json-path supplied"},
        {"$[:", false, "invalid json-path supplied"},
        {"$[1:", false, "invalid json-path supplied"},
        {"$[1:2", false, "invalid json-path supplied"},
        {"$.a.`this`", true, "$.a.`this`"},
        {"$.'x'.\"y\"", true, "$.x.y"},
        {"€", false, "Error on line 1, col 0: Unexpected character: € "},
        {"$.a€", false, "Error on line 1, col 3: Unexpected character: € "},
        {"$[*", false, "invalid json-path supplied"},
        {"$|", false, "invalid json-path supplied"},
        {"$.a where", false, "invalid json-path supplied"},
        {"$.a&", false, "invalid json-path supplied"},
        {"'a'", true, "a"},
        {"a..b", true, "a..b"},
    }));

struct SegmentsCase {
  std::string path;
  bool simple;
  std::vector<JsonPathSegment> segments;
};

class JsonPathSegmentsTest : public testing::TestWithParam<SegmentsCase> {};

TEST_P(JsonPathSegmentsTest, FindsSimplePaths) {
  const SegmentsCase& c = GetParam();
  absl::StatusOr<JsonPath> path = ParseJsonPath(c.path);
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(path->simple, c.simple);
  EXPECT_EQ(path->segments, c.segments);
}

INSTANTIATE_TEST_SUITE_P(
    Simple, JsonPathSegmentsTest,
    testing::ValuesIn(std::vector<SegmentsCase>{
        {"$", true, {}},
        {"$.foo", true, {{false, "foo", 0}}},
        {"foo.bar", true, {{false, "foo", 0}, {false, "bar", 0}}},
        {"$.items[0].id", true, {{false, "items", 0}, {true, "", 0}, {false, "id", 0}}},
        {"$['weird key'][-1]", true, {{false, "weird key", 0}, {true, "", -1}}},
        {"$..name", false, {}},
        {"$.a,b", false, {}},
        {"$.*", false, {}},
        {"$.a[*]", false, {}},
        {"$.a.$", false, {}},
        {"`this`.a", false, {}},
    }));

}  // namespace
}  // namespace osprey::frontend
