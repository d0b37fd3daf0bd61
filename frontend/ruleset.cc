#include "frontend/ruleset.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "frontend/config.h"
#include "frontend/parse.h"

namespace osprey::frontend {
namespace {

namespace fs = std::filesystem;

absl::Status FilesystemError(const std::error_code& error, std::string_view what,
                             const fs::path& path) {
  std::string message = std::string(what) + " " + path.string() + ": " + error.message();
  return error.category() == std::system_category() || error.category() == std::generic_category()
             ? absl::ErrnoToStatus(error.value(), message)
             : absl::InternalError(message);
}

// Reads the file's bytes unchanged: no newline translation and no decoding, so that offsets
// match what the lexer sees and invalid UTF-8 is reported by it, with a position.
absl::StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::ErrnoToStatus(errno, "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::DataLossError("cannot read " + path.string());
  return bytes;
}

}  // namespace

absl::StatusOr<SourceSet> LoadRulesDirectory(const fs::path& root) {
  std::error_code error;
  fs::file_status root_status = fs::status(root, error);
  if (error || !fs::exists(root_status)) {
    if (!error || error == std::errc::no_such_file_or_directory) {
      return absl::NotFoundError("rules directory not found: " + root.string());
    }
    return FilesystemError(error, "cannot access rules directory", root);
  }
  if (!fs::is_directory(root_status)) {
    return absl::InvalidArgumentError("not a directory: " + root.string());
  }

  // Like the reference's Path.rglob('*.sml') on Python 3.11, the walk does not descend into
  // symbolic links to directories, so a link cycle cannot make it loop; links to files count.
  // The config files (`config.yaml`, `**/config/*.yaml`) join the set so that diagnostics can
  // point into them; other data files (word lists read by UDFs) stay out.
  std::vector<std::pair<std::string, fs::path>> files;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, error);
  if (error) return FilesystemError(error, "cannot read rules directory", root);
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) return FilesystemError(error, "cannot read directory entry under", root);
    const fs::directory_entry& entry = *it;
    const fs::path& path = entry.path();
    std::string relative = path.lexically_relative(root).generic_string();
    if (path.extension() != ".sml" && !IsConfigPath(relative)) continue;
    // is_regular_file follows links; a dangling link or a directory named x.sml is skipped.
    std::error_code status_error;
    if (!entry.is_regular_file(status_error)) continue;
    files.emplace_back(std::move(relative), path);
  }
  if (error) return FilesystemError(error, "cannot read rules directory", root);

  // Byte order of UTF-8 paths is code-point order, the order diagnostics are reported in.
  std::sort(files.begin(), files.end());
  SourceSet sources;
  for (auto& [relative, path] : files) {
    absl::StatusOr<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    sources.Add(std::move(relative), *std::move(text));
  }
  return sources;
}

ParsedRuleset ParseRuleset(SourceSet sources, DiagnosticSink& sink) {
  ParsedRuleset ruleset{.sources = std::move(sources), .modules = {}, .graph = {}};
  const size_t count = ruleset.sources.size();
  ruleset.modules.reserve(count);
  for (uint32_t i = 0; i < count; ++i) ruleset.modules.emplace_back(FileId{i});
  // Parse in path order so that diagnostics come out in a stable order before sorting. Config
  // files keep an empty module, so that `modules` stays indexed by FileId.
  for (FileId id : ruleset.sources.IdsByPath()) {
    if (!ruleset.sources.file(id).path().ends_with(".sml")) continue;
    ruleset.modules[id.value] = Parse(ruleset.sources, id, sink);
  }
  // The module graph is built by validation (CheckCallKwargs), where the reference checks
  // Import and Require arguments.
  return ruleset;
}

}  // namespace osprey::frontend
