// Parser and subset-check tests: accepted input as printed trees, rejected input as the one
// diagnostic the file gets (kind, line, column).
#include <string>

#include "frontend/ast_printer.h"
#include "frontend/parse.h"
#include "gtest/gtest.h"

namespace osprey::frontend {
namespace {

struct ParseResult {
  bool ok;
  std::string printed;
  std::vector<std::string> errors;  // "Kind line:column message"
};

ParseResult ParseText(std::string_view text) {
  SourceSet sources;
  FileId file = sources.Add("main.sml", std::string(text));
  DiagnosticSink sink;
  ast::Module module = Parse(sources, file, sink);
  ParseResult result{module.ok(), module.ok() ? PrintModule(module) : "", {}};
  for (const Diagnostic& d : sink.diagnostics()) {
    LineColumn at = sources.file(file).LineColumnOf(d.location.offset);
    result.errors.push_back(std::string(DiagnosticKindName(d.kind)) + " " +
                            std::to_string(at.line) + ":" + std::to_string(at.column) + " " +
                            d.message);
  }
  return result;
}

struct AcceptCase {
  std::string name;
  std::string source;
  std::string printed;
};

class AcceptTest : public testing::TestWithParam<AcceptCase> {};

TEST_P(AcceptTest, PrintsTree) {
  ParseResult result = ParseText(GetParam().source);
  ASSERT_TRUE(result.ok) << testing::PrintToString(result.errors);
  EXPECT_EQ(result.printed, GetParam().printed);
}

INSTANTIATE_TEST_SUITE_P(
    Parser, AcceptTest,
    testing::ValuesIn(std::vector<AcceptCase>{
        {"Empty", "", ""},
        {"CommentsAndBlankLines", "# c\n\n   # indented comment\n", ""},
        {"Assignment", "X = 1\n", "(assign X 1)\n"},
        {"NoTrailingNewline", "X = 1", "(assign X 1)\n"},
        {"CrLf", "X = 1\r\nY = 2\r\n", "(assign X 1)\n(assign Y 2)\n"},
        {"Semicolons", "A = 1; B = 2;\n", "(assign A 1)\n(assign B 2)\n"},
        {"CallStatement", "Import(rules=['a.sml', 'b.sml'],)\n",
         "(call Import rules=(list \"a.sml\" \"b.sml\"))\n"},
        {"IntForms", "A = [0x1F, 0o17, 0b101, 1_000, 00, 0]\n",
         "(assign A (list 31 15 5 1000 0 0))\n"},
        {"FloatForms", "A = [1.5, 1e3, .5, 1_0.2_5, 1E-2, 5.]\n",
         "(assign A (list 1.5 1000 0.5 10.25 0.01 5))\n"},
        {"BigInt", "A = 123456789012345678901234567890\n",
         "(assign A (bigint 123456789012345678901234567890))\n"},
        {"Int64Max", "A = 9223372036854775807\n", "(assign A 9223372036854775807)\n"},
        {"Booleans", "A = [True, False, None]\n", "(assign A (list True False None))\n"},
        {"Escapes", "A = 'a\\tb\\x41\\u00e9\\N{BULLET}\\101\\d'\n",
         "(assign A \"a\\tbAé•A\\\\d\")\n"},
        {"RawString", "A = r'\\d+\\''\n", "(assign A \"\\\\d+\\\\'\")\n"},
        {"TripleQuoted", "A = '''x\ny'''\n", "(assign A \"x\\ny\")\n"},
        {"ImplicitConcatenation", "A = ('a' \"b\"\n     'c')\n", "(assign A \"abc\")\n"},
        {"BackslashNewlineInString", "A = 'a\\\nb'\n", "(assign A \"ab\")\n"},
        {"FString", "A = f'x {Name} {{y}}'\n", "(assign A (fstring \"x {Name} {{y}}\" Name))\n"},
        {"FStringConcatenated", "A = 'a{' f'{B}' '}'\n", "(assign A (fstring \"a{{{B}}}\" B))\n"},
        {"RawFString", "A = rf'\\d{X}'\n", "(assign A (fstring \"\\\\d{X}\" X))\n"},
        {"Precedence", "A = 1 + 2 * 3 ** -2\n", "(assign A (+ 1 (* 2 (** 3 (- 2)))))\n"},
        {"PowerBindsTighterThanUnary", "A = -2 ** 2\n", "(assign A (- (** 2 2)))\n"},
        {"NotLooserThanComparison", "A = not B == 1\n", "(assign A (not (== B 1)))\n"},
        {"OrAndPrecedence", "A = B or C and D\n", "(assign A (or B (and C D)))\n"},
        {"BoolOpFlattens", "A = B and C and D\n", "(assign A (and B C D))\n"},
        {"NotIn", "A = B not in C\n", "(assign A (not in B C))\n"},
        {"Bitwise", "A = 1 | 2 ^ 3 & 4 << 1\n", "(assign A (| 1 (^ 2 (& 3 (<< 4 1)))))\n"},
        {"Continuation", "A = 1 + \\\n  2\n", "(assign A (+ 1 2))\n"},
        {"BracketContinuation", "A = [\n  1,\n  2,\n]\n", "(assign A (list 1 2))\n"},
        {"Annotations", "A: Entity[str] = B\nC: int | None = 1\nD: List[str] = []\n",
         "(assign A : Entity[str] B)\n(assign C : Optional[int, None] 1)\n"
         "(assign D : List[str] (list))\n"},
        {"UnionAnnotation", "A: str | int = 1\n", "(assign A : Union[str, int] 1)\n"},
        {"UnicodeIdentifier", "Ä = 1\n", "(assign Ä 1)\n"},
        {"NfkcIdentifier", "\xef\xac\x81 = 1\n", "(assign fi 1)\n"},
        {"KeywordArguments", "X = F(b=1, a=[2])\n", "(assign X (call F b=1 a=(list 2)))\n"},
        {"MatchAsName", "match = 1\n", "(assign match 1)\n"},
        {"TabsInsideLine", "A\t=\t1\n", "(assign A 1)\n"},
    }),
    [](const testing::TestParamInfo<AcceptCase>& param_info) { return param_info.param.name; });

struct RejectCase {
  std::string name;
  std::string source;
  std::string error;  // "Kind line:column message" of the one diagnostic.
};

class RejectTest : public testing::TestWithParam<RejectCase> {};

TEST_P(RejectTest, ReportsOneError) {
  ParseResult result = ParseText(GetParam().source);
  EXPECT_FALSE(result.ok);
  ASSERT_EQ(result.errors.size(), 1u) << testing::PrintToString(result.errors);
  EXPECT_EQ(result.errors[0], GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Parser, RejectTest,
    testing::ValuesIn(std::vector<RejectCase>{
        {"IfStatement", "A = 1\nif A:\n    B = 2\nelse:\n    B = 3\n",
         "UnsupportedSyntax 2:1 unexpected node type `If`"},
        {"Ternary", "A = 1 if B else 2\n", "UnsupportedSyntax 1:5 unexpected node type `IfExp`"},
        {"Dict", "A = {1: 2}\n", "UnsupportedSyntax 1:5 unexpected node type `Dict`"},
        {"Set", "A = {1, 2}\n", "UnsupportedSyntax 1:5 unexpected node type `Set`"},
        {"Lambda", "A = lambda x: x\n", "UnsupportedSyntax 1:5 unexpected node type `Lambda`"},
        {"Subscript", "A = B[0]\n", "UnsupportedSyntax 1:5 unexpected node type `Subscript`"},
        {"Tuple", "A = 1, 2\n", "UnsupportedSyntax 1:5 unexpected node type `Tuple`"},
        {"Walrus", "A = (B := 1)\n", "UnsupportedSyntax 1:6 unexpected node type `NamedExpr`"},
        {"ListComp", "A = [x for x in B]\n",
         "UnsupportedSyntax 1:5 unexpected node type `ListComp`"},
        {"Import", "import os\n", "UnsupportedSyntax 1:1 unexpected node type `Import`"},
        {"AugAssign", "A = 1\nA += 1\n", "UnsupportedSyntax 2:1 unexpected node type `AugAssign`"},
        {"Decorated", "@x\ndef f():\n    pass\n",
         "UnsupportedSyntax 1:1 unexpected node type `FunctionDef`"},
        {"Positional", "A = F(1)\n",
         "PositionalArgument 1:5 functions with non-keyword arguments are not supported"},
        {"ChainedAssignment", "A = B = 1\n",
         "InvalidAssignment 1:1 an assignment can only have a single target"},
        {"AnnotationWithoutValue", "A: int\n",
         "MissingAssignmentValue 1:1 assignment must have a value"},
        {"BareName", "A\n",
         "BareExpression 1:1 a bare expression is not allowed, unless it is a function call"},
        {"ChainedComparison", "A = 1 < B < 3\n",
         "ChainedComparison 1:5 only binary comparisons are supported"},
        {"AttributeChain", "A = B.c.d\n", "InvalidAttribute 1:5 expected `Name`, got `Attribute`"},
        {"Attribute", "A = B.c\n", "InvalidAttribute 1:5 attribute access is not supported"},
        {"FStringSpec", "A = f'{B:02d}'\n",
         "InvalidFormatString 1:8 a format string cannot have a format spec"},
        {"FStringConversion", "A = f'{B!r}'\n",
         "InvalidFormatString 1:8 a format string cannot have a format spec"},
        {"FStringExpression", "A = f'{B + 1}'\n",
         "InvalidFormatString 1:8 a format string can only interpolate a `Name`"},
        {"Bytes", "A = b'x'\n", "UnsupportedConstant 1:5 unexpected constant `b'x'`"},
        {"Complex", "A = 1j\n", "UnsupportedConstant 1:5 unexpected constant `1j`"},
        {"MatMult", "A = B @ C\n",
         "UnsupportedOperator 1:5 unsupported operator `MatMult` encountered"},
        {"UnaryPlus", "A = +B\n",
         "UnsupportedOperator 1:5 unsupported unary operator `UAdd` encountered"},
        {"Is", "A = B is None\n",
         "UnsupportedOperator 1:5 unsupported comparator `Is` encountered"},
        {"StringAnnotation", "A: 'int' = 1\n", "InvalidAnnotation 1:1 unexpected node: `Constant`"},
        {"ExtractLiteralNonLiteral", "A: ExtractLiteral[int] = 1 + 1\n",
         "ExtractLiteralValue 1:26 expected `Literal` or `FormatString`, got `BinaryOperation`"},
        {"InvalidSyntax", "A = 1 +\n", "SyntaxError 1:8 invalid syntax"},
        {"UnclosedParen", "A = (1,\nB = 2\n", "SyntaxError 1:5 '(' was never closed"},
        {"UnexpectedIndent", "A = 1\n  B = 2\n", "SyntaxError 2:3 unexpected indent"},
        {"UnterminatedString", "A = 'abc\n",
         "SyntaxError 1:5 unterminated string literal (detected at line 1)"},
        {"UnterminatedTriple", "A = '''abc\n\n",
         "SyntaxError 1:5 unterminated triple-quoted string literal (detected at line 3)"},
        {"LeadingZero", "A = 012\n",
         "SyntaxError 1:5 leading zeros in decimal integer literals are not permitted; use an "
         "0o prefix for octal integers"},
        {"InvalidDecimal", "A = 1abc\n", "SyntaxError 1:5 invalid decimal literal"},
        {"AssignToNone", "None = 1\n", "SyntaxError 1:1 cannot assign to None"},
        {"PositionalAfterKeyword", "A = F(a=1, 2)\n",
         "SyntaxError 1:12 positional argument follows keyword argument"},
        {"UnknownNamedEscape", "A = '\\N{NO SUCH NAME}'\n",
         "SyntaxError 1:5 (unicode error) 'unicodeescape' codec can't decode bytes in position "
         "0-15: unknown Unicode character name"},
        {"MismatchedBracket", "A = (1]\n",
         "SyntaxError 1:7 closing parenthesis ']' does not match opening parenthesis '('"},
        {"Unmatched", "A = 1)\n", "SyntaxError 1:6 unmatched ')'"},
        {"InvalidCharacter", "A = 1 \xe2\x82\xac 2\n",
         "SyntaxError 1:7 invalid character '\xe2\x82\xac' (U+20AC)"},
        {"TokenizerErrorWinsOverInvalidSyntax", "A = = 1\nB = 'x\n",
         "SyntaxError 2:5 unterminated string literal (detected at line 2)"},
        {"SyntaxErrorWinsOverSubset", "A = {1: 2}\nB = 1 +\n", "SyntaxError 2:8 invalid syntax"},
        {"FirstSubsetErrorOnly", "A = {1: 2}\nB = 1 if C else 2\n",
         "UnsupportedSyntax 1:5 unexpected node type `Dict`"},
        {"InvalidUtf8", "A = 'x'\nB = '\xff'\n",
         "InvalidEncoding 2:6 invalid UTF-8 byte 0xff: source files must be UTF-8 text"},
        {"NullByte", std::string("A = 1\0\n", 7),
         "InvalidEncoding 1:6 source code cannot contain null bytes"},
    }),
    [](const testing::TestParamInfo<RejectCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace osprey::frontend
