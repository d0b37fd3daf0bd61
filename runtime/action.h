// One input action, read from a JSON line: the flat form
//   {"action_id": 1, "action_name": "create_post", "timestamp": "...", "data": {...},
//    "secret_data": {...}}
// or Osprey's Kafka envelope
//   {"send_time": "...", "data": {"action_id": 1, "action_name": "...", "data": {...}}}
// (conformance/README.md).
#ifndef OSPREY_RUNTIME_ACTION_H_
#define OSPREY_RUNTIME_ACTION_H_

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
  std::string iso;  // isoformat() of the time as given (its own offset kept).
};

// Parses an ISO-8601 / RFC 3339 timestamp the way the reference does (dateutil): "Z" and
// "+hh:mm" offsets, fractional seconds (nanoseconds truncated to microseconds), naive times.
absl::StatusOr<Timestamp> ParseTimestamp(std::string_view text);

struct Action {
  int64_t id = 0;
  std::string name;
  Timestamp timestamp;
  simdjson::dom::element data;         // A JSON object.
  simdjson::dom::element secret_data;  // A JSON object ({} when absent).
};

// Reads actions, one JSON text at a time. The returned Action refers to memory owned by the
// reader and stays valid until the next call to Read. Not thread-safe; one reader per thread.
class ActionReader {
 public:
  // An error Status (with a message fit for the action's error record) when the line is not
  // JSON, not an object, lacks action_name or a usable action_id/timestamp, or nests too deep.
  absl::StatusOr<Action> Read(std::string_view json_line);

 private:
  simdjson::dom::parser parser_;
  simdjson::dom::parser empty_parser_;
  simdjson::padded_string buffer_;
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_ACTION_H_
