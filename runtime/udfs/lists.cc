// ListLength, ListRead, ListSort (spec udfs.md §F).
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/python_semantics.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

const std::vector<Value>* AsList(const Value& value) {
  const Value& plain = Plain(value);
  if (plain.kind() == Value::Kind::kList || plain.kind() == Value::Kind::kExperiment) {
    return &plain.as_list();
  }
  return nullptr;
}

UdfOutcome Length(Args args) {
  const std::vector<Value>* list = AsList(args[0]);
  if (list == nullptr) return WrongType("ListLength", "list", "list", args[0]);
  return Value::Int(static_cast<int64_t>(list->size()));
}

UdfOutcome Read(Args args) {
  if (args[0].is_none()) return Silent();
  const std::vector<Value>* list = AsList(args[0]);
  if (list == nullptr) return Silent();  // The reference turns TypeError into a silent failure.
  const Value& index_value = Plain(args[1]);
  int64_t index;
  if (index_value.kind() == Value::Kind::kInt) {
    index = index_value.as_int();
  } else if (index_value.kind() == Value::Kind::kBool) {
    index = index_value.as_bool() ? 1 : 0;
  } else {
    // A big index is Python's IndexError "cannot fit 'int' into an index-sized integer",
    // silent like any IndexError here.
    return Silent();
  }
  const auto size = static_cast<int64_t>(list->size());
  if (index < 0) index += size;
  if (index < 0 || index >= size) return Silent();
  return Value::String(PythonStr((*list)[static_cast<size_t>(index)]));
}

enum class Order { kLess, kEqual, kGreater, kUnordered, kError };

// Python's ordering of two values as `sorted` sees it; kError where `<` raises TypeError.
Order ComparePython(const Value& a_in, const Value& b_in) {
  const Value& a = Plain(a_in);
  const Value& b = Plain(b_in);
  auto numeric = [](const Value& v) {
    return v.kind() == Value::Kind::kInt || v.kind() == Value::Kind::kFloat ||
           v.kind() == Value::Kind::kBool || v.kind() == Value::Kind::kBigInt;
  };
  if (numeric(a) && numeric(b) &&
      (a.kind() == Value::Kind::kBigInt || b.kind() == Value::Kind::kBigInt)) {
    // Exact comparisons from the runtime's Python semantics (never an error for numbers).
    std::string error;
    if (Compare(OrderOperator::kLess, a, b, &error).value_or(false)) return Order::kLess;
    if (Compare(OrderOperator::kGreater, a, b, &error).value_or(false)) return Order::kGreater;
    return PythonEquals(a, b) ? Order::kEqual : Order::kUnordered;  // NaN is unordered.
  }
  if (numeric(a) && numeric(b)) {
    auto as_long_double = [](const Value& v) -> long double {
      switch (v.kind()) {
        case Value::Kind::kBool:
          return v.as_bool() ? 1 : 0;
        case Value::Kind::kInt:
          return static_cast<long double>(v.as_int());
        default:
          return v.as_float();
      }
    };
    // long double holds every int64 exactly, so int/float comparisons are exact as in Python.
    const long double x = as_long_double(a);
    const long double y = as_long_double(b);
    if (x < y) return Order::kLess;
    if (x > y) return Order::kGreater;
    if (x == y) return Order::kEqual;
    return Order::kUnordered;  // NaN
  }
  if (a.kind() == Value::Kind::kString && b.kind() == Value::Kind::kString) {
    const int c = a.as_string().compare(b.as_string());  // UTF-8 order is code-point order.
    return c < 0 ? Order::kLess : (c > 0 ? Order::kGreater : Order::kEqual);
  }
  const bool a_list = a.kind() == Value::Kind::kList || a.kind() == Value::Kind::kExperiment;
  const bool b_list = b.kind() == Value::Kind::kList || b.kind() == Value::Kind::kExperiment;
  if (a_list && b_list) {
    const std::vector<Value>& x = a.as_list();
    const std::vector<Value>& y = b.as_list();
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (!PythonEquals(x[i], y[i])) return ComparePython(x[i], y[i]);
    }
    if (x.size() < y.size()) return Order::kLess;
    if (x.size() > y.size()) return Order::kGreater;
    return Order::kEqual;
  }
  return Order::kError;
}

UdfOutcome Sort(Args args) {
  const std::vector<Value>* list = AsList(args[0]);
  if (list == nullptr) return WrongType("ListSort", "list", "list", args[0]);
  const Value& reverse_value = Plain(args[1]);
  if (reverse_value.kind() != Value::Kind::kBool) {
    return WrongType("ListSort", "reverse", "bool", reverse_value);
  }
  const bool reverse = reverse_value.as_bool();
  std::vector<Value> items = *list;
  bool failed = false;
  const Value* failed_left = nullptr;
  const Value* failed_right = nullptr;
  // Whether `right` must come before `left` (both stable directions keep equal items in order,
  // as Python's sorted(..., reverse=True) does).
  auto before = [&](const Value& left, const Value& right) {
    const Order order = ComparePython(right, left);
    if (order == Order::kError) {
      if (!failed) {
        failed_left = &left;
        failed_right = &right;
      }
      failed = true;
      return false;
    }
    return reverse ? order == Order::kGreater : order == Order::kLess;
  };
  // Bottom-up merge sort: stable, and safe with comparisons that fail or are inconsistent.
  std::vector<Value> buffer(items.size());
  for (size_t width = 1; width < items.size(); width *= 2) {
    for (size_t lo = 0; lo < items.size(); lo += 2 * width) {
      const size_t mid = std::min(lo + width, items.size());
      const size_t hi = std::min(lo + 2 * width, items.size());
      size_t i = lo;
      size_t j = mid;
      size_t k = lo;
      while (i < mid && j < hi) buffer[k++] = before(items[i], items[j]) ? items[j++] : items[i++];
      while (i < mid) buffer[k++] = items[i++];
      while (j < hi) buffer[k++] = items[j++];
    }
    items.swap(buffer);
    if (failed) break;
  }
  if (failed) {
    return Recorded("TypeError: '<' not supported between instances of '" +
                    (PythonTypeName(Plain(*failed_right))) + "' and '" +
                    (PythonTypeName(Plain(*failed_left))) + "'");
  }
  return Value::List(std::move(items));
}

}  // namespace

void RegisterListUdfs(NativeUdfRegistry& registry) {
  registry.Register("ListLength", Stateless([](CallContext&, Args args) { return Length(args); }));
  registry.Register("ListRead", Stateless([](CallContext&, Args args) { return Read(args); }));
  registry.Register("ListSort", Stateless([](CallContext&, Args args) { return Sort(args); }));
}

}  // namespace osprey::runtime::udfs
