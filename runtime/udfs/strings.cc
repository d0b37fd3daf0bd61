// The str methods of the stdlib (spec udfs.md §C): StringLength ... StringSlice, with Python 3.11
// semantics on code points.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/big_int.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

bool InSet(std::u32string_view set, char32_t c) { return set.find(c) != std::u32string_view::npos; }

enum class StripSide { kBoth, kLeft, kRight };

// Python str.strip / lstrip / rstrip: `chars` None strips whitespace, otherwise it is a set of
// code points.
UdfOutcome Strip(std::string_view function, Args args, StripSide side) {
  OSPREY_UDF_STR_ARG(s, args, 0, function, "s");
  const Value& chars_value = args[1];
  std::u32string chars;
  const bool whitespace = chars_value.is_none();
  if (!whitespace) {
    OSPREY_UDF_STR_ARG(chars_string, args, 1, function, "chars");
    chars = DecodeUtf8(*chars_string);
  }
  const std::u32string text = DecodeUtf8(*s);
  auto strip_this = [&](char32_t c) { return whitespace ? IsPythonSpace(c) : InSet(chars, c); };
  size_t begin = 0;
  size_t end = text.size();
  if (side != StripSide::kRight) {
    while (begin < end && strip_this(text[begin])) ++begin;
  }
  if (side != StripSide::kLeft) {
    while (end > begin && strip_this(text[end - 1])) --end;
  }
  return Value::String(EncodeUtf8(std::u32string_view(text).substr(begin, end - begin)));
}

UdfOutcome Replace(Args args) {
  OSPREY_UDF_STR_ARG(s, args, 0, "StringReplace", "s");
  OSPREY_UDF_STR_ARG(old_text, args, 1, "StringReplace", "old");
  OSPREY_UDF_STR_ARG(new_text, args, 2, "StringReplace", "new");
  std::string out;
  if (old_text->empty()) {
    // Python inserts `new` before every code point and at the end.
    const std::u32string text = DecodeUtf8(*s);
    for (char32_t c : text) {
      out += *new_text;
      AppendUtf8(out, c);
    }
    out += *new_text;
    return Value::String(std::move(out));
  }
  // A valid UTF-8 needle only matches at code-point boundaries, so bytes are enough here.
  size_t pos = 0;
  while (true) {
    const size_t found = s->find(*old_text, pos);
    if (found == std::string::npos) break;
    out.append(*s, pos, found - pos);
    out += *new_text;
    pos = found + old_text->size();
  }
  out.append(*s, pos, std::string::npos);
  return Value::String(std::move(out));
}

UdfOutcome Join(Args args) {
  OSPREY_UDF_STR_ARG(separator, args, 0, "StringJoin", "s");
  const Value& iterable = args[1];
  if (iterable.kind() != Value::Kind::kList) {
    return WrongType("StringJoin", "iterable", "list[str]", iterable);
  }
  std::string out;
  const std::vector<Value>& items = iterable.as_list();
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].kind() != Value::Kind::kString) {
      return Recorded("TypeError: sequence item " + IntToString(static_cast<int64_t>(i)) +
                      ": expected str instance, " + PythonTypeName(items[i]) + " found");
    }
    if (i > 0) out += *separator;
    out += items[i].as_string();
  }
  return Value::String(std::move(out));
}

UdfOutcome Split(Args args) {
  OSPREY_UDF_STR_ARG(s, args, 0, "StringSplit", "s");
  const Value& sep_value = args[1];
  const Value& maxsplit_value = Plain(args[2]);
  int64_t maxsplit = -1;
  if (maxsplit_value.kind() == Value::Kind::kInt) {
    maxsplit = maxsplit_value.as_int();
  } else if (maxsplit_value.kind() == Value::Kind::kBool) {
    maxsplit = maxsplit_value.as_bool() ? 1 : 0;
  } else if (maxsplit_value.kind() == Value::Kind::kBigInt) {
    return Recorded("OverflowError: Python int too large to convert to C ssize_t");
  } else {
    return WrongType("StringSplit", "maxsplit", "int", maxsplit_value);
  }
  if (maxsplit < 0) maxsplit = INT64_MAX;
  std::vector<Value> parts;
  if (sep_value.is_none()) {
    // CPython's split_whitespace.
    const std::u32string text = DecodeUtf8(*s);
    const size_t n = text.size();
    size_t i = 0;
    while (maxsplit-- > 0) {
      while (i < n && IsPythonSpace(text[i])) ++i;
      if (i == n) break;
      const size_t j = i++;
      while (i < n && !IsPythonSpace(text[i])) ++i;
      parts.push_back(Value::String(EncodeUtf8(std::u32string_view(text).substr(j, i - j))));
    }
    if (i < n) {
      while (i < n && IsPythonSpace(text[i])) ++i;
      if (i != n) parts.push_back(Value::String(EncodeUtf8(std::u32string_view(text).substr(i))));
    }
    return Value::List(std::move(parts));
  }
  OSPREY_UDF_STR_ARG(sep, args, 1, "StringSplit", "sep");
  if (sep->empty()) return Recorded("ValueError: empty separator");
  size_t i = 0;
  while (maxsplit-- > 0) {
    const size_t found = s->find(*sep, i);
    if (found == std::string::npos) break;
    parts.push_back(Value::String(s->substr(i, found - i)));
    i = found + sep->size();
  }
  parts.push_back(Value::String(s->substr(i)));
  return Value::List(std::move(parts));
}

// Python's slice bounds for s[start:end] on a sequence of `length` items.
int64_t SliceBound(int64_t index, int64_t length) {
  if (index < 0) index += length;
  return std::clamp<int64_t>(index, 0, length);
}

// A slice index as int64: a big one clamps to the int64 range, past any sequence's length, as
// Python's slice indices clamp (`'abc'[0:10**30]` is 'abc').
int64_t SliceIndex(const Value& value) {
  if (value.kind() == Value::Kind::kInt) return value.as_int();
  return mpz_sgn(value.as_big_int().value().get_mpz_t()) < 0 ? INT64_MIN : INT64_MAX;
}

UdfOutcome Slice(const SiteData& site, Args args) {
  OSPREY_UDF_STR_ARG(s, args, 0, "StringSlice", "s");
  const Value& start_value = ConstOr(site, args, 1);
  const Value& end_value = ConstOr(site, args, 2);
  if (!start_value.is_integer()) return WrongType("StringSlice", "start", "int", start_value);
  if (!end_value.is_integer()) return WrongType("StringSlice", "end", "int", end_value);
  const std::u32string text = DecodeUtf8(*s);
  const auto length = static_cast<int64_t>(text.size());
  const int64_t start = SliceBound(SliceIndex(start_value), length);
  const int64_t end = SliceBound(SliceIndex(end_value), length);
  if (start >= end) return Value::String("");
  return Value::String(EncodeUtf8(std::u32string_view(text).substr(
      static_cast<size_t>(start), static_cast<size_t>(end - start))));
}

}  // namespace

void RegisterStringUdfs(NativeUdfRegistry& registry) {
  registry.Register("StringLength", Stateless([](CallContext&, Args args) -> UdfOutcome {
                      OSPREY_UDF_STR_ARG(s, args, 0, "StringLength", "s");
                      return Value::Int(static_cast<int64_t>(CodePointCount(*s)));
                    }));
  registry.Register("StringToLower", Stateless([](CallContext& context, Args args) -> UdfOutcome {
                      OSPREY_UDF_STR_ARG(s, args, 0, "StringToLower", "s");
                      return StringResult(context,
                                          [s](std::string& out) { AppendPythonLower(*s, &out); });
                    }));
  registry.Register("StringToUpper", Stateless([](CallContext& context, Args args) -> UdfOutcome {
                      OSPREY_UDF_STR_ARG(s, args, 0, "StringToUpper", "s");
                      return StringResult(context,
                                          [s](std::string& out) { AppendPythonUpper(*s, &out); });
                    }));
  registry.Register("StringStartsWith", Stateless([](CallContext&, Args args) -> UdfOutcome {
                      OSPREY_UDF_STR_ARG(s, args, 0, "StringStartsWith", "s");
                      OSPREY_UDF_STR_ARG(start, args, 1, "StringStartsWith", "start");
                      return Value::Bool(std::string_view(*s).starts_with(*start));
                    }));
  registry.Register("StringEndsWith", Stateless([](CallContext&, Args args) -> UdfOutcome {
                      OSPREY_UDF_STR_ARG(s, args, 0, "StringEndsWith", "s");
                      OSPREY_UDF_STR_ARG(end, args, 1, "StringEndsWith", "end");
                      return Value::Bool(std::string_view(*s).ends_with(*end));
                    }));
  registry.Register("StringStrip", Stateless([](CallContext&, Args args) {
                      return Strip("StringStrip", args, StripSide::kBoth);
                    }));
  registry.Register("StringLStrip", Stateless([](CallContext&, Args args) {
                      return Strip("StringLStrip", args, StripSide::kLeft);
                    }));
  registry.Register("StringRStrip", Stateless([](CallContext&, Args args) {
                      return Strip("StringRStrip", args, StripSide::kRight);
                    }));
  registry.Register("StringReplace",
                    Stateless([](CallContext&, Args args) { return Replace(args); }));
  registry.Register("StringJoin", Stateless([](CallContext&, Args args) { return Join(args); }));
  registry.Register("StringSplit", Stateless([](CallContext&, Args args) { return Split(args); }));
  registry.Register("StringSlice", WithSite([](const SiteData& site, CallContext&, Args args) {
                      return Slice(site, args);
                    }));
}

}  // namespace osprey::runtime::udfs
