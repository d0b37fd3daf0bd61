// Shell-style matching of source paths, as the reference's Require validation does it.
#ifndef OSPREY_FRONTEND_PATH_GLOB_H_
#define OSPREY_FRONTEND_PATH_GLOB_H_

#include <string_view>

namespace osprey::frontend {

// Python's `fnmatch.fnmatchcase(name, pattern)` on POSIX (Python 3.11), which the reference uses
// to check that a Require template can match some file: `*` matches any run of code points,
// including `/` and a leading `.`; `?` matches one code point; `[seq]` and `[!seq]` match one code
// point in (or not in) a set with `a-z` ranges, where a range whose ends are reversed matches
// nothing; a `[` without a closing `]` is literal, and there are no escapes. Case-sensitive.
// A malformed UTF-8 byte counts as one code point of its own. Thread-safe; no allocation beyond
// the decoded copies of both strings.
bool FnmatchCase(std::string_view name, std::string_view pattern);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_PATH_GLOB_H_
