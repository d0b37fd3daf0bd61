// String concatenation over std::string_view.
//
// Debian's Abseil is built with its own absl::string_view, which std::string_view does not
// convert to, so absl::StrCat cannot take the views this project uses everywhere.
#ifndef OSPREY_FRONTEND_INTERNAL_STR_CAT_H_
#define OSPREY_FRONTEND_INTERNAL_STR_CAT_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace osprey::frontend::internal {

inline void StrAppend(std::string* out, std::initializer_list<std::string_view> parts) {
  size_t size = out->size();
  for (std::string_view part : parts) size += part.size();
  out->reserve(size);
  for (std::string_view part : parts) out->append(part);
}

inline std::string StrCat(std::initializer_list<std::string_view> parts) {
  std::string out;
  StrAppend(&out, parts);
  return out;
}

}  // namespace osprey::frontend::internal

#endif  // OSPREY_FRONTEND_INTERNAL_STR_CAT_H_
