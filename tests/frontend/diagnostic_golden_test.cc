// Golden diagnostics: one or more cases per diagnostic kind, with the exact rendering.
//
// A case is a directory under tests/golden/diagnostics/ that is itself a small rules directory
// (main.sml, other .sml files, config files). Its expectations are:
//   - `# EXPECT-ERROR: [Kind]` comments in the .sml files, one per expected error, at the end of
//     the line the error is reported at (`# EXPECT-ERROR: [A] EXPECT-ERROR: [B]` for two);
//   - optionally `expected.txt`, one `path:line: [Kind]` per line, for errors no comment can
//     mark: a file that does not exist (line 0, e.g. a missing main.sml), or a config file;
//   - `rendered.txt`, the full text rendering (RenderText, no colour) of every diagnostic.
// The reported errors must equal the expectations exactly (as a multiset of path, line, kind),
// and the rendering must equal rendered.txt. With OSPREY_GOLDEN_AUTOUPDATE=1 in the environment
// rendered.txt is rewritten instead; the expectations never are.
//
// Cases that need bytes a text file cannot hold (invalid UTF-8) are generated in a temporary
// directory from the table GeneratedCases() below; their kinds count as covered too.
//
// DiagnosticKindCoverage fails for every kind of frontend/diagnostic_kind.def that no case
// expects, unless it is on ExemptKinds() with a reason.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/diagnostic.h"
#include "frontend/diagnostic_render.h"
#include "frontend/source.h"
#include "frontend/validate.h"
#include "gtest/gtest.h"

#ifndef OSPREY_SOURCE_DIR
#error "OSPREY_SOURCE_DIR must be defined to the repository root"
#endif

namespace osprey::frontend {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExpectMarker = "EXPECT-ERROR:";

// Kinds no case needs to cover, each with the reason. Keep this list empty unless a kind truly
// cannot be produced from a rules directory on disk.
struct Exemption {
  std::string_view kind;
  std::string_view reason;
};
const std::vector<Exemption>& ExemptKinds() {
  static const auto* const kKinds = new std::vector<Exemption>{
      // {"KindName", "why no rules directory can produce it"},
  };
  return *kKinds;
}

// One expected or reported error. `line` is 1-based, 0 for a file that does not exist.
struct ErrorAt {
  std::string path;
  uint32_t line = 0;
  std::string kind;

  friend auto operator<=>(const ErrorAt&, const ErrorAt&) = default;
};

std::string Format(std::vector<ErrorAt> errors) {
  std::sort(errors.begin(), errors.end());
  std::string out;
  for (const ErrorAt& e : errors) {
    out += e.path + ":" + std::to_string(e.line) + ": [" + e.kind + "]\n";
  }
  return out;
}

// A case whose files are written by the test, for bytes a committed text file should not hold.
struct GeneratedCase {
  std::string_view name;
  std::vector<std::pair<std::string, std::string>> files;  // Path under the root, bytes.
  std::vector<ErrorAt> expected;
  std::string_view rendered;
};

const std::vector<GeneratedCase>& GeneratedCases() {
  static const auto* const kCases = new std::vector<GeneratedCase>{
      // A Latin-1 byte in a string literal of the entry file.
      {.name = "invalid_encoding",
       .files = {{"main.sml", "Greeting = 'hello'\nName = 'caf\xe9'\n"}},
       .expected = {{"main.sml", 2, "InvalidEncoding"}},
       .rendered = "main.sml:2:12: error: invalid UTF-8 byte 0xe9: source files must be UTF-8 "
                   "text [InvalidEncoding]\n"
                   "    2 | Name = 'caf\xef\xbf\xbd'\n"
                   "      |            ^\n"
                   "1 error generated.\n"},
      // Bytes that are never UTF-8 (a UTF-16 byte order mark) in a comment of an imported file.
      {.name = "invalid_encoding_imported_file",
       .files = {{"main.sml", "Import(rules=['other.sml'])\n"},
                 {"other.sml", "# a comment \xff\xfe\nOther = 1\n"}},
       .expected = {{"other.sml", 1, "InvalidEncoding"}},
       .rendered = "other.sml:1:13: error: invalid UTF-8 byte 0xff: source files must be UTF-8 "
                   "text [InvalidEncoding]\n"
                   "    1 | # a comment \xef\xbf\xbd\xef\xbf\xbd\n"
                   "      |             ^\n"
                   "1 error generated.\n"},
  };
  return *kCases;
}

fs::path GoldenRoot() { return fs::path(OSPREY_SOURCE_DIR) / "tests" / "golden" / "diagnostics"; }

// The case directories, by name. The rules loader reads only .sml and config files, so a case's
// rendered.txt and expected.txt are not part of the ruleset under test.
std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(GoldenRoot(), error)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Appends the expectations of one case directory to `out`; malformed ones go to `problems`.
void ReadExpectations(const fs::path& dir, std::vector<ErrorAt>& out,
                      std::vector<std::string>& problems) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    // SourceFile numbers lines exactly as diagnostics do.
    SourceFile source(fs::relative(file, dir).generic_string(), ReadFile(file));
    for (uint32_t line = 1; line <= source.line_count(); ++line) {
      std::string_view text = source.Line(line);
      for (size_t at = text.find(kExpectMarker); at != std::string_view::npos;
           at = text.find(kExpectMarker, at + 1)) {
        std::string_view rest = text.substr(at + kExpectMarker.size());
        rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
        size_t close = rest.find(']');
        std::string kind = rest.starts_with('[') && close != std::string_view::npos
                               ? std::string(rest.substr(1, close - 1))
                               : std::string();
        if (!DiagnosticKindFromName(kind)) {
          problems.push_back(source.path() + ":" + std::to_string(line) +
                             ": malformed expectation (want `# EXPECT-ERROR: [KnownKind]`)");
          continue;
        }
        out.push_back({source.path(), line, kind});
      }
    }
  }

  const fs::path listed = dir / "expected.txt";
  if (!fs::exists(listed)) return;
  std::istringstream lines(ReadFile(listed));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.starts_with('#')) continue;
    // path:line: [Kind]
    size_t kind_at = line.rfind(": [");
    size_t line_at =
        kind_at == std::string::npos ? std::string::npos : line.rfind(':', kind_at - 1);
    std::string kind = kind_at == std::string::npos || !line.ends_with(']')
                           ? std::string()
                           : line.substr(kind_at + 3, line.size() - kind_at - 4);
    std::string number = line_at == std::string::npos
                             ? std::string()
                             : line.substr(line_at + 1, kind_at - line_at - 1);
    if (!DiagnosticKindFromName(kind) || number.empty() ||
        number.find_first_not_of("0123456789") != std::string::npos) {
      problems.push_back("expected.txt: malformed line `" + line +
                         "` (want `path:line: [KnownKind]`)");
      continue;
    }
    out.push_back({line.substr(0, line_at), static_cast<uint32_t>(std::stoul(number)), kind});
  }
}

struct Outcome {
  std::vector<ErrorAt> errors;
  std::string rendered;
};

absl::StatusOr<Outcome> ValidateCase(const fs::path& dir) {
  DiagnosticSink sink;
  absl::StatusOr<ValidatedRuleset> ruleset = ValidateDirectory(dir, ValidateOptions{}, sink);
  if (!ruleset.ok()) return ruleset.status();
  const SourceSet& sources = ruleset->parsed.sources;
  Outcome outcome;
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.severity != Severity::kError) continue;
    uint32_t line = d.location.file == kNoFile
                        ? 0
                        : sources.file(d.location.file).LineColumnOf(d.location.offset).line;
    outcome.errors.push_back(
        {std::string(DiagnosticPath(d, sources)), line, std::string(DiagnosticKindName(d.kind))});
  }
  outcome.rendered = RenderText(sink.Sorted(sources), sources, /*color=*/false);
  return outcome;
}

bool AutoUpdate() {
  const char* value = std::getenv("OSPREY_GOLDEN_AUTOUPDATE");
  return value != nullptr && std::string_view(value) == "1";
}

// Test names allow only [A-Za-z0-9_].
std::string TestName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return out;
}

class DiagnosticGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(DiagnosticGoldenTest, MatchesExpectations) {
  const fs::path dir = GoldenRoot() / GetParam();
  std::vector<ErrorAt> expected;
  std::vector<std::string> problems;
  ReadExpectations(dir, expected, problems);
  for (const std::string& problem : problems) ADD_FAILURE() << GetParam() << "/" << problem;
  EXPECT_FALSE(expected.empty()) << "a case must expect at least one error";

  absl::StatusOr<Outcome> outcome = ValidateCase(dir);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(Format(outcome->errors), Format(expected))
      << "reported errors (left) differ from the expectations (right) in " << dir;

  const fs::path golden = dir / "rendered.txt";
  if (AutoUpdate()) {
    if (!fs::exists(golden) || ReadFile(golden) != outcome->rendered) {
      std::ofstream(golden, std::ios::binary) << outcome->rendered;
    }
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with OSPREY_GOLDEN_AUTOUPDATE=1";
  EXPECT_EQ(outcome->rendered, ReadFile(golden))
      << "rendering differs from " << golden << " (OSPREY_GOLDEN_AUTOUPDATE=1 rewrites it)";
}

INSTANTIATE_TEST_SUITE_P(Cases, DiagnosticGoldenTest, testing::ValuesIn(CaseNames()),
                         [](const testing::TestParamInfo<std::string>& case_info) {
                           return TestName(case_info.param);
                         });

class GeneratedDiagnosticTest : public testing::TestWithParam<GeneratedCase> {};

TEST_P(GeneratedDiagnosticTest, MatchesExpectations) {
  const GeneratedCase& c = GetParam();
  const fs::path dir = fs::path(testing::TempDir()) / ("osprey_golden_" + std::string(c.name));
  fs::remove_all(dir);
  for (const auto& [path, bytes] : c.files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary) << bytes;
  }
  absl::StatusOr<Outcome> outcome = ValidateCase(dir);
  fs::remove_all(dir);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(Format(outcome->errors), Format(c.expected));
  EXPECT_EQ(outcome->rendered, c.rendered);
}

INSTANTIATE_TEST_SUITE_P(Cases, GeneratedDiagnosticTest, testing::ValuesIn(GeneratedCases()),
                         [](const testing::TestParamInfo<GeneratedCase>& case_info) {
                           return TestName(case_info.param.name);
                         });

TEST(DiagnosticGolden, CaseDirectoriesAreSnakeCase) {
  ASSERT_TRUE(fs::is_directory(GoldenRoot())) << GoldenRoot();
  for (const std::string& name : CaseNames()) {
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string::npos)
        << name;
  }
}

TEST(DiagnosticGolden, DiagnosticKindCoverage) {
  std::vector<ErrorAt> expected;
  std::vector<std::string> problems;
  for (const std::string& name : CaseNames()) {
    ReadExpectations(GoldenRoot() / name, expected, problems);
  }
  for (const GeneratedCase& c : GeneratedCases()) {
    expected.insert(expected.end(), c.expected.begin(), c.expected.end());
  }
  auto covered = [&](std::string_view kind) {
    return std::any_of(expected.begin(), expected.end(),
                       [&](const ErrorAt& e) { return e.kind == kind; });
  };
  auto exempt = [](std::string_view kind) {
    return std::any_of(ExemptKinds().begin(), ExemptKinds().end(),
                       [&](const Exemption& entry) { return entry.kind == kind; });
  };
  for (int i = 0; i < kDiagnosticKindCount; ++i) {
    std::string_view kind = DiagnosticKindName(static_cast<DiagnosticKind>(i));
    if (covered(kind)) {
      EXPECT_FALSE(exempt(kind)) << kind << " has a golden case: remove it from ExemptKinds()";
    } else {
      EXPECT_TRUE(exempt(kind)) << "no golden case expects [" << kind << "]: add a case under "
                                << GoldenRoot().string();
    }
  }
}

}  // namespace
}  // namespace osprey::frontend
