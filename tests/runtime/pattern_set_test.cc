// runtime::PatternSet against the one-by-one path (the RegexMatch native on PCRE2): the rule of
// which patterns the automaton covers, and a differential test — random patterns from a grammar
// rich in the constructs where RE2 and PCRE2/Python differ (Unicode classes, `$`, case folding
// of ſ K İ ı ς), every regex written in the corpus and conformance rules, on random texts —
// in which every covered member must give exactly RegexMatch's answer.
#include "runtime/pattern_set.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "frontend/regex_syntax.h"
#include "frontend/string_literal.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

namespace fs = std::filesystem;

std::string Translate(const std::string& python) {
  absl::StatusOr<std::string> translated = frontend::TranslatePythonRegex(python);
  return translated.ok() ? *translated : std::string();
}

// --- The coverage rule, on Python patterns (translated as the compiler does). ---
struct RuleCase {
  std::string name;
  std::string python;
  bool case_insensitive;
  bool covered;
};
std::ostream& operator<<(std::ostream& os, const RuleCase& c) { return os << c.name; }

class PatternSetRuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(PatternSetRuleTest, Supports) {
  const RuleCase& c = GetParam();
  absl::StatusOr<std::string> translated = frontend::TranslatePythonRegex(c.python);
  ASSERT_TRUE(translated.ok()) << translated.status();
  EXPECT_EQ(PatternSet::Supports(*translated, c.case_insensitive), c.covered) << *translated;
}

INSTANTIATE_TEST_SUITE_P(
    Rule, PatternSetRuleTest,
    ::testing::ValuesIn(std::vector<RuleCase>{
        {"literal", "foo", false, true},
        {"empty", "", false, true},
        {"alternation_group", "@(?:everyone|here)", false, true},
        {"caret", "^message_", false, true},
        {"dot_star", "a.*b", true, true},
        {"classes", "[a-z0-9_][^abc]", true, true},
        {"space_class", R"(free\s+money)", false, true},
        {"space_class_ci", R"(free\s+money)", true, true},
        {"not_space", R"(\S+)", false, true},
        {"not_space_ci", R"(\S+)", true, false},
        {"repeat", "a{2,5}b{3}c{1,}?", false, true},
        {"repeat_too_big", "a{1001}", false, false},
        {"absolute_anchors", R"(\Afoo\Z)", false, true},
        {"flags_is", "(?is)a.b", false, true},
        {"scoped_flag", "(?i:ab)c", false, true},
        {"escapes", R"(\x41\u00e9\.\-\n)", false, true},
        {"non_ascii", "é+ß", false, true},
        {"non_ascii_ci", "é", true, false},
        {"non_ascii_inline_ci", "(?i)é", false, false},
        {"non_ascii_scoped_ci", "(?i:a)é", false, false},
        {"dollar", "foo$", false, false},
        {"word_boundary", R"(\bcat\b)", false, false},
        {"digit", R"(\d)", false, false},
        {"word", R"(\w)", false, false},
        {"digit_in_class", R"([\d.])", false, false},
        {"backreference", R"((a)\1)", false, false},
        {"lookahead", "a(?=b)", false, false},
        {"lookbehind", "(?<=a)b", false, false},
        {"atomic", "(?>a+)b", false, false},
        {"possessive", "a*+b", false, false},
        {"multiline", "(?m)^a", false, false},
        {"verbose", "(?x) a b", false, true},  // The translator removes the spaces.
        {"ascii_flag", "(?a)abc", false, false},
        {"named_group", "(?P<x>a)", false, true},
        {"named_reference", "(?P<x>a)(?P=x)", false, false},
    }),
    [](const ::testing::TestParamInfo<RuleCase>& param) { return param.param.name; });

// --- Differential test. ---

// Random Python patterns from a small grammar.
class PatternGenerator {
 public:
  explicit PatternGenerator(uint32_t seed) : random_(seed) {}

  std::string Next() {
    static const char* const kFlags[] = {"", "", "", "", "(?i)", "(?s)", "(?m)", "(?a)"};
    return kFlags[Pick(8)] + Alternation(0);
  }

 private:
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random_); }

  std::string Alternation(int depth) {
    std::string out = Sequence(depth);
    while (Pick(5) == 0) out += "|" + Sequence(depth);
    return out;
  }
  std::string Sequence(int depth) {
    std::string out;
    size_t items = 1 + Pick(4);
    for (size_t i = 0; i < items; ++i) out += Item(depth);
    return out;
  }
  std::string Item(int depth) {
    static const char* const kAtoms[] = {
        "a",     "b",     "k",      "s",     "i",       "K",   "S",      "é",      "ß",     "ſ",
        "K",     "İ",     "ı",      "σ",     "ς",       "Σ",   "\\.",    "-",      " ",     "\\n",
        "x",     "\\d",   "\\w",    "\\s",   "\\S",     "\\W", ".",      "[a-c]",  "[^ab]", "[ks]",
        "[K-M]", "[à-ÿ]", "[^\\s]", "\\x41", "\\u00e9", "\\$", "[\\w.]", "[^\\d]", "[-a]",  "\\t"};
    static const char* const kAnchors[] = {"^", "$", "\\A", "\\Z", "\\b", "\\B"};
    static const char* const kQuantifiers[] = {"*",  "+",  "?",      "{1,2}", "{2}",
                                               "*?", "+?", "{0,3}?", "{2,}",  "??"};
    if (Pick(8) == 0) return kAnchors[Pick(6)];
    std::string item;
    if (depth < 2 && Pick(6) == 0) {
      static const char* const kOpen[] = {"(", "(?:", "(?i:", "(?P<g>"};
      size_t open = Pick(4);
      // A named group may appear once per pattern only; use an unnamed one instead.
      item = std::string(open == 3 ? "(" : kOpen[open]) + Alternation(depth + 1) + ")";
    } else {
      item = kAtoms[Pick(std::size(kAtoms))];
    }
    if (Pick(3) == 0) item += kQuantifiers[Pick(std::size(kQuantifiers))];
    return item;
  }

  std::mt19937 random_;
};

std::vector<std::string> RandomTexts(uint32_t seed, size_t count) {
  static const char* const kPieces[] = {
      "a", "b", "k", "s", "i", "K",  "S", "I",  "é",      "É",      "ß",    "ẞ", "ſ", "K",
      "İ", "ı", "σ", "ς", "Σ", "\n", " ", "\t", "\u00a0", "\u2003", ".",    "-", "1", "٣",
      "x", "$", "_", "Å", "å", "Å",  "c", "ab", "ks",     "\u0085", "\x1c", "A"};
  std::mt19937 random(seed);
  std::vector<std::string> texts = {"", "\n", "abc\n", "a", "KS", "ſK", "x\ny", "ab ks"};
  while (texts.size() < count) {
    std::string text;
    size_t length = std::uniform_int_distribution<size_t>(0, 16)(random);
    for (size_t i = 0; i < length; ++i) {
      text += kPieces[std::uniform_int_distribution<size_t>(0, std::size(kPieces) - 1)(random)];
    }
    texts.push_back(std::move(text));
  }
  texts.push_back("a\xff");  // Not UTF-8: the set must not decide.
  return texts;
}

// RegexMatch's own answer: "True", "False" or "<error>".
std::string OneByOne(const std::string& pcre2, bool case_insensitive, const std::string& text,
                     const UdfInstance& instance) {
  CallContext context;
  std::vector<Value> arguments = {S(pcre2), B(case_insensitive), S(text)};
  return Render(instance.Call(context, arguments));
}

struct Stats {
  size_t members = 0;
  size_t covered = 0;
  size_t comparisons = 0;
};

// Builds sets of `patterns` (Python syntax) in chunks and compares every covered member with
// RegexMatch on every text.
void CompareWithPcre2(const std::vector<std::string>& patterns,
                      const std::vector<std::string>& texts, bool case_insensitive, Stats& stats) {
  const UdfFactory* factory = NativeUdfRegistry::Stdlib().Find("RegexMatch");
  ASSERT_NE(factory, nullptr);
  constexpr size_t kChunk = 40;
  for (size_t start = 0; start < patterns.size(); start += kChunk) {
    std::vector<PatternSet::Member> members;
    std::vector<std::string> python;
    std::vector<std::unique_ptr<UdfInstance>> instances;
    for (size_t p = start; p < std::min(patterns.size(), start + kChunk); ++p) {
      absl::StatusOr<std::string> translated = frontend::TranslatePythonRegex(patterns[p]);
      if (!translated.ok()) continue;  // Python rejects it: validation would have.
      std::vector<std::optional<Value>> constants = {S(*translated), B(case_insensitive),
                                                     std::nullopt};
      absl::StatusOr<std::unique_ptr<UdfInstance>> instance = (*factory)(UdfSite(constants));
      if (!instance.ok()) continue;  // PCRE2 rejects it (e.g. a repeat count beyond its limit).
      members.push_back({*translated, false});
      python.push_back(patterns[p]);
      instances.push_back(*std::move(instance));
    }
    std::unique_ptr<const PatternSet> set = PatternSet::Create(members, case_insensitive);
    stats.members += members.size();
    stats.covered += set->covered_count();
    std::vector<uint8_t> found;
    for (const std::string& text : texts) {
      const bool utf8 = simdjson::validate_utf8(text.data(), text.size());
      ASSERT_EQ(set->Match(text, found), utf8 || set->covered_count() == 0) << text;
      if (!utf8) continue;
      for (size_t m = 0; m < members.size(); ++m) {
        if (!set->covers(m)) {
          EXPECT_EQ(found[m], 0);
          continue;
        }
        ++stats.comparisons;
        std::string want = OneByOne(members[m].pattern, case_insensitive, text, *instances[m]);
        std::string got = found[m] ? "True" : "False";
        EXPECT_EQ(got, want) << "pattern " << frontend::PythonStringRepr(python[m]) << " (PCRE2 "
                             << members[m].pattern << ")"
                             << (case_insensitive ? " case-insensitive" : "") << " on text "
                             << frontend::PythonStringRepr(text);
      }
    }
  }
}

TEST(PatternSetDifferentialTest, RandomPatternsMatchPcre2) {
  PatternGenerator generator(20240611);
  std::vector<std::string> patterns;
  for (int i = 0; i < 3000; ++i) patterns.push_back(generator.Next());
  std::vector<std::string> texts = RandomTexts(7, 150);
  for (bool case_insensitive : {false, true}) {
    Stats stats;
    CompareWithPcre2(patterns, texts, case_insensitive, stats);
    // The grammar must exercise both paths (fewer patterns qualify under case-insensitivity,
    // which excludes the grammar's many non-ASCII letters).
    EXPECT_GT(stats.covered, stats.members / 10) << "ci=" << case_insensitive;
    EXPECT_LT(stats.covered, stats.members) << "ci=" << case_insensitive;
    EXPECT_GT(stats.comparisons, 50'000u);
    std::printf("case_insensitive=%d: %zu patterns, %zu covered, %zu comparisons\n",
                case_insensitive, stats.members, stats.covered, stats.comparisons);
  }
}

// Every `pattern=` / `patterns=[...]` string literal in the .sml files under `root`.
void CollectRulePatterns(const fs::path& root, std::vector<std::string>& out) {
  if (!fs::is_directory(root)) return;
  static const std::regex kArgument(R"(patterns?\s*=\s*\[?)");
  static const std::regex kString(R"(^\s*([rRuU]{0,2})('([^'\\\n]|\\.)*'|"([^"\\\n]|\\.)*")\s*,?)");
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kArgument);
         it != std::sregex_iterator(); ++it) {
      auto rest = text.cbegin() + it->position() + it->length();
      std::smatch literal;
      while (std::regex_search(rest, text.cend(), literal, kString)) {
        std::string token = literal[1].str() + literal[2].str();
        frontend::StringToken split = frontend::SplitStringToken(token);
        std::string value;
        if (!frontend::DecodeStringBody(split.body, split.raw, split.bytes, &value)) {
          out.push_back(value);
        }
        rest = literal[0].second;
      }
    }
  }
}

TEST(PatternSetDifferentialTest, CorpusAndConformancePatternsMatchPcre2) {
  const fs::path shared = fs::path(OSPREY_SOURCE_DIR) / ".." / "shared";
  std::vector<std::string> patterns;
  CollectRulePatterns(shared / "corpus", patterns);
  CollectRulePatterns(shared / "conformance", patterns);
  CollectRulePatterns(fs::path(OSPREY_SOURCE_DIR) / "examples", patterns);
  if (patterns.empty()) GTEST_SKIP() << "no rules found under " << shared;
  std::vector<std::string> texts = RandomTexts(11, 120);
  for (const char* text : {"@everyone hi", "message_create", "foo", "a foo\n", "cat", "Hello World",
                           "hello", "ﬁne", "x²", "123", "SPAM spam", "free money", "é", "ber"}) {
    texts.push_back(text);
  }
  for (bool case_insensitive : {false, true}) {
    Stats stats;
    CompareWithPcre2(patterns, texts, case_insensitive, stats);
    EXPECT_GT(stats.covered, 0u);
    std::printf("case_insensitive=%d: %zu rule patterns, %zu covered, %zu comparisons\n",
                case_insensitive, stats.members, stats.covered, stats.comparisons);
  }
}

// Sets of literals only (answered by substring searches once the automaton finds a match),
// with and without the empty literal, which every text contains, and with a repeated member;
// and literals next to a regex member (answered by the automaton alone).
TEST(PatternSetTest, LiteralMembersAreSubstringTests) {
  const std::vector<std::string> literals = {"a",    "a.b", "(", "é", "ſ", "K",  "k",  "\n",
                                             "a\\b", "[x]", "$", "^", "*", "ab", "BA", "ab"};
  const std::vector<std::string> with_empty = [&] {
    std::vector<std::string> list = literals;
    list.push_back("");
    return list;
  }();
  for (const std::vector<std::string>* list : {&literals, &with_empty}) {
    for (bool with_regex : {false, true}) {
      std::vector<PatternSet::Member> members;
      for (const std::string& literal : *list) members.push_back({literal, true});
      if (with_regex) members.push_back({Translate("b+"), false});
      for (bool case_insensitive : {false, true}) {
        std::unique_ptr<const PatternSet> set = PatternSet::Create(members, case_insensitive);
        EXPECT_EQ(set->covered_count(), members.size());
        std::vector<uint8_t> found;
        size_t texts_with_a_member = 0;
        for (const std::string& text : RandomTexts(3, 200)) {
          if (!simdjson::validate_utf8(text.data(), text.size())) continue;
          ASSERT_TRUE(set->Match(text, found));
          ASSERT_EQ(found.size(), members.size());
          for (size_t m = 0; m < list->size(); ++m) {
            EXPECT_EQ(found[m] != 0, text.find((*list)[m]) != std::string::npos)
                << frontend::PythonStringRepr((*list)[m]) << " in "
                << frontend::PythonStringRepr(text);
          }
          if (with_regex) {
            const bool has_b = text.find('b') != std::string::npos ||
                               (case_insensitive && text.find('B') != std::string::npos);
            EXPECT_EQ(found.back() != 0, has_b) << frontend::PythonStringRepr(text);
          }
          texts_with_a_member += std::count(found.begin(), found.end(), 1) > 0;
        }
        EXPECT_GT(texts_with_a_member, 0u);
      }
    }
  }
}

TEST(PatternSetTest, NothingCoveredStillAnswers) {
  std::vector<PatternSet::Member> members = {{Translate(R"(\bx\b)"), false}};
  std::unique_ptr<const PatternSet> set = PatternSet::Create(members, false);
  EXPECT_EQ(set->covered_count(), 0u);
  std::vector<uint8_t> found;
  EXPECT_TRUE(set->Match("x", found));
  EXPECT_EQ(found, std::vector<uint8_t>{0});
}

}  // namespace
}  // namespace osprey::runtime::testing
