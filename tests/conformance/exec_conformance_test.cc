// Runs every case of <conformance>/exec/: the actions of actions.jsonl through the ruleset in
// rules/ (labels seeded from labels.json, label effects applied between actions) must give
// Osprey's result maps in expected.jsonl — same keys, equal values with ints and floats told
// apart, `__verdicts` and `__entity_label_mutations` compared as multisets.
//
// Cases we knowingly fail are listed, each with its reason, in exec_known_failures.txt.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/labels.h"
#include "runtime/stream_evaluator.h"
#include "simdjson.h"
#include "tests/conformance/conformance_dir.h"
#include "tools/compile_rules.h"

namespace osprey::testing {
namespace {

namespace fs = std::filesystem;

std::vector<Case> ListCases() { return testing::ListCases("exec", "expected.jsonl"); }

std::map<std::string, std::string> KnownFailures() {
  std::map<std::string, std::string> known;
  std::ifstream in(fs::path(OSPREY_SOURCE_DIR) / "tests" / "conformance" /
                   "exec_known_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    known[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return known;
}

std::vector<std::string> ReadLines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// Python's json.dumps writes NaN and ±Infinity bare, and ints of any size; they become marker
// strings here (ints of 20 digits or more: beyond int64, perhaps beyond what simdjson holds)
// so that a strict JSON parser can read both sides.
std::string QuoteNonFinite(std::string_view json) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < json.size()) {
        out.push_back(json[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    const auto is_digit = [&](size_t k) {
      return k < json.size() && json[k] >= '0' && json[k] <= '9';
    };
    if (is_digit(i) || (c == '-' && is_digit(i + 1))) {
      size_t end = i + 1;
      while (end < json.size() &&
             std::string_view("0123456789.eE+-").find(json[end]) != std::string_view::npos) {
        ++end;
      }
      const std::string_view number = json.substr(i, end - i);
      const size_t digits = number.size() - (c == '-' ? 1 : 0);
      if (number.find_first_of(".eE+") == std::string_view::npos && digits >= 20) {
        out += "\"\\u0000int" + std::string(number) + "\"";
      } else {
        out += number;
      }
      i = end - 1;
      continue;
    }
    for (std::string_view word : {"-Infinity", "Infinity", "NaN"}) {
      if (json.substr(i, word.size()) == word) {
        out += "\"\\u0000" + std::string(word) + "\"";
        i += word.size() - 1;
        c = 0;
        break;
      }
    }
    if (c != 0) out.push_back(c);
  }
  return out;
}

// A canonical text of a JSON value in which ints and floats differ ("i3" vs "f3").
std::string Canonical(simdjson::dom::element value, bool as_multiset = false) {
  switch (value.type()) {
    case simdjson::dom::element_type::INT64:
      return "i" + std::to_string(int64_t(value));
    case simdjson::dom::element_type::UINT64:
      return "i" + std::to_string(uint64_t(value));
    case simdjson::dom::element_type::DOUBLE: {
      std::ostringstream text;
      text.precision(17);
      text << double(value);
      return "f" + text.str();
    }
    case simdjson::dom::element_type::STRING:
      return "s\"" + std::string(std::string_view(value)) + "\"";
    case simdjson::dom::element_type::BOOL:
      return bool(value) ? "true" : "false";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::ARRAY: {
      std::vector<std::string> items;
      for (simdjson::dom::element item : simdjson::dom::array(value)) {
        items.push_back(Canonical(item));
      }
      if (as_multiset) std::sort(items.begin(), items.end());
      std::string out = "[";
      for (const std::string& item : items) out += item + ",";
      return out + "]";
    }
    case simdjson::dom::element_type::OBJECT: {
      std::map<std::string, std::string> fields;
      for (auto field : simdjson::dom::object(value)) {
        fields[std::string(field.key)] = Canonical(field.value);
      }
      std::string out = "{";
      for (const auto& [key, text] : fields) out += key + ":" + text + ",";
      return out + "}";
    }
  }
  return "?";
}

std::map<std::string, std::string> ResultFields(const std::string& line, std::string* error) {
  std::map<std::string, std::string> fields;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(QuoteNonFinite(line)).get(root) != simdjson::SUCCESS || !root.is_object()) {
    *error = "not a JSON object: " + line;
    return fields;
  }
  for (auto field : simdjson::dom::object(root)) {
    std::string key(field.key);
    bool multiset = key == "__verdicts" || key == "__entity_label_mutations";
    fields[key] = Canonical(field.value, multiset);
  }
  return fields;
}

// The result lines of every action of `test_case`, evaluated by `engine`.
std::vector<std::string> RunCase(const Case& test_case, const tools::CompileOptions& options) {
  frontend::DiagnosticSink sink;
  absl::StatusOr<tools::CompiledRules> compiled =
      tools::CompileRulesDirectory((test_case.dir / "rules").string(), options, sink);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  if (!compiled.ok()) return {};
  EXPECT_NE(compiled->ruleset, nullptr) << "the rules do not validate";
  if (compiled->ruleset == nullptr) return {};

  runtime::InMemoryLabelStore labels;
  if (fs::exists(test_case.dir / "labels.json")) {
    std::ifstream in(test_case.dir / "labels.json");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_TRUE(labels.LoadJson(text.str()).ok());
  }
  runtime::StreamEvaluator evaluator(*compiled->ruleset, &labels);
  std::vector<std::string> results;
  std::vector<std::string> actions = ReadLines(test_case.dir / "actions.jsonl");
  for (size_t i = 0; i < actions.size(); ++i) {
    results.push_back(evaluator.EvaluateLine(actions[i], static_cast<int64_t>(i + 1)));
  }
  return results;
}

tools::CompileOptions EngineOptions(tools::Engine engine, int opt_level) {
  tools::CompileOptions options;
  options.engine = engine;
  options.opt_level = opt_level;
  return options;
}

class ExecConformanceTest : public ::testing::TestWithParam<Case> {};

// The reference interpreter gives Osprey's results.
TEST_P(ExecConformanceTest, MatchesOsprey) {
  const Case& test_case = GetParam();
  static const std::map<std::string, std::string> known = KnownFailures();
  if (auto it = known.find(test_case.name); it != known.end()) {
    GTEST_SKIP() << "known failure: " << it->second;
  }
  std::vector<std::string> ours = RunCase(test_case, EngineOptions(tools::Engine::kInterpreter, 0));
  std::vector<std::string> expected = ReadLines(test_case.dir / "expected.jsonl");
  ASSERT_EQ(ours.size(), expected.size());
  for (size_t i = 0; i < ours.size(); ++i) {
    std::string error;
    std::map<std::string, std::string> want = ResultFields(expected[i], &error);
    std::map<std::string, std::string> got = ResultFields(ours[i], &error);
    ASSERT_TRUE(error.empty()) << error;
    std::string diff;
    std::set<std::string> keys;
    for (const auto& [key, value] : want) keys.insert(key);
    for (const auto& [key, value] : got) keys.insert(key);
    for (const std::string& key : keys) {
      auto w = want.find(key);
      auto g = got.find(key);
      std::string want_text = w == want.end() ? "<absent>" : w->second;
      std::string got_text = g == got.end() ? "<absent>" : g->second;
      if (want_text != got_text) {
        diff += "  " + key + ": want " + want_text + ", got " + got_text + "\n";
      }
    }
    EXPECT_TRUE(diff.empty()) << "action " << i + 1 << " of " << test_case.name << ":\n"
                              << diff << "ours: " << ours[i];
  }
}

// The JIT at both tiers writes exactly the interpreter's result lines, byte for byte: on the
// known failures too (there all engines must be wrong the same way).
TEST_P(ExecConformanceTest, JitAgreesWithInterpreter) {
  const Case& test_case = GetParam();
  std::vector<std::string> reference =
      RunCase(test_case, EngineOptions(tools::Engine::kInterpreter, 0));
  for (int opt_level : {0, 2}) {
    std::vector<std::string> jit =
        RunCase(test_case, EngineOptions(tools::Engine::kJit, opt_level));
    ASSERT_EQ(jit.size(), reference.size()) << "--opt " << opt_level;
    for (size_t i = 0; i < jit.size(); ++i) {
      EXPECT_EQ(jit[i], reference[i]) << "action " << i + 1 << ", JIT --opt " << opt_level;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Conformance, ExecConformanceTest, ::testing::ValuesIn(ListCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return CaseTestName(param_info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ExecConformanceTest);

TEST(ExecConformanceSetup, CasesArePresent) {
  if (!ConformanceDir()) {
    if (RunningInCi()) FAIL() << "conformance cases not found (set OSPREY_CONFORMANCE_DIR)";
    GTEST_SKIP() << "conformance cases not found; set OSPREY_CONFORMANCE_DIR to run them";
  }
  EXPECT_GT(ListCases().size(), 0u);
}

}  // namespace
}  // namespace osprey::testing
