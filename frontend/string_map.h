// Hash maps keyed by std::string that can be looked up with a std::string_view.
//
// Debian's Abseil has its own absl::string_view, so absl's default string hashing does not
// accept std::string_view keys for heterogeneous lookup; these functors do.
#ifndef OSPREY_FRONTEND_STRING_MAP_H_
#define OSPREY_FRONTEND_STRING_MAP_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace osprey::frontend {

namespace internal {
inline std::string_view View(std::string_view s) { return s; }
inline std::string_view View(absl::string_view s) { return {s.data(), s.size()}; }
inline std::string_view View(const std::string& s) { return s; }
inline std::string_view View(const char* s) { return s; }
}  // namespace internal

struct StringViewHash {
  using is_transparent = void;
  template <typename S>
  size_t operator()(const S& s) const {
    std::string_view view = internal::View(s);
    return absl::Hash<absl::string_view>{}(absl::string_view(view.data(), view.size()));
  }
};

struct StringViewEq {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return internal::View(a) == internal::View(b);
  }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, StringViewHash, StringViewEq>;
using StringSet = absl::flat_hash_set<std::string, StringViewHash, StringViewEq>;

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_STRING_MAP_H_
