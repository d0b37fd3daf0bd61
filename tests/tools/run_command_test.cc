// End-to-end tests of `osprey-jit run` (tools::RunRun): one output line per input line, error
// records for malformed lines that do not disturb the actions around them, labels, exit codes.
#include "tools/run_command.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/rules_dir.h"
#include "tools/cli.h"
#include "tools/command.h"

namespace osprey::tools {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

fs::path MakeDir(const std::string& name, const std::map<std::string, std::string>& files) {
  return osprey::testing::WriteRulesDir("run_test", name, files);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct RunOutput {
  int code = -1;
  std::vector<std::string> lines;
  std::string err;
};

RunOutput RunOn(const RunCommandOptions& options, std::istream& in) {
  std::ostringstream out, err;
  RunOutput result;
  result.code = RunRun(options, in, out, err, /*color=*/false);
  result.lines = Lines(out.str());
  result.err = err.str();
  return result;
}

RunOutput RunOn(const RunCommandOptions& options, const std::string& input) {
  std::istringstream in(input);
  return RunOn(options, in);
}

RunCommandOptions Options(const fs::path& rules) {
  RunCommandOptions options;
  options.rules_dir = rules.string();
  return options;
}

std::string Action(int id, const std::string& name, const std::string& data) {
  return "{\"action_id\": " + std::to_string(id) + ", \"action_name\": \"" + name +
         "\", \"timestamp\": \"2025-01-01T00:00:00+00:00\", \"data\": " + data + "}";
}

// A ruleset that reads a little of each action, so a result shows it was evaluated.
fs::path SmallRules() {
  static const fs::path* const kRoot =
      new fs::path(MakeDir("small", {{"main.sml",
                                      "Name: str = JsonData(path='$.name', required=False)\n"
                                      "_Big: str = JsonData(path='$.big', required=False)\n"
                                      "BigLength = StringLength(s=_Big)\n"
                                      "Upper = StringToUpper(s=Name)\n"}}));
  return *kRoot;
}

struct BadLineCase {
  std::string name;
  std::string line;
  std::string error;  // A part of the error record's message.
};

void PrintTo(const BadLineCase& c, std::ostream* os) { *os << c.name; }

class BadLineTest : public ::testing::TestWithParam<BadLineCase> {};

// A bad line between two good ones: an error record in its place, with its line number, and
// the actions around it evaluated as usual.
TEST_P(BadLineTest, GivesAnErrorRecordAndTheNextActionRuns) {
  const BadLineCase& c = GetParam();
  std::string input = Action(1, "a", "{\"name\": \"ann\"}") + "\n" + c.line + "\n" +
                      Action(3, "a", "{\"name\": \"bob\"}") + "\n";
  RunOutput run = RunOn(Options(SmallRules()), input);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  ASSERT_EQ(run.lines.size(), 3u);
  EXPECT_THAT(run.lines[0], StartsWith("{\"__action_id\": 1,"));
  EXPECT_THAT(run.lines[0], HasSubstr("\"Upper\": \"ANN\""));
  EXPECT_THAT(run.lines[1], StartsWith("{\"__error\": \""));
  EXPECT_THAT(run.lines[1], HasSubstr(c.error));
  EXPECT_THAT(run.lines[1], HasSubstr(", \"__line\": 2}"));
  EXPECT_THAT(run.lines[2], StartsWith("{\"__action_id\": 3,"));
  EXPECT_THAT(run.lines[2], HasSubstr("\"__error_count\": 0,"));
  EXPECT_THAT(run.lines[2], HasSubstr("\"BigLength\": null"));  // No $.big: None, no error.
  EXPECT_THAT(run.lines[2], HasSubstr("\"Upper\": \"BOB\""));
}

INSTANTIATE_TEST_SUITE_P(
    Run, BadLineTest,
    ::testing::Values(
        BadLineCase{"TruncatedJson", "{\"action_id\": 2, \"action_name\": \"a\", \"data\": {",
                    "not valid JSON"},
        BadLineCase{"TruncatedString", "{\"action_id\": 2, \"action_name\": \"a", "not valid JSON"},
        BadLineCase{"Array", "[1,2]", "an action must be a JSON object"},
        BadLineCase{"String", "\"x\"", "an action must be a JSON object"},
        BadLineCase{"Number", "42", "an action must be a JSON object"},
        BadLineCase{"DeeplyNested",
                    "{\"action_id\": 2, \"action_name\": \"a\", \"data\": {\"x\": " +
                        std::string(100000, '[') + std::string(100000, ']') + "}}",
                    "nests too deeply"},
        BadLineCase{"InvalidUtf8", "{\"action_id\": 2, \"action_name\": \"caf\xe9\", \"data\": {}}",
                    "invalid UTF-8"},
        BadLineCase{"InvalidUtf8InData",
                    "{\"action_id\": 2, \"action_name\": \"a\", \"data\": {\"name\": \"\xff\"}}",
                    "invalid UTF-8"},
        BadLineCase{"NoActionName", "{\"action_id\": 2, \"data\": {}}", "missing action_name"},
        BadLineCase{"ActionNameNotString", "{\"action_id\": 2, \"action_name\": 7, \"data\": {}}",
                    "action_name must be a string"},
        BadLineCase{"NoActionId", "{\"action_name\": \"a\", \"data\": {}}", "missing action_id"},
        BadLineCase{"EmptyLine", "", "empty line"},
        BadLineCase{"CarriageReturnOnly", "\r", "empty line"},
        BadLineCase{"TrailingGarbage", Action(2, "a", "{}") + " x", "not valid JSON"}),
    [](const ::testing::TestParamInfo<BadLineCase>& param_info) { return param_info.param.name; });

TEST(RunTest, HugeActionGivesAResult) {
  const std::string big(50 * 1000 * 1000, 'x');
  std::string input = Action(1, "a", "{\"name\": \"n\", \"big\": \"" + big + "\"}") + "\n" +
                      Action(2, "a", "{\"name\": \"m\"}") + "\n";
  RunOutput run = RunOn(Options(SmallRules()), input);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  ASSERT_EQ(run.lines.size(), 2u);
  EXPECT_THAT(run.lines[0], StartsWith("{\"__action_id\": 1, "));
  EXPECT_THAT(run.lines[0], HasSubstr("\"__error_count\": 0,"));
  EXPECT_THAT(run.lines[0], HasSubstr("\"BigLength\": 50000000"));
  EXPECT_THAT(run.lines[1], StartsWith("{\"__action_id\": 2, "));
  EXPECT_THAT(run.lines[1], HasSubstr("\"Upper\": \"M\""));
}

// Every kind of bad line in a row, and a last line without a newline: as many results as
// lines, each error record naming its own line.
TEST(RunTest, OneOutputLinePerInputLine) {
  std::vector<std::string> lines = {"",
                                    "[1,2]",
                                    "{\"action_id\": 1",
                                    Action(4, "a", "{\"name\": \"x\"}"),
                                    "\"x\"",
                                    "42",
                                    "{\"action_id\": 7, \"data\": {}}",
                                    "",
                                    "null",
                                    "{\"a\": \"\xc3\x28\"}",
                                    Action(11, "a", "{}")};
  std::string input;
  for (size_t i = 0; i < lines.size(); ++i) input += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  RunOutput run = RunOn(Options(SmallRules()), input);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  ASSERT_EQ(run.lines.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    int line_number = static_cast<int>(i) + 1;
    if (line_number == 4 || line_number == 11) {
      EXPECT_THAT(run.lines[i], StartsWith("{\"__action_id\": " + std::to_string(line_number)));
    } else {
      EXPECT_THAT(run.lines[i], StartsWith("{\"__error\": "));
      EXPECT_THAT(run.lines[i], HasSubstr("\"__line\": " + std::to_string(line_number) + "}"));
    }
  }
}

// The example's results do not change when bad lines are interleaved with its actions.
TEST(RunTest, ExampleRulesWithBadLinesInBetween) {
  const std::string actions = ReadFile("examples/actions.jsonl");
  RunOutput clean = RunOn(Options("examples/rules"), actions);
  ASSERT_EQ(clean.code, kExitOk) << clean.err;
  ASSERT_EQ(clean.lines.size(), 6u);
  EXPECT_THAT(clean.lines[1], HasSubstr("\"__verdicts\": [\"challenge\"]"));
  EXPECT_THAT(clean.lines[3], HasSubstr("\"__verdicts\": [\"reject\"]"));
  EXPECT_THAT(clean.lines[3], HasSubstr("\"__entity_label_mutations\": [\"User/spammer/1\"]"));
  // The label added by action 4 is visible to action 5.
  EXPECT_THAT(clean.lines[4], HasSubstr("\"IsKnownSpammer\": true"));
  EXPECT_THAT(clean.lines[4], HasSubstr("\"__verdicts\": [\"review\"]"));
  EXPECT_EQ(clean.lines[5],
            "{\"__action_id\": 6, \"__timestamp\": \"2025-08-25T15:00:00+00:00\", "
            "\"__error_count\": 0, \"ActionName\": \"login\", \"ActionId\": 6}");

  std::string mixed;
  for (const std::string& line : Lines(actions)) mixed += "[1,2]\n" + line + "\n";
  RunOutput run = RunOn(Options("examples/rules"), mixed + "{\n");
  ASSERT_EQ(run.code, kExitOk) << run.err;
  ASSERT_EQ(run.lines.size(), 13u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(run.lines[2 * i],
              "{\"__error\": \"an action must be a JSON object, not list\", \"__line\": " +
                  std::to_string(2 * i + 1) + "}");
    EXPECT_EQ(run.lines[2 * i + 1], clean.lines[i]);
  }
  EXPECT_THAT(run.lines[12], HasSubstr("\"__line\": 13}"));
}

TEST(RunTest, InvalidRulesEvaluateNothing) {
  fs::path rules = MakeDir("invalid", {{"main.sml", "X = Nope\n"}});
  RunOutput run = RunOn(Options(rules), Action(1, "a", "{}") + "\n");
  EXPECT_EQ(run.code, kExitRulesInvalid);
  EXPECT_TRUE(run.lines.empty());
  EXPECT_THAT(run.err, HasSubstr("main.sml:1:5: error:"));
  fs::remove_all(rules);
}

TEST(RunTest, UnreadableFilesAreUsageErrors) {
  RunOutput missing = RunOn(Options(fs::path(::testing::TempDir()) / "run_test_no_such_dir"), "");
  EXPECT_EQ(missing.code, kExitUsage);
  EXPECT_THAT(missing.err, StartsWith("osprey-jit: error: "));

  RunCommandOptions options = Options(SmallRules());
  options.labels_file = (fs::path(::testing::TempDir()) / "run_test_no_labels.json").string();
  RunOutput no_labels = RunOn(options, Action(1, "a", "{}") + "\n");
  EXPECT_EQ(no_labels.code, kExitUsage);
  EXPECT_TRUE(no_labels.lines.empty());
  EXPECT_THAT(no_labels.err, HasSubstr("cannot open labels file"));

  fs::path bad = MakeDir("bad_labels", {{"labels.json", "{\"not\": \"a list\"}"}});
  options.labels_file = (bad / "labels.json").string();
  RunOutput bad_labels = RunOn(options, Action(1, "a", "{}") + "\n");
  EXPECT_EQ(bad_labels.code, kExitUsage);
  EXPECT_TRUE(bad_labels.lines.empty());
  EXPECT_THAT(bad_labels.err, HasSubstr("labels.json"));
  fs::remove_all(bad);
}

fs::path LabelRules() {
  static const fs::path* const kRoot = new fs::path(MakeDir(
      "labels", {{"main.sml",
                  "UserId: Entity[str] = EntityJson(type='User', path='$.user')\n"
                  "Flagged: bool = JsonData(path='$.flagged', required=False)\n"
                  "IsVip = HasLabel(entity=UserId, label='vip')\n"
                  "MakeVip = Rule(when_all=[Flagged], description='flagged')\n"
                  "WhenRules(rules_any=[MakeVip], then=[LabelAdd(entity=UserId, label='vip')])\n"},
                 {"config/labels.yaml", "labels:\n  vip:\n    valid_for: [User]\n"},
                 {"labels.json",
                  "[{\"entity_type\": \"User\", \"entity_id\": \"u1\", \"label\": \"vip\", "
                  "\"status\": \"added\"}]"}}));
  return *kRoot;
}

TEST(RunTest, LabelsSeedAndEffectsCarryToTheNextAction) {
  std::string input = Action(1, "a", "{\"user\": \"u1\"}") + "\n" +
                      Action(2, "a", "{\"user\": \"u2\", \"flagged\": true}") + "\n" +
                      Action(3, "a", "{\"user\": \"u2\"}") + "\n";
  RunCommandOptions options = Options(LabelRules());
  RunOutput unseeded = RunOn(options, input);
  ASSERT_EQ(unseeded.code, kExitOk) << unseeded.err;
  ASSERT_EQ(unseeded.lines.size(), 3u);
  EXPECT_THAT(unseeded.lines[0], HasSubstr("\"IsVip\": false"));

  options.labels_file = (LabelRules() / "labels.json").string();
  RunOutput run = RunOn(options, input);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  ASSERT_EQ(run.lines.size(), 3u);
  EXPECT_THAT(run.lines[0], HasSubstr("\"IsVip\": true"));
  EXPECT_THAT(run.lines[1], HasSubstr("\"IsVip\": false"));
  EXPECT_THAT(run.lines[1], HasSubstr("\"__entity_label_mutations\": [\"User/vip/1\"]"));
  EXPECT_THAT(run.lines[2], HasSubstr("\"IsVip\": true"));
  EXPECT_THAT(run.lines[2], Not(HasSubstr("__entity_label_mutations")));
}

TEST(RunTest, RulesetKeyAddsTheRulesetIdentity) {
  std::string input = Action(1, "a", "{}") + "\n" + Action(2, "a", "{}") + "\n";
  RunCommandOptions options = Options(SmallRules());
  RunOutput plain = RunOn(options, input);
  ASSERT_EQ(plain.code, kExitOk) << plain.err;
  for (const std::string& line : plain.lines) EXPECT_THAT(line, Not(HasSubstr("__ruleset")));

  options.include_ruleset_identity = true;
  RunOutput keyed = RunOn(options, input);
  ASSERT_EQ(keyed.code, kExitOk) << keyed.err;
  ASSERT_EQ(keyed.lines.size(), 2u);
  const std::string key = "\"__ruleset\": \"";
  size_t at = keyed.lines[0].find(key);
  ASSERT_NE(at, std::string::npos) << keyed.lines[0];
  std::string identity = keyed.lines[0].substr(at + key.size(), 16);
  EXPECT_EQ(identity.find_first_not_of("0123456789abcdef"), std::string::npos) << identity;
  EXPECT_EQ(keyed.lines[0][at + key.size() + 16], '"');
  EXPECT_THAT(keyed.lines[1], HasSubstr(key + identity + "\""));
}

// Input that arrives one line at a time, like a writer that sends an action and waits for its
// result: after each line nothing more is buffered (in_avail() is 0).
class LineAtATimeBuf : public std::streambuf {
 public:
  explicit LineAtATimeBuf(std::vector<std::string> lines) : lines_(std::move(lines)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ == lines_.size()) return traits_type::eof();
    current_ = lines_[next_++] + "\n";
    setg(current_.data(), current_.data(), current_.data() + current_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::vector<std::string> lines_;
  size_t next_ = 0;
  std::string current_;
};

struct BatchingCase {
  std::string name;
  int threads;
  int batch_size;
  bool line_at_a_time;
  std::vector<bool> is_vip;  // IsVip of each of the four actions.
};

void PrintTo(const BatchingCase& c, std::ostream* os) { *os << c.name; }

class BatchingTest : public ::testing::TestWithParam<BatchingCase> {};

// u2 is flagged by line 2. One thread: lines 3 and 4 see the label. Several: only the actions
// of later batches do, so where batches close (--batch-size, or a pause in the input) shows.
TEST_P(BatchingTest, LabelEffectsReachTheActionsOfLaterBatches) {
  const BatchingCase& c = GetParam();
  std::vector<std::string> lines = {
      Action(1, "a", "{\"user\": \"u2\"}"), Action(2, "a", "{\"user\": \"u2\", \"flagged\": true}"),
      Action(3, "a", "{\"user\": \"u2\"}"), Action(4, "a", "{\"user\": \"u2\"}")};
  RunCommandOptions options = Options(LabelRules());
  options.threads = c.threads;
  options.batch_size = c.batch_size;
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  std::istringstream buffered(text);
  LineAtATimeBuf paused_buf(lines);
  std::istream paused(&paused_buf);
  RunOutput run = RunOn(options, c.line_at_a_time ? paused : static_cast<std::istream&>(buffered));
  ASSERT_EQ(run.code, kExitOk) << run.err;
  ASSERT_EQ(run.lines.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_THAT(run.lines[i], HasSubstr(c.is_vip[i] ? "\"IsVip\": true" : "\"IsVip\": false"))
        << "line " << i + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Run, BatchingTest,
    ::testing::Values(
        BatchingCase{"OneThread", 1, 1024, false, {false, false, true, true}},
        BatchingCase{"OneThreadBatch2", 1, 2, false, {false, false, true, true}},
        BatchingCase{"TwoThreadsOneBatch", 2, 1024, false, {false, false, false, false}},
        BatchingCase{"TwoThreadsBatch2", 2, 2, false, {false, false, true, true}},
        BatchingCase{"TwoThreadsBatch3", 2, 3, false, {false, false, false, true}},
        BatchingCase{"FourThreadsBatch1", 4, 1, false, {false, false, true, true}},
        BatchingCase{"TwoThreadsPausedInput", 2, 1024, true, {false, false, true, true}}),
    [](const ::testing::TestParamInfo<BatchingCase>& param_info) { return param_info.param.name; });

class ThreadsTest : public ::testing::TestWithParam<std::pair<int, int>> {};  // Threads, batch.

// A ruleset that does not read labels gives the same bytes whatever the threads and batches.
TEST_P(ThreadsTest, SameOutputAsTheDefault) {
  std::string input;
  for (int i = 1; i <= 40; ++i) {
    input += i % 6 == 0   ? std::string(i % 12 == 0 ? "" : "{\"action_id\": 1")
             : i % 6 == 4 ? "{\"action_id\": " + std::to_string(i) + ", \"data\": {}}"
                          : Action(i, "a", "{\"name\": \"n" + std::to_string(i) + "\"}");
    input += "\n";
  }
  RunCommandOptions options = Options(SmallRules());
  RunOutput expected = RunOn(options, input);
  ASSERT_EQ(expected.code, kExitOk) << expected.err;
  ASSERT_EQ(expected.lines.size(), 40u);
  EXPECT_THAT(expected.lines[35], HasSubstr("\"__line\": 36}"));
  std::tie(options.threads, options.batch_size) = GetParam();
  RunOutput run = RunOn(options, input);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(run.lines, expected.lines);
}

INSTANTIATE_TEST_SUITE_P(Run, ThreadsTest,
                         ::testing::Values(std::pair{2, 2}, std::pair{4, 3}, std::pair{2, 1},
                                           std::pair{4, 1000}),
                         [](const ::testing::TestParamInfo<std::pair<int, int>>& param_info) {
                           return "Threads" + std::to_string(param_info.param.first) + "Batch" +
                                  std::to_string(param_info.param.second);
                         });

TEST(RunTest, EmitHitsWritesOnlyTheHitKeys) {
  std::string input = Action(1, "a", "{\"user\": \"u1\"}") + "\n" +
                      Action(2, "a", "{\"user\": \"u2\", \"flagged\": true}") + "\n";
  RunCommandOptions options = Options(LabelRules());
  options.include_ruleset_identity = true;
  RunOutput full = RunOn(options, input);
  ASSERT_EQ(full.code, kExitOk) << full.err;
  ASSERT_EQ(full.lines.size(), 2u);
  const std::string key = "\"__ruleset\": \"";
  size_t at = full.lines[0].find(key);
  ASSERT_NE(at, std::string::npos) << full.lines[0];
  const std::string identity = full.lines[0].substr(at + key.size(), 16);

  for (bool ruleset_key : {false, true}) {
    options.include_ruleset_identity = ruleset_key;  // Hits names the ruleset either way.
    options.emit = "hits";
    RunOutput hits = RunOn(options, input);
    ASSERT_EQ(hits.code, kExitOk) << hits.err;
    ASSERT_EQ(hits.lines.size(), 2u);
    EXPECT_EQ(hits.lines[0], "{\"__action_id\": 1, \"__ruleset\": \"" + identity +
                                 "\", \"__error_count\": 0, \"__rules\": []}");
    EXPECT_EQ(hits.lines[1], "{\"__action_id\": 2, \"__ruleset\": \"" + identity +
                                 "\", \"__error_count\": 0, \"__rules\": [\"MakeVip\"], "
                                 "\"__entity_label_mutations\": [\"User/vip/1\"]}");
  }
}

struct CliCase {
  std::string name;
  std::vector<std::string> args;  // After `osprey-jit run --rules R --input I --output O`.
  int exit_code;
};

void PrintTo(const CliCase& c, std::ostream* os) { *os << c.name; }

class RunCliTest : public ::testing::TestWithParam<CliCase> {};

TEST_P(RunCliTest, ExitCode) {
  fs::path dir = MakeDir("cli_" + GetParam().name,
                         {{"in.jsonl", Action(1, "a", "{\"name\": \"x\"}") + "\n{\n"}});
  const std::string rules = SmallRules().string();
  const std::string input = (dir / "in.jsonl").string();
  const std::string output = (dir / "out.jsonl").string();
  std::vector<const char*> argv = {"osprey-jit", "run",         "--rules",  rules.c_str(),
                                   "--input",    input.c_str(), "--output", output.c_str()};
  for (const std::string& arg : GetParam().args) argv.push_back(arg.c_str());
  ::testing::internal::CaptureStderr();
  int code = RunOspreyJit(static_cast<int>(argv.size()), argv.data());
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(code, GetParam().exit_code) << err;
  if (GetParam().exit_code == kExitOk) {
    std::vector<std::string> lines = Lines(ReadFile(output));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_THAT(lines[0], StartsWith("{\"__action_id\": 1, "));
    EXPECT_THAT(lines[1], HasSubstr("\"__line\": 2}"));
  } else {
    EXPECT_FALSE(fs::exists(output));  // Rejected before anything runs.
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    Run, RunCliTest,
    ::testing::Values(CliCase{"Defaults", {}, kExitOk},
                      CliCase{"Threads2Batch2", {"--threads", "2", "--batch-size", "2"}, kExitOk},
                      CliCase{"EmitHits", {"--emit", "hits", "--threads", "256"}, kExitOk},
                      CliCase{"EmitFull", {"--emit=full", "--ruleset-key"}, kExitOk},
                      CliCase{"ThreadsZero", {"--threads", "0"}, kExitUsage},
                      CliCase{"ThreadsNegative", {"--threads", "-1"}, kExitUsage},
                      CliCase{"ThreadsTooMany", {"--threads", "257"}, kExitUsage},
                      CliCase{"ThreadsNotANumber", {"--threads", "two"}, kExitUsage},
                      CliCase{"EmitBogus", {"--emit", "bogus"}, kExitUsage},
                      CliCase{"EmitUpperCase", {"--emit", "HITS"}, kExitUsage},
                      CliCase{"BatchSizeZero", {"--batch-size", "0"}, kExitUsage},
                      CliCase{"BatchSizeNotANumber", {"--batch-size", "many"}, kExitUsage}),
    [](const ::testing::TestParamInfo<CliCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace osprey::tools
