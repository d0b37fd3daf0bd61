// Calls native stdlib functions the way the evaluator does, and renders outcomes as short
// strings so that tests can be tables of (inputs, expected text).
#ifndef OSPREY_TESTS_RUNTIME_UDFS_TEST_UTIL_H_
#define OSPREY_TESTS_RUNTIME_UDFS_TEST_UTIL_H_

#include <cctype>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/python_semantics.h"
#include "runtime/udf.h"
#include "runtime/value.h"

namespace osprey::runtime::testing {

inline Value S(std::string s) { return Value::String(std::move(s)); }
inline Value I(int64_t i) { return Value::Int(i); }
inline Value F(double f) { return Value::Float(f); }
inline Value B(bool b) { return Value::Bool(b); }
inline Value N() { return Value::None(); }
inline Value L(std::vector<Value> items) { return Value::List(std::move(items)); }

// "<silent>" for an expected failure, "<error>" for a recorded error, else Python's repr of the
// value ('abc', 3, 3.0, True, None, [1, 'a']).
inline std::string Render(const UdfOutcome& outcome) {
  if (const auto* error = std::get_if<UdfError>(&outcome)) {
    return error->recorded ? "<error>" : "<silent>";
  }
  return PythonRepr(std::get<Value>(outcome));
}

// Creates the instance for `name` with the given constants (missing entries are nullopt) and
// calls it once.
inline UdfOutcome CallUdf(std::string_view name, const std::vector<Value>& arguments,
                          const std::vector<std::optional<Value>>& constants = {},
                          CallContext* context = nullptr, std::string_view assigned_name = "") {
  const UdfFactory* factory = NativeUdfRegistry::Stdlib().Find(name);
  if (factory == nullptr) {
    ADD_FAILURE() << "no native " << name;
    return UdfError{"missing", true};
  }
  std::vector<std::optional<Value>> padded = constants;
  padded.resize(arguments.size());
  UdfSite site(padded);
  site.assigned_name = assigned_name;
  absl::StatusOr<std::unique_ptr<UdfInstance>> instance = (*factory)(site);
  if (!instance.ok()) return UdfError{"factory: " + std::string(instance.status().message()), true};
  CallContext local;
  return (*instance)->Call(context != nullptr ? *context : local, arguments);
}

// One table row: a function, its arguments (constants are taken from `const_indexes`), and the
// rendered outcome.
struct Case {
  std::string name;  // test name suffix
  std::string udf;
  std::vector<Value> arguments;
  std::string expected;
  std::vector<size_t> const_indexes = {};
};

inline std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

inline std::string RunCase(const Case& c) {
  std::vector<std::optional<Value>> constants(c.arguments.size());
  for (size_t i : c.const_indexes) constants[i] = c.arguments[i];
  return Render(CallUdf(c.udf, c.arguments, constants));
}

inline std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string out;
  for (char ch : info.param.name)
    out.push_back(std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return out;
}

}  // namespace osprey::runtime::testing

#endif  // OSPREY_TESTS_RUNTIME_UDFS_TEST_UTIL_H_
