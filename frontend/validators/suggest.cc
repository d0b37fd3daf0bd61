// Did-you-mean suggestions for unknown names (the reference's
// get_closest_string_within_threshold).
#include <unicode/uchar.h>

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/internal/validation_context.h"
#include "frontend/unicode.h"

namespace osprey::frontend::internal {
namespace {

// The reference's threshold: both the largest distance accepted and the length a name must
// exceed before any suggestion is tried (short names match too much to be useful).
constexpr size_t kMaxDistance = 3;

// The code points of `text`, lowercased. The reference compares `str.lower()` forms; ICU's
// simple case mapping agrees with it except for the few characters whose lowercase is longer
// than one code point, which identifiers practically never contain.
std::u32string LowerCodePoints(std::string_view text) {
  std::u32string out;
  size_t pos = 0;
  while (pos < text.size()) {
    std::optional<char32_t> c = DecodeUtf8(text, &pos);
    if (!c) continue;  // Identifiers are valid UTF-8; this only skips garbage.
    if (*c < 0x80) {
      out.push_back(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    } else {
      out.push_back(static_cast<char32_t>(u_tolower(static_cast<UChar32>(*c))));
    }
  }
  return out;
}

// Levenshtein distance with unit costs (insert, delete, substitute), one row at a time.
size_t EditDistance(std::u32string_view a, std::u32string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

// Ties go to the earliest candidate: the reference takes Python's `min`, which also keeps the
// first of equal keys (its candidate order is a set's, so callers here pass a stable order).
std::string_view SuggestSimilar(std::string_view name, std::span<const std::string> candidates) {
  std::u32string lowered = LowerCodePoints(name);
  if (lowered.size() <= kMaxDistance || candidates.empty()) return "";
  std::string_view best;
  size_t best_distance = kMaxDistance + 1;
  for (const std::string& candidate : candidates) {
    size_t distance = EditDistance(lowered, LowerCodePoints(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace osprey::frontend::internal
