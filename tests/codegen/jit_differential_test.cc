// Differential fuzzing of the engines: random well-typed rulesets (tests/codegen/random_ruleset.h)
// run through the reference interpreter, the JIT at --opt 0 and the JIT at --opt 2 must give
// byte-identical result lines for the same random actions, label effects included (one label
// store per engine).
//
// By default a bounded run (150 rulesets x 30 actions) for ctest. For a long run:
//   OSPREY_DIFF_FUZZ_ITERATIONS=20000 [OSPREY_DIFF_FUZZ_SEED=7] jit_differential_test
// which prints the counts at the end (OSPREY_DIFF_FUZZ_VERBOSE=1 also prints every ruleset and
// the interpreter's result of every action). A disagreement prints the ruleset, the actions
// and the three results, ready to become a regression TEST below.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/diagnostic_render.h"
#include "gtest/gtest.h"
#include "runtime/labels.h"
#include "runtime/stream_evaluator.h"
#include "tests/codegen/random_ruleset.h"
#include "tools/compile_rules.h"

namespace osprey::testing {
namespace {

namespace fs = std::filesystem;

// One action line for `ruleset`: fields missing, null, of the expected kind (with edge values:
// int64 limits, beyond int64, 1e308, -0.0, 5e-324) or of another kind.
std::string GenerateAction(const RandomRuleset& ruleset, int64_t action_id, std::mt19937_64& rng) {
  auto uniform = [&](size_t n) {
    return static_cast<size_t>(std::uniform_int_distribution<uint64_t>(0, n - 1)(rng));
  };
  auto pick = [&](std::string_view table) {
    std::vector<std::string_view> items = SplitTable(table);
    return std::string(items[uniform(items.size())]);
  };
  // JSON texts by kind. Ints beyond int64 and strings that coerce (or not) to numbers are
  // deliberate; JSON cannot hold NaN or inf, the rules make those.
  // Plain values half of the time, so that whole expressions succeed often enough to reach
  // the inline fast paths; edge values (int64 limits and beyond, 1e308, subnormals) otherwise.
  static constexpr std::string_view kInts = "0|1|-1|2|3|5|-7|63|64|100|12345";
  static constexpr std::string_view kEdgeInts =
      "3037000500|-3037000500|4611686018427387904|9223372036854775807|-9223372036854775808|"
      "9223372036854775806|9223372036854775808|18446744073709551615|9007199254740993|"
      "-4611686018427387905|-9223372036854775807|-9223372036854775809|18446744073709551616|"
      "99999999999999999999999|-99999999999999999999";
  static constexpr std::string_view kFloats = "0.5|-0.0|0.0|1.5|-2.5|3.0|0.1|123456789.125";
  static constexpr std::string_view kEdgeFloats =
      "1e308|-1e308|1.7976931348623157e308|5e-324|1e-05|9.2233720368547758e18|"
      "-9.2233720368547758e18|1e16|9007199254740993.0";
  static constexpr std::string_view kBools = "true|false";
  static constexpr std::string_view kStrs =
      R"(""|"a"|"abc"|"42"|" -7 "|"1.5"|"nan"|"inf"|"é"|"true"|"aXa")"
      R"(|"9223372036854775808"|"1_000"|"-99999999999999999999")";
  static constexpr std::string_view kListInts =
      R"([]|[1, 2, 3]|[0]|[9223372036854775807]|[1, "2"]|[null])"
      R"(|[1.5, 2]|[10000000000000000000000, -18446744073709551617])";
  static constexpr std::string_view kListStrs = R"([]|["a", "b"]|["abc"]|[1, "x"]|[""])";
  static constexpr std::string_view kOthers = R"({"k": 1}|[[1]]|"x"|7|2.5|true)";
  static constexpr std::string_view kEntities = R"("u1"|"u2"|5|"")";
  auto value_of = [&](const std::string& kind) -> std::string {
    bool edge = uniform(2) == 0;
    if (kind == "int") return pick(edge ? kEdgeInts : kInts);
    if (kind == "float") return pick(edge ? kEdgeFloats : kFloats);
    if (kind == "bool") return pick(kBools);
    if (kind == "list_int") return pick(kListInts);
    if (kind == "list_str") return pick(kListStrs);
    if (kind == "entity") return pick(kEntities);
    return pick(kStrs);
  };
  static constexpr std::string_view kKinds = "int|float|bool|str|list_int|list_str";
  std::string data;
  for (const auto& [field, kind] : ruleset.fields) {
    size_t roll = uniform(20);
    std::string value;
    if (roll < 3) continue;  // Missing.
    if (roll < 5) {
      value = "null";
    } else if (roll < 16) {
      value = value_of(kind);
    } else if (roll < 19) {
      value = value_of(pick(kKinds));
    } else {
      value = pick(kOthers);
    }
    data += (data.empty() ? "\"" : ", \"") + field + "\": " + value;
  }
  std::string name = ruleset.action_names[uniform(ruleset.action_names.size())];
  return "{\"action_id\": " + std::to_string(action_id) + ", \"action_name\": \"" + name +
         "\", \"timestamp\": \"2025-08-25T14:30:45+00:00\", \"data\": {" + data + "}}";
}

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* text = std::getenv(name);
  return text == nullptr || *text == '\0' ? fallback : std::strtoll(text, nullptr, 10);
}

struct EngineSpec {
  const char* name;
  tools::Engine engine;
  int opt_level;
};
constexpr EngineSpec kEngines[] = {{"interpreter", tools::Engine::kInterpreter, 2},
                                   {"jit --opt 0", tools::Engine::kJit, 0},
                                   {"jit --opt 2", tools::Engine::kJit, 2}};

// One engine's compiled rules and its evaluation state across a ruleset's actions.
struct EngineRun {
  tools::CompiledRules compiled;
  // A fixed clock: label reasons must not depend on when each engine ran.
  std::unique_ptr<runtime::InMemoryLabelStore> labels =
      std::make_unique<runtime::InMemoryLabelStore>([] { return int64_t{1756132245000000}; });
  std::unique_ptr<runtime::StreamEvaluator> evaluator;
  // The same actions again with `--emit hits` (results built with only their true rules),
  // with labels of its own.
  std::unique_ptr<runtime::InMemoryLabelStore> hits_labels =
      std::make_unique<runtime::InMemoryLabelStore>([] { return int64_t{1756132245000000}; });
  std::unique_ptr<runtime::StreamEvaluator> hits_evaluator;
};

// Writes `files` under a fresh directory and returns it.
fs::path WriteRuleset(const std::map<std::string, std::string>& files, const std::string& tag) {
  fs::path dir =
      fs::temp_directory_path() / ("osprey_jit_diff_" + std::to_string(::getpid()) + "_" + tag);
  fs::remove_all(dir);
  for (const auto& [path, text] : files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary) << text;
  }
  return dir;
}

struct Counts {
  int64_t rulesets = 0;
  int64_t rejected = 0;
  int64_t actions = 0;
  int64_t disagreements = 0;
  std::string first_rejected;  // A rejected ruleset with its diagnostics.
  // Error messages of the rejected rulesets, with the number of rulesets showing each.
  std::map<std::string, int64_t> rejections;
};

// Compiles `files` with every engine and runs `actions` through each. Returns a description
// of each disagreement (empty when all agree), and a non-OK message in `*rejected` when the
// rules do not validate.
std::vector<std::string> RunDifferential(const std::map<std::string, std::string>& files,
                                         const std::vector<std::string>& actions,
                                         const std::string& tag, std::string* rejected) {
  fs::path dir = WriteRuleset(files, tag);
  std::vector<std::string> failures;
  std::vector<EngineRun> runs(std::size(kEngines));
  for (size_t e = 0; e < runs.size(); ++e) {
    frontend::DiagnosticSink sink;
    tools::CompileOptions options;
    options.engine = kEngines[e].engine;
    options.opt_level = kEngines[e].opt_level;
    absl::StatusOr<tools::CompiledRules> compiled =
        tools::CompileRulesDirectory(dir.string(), options, sink);
    if (!compiled.ok()) {
      failures.push_back(std::string(kEngines[e].name) + ": " + compiled.status().ToString());
      break;
    }
    if (compiled->ruleset == nullptr) {
      std::string diagnostics =
          frontend::RenderText(sink.Sorted(compiled->validated.parsed.sources),
                               compiled->validated.parsed.sources, false);
      if (e == 0) {
        *rejected = diagnostics;
      } else {
        failures.push_back(std::string(kEngines[e].name) +
                           " rejects rules the interpreter accepts:\n" + diagnostics);
      }
      break;
    }
    runs[e].compiled = std::move(*compiled);
    runs[e].evaluator =
        std::make_unique<runtime::StreamEvaluator>(*runs[e].compiled.ruleset, runs[e].labels.get());
    runtime::StreamOptions hits;
    hits.emit = runtime::EmitMode::kHits;
    runs[e].hits_evaluator = std::make_unique<runtime::StreamEvaluator>(
        *runs[e].compiled.ruleset, runs[e].hits_labels.get(), hits);
  }
  fs::remove_all(dir);
  if (!failures.empty() || !rejected->empty()) return failures;

  for (size_t i = 0; i < actions.size(); ++i) {
    std::vector<std::string> results;
    for (EngineRun& run : runs) {
      results.push_back(
          run.evaluator->EvaluateLine(actions[i], static_cast<int64_t>(i + 1)) +
          "\n  hits: " + run.hits_evaluator->EvaluateLine(actions[i], static_cast<int64_t>(i + 1)));
    }
    if (std::getenv("OSPREY_DIFF_FUZZ_VERBOSE") != nullptr) {
      std::cout << actions[i] << "\n  -> " << results[0] << "\n";
    }
    if (results[0] == results[1] && results[0] == results[2]) continue;
    std::string text = "action " + std::to_string(i + 1) + ": " + actions[i] + "\n";
    if (i > 0) {
      text += "after the actions (label effects carry over):\n";
      for (size_t j = 0; j < i; ++j) text += "  " + actions[j] + "\n";
    }
    for (size_t e = 0; e < results.size(); ++e) {
      text += std::string(kEngines[e].name) + ": " + results[e] + "\n";
    }
    failures.push_back(text);
  }
  return failures;
}

// For regression tests: the engines agree on `actions` over the rules `files`.
void ExpectAgree(const std::map<std::string, std::string>& files,
                 const std::vector<std::string>& actions) {
  RandomRuleset ruleset;
  ruleset.files = files;
  std::string rejected;
  std::vector<std::string> failures = RunDifferential(files, actions, "regression", &rejected);
  ASSERT_TRUE(rejected.empty()) << ruleset.Describe() << rejected;
  for (const std::string& failure : failures) {
    ADD_FAILURE() << "engines disagree\n" << ruleset.Describe() << failure;
  }
}

std::string RejectionSummary(const Counts& counts) {
  std::string out;
  for (const auto& [message, n] : counts.rejections) {
    out += "\n  " + std::to_string(n) + " x " + message;
  }
  return out;
}

TEST(JitDifferentialTest, RandomRulesetsAgree) {
  const int64_t iterations = EnvInt("OSPREY_DIFF_FUZZ_ITERATIONS", 150);
  const bool long_run = std::getenv("OSPREY_DIFF_FUZZ_ITERATIONS") != nullptr;
  const uint64_t seed = static_cast<uint64_t>(EnvInt("OSPREY_DIFF_FUZZ_SEED", 20250825));
  constexpr int kActionsPerRuleset = 30;
  constexpr int kMaxReported = 5;  // Disagreements printed in full; the rest are counted.
  Counts counts;
  int reported = 0;
  for (int64_t i = 0; i < iterations; ++i) {
    // One generator per ruleset: ruleset i of a seed is reproducible on its own.
    std::mt19937_64 rng(seed * 1000003 + static_cast<uint64_t>(i));
    RandomRuleset ruleset = GenerateRuleset(rng);
    std::vector<std::string> actions;
    for (int a = 0; a < kActionsPerRuleset; ++a) {
      actions.push_back(GenerateAction(ruleset, a + 1, rng));
    }
    std::string rejected;
    if (std::getenv("OSPREY_DIFF_FUZZ_VERBOSE") != nullptr) std::cout << ruleset.Describe();
    std::vector<std::string> failures =
        RunDifferential(ruleset.files, actions, std::to_string(i), &rejected);
    ++counts.rulesets;
    if (!rejected.empty()) {
      ++counts.rejected;
      std::set<std::string> messages;
      for (size_t at = rejected.find("error: "); at != std::string::npos;
           at = rejected.find("error: ", at + 1)) {
        messages.insert(rejected.substr(at, rejected.find('\n', at) - at));
      }
      for (const std::string& message : messages) ++counts.rejections[message];
      if (counts.first_rejected.empty()) {
        counts.first_rejected = ruleset.Describe() + "diagnostics:\n" + rejected;
      }
      continue;
    }
    counts.actions += kActionsPerRuleset;
    counts.disagreements += static_cast<int64_t>(failures.size());
    // The first disagreement of a ruleset only: the later ones usually share its cause.
    if (!failures.empty() && reported++ < kMaxReported) {
      ADD_FAILURE() << "engines disagree (seed " << seed << ", ruleset " << i << ")\n"
                    << ruleset.Describe() << failures[0];
    }
  }
  // A generator whose output the validator rejects tests nothing: at most ~10% may be.
  EXPECT_LE(counts.rejected * 10, counts.rulesets)
      << counts.rejected << " of " << counts.rulesets << " generated rulesets do not validate ("
      << RejectionSummary(counts) << "); the first one:\n"
      << counts.first_rejected;
  if (long_run) {
    std::cout << "jit_differential: seed " << seed << ", rulesets " << counts.rulesets
              << ", rejected " << counts.rejected << ", actions " << counts.actions
              << ", disagreements " << counts.disagreements << RejectionSummary(counts)
              << std::endl;
    if (!counts.first_rejected.empty()) {
      std::cout << "first rejected ruleset:\n" << counts.first_rejected << std::endl;
    }
  }
}

// Hand-picked edges of the inline paths, so that they are covered whatever the seed.
TEST(JitDifferentialTest, InlineEdges) {
  ExpectAgree(
      {{"main.sml", R"(I: int = JsonData(path='$.i', required=False)
J: int = JsonData(path='$.j', required=False)
F: float = JsonData(path='$.f', required=False)
O: Optional[int] = JsonData(path='$.o')
Sum = I + J
Diff = I - J
Prod = I * J
Neg = -I
BitX = I ^ J
Inf = F * 10.0
Nan = Inf - Inf
NanEq = Nan == Nan
NanNe = Nan != Nan
NanLt = Nan < 1.0
Mixed = I < F
MixedEq = I == F
Guard = O != None and O + I > 0
Truth = (I > 0) or (F > 0.0) and not (J == None)
)"}},
      {R"({"action_id": 1, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"i": 9223372036854775807, "j": 1,)"
       R"( "f": 1e308, "o": 1}})",
       R"({"action_id": 2, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"i": -9223372036854775808,)"
       R"( "j": -1, "f": -0.0}})",
       R"({"action_id": 3, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"i": "7", "j": null, "o": null}})",
       R"({"action_id": 4, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"i": 3037000500, "j": 3037000500,)"
       R"( "f": 9.2233720368547758e18}})",
       R"({"action_id": 5, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"i": 9223372036854775808}})"});
}

// STRING and LIST lanes (codegen/jit/lane_nodes.h): string equality, `in` a list of
// literals and the inline stdlib calls, on bytes that need care (NUL, multi-byte UTF-8, empty
// strings, an affix longer than the text), with None, failed, entity and wrong-kind operands
// taking the runtime's path; shared calls; and a Require, so that entry functions test node
// states and run twice.
TEST(JitDifferentialTest, StringLanes) {
  ExpectAgree(
      {{"main.sml", R"(S: str = JsonData(path='$.s', required=False)
T: str = JsonData(path='$.t', required=False)
O: Optional[str] = JsonData(path='$.o', required=False)
L: List[str] = JsonData(path='$.l', required=False)
E: Entity[str] = EntityJson(type='User', path='$.e', required=False)
Same = S == T
Differ = S != T
NoneEq = O == None
NoneNe = O != None
Literal = S == 'a\x00b'
Member = S in ['', 'é', 'a\x00b', 'abc']
NotMember = O not in ['x', 'é']
Starts = StringStartsWith(s=S, start='ab')
StartsEmpty = StringStartsWith(s=S, start='')
StartsWithText = StringStartsWith(s=S, start=T)
Ends = StringEndsWith(s=S, end='bc')
EndsWithText = StringEndsWith(s=T, end=S)
Length = StringLength(s=S)
LengthAgain = StringLength(s=S) + 0
EntityStarts = StringStartsWith(s=E, start='u')
Count = ListLength(list=L)
Lower = StringToLower(s=S) == 'abc'
R1 = Rule(when_all=[Starts, Length > 2], description=f'starts {S}')
R2 = Rule(when_all=[S == T or Member], description='equal or member')
WhenRules(rules_any=[R1, R2], then=[DeclareVerdict(verdict='flag')])
Require(rule='more.sml', require_if=NoneNe)
)"},
       {"more.sml", R"(Import(rules=['main.sml'])
Tail = O != None and StringEndsWith(s=O, end='z')
Again = StringLength(s=S) > 1
R3 = Rule(when_all=[Tail, O != 'xyz'], description=f'tail {S}')
)"}},
      {R"({"action_id": 1, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"s": "abc", "t": "abc", "o": "xz", "l": ["a", "b"], "e": "u1"}})",
       R"({"action_id": 2, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"s": "a\u0000b", "t": "a\u0000c", "o": null, "l": [], "e": "v"}})",
       R"({"action_id": 3, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"s": "", "t": "", "o": "é", "l": null, "e": 5}})",
       R"({"action_id": 4, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"s": "é😀ab", "t": "b", "o": "xyz", "l": "abc"}})",
       R"({"action_id": 5, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"s": 7, "t": null, "l": [1, "x"]}})",
       R"({"action_id": 6, "action_name": "a", "timestamp": "2025-08-25T14:30:45+00:00", "data": {"s": "a", "t": "abc"}})"});
}

// Ints beyond 64 bits: an overflow leaves the inline path for the runtime, which holds the big
// result (an OBJECT lane); lane nodes reading it take the runtime's path too.
TEST(JitDifferentialTest, BigInts) {
  ExpectAgree(
      {{"main.sml", R"(A: int = JsonData(path='$.a')
B: int = JsonData(path='$.b')
F: float = JsonData(path='$.f')
Sum = A + B
Twice = Sum * 2
Back = Twice // 2 - B
Neg = -A
NegSum = -Sum
LitNeg = -99999999999999999999
MinLit = -9223372036854775808
Folded = 9223372036854775808 - 1
Pow = 2 ** 100
Shift = 1 << 70
Cmp = Sum > A
Eq = Sum == 9223372036854775808
FloatMix = Sum + F
Div = Sum / 3
Mod = Sum % 3600
FloorNeg = -Sum // 7
Bits = Sum & 255
Chain = (Sum > 0) and (Twice != Sum) or not (Back == A)
Rule1 = Rule(when_all=[Sum > 9223372036854775807, Twice != Sum], description=f'big {Sum}')
Text = f'{Sum}-{Twice}'
)"}},
      {R"({"action_id": 1, "action_name": "a", "timestamp": "2020-07-16T20:00:00+00:00", "data": {"a": 9223372036854775807, "b": 1, "f": 0.5}})",
       R"({"action_id": 2, "action_name": "a", "timestamp": "2020-07-16T20:00:00+00:00", "data": {"a": -9223372036854775808, "b": -1, "f": 1e300}})",
       R"({"action_id": 3, "action_name": "a", "timestamp": "2020-07-16T20:00:00+00:00", "data": {"a": 5, "b": 7, "f": 2.5}})",
       R"({"action_id": 4, "action_name": "a", "timestamp": "2020-07-16T20:00:00+00:00", "data": {"a": 99999999999999999999999, "b": -99999999999999999999999, "f": 2.5}})",
       R"({"action_id": 5, "action_name": "a", "timestamp": "2020-07-16T20:00:00+00:00", "data": {"a": 18446744073709551615, "b": 18446744073709551615, "f": -0.0}})"});
}

}  // namespace
}  // namespace osprey::testing
