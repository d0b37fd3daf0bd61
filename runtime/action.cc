#include "runtime/action.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "runtime/json_big_ints.h"
#include "runtime/json_extract.h"
#include "runtime/json_path.h"

namespace osprey::runtime {
namespace {

using simdjson::dom::element;

struct Civil {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil CivilFromMicros(int64_t unix_micros) {
  int64_t days =
      unix_micros >= 0 ? unix_micros / 86400000000 : -((-unix_micros - 1) / 86400000000) - 1;
  int64_t rest = unix_micros - days * 86400000000;
  // civil_from_days
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  Civil c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  c.hour = static_cast<int>(rest / 3600000000);
  c.minute = static_cast<int>(rest / 60000000 % 60);
  c.second = static_cast<int>(rest / 1000000 % 60);
  c.micros = static_cast<int>(rest % 1000000);
  return c;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// printf's "%0<width>d" of `value`, written at `out`; returns its length. Every action's
// timestamp is formatted: snprintf's format parsing cost more than the date arithmetic.
size_t WriteZeroPadded(char* out, int64_t value, int width) {
  char digits[20];
  int count = 0;
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  size_t size = 0;
  if (value < 0) {
    out[size++] = '-';
    --width;  // The sign counts in the width.
  }
  for (int pad = width - count; pad > 0; --pad) out[size++] = '0';
  while (count > 0) out[size++] = digits[--count];
  return size;
}

// datetime.isoformat(): microseconds only when non-zero, the offset only when aware. Written
// into the timestamp's own buffer, which holds the longest ("-292277-01-09T04:00:54.775808+23:59").
void SetIsoFormat(const Civil& c, bool has_offset, int offset_minutes, Timestamp* t) {
  char* out = t->iso_text.data();
  size_t size = WriteZeroPadded(out, c.year, 4);
  const auto two_digits = [&](char separator, int value) {
    out[size++] = separator;
    size += WriteZeroPadded(out + size, value, 2);
  };
  two_digits('-', c.month);
  two_digits('-', c.day);
  two_digits('T', c.hour);
  two_digits(':', c.minute);
  two_digits(':', c.second);
  if (c.micros != 0) {
    out[size++] = '.';
    size += WriteZeroPadded(out + size, c.micros, 6);
  }
  if (has_offset) {
    const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    two_digits(offset_minutes < 0 ? '-' : '+', magnitude / 60);
    two_digits(':', magnitude % 60);
  }
  t->iso_size = static_cast<uint8_t>(size);
}

// A cursor over the timestamp text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool Consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `n` digits.
  bool Digits(size_t n, int* out) {
    if (text_.size() - pos_ < n) return false;
    int value = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += n;
    *out = value;
    return true;
  }
  size_t DigitRun() const {
    size_t n = 0;
    while (pos_ + n < text_.size() && text_[pos_ + n] >= '0' && text_[pos_ + n] <= '9') ++n;
    return n;
  }
  std::string_view Rest() const { return text_.substr(pos_); }
  void Skip(size_t n) { pos_ += n; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

absl::Status BadTimestamp(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(absl::StrFormat("invalid timestamp \"%s\": %s", text, why));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Python int() of an action_id value.
absl::StatusOr<int64_t> ActionId(element id) {
  switch (id.type()) {
    case simdjson::dom::element_type::INT64:
      return id.get_int64().value_unsafe();
    case simdjson::dom::element_type::BOOL:
      return id.get_bool().value_unsafe() ? 1 : 0;
    case simdjson::dom::element_type::DOUBLE: {
      double d = std::trunc(id.get_double().value_unsafe());
      if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) return static_cast<int64_t>(d);
      break;
    }
    case simdjson::dom::element_type::STRING: {
      if (IsBigIntElement(id)) break;
      std::optional<Value> parsed = internal::ParsePythonInt(id.get_string().value_unsafe());
      if (!parsed) {
        return absl::InvalidArgumentError(
            absl::StrFormat("action_id \"%s\" is not an integer", id.get_string().value_unsafe()));
      }
      if (parsed->kind() == Value::Kind::kInt) return parsed->as_int();
      break;
    }
    case simdjson::dom::element_type::UINT64:
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrFormat("action_id must be an integer, got %s", JsonTypeName(JsonValue::Of(id))));
  }
  return absl::InvalidArgumentError("action_id does not fit in 64 bits");
}

std::string ParseErrorMessage(simdjson::error_code error) {
  switch (error) {
    case simdjson::EMPTY:
      return "empty line: expected a JSON object";
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8 in the input line";
    case simdjson::DEPTH_ERROR:
      return "JSON nests too deeply (more than 1024 levels)";
    default:
      return absl::StrFormat("not valid JSON: %s", simdjson::error_message(error));
  }
}

}  // namespace

absl::StatusOr<Timestamp> ParseTimestamp(std::string_view text) {
  std::string_view trimmed = Trim(text);
  Scanner s(trimmed);
  Civil c;
  int year = 0;
  if (!s.Digits(4, &year)) return BadTimestamp(text, "expected a date YYYY-MM-DD");
  c.year = year;
  bool extended = s.Consume('-');
  if (!s.Digits(2, &c.month) || (extended && !s.Consume('-')) || !s.Digits(2, &c.day)) {
    return BadTimestamp(text, "expected a date YYYY-MM-DD");
  }
  if (c.year < 1 || c.month < 1 || c.month > 12 || c.day < 1 ||
      c.day > DaysInMonth(c.year, c.month)) {
    return BadTimestamp(text, "day is out of range for month");
  }
  if (s.Consume('T') || s.Consume('t') || s.Consume(' ')) {
    if (!s.Digits(2, &c.hour)) return BadTimestamp(text, "expected a time HH:MM[:SS]");
    bool colons = s.Consume(':');
    if (!s.Digits(2, &c.minute)) return BadTimestamp(text, "expected a time HH:MM[:SS]");
    bool has_seconds = colons ? s.Consume(':') : s.DigitRun() >= 2;
    if (has_seconds) {
      if (!s.Digits(2, &c.second)) return BadTimestamp(text, "expected seconds");
      if (s.Consume('.')) {
        size_t n = s.DigitRun();
        if (n == 0) return BadTimestamp(text, "expected digits after '.'");
        // dateutil keeps the first six digits: nanoseconds are truncated.
        int digits = 0;
        for (size_t i = 0; i < 6; ++i) {
          int d = 0;
          if (i < n) s.Digits(1, &d);
          digits = digits * 10 + d;
        }
        if (n > 6) s.Skip(n - 6);
        c.micros = digits;
      }
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 59) {
      return BadTimestamp(text, "time is out of range");
    }
  }
  bool has_offset = false;
  int offset_minutes = 0;
  std::string_view zone = Trim(s.Rest());  // dateutil allows "14:30:45 +02:00", "... UTC".
  if (zone == "Z" || zone == "z" || zone == "UTC" || zone == "GMT") {
    has_offset = true;
  } else if (!zone.empty()) {
    Scanner z(zone);
    bool negative = z.Consume('-');
    if (!negative && !z.Consume('+')) return BadTimestamp(text, "unexpected text after the time");
    int hours = 0, minutes = 0;
    if (!z.Digits(2, &hours)) return BadTimestamp(text, "expected an offset +HH:MM");
    if (!z.done()) {
      z.Consume(':');
      if (!z.Digits(2, &minutes)) return BadTimestamp(text, "expected an offset +HH:MM");
    }
    if (!z.done()) return BadTimestamp(text, "unexpected text after the offset");
    if (hours > 23 || minutes > 59) return BadTimestamp(text, "offset must be under 24 hours");
    has_offset = true;
    offset_minutes = (negative ? -1 : 1) * (hours * 60 + minutes);
  }
  Timestamp t;
  int64_t local_micros =
      ((DaysFromCivil(c.year, c.month, c.day) * 24 + c.hour) * 60 + c.minute) * 60000000 +
      static_cast<int64_t>(c.second) * 1000000 + c.micros;
  t.unix_micros = local_micros - static_cast<int64_t>(offset_minutes) * 60000000;
  t.has_offset = has_offset;
  t.offset_minutes = offset_minutes;
  SetIsoFormat(c, has_offset, offset_minutes, &t);
  return t;
}

Timestamp UtcTimestamp(int64_t unix_micros) {
  Timestamp t;
  t.unix_micros = unix_micros;
  t.has_offset = true;
  SetIsoFormat(CivilFromMicros(unix_micros), true, 0, &t);
  return t;
}

ActionReader::ActionReader() {
  // `{}` cannot fail to parse; only allocation could, and that aborts anyway.
  empty_object_ = empty_parser_.parse(std::string_view("{}")).value_unsafe();
}

absl::StatusOr<Action> ActionReader::Read(std::string_view json_line) {
  if (buffer_.size() < json_line.size()) {
    buffer_ = simdjson::padded_string(std::max(json_line.size(), 2 * buffer_.size()));
  }
  std::copy(json_line.begin(), json_line.end(), buffer_.data());
  element root;
  simdjson::error_code error =
      parser_.parse(buffer_.data(), json_line.size(), /*realloc_if_needed=*/false).get(root);
  // Only a line with integers beyond simdjson's range holds marked strings (json_big_ints.h).
  bool big_ints = false;
  if (error == simdjson::NUMBER_ERROR) {
    error = ParseWithBigInts(json_line, &root);
    big_ints = true;
  }
  if (error) return absl::InvalidArgumentError(ParseErrorMessage(error));
  if (!root.is_object()) {
    return absl::InvalidArgumentError(absl::StrFormat("an action must be a JSON object, not %s",
                                                      JsonTypeName(JsonValue::Of(root))));
  }
  simdjson::dom::object top = root.get_object().value_unsafe();
  std::optional<element> send_time = LookupField(top, "send_time");
  bool envelope = send_time.has_value() && !LookupField(top, "action_name").has_value();

  simdjson::dom::object fields = top;
  std::optional<element> timestamp = LookupField(top, "timestamp");
  if (envelope) {
    std::optional<element> inner = LookupField(top, "data");
    if (!inner || !inner->is_object()) {
      return absl::InvalidArgumentError("the envelope's `data` must be a JSON object");
    }
    fields = inner->get_object().value_unsafe();
    timestamp = send_time;
  }

  Action action;
  std::optional<element> name = LookupField(fields, "action_name");
  if (!name) return absl::InvalidArgumentError("missing action_name");
  if (!name->is_string() || (big_ints && IsBigIntElement(*name))) {
    return absl::InvalidArgumentError("action_name must be a string");
  }
  action.name = std::string(name->get_string().value_unsafe());

  std::optional<element> id = LookupField(fields, "action_id");
  if (!id) return absl::InvalidArgumentError("missing action_id");
  absl::StatusOr<int64_t> action_id = ActionId(*id);
  if (!action_id.ok()) return action_id.status();
  action.id = *action_id;

  if (!timestamp || timestamp->is_null()) {
    if (envelope) return absl::InvalidArgumentError("send_time must be a string");
    action.timestamp = UtcTimestamp(absl::ToUnixMicros(absl::Now()));
  } else if (!timestamp->is_string() || (big_ints && IsBigIntElement(*timestamp))) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s must be a string", envelope ? "send_time" : "timestamp"));
  } else {
    absl::StatusOr<Timestamp> parsed = ParseTimestamp(timestamp->get_string().value_unsafe());
    if (!parsed.ok()) return parsed.status();
    action.timestamp = *std::move(parsed);
  }

  for (auto [key, target] :
       {std::pair{"data", &action.data}, std::pair{"secret_data", &action.secret_data}}) {
    std::optional<element> value = LookupField(fields, key);
    if (!value || value->is_null()) {
      *target = empty_object_;
    } else if (value->is_object()) {
      *target = *value;
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("`%s` must be a JSON object", key));
    }
  }
  return action;
}

simdjson::error_code ActionReader::ParseWithBigInts(std::string_view json_line, element* root) {
  // Rare (only lines simdjson refused for a number), so it may allocate.
  std::string rewritten;
  const std::vector<size_t> ordinals = internal::ReplaceBigInts(json_line, &rewritten);
  if (ordinals.empty()) return simdjson::NUMBER_ERROR;  // Some other bad number.
  const simdjson::padded_string padded(rewritten);
  simdjson::error_code error = parser_.parse(padded).get(*root);
  if (error) return error;
  // The document keeps no pointer into `padded`: strings are copied into the parser.
  if (!internal::MarkBigInts(*root, ordinals)) return simdjson::NUMBER_ERROR;
  return simdjson::SUCCESS;
}

}  // namespace osprey::runtime
