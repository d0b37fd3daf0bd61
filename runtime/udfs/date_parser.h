// A lenient date-time parser for TimeSince, modelled on the forms python-dateutil's
// parser.parse() accepts with its default options (month-first, not day-first, not fuzzy).
// Internal to osprey_runtime.
#ifndef OSPREY_RUNTIME_UDFS_DATE_PARSER_H_
#define OSPREY_RUNTIME_UDFS_DATE_PARSER_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace osprey::runtime::udfs {

// The wall-clock fields of a parsed time; any time-zone information is parsed and dropped,
// because TimeSince replaces the zone with UTC instead of converting.
struct ParsedDateTime {
  int64_t year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
};

// Parses `text`. Date parts missing from the text are taken from `default_date` (dateutil uses
// today's date), time parts default to 0. nullopt where dateutil raises ParserError.
std::optional<ParsedDateTime> ParseDateTime(std::string_view text,
                                            const ParsedDateTime& default_date);

// Microseconds since 1970-01-01T00:00:00 for the fields taken as UTC.
int64_t ToUnixMicros(const ParsedDateTime& t);
// The inverse (for defaults).
ParsedDateTime FromUnixMicros(int64_t micros);

}  // namespace osprey::runtime::udfs

#endif  // OSPREY_RUNTIME_UDFS_DATE_PARSER_H_
