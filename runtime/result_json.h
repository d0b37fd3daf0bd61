// Writing results as JSON lines, as Python's json.dumps prints Osprey's result map (spec
// sml-language.md §4.7): `{"key": value, ...}` with ", " and ": " separators.
//
// Values: None → null, bools, ints, floats in Python repr ("3.0", "1e+16") with NaN/Infinity
// spelled as json.dumps does (`NaN`, `Infinity`, `-Infinity`: not strict JSON, like the
// reference), strings as JSON strings (UTF-8 kept as is, as with ensure_ascii=False; `"`, `\`
// and control characters escaped as json.dumps does), lists. A convertible value is converted
// (spec §3.3.4): entity → id, rule → bool, time delta → float seconds, experiment → list of
// strings. The reference converts only top-level values and fails to serialise them inside
// lists; here they are converted at any depth. Effects are not serialisable in the reference
// either; they are written as null.
#ifndef OSPREY_RUNTIME_RESULT_JSON_H_
#define OSPREY_RUNTIME_RESULT_JSON_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/value.h"

namespace osprey::runtime {

// One entry of a result map; nullopt is a feature whose node failed, written as null.
using ResultEntry = std::pair<std::string, std::optional<Value>>;

// Appends `{"k1": v1, "k2": v2}` (no newline) to `*out`, entries in the given order.
void AppendResultJson(std::span<const ResultEntry> entries, std::string* out);
std::string ResultJson(std::span<const ResultEntry> entries);

// Appends one value as JSON (see above).
void AppendJsonValue(const Value& value, std::string* out);

// Appends `text` (UTF-8) as a JSON string literal with its quotes.
void AppendJsonString(std::string_view text, std::string* out);
// The same without the quotes: the escaped text, for a literal written in pieces.
void AppendJsonStringContents(std::string_view text, std::string* out);

// The record written in place of a result for an input line that could not be read:
// `{"__error": "<message>", "__line": <line_number>}` (no newline).
std::string ErrorRecordJson(std::string_view message, int64_t line_number);

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_RESULT_JSON_H_
