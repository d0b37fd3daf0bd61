// Source files of a ruleset and the mapping from byte offsets to line and column.
//
// A `SourceSet` owns the text of every file; everything else in the frontend refers to text by
// `SourceLocation` (file id + byte offset) or by `std::string_view` into these buffers, which stay
// valid and unmoved for the lifetime of the `SourceSet`.
#ifndef OSPREY_FRONTEND_SOURCE_H_
#define OSPREY_FRONTEND_SOURCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/string_map.h"

namespace osprey::frontend {

// Index of a file in its SourceSet.
struct FileId {
  uint32_t value = 0;
  friend bool operator==(FileId, FileId) = default;
};

// Stands for a file that is not in the set (e.g. a missing main.sml); see Diagnostic::path.
inline constexpr FileId kNoFile{UINT32_MAX};

// A byte offset in one file.
struct SourceLocation {
  FileId file;
  uint32_t offset = 0;
};

// 1-based line and column; columns count code points, as editors do.
struct LineColumn {
  uint32_t line = 1;
  uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  // Path relative to the rules root, with '/' separators ("models/base.sml").
  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  LineColumn LineColumnOf(uint32_t offset) const;
  // Text of the 1-based line, without its line terminator.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // Byte offset of the first byte of each line.
};

// The files of one ruleset. Files keep the id they were added with; `Find` looks up by path.
class SourceSet {
 public:
  FileId Add(std::string path, std::string text);

  const SourceFile& file(FileId id) const { return *files_[id.value]; }
  size_t size() const { return files_.size(); }
  std::optional<FileId> Find(std::string_view path) const;
  // All ids, ordered by path (code-point order), the order in which diagnostics are reported.
  std::vector<FileId> IdsByPath() const;

 private:
  // unique_ptr keeps each file's text at a stable address as the set grows.
  std::vector<std::unique_ptr<SourceFile>> files_;
  StringMap<FileId> by_path_;
};

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_SOURCE_H_
