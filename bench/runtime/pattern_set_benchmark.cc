// Regex pattern sets (docs/PERFORMANCE.md, "Regex pattern sets"): the cost of N RegexMatch
// tests of one ~500-byte text feature, N = 1, 10, 100, 1000,
//   - BM_SetMatch / BM_OneByOne: the runtime alone — one runtime::PatternSet::Match against N
//     RegexMatch native instances (PCRE2, JIT-compiled) called in turn;
//   - BM_Ruleset{Grouped,OneByOne}: a whole action through the interpreter, for a ruleset of N
//     `RegexMatch(pattern=..., target=Text)` features, with ir::GroupPatternSets on or off
//     (the action is parsed once; only evaluation is timed).
// The patterns are spam-filter-like and all inside what the automaton covers; the text matches
// a few of them, so every search reads the whole text.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "frontend/regex_syntax.h"
#include "runtime/action.h"
#include "runtime/pattern_set.h"
#include "runtime/udf.h"
#include "tools/compile_rules.h"

namespace osprey {
namespace {

// The i-th pattern, in Python syntax.
std::string PythonPattern(int i) {
  switch (i % 5) {
    case 0:
      return absl::StrFormat(R"(free\s+money%d)", i);
    case 1:
      return absl::StrFormat(R"((?:buy|cheap)\s*pills?%d)", i);
    case 2:
      return absl::StrFormat(R"([a-z]+%d@example\.com)", i);
    case 3:
      return absl::StrFormat(R"(discount%d.*now)", i);
    default:
      return absl::StrFormat(R"(^subscribe to channel %d)", i);
  }
}

// About 500 bytes of ordinary text, with a match for patterns 3 and 7.
std::string Text() {
  std::string text =
      "Hey everyone, thanks for joining the stream tonight. We talked about the new release, "
      "the roadmap for next quarter and a few of the questions from last week. If you missed "
      "it, the recording will be up tomorrow morning. Some people asked about discount3 codes "
      "for the conference: they go out by email now, so check your inbox. Also a reminder that "
      "cheap pills7 messages are spam and will be removed by the moderators without warning. "
      "Please keep the chat friendly, stay on topic, and remember that the rules apply to "
      "everyone equally. See you all next Tuesday at the usual time!";
  return text;
}

// Sixteen different texts of the same words (rotations of Text()), so that the automaton meets
// more than one input, as it does across actions.
std::vector<std::string> Texts() {
  const std::string base = Text();
  std::vector<std::string> texts;
  for (size_t k = 0; k < 16; ++k) {
    size_t cut = base.find(' ', k * base.size() / 16);
    if (cut == std::string::npos) cut = 0;
    texts.push_back(base.substr(cut + 1) + " " + base.substr(0, cut));
  }
  return texts;
}

std::vector<std::string> Pcre2Patterns(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(*frontend::TranslatePythonRegex(PythonPattern(i)));
  return out;
}

void BM_SetMatch(benchmark::State& state) {
  std::vector<runtime::PatternSet::Member> members;
  for (std::string& pattern : Pcre2Patterns(static_cast<int>(state.range(0)))) {
    members.push_back({std::move(pattern), false});
  }
  std::unique_ptr<const runtime::PatternSet> set = runtime::PatternSet::Create(members, false);
  if (set->covered_count() != members.size()) state.SkipWithError("a pattern is not covered");
  const std::vector<std::string> texts = Texts();
  std::vector<uint8_t> found;
  size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set->Match(texts[next++ % texts.size()], found));
    benchmark::DoNotOptimize(found.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(Text().size()));
}

void BM_OneByOne(benchmark::State& state) {
  const runtime::UdfFactory* factory = runtime::NativeUdfRegistry::Stdlib().Find("RegexMatch");
  std::vector<std::unique_ptr<runtime::UdfInstance>> instances;
  for (const std::string& pattern : Pcre2Patterns(static_cast<int>(state.range(0)))) {
    std::vector<std::optional<runtime::Value>> constants = {
        runtime::Value::String(pattern), runtime::Value::Bool(false), std::nullopt};
    instances.push_back(*(*factory)(runtime::UdfSite(constants)));
  }
  std::vector<std::vector<runtime::Value>> arguments;
  for (const std::string& text : Texts()) {
    arguments.push_back(
        {runtime::Value::None(), runtime::Value::Bool(false), runtime::Value::String(text)});
  }
  runtime::CallContext context;
  size_t next = 0;
  for (auto _ : state) {
    const std::vector<runtime::Value>& these = arguments[next++ % arguments.size()];
    for (const auto& instance : instances) {
      benchmark::DoNotOptimize(instance->Call(context, these));
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(Text().size()));
}

// A ruleset of `n` RegexMatch features on one text, compiled with or without pattern sets.
void RunRuleset(benchmark::State& state, bool grouped) {
  const int n = static_cast<int>(state.range(0));
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              absl::StrFormat("osprey_pattern_set_bench_%d_%d", ::getpid(), n);
  std::filesystem::create_directories(dir);
  {
    std::ofstream rules(dir / "main.sml");
    rules << "Text: str = JsonData(path='$.text')\n";
    for (int i = 0; i < n; ++i) {
      std::string pattern = PythonPattern(i);
      std::string escaped;
      for (char c : pattern) {
        if (c == '\\' || c == '\'') escaped.push_back('\\');
        escaped.push_back(c);
      }
      rules << absl::StrFormat("M%d = RegexMatch(pattern='%s', target=Text)\n", i, escaped);
    }
  }
  frontend::DiagnosticSink sink;
  tools::CompileOptions options;
  options.pattern_sets = grouped;
  absl::StatusOr<tools::CompiledRules> compiled =
      tools::CompileRulesDirectory(dir.string(), options, sink);
  std::filesystem::remove_all(dir);
  if (!compiled.ok() || compiled->ruleset == nullptr) {
    state.SkipWithError("the generated rules do not compile");
    return;
  }
  std::string line = absl::StrFormat(
      R"({"action_id": 1, "action_name": "post", "timestamp": "2025-08-25T14:30:45+00:00", )"
      R"("data": {"text": "%s"}})",
      Text());
  runtime::ActionReader reader;
  absl::StatusOr<runtime::Action> action = reader.Read(line);
  if (!action.ok()) {
    state.SkipWithError("bad action");
    return;
  }
  for (auto _ : state) {
    runtime::ActionResult result =
        compiled->ruleset->Evaluate(*action, nullptr, 0, runtime::ResultFeatures::kAll);
    benchmark::DoNotOptimize(result);
  }
}

void BM_RulesetGrouped(benchmark::State& state) { RunRuleset(state, true); }
void BM_RulesetOneByOne(benchmark::State& state) { RunRuleset(state, false); }

BENCHMARK(BM_SetMatch)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_OneByOne)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_RulesetGrouped)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_RulesetOneByOne)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);

}  // namespace
}  // namespace osprey
