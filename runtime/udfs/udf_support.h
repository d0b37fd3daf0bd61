// Helpers shared by the native stdlib functions in runtime/udfs/: argument access with SML's
// implicit unwrapping, Python's code-point string model, and the per-file registration hooks.
// Internal to osprey_runtime.
#ifndef OSPREY_RUNTIME_UDFS_UDF_SUPPORT_H_
#define OSPREY_RUNTIME_UDFS_UDF_SUPPORT_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/python_semantics.h"
#include "runtime/udf.h"
#include "runtime/value.h"

namespace osprey::runtime::udfs {

// A recorded error (counted in __error_count), e.g. a Python exception the reference lets escape.
inline UdfError Recorded(std::string message) { return UdfError{std::move(message), true}; }
// An "expected" failure (ExpectedUdfException): the node fails silently.
inline UdfError Silent() { return UdfError{"", false}; }

// The value a parameter of a plain type sees: an entity stands for its id (spec §3.3.4).
const Value& Plain(const Value& value);
// The string `value` holds (after Plain), or nullptr.
const std::string* AsString(const Value& value);
// "TypeError: <function>: `<param>` must be <expected>, got <type>".
UdfError WrongType(std::string_view function, std::string_view param, std::string_view expected,
                   const Value& got);
// An effect to fill in: the call site's kept one when no one holds it any more (cleared), or
// a new one (kept in the slot when the context has one).
std::shared_ptr<Effect> NewEffect(CallContext& context);
// A str result written in place by `fill(std::string&)`: into the call site's kept string
// when no one holds it any more, else into a new one (runtime::StringValueFilled).
template <typename Fill>
Value StringResult(CallContext& context, Fill fill) {
  if (context.slots == nullptr) {
    std::shared_ptr<std::string> fresh;
    return StringValueFilled(fresh, fill);
  }
  return StringValueFilled(context.slots->string, fill);
}
// A copy of what the factory learned about the call site, kept by the instance.
struct SiteData {
  std::vector<std::optional<Value>> constants;
  std::string assigned_name;
};
// A ConstExpr parameter's value: the compile-time constant when known, else the runtime one.
const Value& ConstOr(const SiteData& site, std::span<const Value> arguments, size_t index);
// Adapts a function that reads its call site's data (but keeps no other state) to a factory.
using SiteFunction =
    std::function<UdfOutcome(const SiteData&, CallContext&, std::span<const Value>)>;
UdfFactory WithSite(SiteFunction function);

// Declares `const std::string* var` bound to a str parameter, or returns the TypeError.
#define OSPREY_UDF_STR_ARG(var, arguments, index, function, param)                         \
  const std::string* var = ::osprey::runtime::udfs::AsString((arguments)[index]);          \
  if (var == nullptr) {                                                                    \
    return ::osprey::runtime::udfs::WrongType(function, param, "str", (arguments)[index]); \
  }

// --- Strings as sequences of code points (the strings are valid UTF-8; invalid bytes decode as
// U+FFFD so that nothing here can read out of bounds). ---
std::u32string DecodeUtf8(std::string_view utf8);
void AppendUtf8(std::string& out, char32_t code_point);
std::string EncodeUtf8(std::u32string_view code_points);
size_t CodePointCount(std::string_view utf8);
// Python's str.isspace() / regex \s on str.
bool IsPythonSpace(char32_t c);
// Python str.lower() / str.upper(): full Unicode case mappings, final sigma included.
std::string PythonLower(std::string_view utf8);
std::string PythonUpper(std::string_view utf8);
// The same, appended to `out`.
void AppendPythonLower(std::string_view utf8, std::string* out);
void AppendPythonUpper(std::string_view utf8, std::string* out);
// Python int -> str.
std::string IntToString(int64_t value);

// --- Addresses (network.cc) ---
// Python ipaddress.IPv4Address: exactly four decimal octets 0-255, no leading zeros.
std::optional<uint32_t> ParsePythonIPv4(std::string_view text);
// Python ipaddress.IPv6Address (a `%scope` suffix is accepted when `allow_scope`).
std::optional<std::array<uint16_t, 8>> ParsePythonIPv6(std::string_view text, bool allow_scope);
// Unicode NFKC of UTF-8 text (ICU).
std::string NormalizeNfkc(std::string_view utf8);

// MurmurHash3 x86 32-bit (experiments.cc), for tests.
uint32_t MurmurHash3ForTest(std::string_view data, uint32_t seed);

// --- Registration, one hook per source file. ---
void RegisterStringUdfs(NativeUdfRegistry& registry);           // strings.cc
void RegisterStringCleanUdfs(NativeUdfRegistry& registry);      // string_clean.cc
void RegisterStringExtractUdfs(NativeUdfRegistry& registry);    // string_extract.cc
void RegisterRegexUdfs(NativeUdfRegistry& registry);            // regex.cc
void RegisterHashUdfs(NativeUdfRegistry& registry);             // hashes.cc
void RegisterListUdfs(NativeUdfRegistry& registry);             // lists.cc
void RegisterTimeUdfs(NativeUdfRegistry& registry);             // time.cc
void RegisterNetworkUdfs(NativeUdfRegistry& registry);          // network.cc
void RegisterDomainUdfs(NativeUdfRegistry& registry);           // domains.cc
void RegisterExperimentUdfs(NativeUdfRegistry& registry);       // experiments.cc
void RegisterRandomUdfs(NativeUdfRegistry& registry);           // random.cc
void RegisterEffectUdfs(NativeUdfRegistry& registry);           // effects.cc
void RegisterEntityAndActionUdfs(NativeUdfRegistry& registry);  // entity_and_action.cc
void RegisterHasLabelUdf(NativeUdfRegistry& registry);          // has_label.cc
void RegisterMxLookupUdf(NativeUdfRegistry& registry);          // mx_lookup.cc

}  // namespace osprey::runtime::udfs

#endif  // OSPREY_RUNTIME_UDFS_UDF_SUPPORT_H_
