#include "runtime/udfs/date_parser.h"

#include <cctype>
#include <string_view>
#include <utility>

#include "absl/container/inlined_vector.h"

namespace osprey::runtime::udfs {
namespace {

// A piece of the parsed text. Words keep their case: they are compared ignoring it.
struct Token {
  enum class Kind { kNumber, kWord, kSymbol } kind;
  std::string_view text;
};
// Timestamps have a few dozen tokens at most: they stay on the stack.
using Tokens = absl::InlinedVector<Token, 24>;

// dateutil's _timelex, simplified: runs of digits (with one inner '.' or ',' for fractions),
// runs of letters, and single other characters; whitespace separates.
Tokens Tokenize(std::string_view s) {
  Tokens tokens;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (std::isdigit(c)) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (i > 0 && s[i - 1] == ':' && j + 1 < s.size() && (s[j] == '.' || s[j] == ',') &&
          std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
        // "…:44.533": seconds with a fraction.
        size_t k = j + 1;
        while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        j = k;
      }
      tokens.push_back({Token::Kind::kNumber, s.substr(i, j - i)});
      i = j;
    } else if (std::isalpha(c)) {
      size_t j = i;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      tokens.push_back({Token::Kind::kWord, s.substr(i, j - i)});
      i = j;
    } else {
      tokens.push_back({Token::Kind::kSymbol, s.substr(i, 1)});
      ++i;
    }
  }
  return tokens;
}

// Whether the word `w` is `lower` ignoring case (words are runs of ASCII letters).
bool IsWord(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(w[i])) != lower[i]) return false;
  }
  return true;
}

int MonthFromName(std::string_view w) {
  static constexpr std::string_view kMonths[][2] = {
      {"jan", "january"},   {"feb", "february"}, {"mar", "march"},    {"apr", "april"},
      {"may", "may"},       {"jun", "june"},     {"jul", "july"},     {"aug", "august"},
      {"sep", "september"}, {"oct", "october"},  {"nov", "november"}, {"dec", "december"}};
  for (int m = 0; m < 12; ++m) {
    if (IsWord(w, kMonths[m][0]) || IsWord(w, kMonths[m][1]) || (m == 8 && IsWord(w, "sept"))) {
      return m + 1;
    }
  }
  return 0;
}

bool IsWeekday(std::string_view w) {
  static constexpr std::string_view kDays[] = {
      "mon",   "monday",   "tue", "tues",   "tuesday", "wed",      "wednesday", "thu",   "thur",
      "thurs", "thursday", "fri", "friday", "sat",     "saturday", "sun",       "sunday"};
  for (std::string_view d : kDays) {
    if (IsWord(w, d)) return true;
  }
  return false;
}

// Words dateutil skips ("jump" list) plus zone names it accepts (UTC/GMT/Z and 3-5 letter
// abbreviations, which are dropped here).
bool IsJumpWord(std::string_view w) {
  static constexpr std::string_view kJump[] = {"at", "on", "and", "ad", "m", "t",
                                               "of", "st", "nd",  "rd", "th"};
  for (std::string_view j : kJump) {
    if (IsWord(w, j)) return true;
  }
  return false;
}

bool IsAmPm(std::string_view w) {
  return IsWord(w, "am") || IsWord(w, "pm") || IsWord(w, "a") || IsWord(w, "p");
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

int64_t ToInt(std::string_view digits) {
  int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<ParsedDateTime> ParseDateTime(std::string_view text,
                                            const ParsedDateTime& default_date) {
  const Tokens tokens = Tokenize(text);
  absl::InlinedVector<std::pair<int64_t, size_t>, 4> ymd;  // value, digit count
  int month_from_name = 0;
  std::optional<int> hour, minute, second, microsecond;
  int ampm = -1;  // 0 am, 1 pm
  bool any = false;
  auto number_at = [&](size_t i) {
    return i < tokens.size() && tokens[i].kind == Token::Kind::kNumber;
  };
  auto symbol_at = [&](size_t i, char c) {
    return i < tokens.size() && tokens[i].kind == Token::Kind::kSymbol && tokens[i].text[0] == c;
  };
  auto parse_seconds = [&](std::string_view t) {
    const size_t dot = t.find_first_of(".,");
    second = static_cast<int>(ToInt(t.substr(0, dot)));
    if (dot != std::string_view::npos) {
      // The first six digits of the fraction, as microseconds ("5" is 500000).
      const std::string_view digits = t.substr(dot + 1, 6);
      int64_t micros = ToInt(digits);
      for (size_t d = digits.size(); d < 6; ++d) micros *= 10;
      microsecond = static_cast<int>(micros);
    }
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& tok = tokens[i];
    if (tok.kind == Token::Kind::kNumber) {
      any = true;
      const std::string_view t = tok.text;
      const bool has_fraction = t.find_first_of(".,") != std::string_view::npos;
      if (symbol_at(i + 1, ':') && !hour.has_value()) {  // HH:MM[:SS[.ffffff]]
        hour = static_cast<int>(ToInt(t));
        if (!number_at(i + 2)) return std::nullopt;
        minute = static_cast<int>(ToInt(tokens[i + 2].text));
        i += 2;
        if (symbol_at(i + 1, ':') && number_at(i + 2)) {
          parse_seconds(tokens[i + 2].text);
          i += 2;
        }
        continue;
      }
      if (has_fraction) return std::nullopt;
      // A number followed by am/pm is an hour ("7pm", "7 pm").
      if (i + 1 < tokens.size() && tokens[i + 1].kind == Token::Kind::kWord &&
          IsAmPm(tokens[i + 1].text) && !hour.has_value() && t.size() <= 2) {
        hour = static_cast<int>(ToInt(t));
        continue;
      }
      if (ymd.empty() && month_from_name == 0 && (t.size() == 8 || t.size() == 6) &&
          !symbol_at(i + 1, '-') && !symbol_at(i + 1, '/') && !symbol_at(i + 1, '.')) {
        // YYYYMMDD / YYMMDD.
        const size_t year_digits = t.size() - 4;
        ymd.push_back({ToInt(t.substr(0, year_digits)), year_digits});
        ymd.push_back({ToInt(t.substr(year_digits, 2)), 2});
        ymd.push_back({ToInt(t.substr(year_digits + 2, 2)), 2});
        continue;
      }
      if (t.size() > 4) return std::nullopt;
      // A time-zone offset: a number right after '+' or '-' once a time was seen.
      if (i > 0 && (symbol_at(i - 1, '+') || symbol_at(i - 1, '-')) && hour.has_value()) {
        if (symbol_at(i + 1, ':') && number_at(i + 2)) i += 2;
        continue;
      }
      if (ymd.size() >= 3) return std::nullopt;
      ymd.push_back({ToInt(t), t.size()});
      continue;
    }
    if (tok.kind == Token::Kind::kWord) {
      const std::string_view w = tok.text;
      if (const int m = MonthFromName(w); m != 0) {
        if (month_from_name != 0) return std::nullopt;
        month_from_name = m;
        any = true;
        continue;
      }
      if (IsAmPm(w)) {
        if (!hour.has_value() || ampm >= 0) return std::nullopt;
        ampm = (w[0] == 'p' || w[0] == 'P') ? 1 : 0;
        continue;
      }
      if (IsWeekday(w) || IsJumpWord(w)) continue;
      if (IsWord(w, "z") || IsWord(w, "utc") || IsWord(w, "gmt")) {
        continue;
      }
      // Other zone names: up to 5 letters after a time (dateutil's tzname).
      if (hour.has_value() && w.size() <= 5) continue;
      return std::nullopt;
    }
    // Symbols: separators dateutil skips; '+'/'-' before an offset are handled with numbers.
    const char c = tok.text[0];
    if (c == '-' || c == '/' || c == '.' || c == ',' || c == ':' || c == '+' || c == ';' ||
        c == '\'') {
      continue;
    }
    return std::nullopt;
  }
  if (!any) return std::nullopt;

  ParsedDateTime result;
  int64_t year = -1;
  int month = month_from_name;
  int day = -1;
  // Resolve the numeric date parts (dateutil's ymd.resolve_ymd, month first by default).
  if (month_from_name != 0) {
    if (ymd.size() > 2) return std::nullopt;
    for (const auto& [value, digits] : ymd) {
      if ((digits > 2 || value > 31) && year < 0) {
        year = value;
      } else if (day < 0) {
        day = static_cast<int>(value);
      } else if (year < 0) {
        year = value;
      } else {
        return std::nullopt;
      }
    }
  } else if (ymd.size() == 3) {
    if (ymd[0].second > 2 || ymd[0].first > 31) {
      year = ymd[0].first;
      month = static_cast<int>(ymd[1].first);
      day = static_cast<int>(ymd[2].first);
    } else if (ymd[0].first > 12) {
      day = static_cast<int>(ymd[0].first);
      month = static_cast<int>(ymd[1].first);
      year = ymd[2].first;
    } else {
      month = static_cast<int>(ymd[0].first);
      day = static_cast<int>(ymd[1].first);
      year = ymd[2].first;
    }
  } else if (ymd.size() == 2) {
    if (ymd[0].second > 2 || ymd[0].first > 31) {
      year = ymd[0].first;
      month = static_cast<int>(ymd[1].first);
    } else if (ymd[1].second > 2 || ymd[1].first > 31) {
      month = static_cast<int>(ymd[0].first);
      year = ymd[1].first;
    } else {
      month = static_cast<int>(ymd[0].first);
      day = static_cast<int>(ymd[1].first);
    }
  } else if (ymd.size() == 1) {
    if (ymd[0].second > 2 || ymd[0].first > 31) {
      year = ymd[0].first;
    } else {
      day = static_cast<int>(ymd[0].first);
    }
  }
  if (year >= 0 && year < 100 && ymd.size() > 0) {
    // Two-digit years: dateutil picks the century that puts the year within 50 years of now.
    const int64_t century = default_date.year / 100 * 100;
    year += century;
    if (year >= default_date.year + 50) year -= 100;
    if (year < default_date.year - 50) year += 100;
  }
  result.year = year >= 0 ? year : default_date.year;
  result.month = month > 0 ? month : default_date.month;
  result.day = day > 0 ? day : default_date.day;
  if (hour.has_value() && ampm >= 0) {
    if (*hour > 12) return std::nullopt;
    if (ampm == 1 && *hour != 12) *hour += 12;
    if (ampm == 0 && *hour == 12) *hour = 0;
  }
  result.hour = hour.value_or(0);
  result.minute = minute.value_or(0);
  result.second = second.value_or(0);
  result.microsecond = microsecond.value_or(0);
  if (result.year < 1 || result.year > 9999 || result.month < 1 || result.month > 12 ||
      result.day < 1 || result.day > DaysInMonth(result.year, result.month) || result.hour > 23 ||
      result.minute > 59 || result.second > 59) {
    return std::nullopt;
  }
  return result;
}

int64_t ToUnixMicros(const ParsedDateTime& t) {
  // Days from civil (Howard Hinnant's algorithm).
  const int64_t y = t.year - (t.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (t.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + t.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  return ((days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * 1'000'000) + t.microsecond;
}

ParsedDateTime FromUnixMicros(int64_t micros) {
  int64_t seconds = micros / 1'000'000;
  if (micros % 1'000'000 < 0) --seconds;
  int64_t days = seconds / 86400;
  if (seconds % 86400 < 0) --days;
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  ParsedDateTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = yoe + era * 400 + (t.month <= 2 ? 1 : 0);
  return t;
}

}  // namespace osprey::runtime::udfs
