// Hostile input: the parser reports a diagnostic and returns, never crashes or hangs.
#include <string>

#include "frontend/parse.h"
#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

struct Outcome {
  bool ok;
  std::vector<DiagnosticKind> kinds;
};

Outcome ParseText(std::string text) {
  SourceSet sources;
  FileId file = sources.Add("main.sml", std::move(text));
  DiagnosticSink sink;
  ast::Module module = Parse(sources, file, sink);
  Outcome outcome{module.ok(), {}};
  for (const Diagnostic& d : sink.diagnostics()) outcome.kinds.push_back(d.kind);
  return outcome;
}

TEST(BadInputTest, BinaryFileIsAnEncodingError) {
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  Outcome outcome = ParseText(binary);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kInvalidEncoding});
}

TEST(BadInputTest, InvalidUtf8InsideAStringLiteral) {
  Outcome outcome = ParseText("X = 'caf\xc3'\n");
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kInvalidEncoding});
}

TEST(BadInputTest, OverlongUtf8IsRejected) {
  Outcome outcome = ParseText("X = '\xc0\xaf'\n");
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kInvalidEncoding});
}

TEST(BadInputTest, TenMegabyteSingleLineParses) {
  // One list literal of ~2.5 million items on one line.
  std::string text = "X = [";
  while (text.size() < 10 * 1024 * 1024) text += "1, 2, ";
  text += "3]";
  Outcome outcome = ParseText(std::move(text));
  EXPECT_TRUE(outcome.ok);
  EXPECT_TRUE(outcome.kinds.empty());
}

TEST(BadInputTest, TenMegabyteSingleLineWithErrorAtTheEnd) {
  std::string text = "X = [";
  while (text.size() < 10 * 1024 * 1024) text += "1, ";
  text += "@]";
  Outcome outcome = ParseText(std::move(text));
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kSyntaxError});
}

TEST(BadInputTest, TenThousandNestedBrackets) {
  std::string text = "X = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  Outcome outcome = ParseText(std::move(text));
  // CPython's tokenizer allows 200 levels ("too many nested parentheses").
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kSyntaxError});
}

TEST(BadInputTest, TenThousandUnclosedBrackets) {
  Outcome outcome = ParseText("X = " + std::string(10000, '(') + "\n");
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kSyntaxError});
}

TEST(BadInputTest, TenThousandUnaryOperatorsReportNesting) {
  Outcome outcome = ParseText("X = " + std::string(10000, '-') + "1\n");
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kNestingTooDeep});
}

TEST(BadInputTest, TenThousandNotsReportNesting) {
  std::string text = "X = ";
  for (int i = 0; i < 10000; ++i) text += "not ";
  Outcome outcome = ParseText(text + "True\n");
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kNestingTooDeep});
}

TEST(BadInputTest, DeepButAllowedNestingParses) {
  Outcome outcome = ParseText("X = " + std::string(150, '(') + "1" + std::string(150, ')') + "\n");
  EXPECT_TRUE(outcome.ok);
}

TEST(BadInputTest, LongChainOfBinaryOperatorsReportsNesting) {
  // The parser reads the chain in a loop, but the tree is 100 000 levels deep on the left.
  std::string text = "X = 1";
  for (int i = 0; i < 100000; ++i) text += " + 1";
  Outcome outcome = ParseText(text + "\n");
  EXPECT_EQ(outcome.kinds, std::vector{DiagnosticKind::kNestingTooDeep});
}

TEST(BadInputTest, LongBooleanChainIsFlat) {
  std::string text = "X = A";
  for (int i = 0; i < 100000; ++i) text += " and A";
  Outcome outcome = ParseText(text + "\n");
  EXPECT_TRUE(outcome.ok);
}

TEST(BadInputTest, EveryPrefixOfAValidFileIsHandled) {
  const std::string text =
      "Import(rules=['a.sml'])\nX: Entity[str] = EntityJson(type='User', path='$.u')\n"
      "R = Rule(when_all=[X == 'a', f'{X}' != \"b\"], description=f'''r {X}''')\n";
  for (size_t length = 0; length <= text.size(); ++length) {
    Outcome outcome = ParseText(text.substr(0, length));
    EXPECT_LE(outcome.kinds.size(), 1u) << "prefix of length " << length;
  }
}

}  // namespace
}  // namespace osprey::frontend
