#include "frontend/source.h"

#include <algorithm>

namespace osprey::frontend {
namespace {

// Counts code points in a UTF-8 byte range: every byte that is not a continuation byte starts one.
// Invalid sequences count one column per stray byte, which keeps carets usable on broken input.
uint32_t CountCodePoints(std::string_view bytes) {
  uint32_t count = 0;
  for (unsigned char c : bytes) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  // Python's universal newlines: "\n", "\r\n" and a lone "\r" all end a line.
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') continue;
    if (text_[i] == '\n' || text_[i] == '\r') line_starts_.push_back(i + 1);
  }
}

LineColumn SourceFile::LineColumnOf(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line_index = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  uint32_t start = line_starts_[line_index];
  return {line_index + 1,
          CountCodePoints(std::string_view(text_).substr(start, offset - start)) + 1};
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  std::string_view text = std::string_view(text_).substr(start, end - start);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

FileId SourceSet::Add(std::string path, std::string text) {
  FileId id{static_cast<uint32_t>(files_.size())};
  by_path_[path] = id;
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return id;
}

std::optional<FileId> SourceSet::Find(std::string_view path) const {
  // The system Abseil has its own absl::string_view, so heterogeneous lookup needs one.
  auto it = by_path_.find(absl::string_view(path.data(), path.size()));
  if (it == by_path_.end()) return std::nullopt;
  return it->second;
}

std::vector<FileId> SourceSet::IdsByPath() const {
  std::vector<FileId> ids;
  for (uint32_t i = 0; i < files_.size(); ++i) ids.push_back(FileId{i});
  std::sort(ids.begin(), ids.end(),
            [&](FileId a, FileId b) { return file(a).path() < file(b).path(); });
  return ids;
}

}  // namespace osprey::frontend
