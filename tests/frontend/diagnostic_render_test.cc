#include "frontend/diagnostic_render.h"

#include <string>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/source.h"
#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

Diagnostic Error(DiagnosticKind kind, FileId file, uint32_t offset, uint32_t length,
                 std::string message) {
  Diagnostic d;
  d.kind = kind;
  d.location = {file, offset};
  d.length = length;
  d.message = std::move(message);
  return d;
}

// One diagnostic in a one-file source set, pointing at the first occurrence of `needle`.
struct CaretCase {
  std::string name;
  std::string text;
  std::string needle;
  uint32_t length;
  std::string expected;
};

class CaretTest : public testing::TestWithParam<CaretCase> {};

TEST_P(CaretTest, RendersLineAndCaret) {
  const CaretCase& c = GetParam();
  SourceSet sources;
  FileId file = sources.Add("main.sml", c.text);
  size_t offset = c.text.find(c.needle);
  ASSERT_NE(offset, std::string::npos);
  std::vector<Diagnostic> diagnostics = {Error(DiagnosticKind::kImportNotFound, file,
                                               static_cast<uint32_t>(offset), c.length, "oops")};
  EXPECT_EQ(RenderText(diagnostics, sources, /*color=*/false), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Carets, CaretTest,
    testing::Values(CaretCase{"Simple", "X = 1\nSpammy = Rule(when_all=[UserNmae == 'x'])\n",
                              "UserNmae", 8,
                              "main.sml:2:25: error: oops [ImportNotFound]\n"
                              "    2 | Spammy = Rule(when_all=[UserNmae == 'x'])\n"
                              "      |                         ^~~~~~~~\n"
                              "1 error generated.\n"},
                    CaretCase{"ZeroLengthStillOneCaret", "X = Y\n", "Y", 0,
                              "main.sml:1:5: error: oops [ImportNotFound]\n"
                              "    1 | X = Y\n"
                              "      |     ^\n"
                              "1 error generated.\n"},
                    CaretCase{"ClampedToEndOfLine", "X = Foo(\n  a=1)\n", "Foo", 100,
                              "main.sml:1:5: error: oops [ImportNotFound]\n"
                              "    1 | X = Foo(\n"
                              "      |     ^~~~\n"
                              "1 error generated.\n"},
                    CaretCase{"ColumnsCountCodePoints", "X = 'héllo' + Bad\n", "Bad", 3,
                              "main.sml:1:15: error: oops [ImportNotFound]\n"
                              "    1 | X = 'héllo' + Bad\n"
                              "      |               ^~~\n"
                              "1 error generated.\n"},
                    CaretCase{"WideCharactersTakeTwoCells", "X = '日本' + Bad\n", "Bad", 3,
                              "main.sml:1:12: error: oops [ImportNotFound]\n"
                              "    1 | X = '日本' + Bad\n"
                              "      |              ^~~\n"
                              "1 error generated.\n"},
                    CaretCase{"TabsAreCopied", "X =\t\tBad\n", "Bad", 3,
                              "main.sml:1:6: error: oops [ImportNotFound]\n"
                              "    1 | X =\t\tBad\n"
                              "      |    \t\t^~~\n"
                              "1 error generated.\n"},
                    CaretCase{"AtEndOfFileWithoutNewline", "X = (", "(", 5,
                              "main.sml:1:5: error: oops [ImportNotFound]\n"
                              "    1 | X = (\n"
                              "      |     ^\n"
                              "1 error generated.\n"},
                    CaretCase{"CrLfLineEndings", "A = 1\r\nB = Bad\r\n", "Bad", 3,
                              "main.sml:2:5: error: oops [ImportNotFound]\n"
                              "    2 | B = Bad\n"
                              "      |     ^~~\n"
                              "1 error generated.\n"},
                    CaretCase{"ControlCharactersReplaced", "X = '\x1b[31m' + Bad\n", "Bad", 3,
                              "main.sml:1:15: error: oops [ImportNotFound]\n"
                              "    1 | X = '\xEF\xBF\xBD[31m' + Bad\n"
                              "      |               ^~~\n"
                              "1 error generated.\n"}),
    [](const testing::TestParamInfo<CaretCase>& param_info) { return param_info.param.name; });

TEST(RenderTextTest, HintsNotesAndGutterWidth) {
  SourceSet sources;
  std::string text(9, '\n');
  text += "Import(rules=['a.sml', 'a.sml'])\n";  // Line 10.
  FileId file = sources.Add("main.sml", text);
  uint32_t first = static_cast<uint32_t>(text.find("'a.sml'"));
  uint32_t second = static_cast<uint32_t>(text.rfind("'a.sml'"));
  Diagnostic d = Error(DiagnosticKind::kImportDuplicate, file, first, 7,
                       "import has a duplicated items for rule: a.sml");
  d.hints = {"first import attempted here", "two\nlines"};
  d.notes.push_back({"duplicate found here", SourceLocation{file, second}, 7});
  d.notes.push_back({"a note without a place", std::nullopt, 1});
  EXPECT_EQ(RenderText({d}, sources, /*color=*/false),
            "main.sml:10:15: error: import has a duplicated items for rule: a.sml "
            "[ImportDuplicate]\n"
            "   10 | Import(rules=['a.sml', 'a.sml'])\n"
            "      |               ^~~~~~~\n"
            "      = help: first import attempted here\n"
            "      = help: two\n"
            "      = help: lines\n"
            "main.sml:10:24: note: duplicate found here\n"
            "   10 | Import(rules=['a.sml', 'a.sml'])\n"
            "      |                        ^~~~~~~\n"
            "note: a note without a place\n"
            "1 error generated.\n");
}

TEST(RenderTextTest, GutterGrowsForLongFiles) {
  SourceSet sources;
  std::string text(123456, '\n');
  text += "Bad\n";
  FileId file = sources.Add("big.sml", text);
  EXPECT_EQ(RenderText({Error(DiagnosticKind::kSyntaxError, file, 123456, 3, "x")}, sources, false),
            "big.sml:123457:1: error: x [SyntaxError]\n"
            " 123457 | Bad\n"
            "        | ^~~\n"
            "1 error generated.\n");
}

TEST(RenderTextTest, MissingFileHasNoSourceLine) {
  SourceSet sources;
  Diagnostic d =
      Error(DiagnosticKind::kMissingMain, kNoFile, 0, 1, "the rules directory has no `main.sml`");
  d.path = "main.sml";
  d.hints = {"add one"};
  EXPECT_EQ(RenderText({d}, sources, false),
            "main.sml: error: the rules directory has no `main.sml` [MissingMain]\n"
            "      = help: add one\n"
            "1 error generated.\n");
}

TEST(RenderTextTest, Colour) {
  SourceSet sources;
  FileId file = sources.Add("main.sml", "X = Bad\n");
  Diagnostic d = Error(DiagnosticKind::kImportNotFound, file, 4, 3, "oops");
  d.hints = {"try"};
  EXPECT_EQ(RenderText({d}, sources, /*color=*/true),
            "\x1b[1mmain.sml:1:5:\x1b[0m \x1b[1;31merror:\x1b[0m "
            "\x1b[1moops [ImportNotFound]\x1b[0m\n"
            "    1 | X = Bad\n"
            "      |     \x1b[1;32m^~~\x1b[0m\n"
            "      = \x1b[1mhelp:\x1b[0m try\n"
            "1 error generated.\n");
}

TEST(RenderTextTest, SummaryCountsErrorsAndWarnings) {
  SourceSet sources;
  FileId file = sources.Add("main.sml", "X = 1\n");
  Diagnostic warning = Error(DiagnosticKind::kSyntaxError, file, 0, 1, "w");
  warning.severity = Severity::kWarning;
  Diagnostic error = Error(DiagnosticKind::kSyntaxError, file, 4, 1, "e");
  std::string text = RenderText({warning, error, error}, sources, false);
  EXPECT_NE(text.find("main.sml:1:1: warning: w [SyntaxError]\n"), std::string::npos);
  EXPECT_TRUE(text.ends_with("\n1 warning and 2 errors generated.\n")) << text;
  EXPECT_TRUE(RenderText({warning}, sources, false).ends_with("\n1 warning generated.\n"));
  EXPECT_EQ(RenderText({}, sources, false), "");
}

TEST(RenderJsonTest, Valid) {
  SourceSet sources;
  EXPECT_EQ(RenderJson(true, {}, sources), R"({"valid": true, "errors": []})");
}

TEST(RenderJsonTest, ErrorsWithPositionsAndNoWarnings) {
  SourceSet sources;
  FileId file = sources.Add("sub/a.sml", "X = 1\nImport(rules=['é', 'b'])\n");
  Diagnostic missing = Error(DiagnosticKind::kMissingMain, kNoFile, 0, 1, "no main");
  missing.path = "main.sml";
  Diagnostic warning = Error(DiagnosticKind::kSyntaxError, file, 0, 1, "ignored");
  warning.severity = Severity::kWarning;
  uint32_t offset = static_cast<uint32_t>(sources.file(file).text().find("'b'"));
  Diagnostic error = Error(DiagnosticKind::kImportNotFound, file, offset, 3, "imported file: b");
  EXPECT_EQ(RenderJson(false, {missing, warning, error}, sources),
            R"({"valid": false, "errors": [)"
            R"({"path": "main.sml", "line": 0, "column": 0, "message": "no main", )"
            R"("kind": "MissingMain"}, )"
            R"({"path": "sub/a.sml", "line": 2, "column": 20, "message": "imported file: b", )"
            R"("kind": "ImportNotFound"}]})");
}

TEST(RenderJsonTest, EscapesStrings) {
  SourceSet sources;
  Diagnostic d = Error(DiagnosticKind::kMissingMain, kNoFile, 0, 1,
                       "q\"b\\n\n t\t c\x01 \x1f e\xC3\xA9 bad\xFF\xC3 end");
  d.path = "p\"ath";
  EXPECT_EQ(RenderJson(false, {d}, sources),
            "{\"valid\": false, \"errors\": [{\"path\": \"p\\\"ath\", \"line\": 0, \"column\": 0, "
            "\"message\": \"q\\\"b\\\\n\\n t\\t c\\u0001 \\u001f e\xC3\xA9 bad\xEF\xBF\xBD"
            "\xEF\xBF\xBD end\", \"kind\": \"MissingMain\"}]}");
}

}  // namespace
}  // namespace osprey::frontend
