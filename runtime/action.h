// One input action, read from a JSON line: the flat form
//   {"action_id": 1, "action_name": "create_post", "timestamp": "...", "data": {...},
//    "secret_data": {...}}
// or Osprey's Kafka envelope
//   {"send_time": "...", "data": {"action_id": 1, "action_name": "...", "data": {...}}}
// (conformance/README.md).
#ifndef OSPREY_RUNTIME_ACTION_H_
#define OSPREY_RUNTIME_ACTION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "simdjson.h"

namespace osprey::runtime {

// A point in time as Osprey parsed it: the instant, plus how to print it back
// (`datetime.isoformat()`: "2025-08-25T14:30:45+00:00", microseconds only when non-zero, no
// offset for a naive time).
struct Timestamp {
  int64_t unix_micros = 0;  // For a naive time: as if it were UTC.
  bool has_offset = false;
  int32_t offset_minutes = 0;

  // isoformat() of the time as given (its own offset kept).
  std::string_view iso() const { return std::string_view(iso_text.data(), iso_size); }
  // Held inline (an action is read without allocating it): at most 36 characters, as in
  // "-292277-01-09T04:00:54.775808+23:59".
  std::array<char, 40> iso_text{};
  uint8_t iso_size = 0;
};

// Parses an ISO-8601 / RFC 3339 timestamp the way the reference does (dateutil): "Z" and
// "+hh:mm" offsets, fractional seconds (nanoseconds truncated to microseconds), naive times.
// Accepted: `YYYY-MM-DD` or `YYYYMMDD`, then optionally `T`/`t`/space and `HH:MM[:SS[.f+]]` or
// `HHMM[SS[.f+]]`, then optionally `Z`/`z`/`UTC`/`GMT` or an offset `+HH:MM`/`+HHMM`/`+HH`
// (below 24 hours); surrounding whitespace is ignored. A date alone is midnight, naive.
// dateutil's free-form inputs ("Aug 25 2025 2pm") are not accepted. InvalidArgument otherwise,
// including out-of-range fields ("2025-02-30").
absl::StatusOr<Timestamp> ParseTimestamp(std::string_view text);

// The Timestamp of an instant in UTC ("+00:00"), as `datetime.now(timezone.utc)` gives it.
Timestamp UtcTimestamp(int64_t unix_micros);

struct Action {
  int64_t id = 0;
  std::string name;
  Timestamp timestamp;
  simdjson::dom::element data;         // A JSON object.
  simdjson::dom::element secret_data;  // A JSON object ({} when absent).
};

// Reads actions, one JSON text at a time. The returned Action refers to memory owned by the
// reader and stays valid until the next call to Read. Not thread-safe; one reader per thread.
//
// The form is the Kafka envelope when the object has `send_time` and no `action_name`, else
// the flat form. Fields, as the reference's readers take them:
//  - action_name: a string (required);
//  - action_id: required; Python int() of it: an int, a float (truncated), a bool or a string
//    such as "12" (string ids occur in envelopes); it must fit in int64 (ids are snowflakes);
//  - timestamp (flat) / send_time (envelope): a string for ParseTimestamp. When the flat form
//    has no `timestamp` (or null), the current UTC time is used, as the reference's other
//    timestamp-less input (the async CLI) does; results then vary by run;
//  - data / secret_data: JSON objects; absent or null means {} (the reference's Kafka input
//    requires `data`; it ignores an envelope's secret_data, which is read here).
class ActionReader {
 public:
  ActionReader();

  // Integers beyond int64 and uint64 are read exactly, as Python does (json_big_ints.h), up
  // to 4300 digits. An error Status (InvalidArgument, with a message fit for the action's
  // error record) when the line is empty, not JSON (truncated, invalid UTF-8, numbers
  // simdjson cannot hold such as 1e400, integers of more than 4300 digits, NaN literals),
  // nests deeper than simdjson's 1024 levels, is not an object, or lacks a usable action_name,
  // action_id or timestamp.
  absl::StatusOr<Action> Read(std::string_view json_line);

 private:
  // Parses a line simdjson refused with NUMBER_ERROR again, with its integers beyond simdjson's
  // range replaced and marked (json_big_ints.h); NUMBER_ERROR again when it has none.
  simdjson::error_code ParseWithBigInts(std::string_view json_line, simdjson::dom::element* root);

  simdjson::dom::parser parser_;
  simdjson::dom::parser empty_parser_;
  simdjson::dom::element empty_object_;  // `{}`, parsed once by empty_parser_.
  simdjson::padded_string buffer_;       // Grows to the longest line; reused.
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_ACTION_H_
