#include "runtime/json_big_ints.h"

#include <cstdint>

#include "runtime/big_int.h"

namespace osprey::runtime {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Python 3.11's sys.int_info.str_digits_check_threshold: json.loads refuses longer ints.
constexpr size_t kMaxDigits = 4300;

bool IsDelimiter(char c) {
  switch (c) {
    case ',':
    case ':':
    case '[':
    case ']':
    case '{':
    case '}':
    case ' ':
    case '\t':
    case '\n':
    case '\r':
      return true;
    default:
      return false;
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether simdjson holds the integer with these digits (no leading zero): as an int64 when
// negative, else as an int64 or a uint64.
bool FitsSimdjson(std::string_view digits, bool negative) {
  const std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
  if (digits.size() != limit.size()) return digits.size() < limit.size();
  return digits <= limit;
}

// Walks a document in text order, counting its strings, and marks the ones named.
class Marker {
 public:
  explicit Marker(const std::vector<size_t>& ordinals) : ordinals_(ordinals) {}

  bool Visit(element e) {
    if (next_ == ordinals_.size()) return true;  // All marked.
    switch (e.type()) {
      // Bound first: a range-for over value_unsafe() of a temporary dangles (before C++23).
      case element_type::ARRAY: {
        const simdjson::dom::array array = e.get_array().value_unsafe();
        for (element item : array) {
          if (!Visit(item)) return false;
        }
        return true;
      }
      case element_type::OBJECT: {
        const simdjson::dom::object object = e.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : object) {
          if (Named()) return false;  // A key.
          ++count_;
          if (!Visit(field.value)) return false;
        }
        return true;
      }
      case element_type::STRING:
        if (Named()) {
          // The placeholder '#' becomes 0xFF. The text lives in the parser's string buffer
          // (heap memory it owns, not const), which get_string only views as const.
          const_cast<char*>(e.get_string().value_unsafe().data())[0] = '\xFF';
          ++next_;
        }
        ++count_;
        return true;
      default:
        return true;
    }
  }

  bool done() const { return next_ == ordinals_.size(); }

 private:
  bool Named() const { return next_ < ordinals_.size() && ordinals_[next_] == count_; }

  const std::vector<size_t>& ordinals_;
  size_t next_ = 0;   // Index into ordinals_ of the next string to mark.
  size_t count_ = 0;  // Strings seen so far.
};

}  // namespace

Value BigIntElementValue(element e) {
  if (e.type() == element_type::UINT64) {
    return IntValue(mpz_class(static_cast<unsigned long>(e.get_uint64().value_unsafe())));
  }
  // The marker's digits were checked when the line was rewritten.
  return ParseIntDigits(e.get_string().value_unsafe().substr(1), 10).value_or(Value::Int(0));
}

std::string BigIntElementText(element e) {
  if (e.type() == element_type::UINT64) return std::to_string(e.get_uint64().value_unsafe());
  return std::string(e.get_string().value_unsafe().substr(1));
}

namespace internal {

std::vector<size_t> ReplaceBigInts(std::string_view line, std::string* out) {
  std::vector<size_t> ordinals;
  out->clear();
  size_t strings = 0;
  size_t copied = 0;  // line[0, copied) is in *out.
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '"') {
      ++strings;
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\') ++i;  // The escaped character cannot end the string.
      }
      ++i;  // The closing quote.
      continue;
    }
    if (c != '-' && !IsDigit(c)) {
      ++i;
      continue;
    }
    // A number token: [-]digits, then '.', 'e' or 'E' for a float.
    const size_t start = i;
    const bool negative = c == '-';
    size_t end = start + (negative ? 1 : 0);
    const size_t digits_start = end;
    while (end < line.size() && IsDigit(line[end])) ++end;
    const std::string_view digits = line.substr(digits_start, end - digits_start);
    const bool integer = !digits.empty() && (end == line.size() || IsDelimiter(line[end]));
    if (!integer) {
      while (end < line.size() && !IsDelimiter(line[end]) && line[end] != '"') ++end;
    } else if ((start == 0 || IsDelimiter(line[start - 1])) &&
               !(digits.size() > 1 && digits.front() == '0') && digits.size() <= kMaxDigits &&
               !FitsSimdjson(digits, negative)) {
      out->append(line.substr(copied, start - copied));
      out->append("\"#");
      out->append(line.substr(start, end - start));
      out->push_back('"');
      copied = end;
      ordinals.push_back(strings++);
    }
    i = end;
  }
  if (ordinals.empty()) {
    out->clear();
  } else {
    out->append(line.substr(copied));
  }
  return ordinals;
}

bool MarkBigInts(element root, const std::vector<size_t>& ordinals) {
  Marker marker(ordinals);
  return marker.Visit(root) && marker.done();
}

}  // namespace internal

}  // namespace osprey::runtime
