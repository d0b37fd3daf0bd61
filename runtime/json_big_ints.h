// Integers beyond 64 bits in action JSON.
//
// simdjson's DOM (3.0) holds integers from INT64_MIN to UINT64_MAX and refuses a document with
// one outside that range (NUMBER_ERROR), where Python's json.loads reads an exact int. So
// ActionReader (action.h) reads such a line again with each of those integers replaced by a
// string token, and then marks those strings: their first byte becomes 0xFF, which valid UTF-8
// — and so any string simdjson produces — never contains, followed by the integer's decimal
// text. A marked string is an int: every runtime reader of JSON elements (json_path.cc,
// json_extract.cc, action.cc) asks IsBigIntElement before it takes a STRING element for a str.
// Lines without such integers are parsed once and never rewritten.
#ifndef OSPREY_RUNTIME_JSON_BIG_INTS_H_
#define OSPREY_RUNTIME_JSON_BIG_INTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "runtime/value.h"
#include "simdjson.h"

namespace osprey::runtime {

// Whether `e`, a STRING element, is a marked integer: its text starts with 0xFF. (The text is
// NUL-terminated, so reading its first byte needs no length, and "" reads NUL.)
inline bool IsMarkedString(simdjson::dom::element e) {
  return e.get_c_str().value_unsafe()[0] == '\xFF';
}

// Whether `e` is a marked integer (of any element type).
inline bool IsBigIntElement(simdjson::dom::element e) { return e.is_string() && IsMarkedString(e); }

// The int of an element beyond int64: a UINT64 element or a marked integer.
Value BigIntElementValue(simdjson::dom::element e);

// The decimal text of a UINT64 element or a marked integer ("18446744073709551615").
std::string BigIntElementText(simdjson::dom::element e);

namespace internal {

// Rewrites `line`, a JSON text, into `*out` with each integer token outside simdjson's range
// replaced by the string token "#<the integer's text>". Returns the ordinals of those strings
// among all string tokens of the text (object keys included, 0-based, in document order), or
// nothing (and `*out` empty) when it has no such integer. Integers of more than 4300 digits are
// left alone: Python 3.11's json.loads refuses them too.
std::vector<size_t> ReplaceBigInts(std::string_view line, std::string* out);

// Marks the strings `ordinals` names in `root`, the document parsed from ReplaceBigInts' text
// (whose string buffer belongs to the parser and is writable). False when one of them is an
// object key: the original text had a number in a key's place, so it was not JSON.
bool MarkBigInts(simdjson::dom::element root, const std::vector<size_t>& ordinals);

}  // namespace internal

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_JSON_BIG_INTS_H_
