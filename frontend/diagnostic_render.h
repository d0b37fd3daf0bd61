// Rendering diagnostics for people (clang/rustc-style text) and for tools (one JSON object).
#ifndef OSPREY_FRONTEND_DIAGNOSTIC_RENDER_H_
#define OSPREY_FRONTEND_DIAGNOSTIC_RENDER_H_

#include <string>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/source.h"

namespace osprey::frontend {

// Renders `diagnostics` in the given order (pass `DiagnosticSink::Sorted`) as text:
//
//   rules/spam.sml:12:25: error: unknown name 'UserNmae' [UnknownName]
//      12 | Spammy = Rule(when_all=[UserNmae == 'x'])
//         |                         ^~~~~~~~
//         = help: one line per hint
//   rules/spam.sml:3:1: note: a note with a location, with its own source line and caret
//       3 | UserName: str = JsonData(path='$.user.name')
//         | ^
//   note: a note without a location
//   1 error generated.
//
// Lines and columns are 1-based, columns in code points. The caret run covers the diagnostic's
// `length` bytes, clamped to the end of the line, and is at least one `^`; tabs before it are
// copied so that it lines up under any tab width. A diagnostic at kNoFile prints as
// "main.sml: error: message [Kind]" with no source line. Control characters and malformed UTF-8
// in messages and source lines are shown as U+FFFD so that input cannot drive the terminal.
// With `color`, ANSI escapes make the severity bold red (warnings bold magenta), the message
// bold and the caret green. The text ends with a summary line ("2 errors generated.") when
// there is any error or warning, and is empty when `diagnostics` is.
std::string RenderText(const std::vector<Diagnostic>& diagnostics, const SourceSet& sources,
                       bool color);

// Renders exactly one JSON object, without a trailing newline:
//   {"valid": false, "errors": [{"path": "main.sml", "line": 1, "column": 15,
//                                "message": "imported file: x.sml not found",
//                                "kind": "ImportNotFound"}]}
// Errors only, in the given order; warnings are left out. `line` and `column` are 1-based (the
// column in code points), and both are 0 for a diagnostic about a missing file (kNoFile).
// Strings are valid JSON: control characters are escaped and malformed UTF-8 becomes U+FFFD.
std::string RenderJson(bool valid, const std::vector<Diagnostic>& diagnostics,
                       const SourceSet& sources);

// Whether to colour output written to `fd`: it is a terminal, NO_COLOR is unset or empty
// (no-color.org), and TERM is not "dumb".
bool ShouldUseColor(int fd);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_DIAGNOSTIC_RENDER_H_
