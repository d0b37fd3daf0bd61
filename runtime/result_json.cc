#include "runtime/result_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/big_int.h"
#include "runtime/python_semantics.h"

namespace osprey::runtime {

namespace {

// Whether any of the eight bytes of `word` needs an escape: a control character (below 0x20),
// '"' or '\\'. Exact (the "has a byte below n" and "has a zero byte" word tests).
bool NeedsEscape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto has_zero_byte = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  return ((word - kOnes * 0x20) & ~word & kHigh) != 0 || has_zero_byte(word ^ (kOnes * '"')) ||
         has_zero_byte(word ^ (kOnes * '\\'));
}

// `true` or `false`, with lengths known here rather than measured on every call: a full
// result writes one per rule.
void AppendJsonBool(bool value, std::string* out) {
  if (value) {
    out->append("true", 4);
  } else {
    out->append("false", 5);
  }
}

}  // namespace

void AppendJsonStringContents(std::string_view text, std::string* out) {
  // Characters that need no escape are copied in runs, found eight bytes at a time.
  const char* data = text.data();
  const size_t size = text.size();
  size_t run = 0;
  size_t i = 0;
  while (i < size) {
    for (uint64_t word; i + 8 <= size; i += 8) {
      std::memcpy(&word, data + i, 8);
      if (NeedsEscape(word)) break;
    }
    if (i + 8 > size) {
      // Fewer than eight bytes left (most keys and names are that short): tested as one word
      // padded with a byte that needs no escape.
      uint64_t word = 0x6161616161616161ULL;  // "aaaaaaaa"
      std::memcpy(&word, data + i, size - i);
      if (!NeedsEscape(word)) break;
    }
    for (const size_t stop = std::min(size, i + 8); i < stop; ++i) {
      const auto c = static_cast<unsigned char>(data[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out->append(data + run, i - run);
      run = i + 1;
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default:
          out->append(absl::StrFormat("\\u%04x", c));
      }
    }
  }
  out->append(data + run, size - run);
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  AppendJsonStringContents(text, out);
  out->push_back('"');
}

void AppendJsonValue(const Value& value, std::string* out) {
  switch (value.kind()) {
    case Value::Kind::kNone:
    case Value::Kind::kEffect:
      out->append("null");
      return;
    case Value::Kind::kBool:
      AppendJsonBool(value.as_bool(), out);
      return;
    case Value::Kind::kInt:
      absl::StrAppend(out, value.as_int());
      return;
    case Value::Kind::kBigInt:  // json.dumps prints every digit of an int.
      out->append(ToDecimal(value.as_big_int().value()));
      return;
    case Value::Kind::kFloat:
    case Value::Kind::kTimeDelta: {
      double d = value.as_float();
      if (std::isnan(d)) {
        out->append("NaN");
      } else if (std::isinf(d)) {
        out->append(d > 0 ? "Infinity" : "-Infinity");
      } else {
        out->append(FormatPythonFloat(d));
      }
      return;
    }
    case Value::Kind::kString:
      AppendJsonString(value.as_string(), out);
      return;
    case Value::Kind::kList:
    case Value::Kind::kExperiment: {
      out->push_back('[');
      bool first = true;
      for (const Value& item : value.as_list()) {
        if (!first) out->append(", ");
        first = false;
        AppendJsonValue(item, out);
      }
      out->push_back(']');
      return;
    }
    case Value::Kind::kEntity:
      AppendJsonValue(value.as_entity().id, out);
      return;
    case Value::Kind::kRule:
      AppendJsonBool(value.as_rule().value, out);
      return;
  }
}

void AppendResultJson(std::span<const ResultEntry> entries, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [key, value] : entries) {
    if (!first) out->append(", ");
    first = false;
    AppendJsonString(key, out);
    out->append(": ");
    if (value.has_value()) {
      AppendJsonValue(*value, out);
    } else {
      out->append("null");
    }
  }
  out->push_back('}');
}

std::string ResultJson(std::span<const ResultEntry> entries) {
  std::string out;
  AppendResultJson(entries, &out);
  return out;
}

std::string ErrorRecordJson(std::string_view message, int64_t line_number) {
  std::string out = "{\"__error\": ";
  AppendJsonString(message, &out);
  out += absl::StrFormat(", \"__line\": %d}", line_number);
  return out;
}

}  // namespace osprey::runtime
