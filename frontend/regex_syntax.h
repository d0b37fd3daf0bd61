// Python `re` pattern syntax (Python 3.11, str patterns), as the regex UDFs accept it, checked
// and translated to PCRE2.
//
// The translation follows the structure of CPython's re/_parser.py so that the same patterns are
// rejected with the same messages (positions count code points, as Python's do). The PCRE2
// pattern it produces means the same as the Python one when compiled with PCRE2_UTF | PCRE2_UCP
// and newline LF (see CompilePythonRegex): groups become unnamed (`(?P<n>x)` -> `(x)`, `(?P=n)`
// -> `\g{1}`), `\Z` becomes `\z`, escapes become `\x{...}`, `{,n}` becomes `{0,n}`, verbose-mode
// whitespace and comments are removed. Known remaining differences: the `a` (ASCII) flag is
// accepted but not applied; repeat counts above 65535, nesting deeper than PCRE2's limit and lone
// surrogates (`\ud800`) are rejected here although Python accepts them.
#ifndef OSPREY_FRONTEND_REGEX_SYNTAX_H_
#define OSPREY_FRONTEND_REGEX_SYNTAX_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace osprey::frontend {

// Python's error text when `pattern` (UTF-8) does not compile under Python's `re` with the given
// flag ("unterminated character set at position 0", "bad escape \q at position 3"), or nullopt
// when it compiles. Thread-safe.
std::optional<std::string> CheckPythonRegex(std::string_view pattern, bool case_insensitive);

// The PCRE2 equivalent of `pattern`, or InvalidArgument with Python's error text. The result
// still has to be compiled (CheckPythonRegex does both).
absl::StatusOr<std::string> TranslatePythonRegex(std::string_view pattern);

// Python's repr() of a str given as UTF-8: 'abc', "it's", '\n', '\x00', as in
// "invalid regex pattern '[bad': ...".
std::string PythonStringRepr(std::string_view utf8);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_REGEX_SYNTAX_H_
