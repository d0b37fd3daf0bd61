// The rows of UdfRegistry::Stdlib(): every function Osprey 1.1.0 registers in its standard
// library plugin (osprey_worker/.../_stdlibplugin/udf_register.py), plus the two functions of its
// example plugin. Parameter names, types, defaults and ConstExpr-ness follow each UDF's Python
// `Arguments` class, in the order the reference collects them (base classes first).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "frontend/udf_registry.h"

namespace osprey::frontend {
namespace {

struct StdlibRow {
  std::string_view signature;
  Purity purity;
  CostClass cost;
  UdfCheck check;
  std::string_view origin;
};

constexpr std::string_view kStdlib = "stdlib";
constexpr std::string_view kExample = "example-plugin";

using enum Purity;
using enum CostClass;
using C = UdfCheck;

// Type variables keep the reference's name `_T`, so messages print `Entity[~_T]` as it does.
constexpr StdlibRow kRows[] = {
    // Action and JSON access.
    {"JsonData(path: const str, required: bool = True, coerce_type: bool = True) -> dynamic Any",
     kActionMetadata, kCheap, C::kJsonPath, kStdlib},
    {"GetActionId() -> int", kActionMetadata, kTrivial, C::kNone, kStdlib},
    {"GetActionName() -> str", kActionMetadata, kTrivial, C::kNone, kStdlib},

    // Entities. EntityJson's type variable is bound by no argument, so its result is dynamic.
    {"Entity(type: const str, id: ~_T) -> Entity[~_T]", kPure, kTrivial, C::kNone, kStdlib},
    {"EntityJson(type: const str, path: const str, required: bool = True, "
     "coerce_type: bool = True) -> dynamic Entity[~_T]",
     kActionMetadata, kCheap, C::kEntityJson, kStdlib},

    // Strings.
    {"StringLength(s: str) -> int", kPure, kText, C::kNone, kStdlib},
    {"StringToLower(s: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringToUpper(s: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringStartsWith(s: str, start: str) -> bool", kPure, kText, C::kNone, kStdlib},
    {"StringEndsWith(s: str, end: str) -> bool", kPure, kText, C::kNone, kStdlib},
    {"StringStrip(s: str, chars: str | None = None) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringRStrip(s: str, chars: str | None = None) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringLStrip(s: str, chars: str | None = None) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringReplace(s: str, old: str, new: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringJoin(s: str, iterable: list[str]) -> str", kPure, kText, C::kNone, kStdlib},
    {"StringSplit(s: str, sep: str | None = None, maxsplit: int = -1) -> list[str]", kPure, kText,
     C::kNone, kStdlib},
    {"StringSlice(s: str, start: const int, end: const int) -> str", kPure, kText, C::kStringSlice,
     kStdlib},
    {"StringClean(s: str, form: str = 'NFKC', remove_emoji: bool = False, space: bool = True, "
     "l33t: bool = False, homoglyph: bool = True, unicode_normalize: bool = True, "
     "unidecode: bool = False, upper: bool = False, lower: bool = False, "
     "remove_space: bool = False, remove_punctuation: bool = False) -> str",
     kPure, kText, C::kNone, kStdlib},
    {"StringExtractDomains(s: str) -> list[str]", kPure, kRegex, C::kNone, kStdlib},
    {"StringExtractURLs(s: str) -> list[str]", kPure, kRegex, C::kNone, kStdlib},

    // Regular expressions.
    {"RegexMatch(pattern: const str, case_insensitive: const bool = False, target: str) -> bool",
     kPure, kRegex, C::kRegexPattern, kStdlib},
    {"RegexMatchMap(pattern: const str, case_insensitive: const bool = False, "
     "target: list[str], mode: const str = 'any') -> bool",
     kPure, kRegex, C::kRegexMatchMap, kStdlib},
    {"CountRegexMatches(patterns: const list[str], target: str, "
     "case_insensitive: const bool = False) -> int",
     kPure, kRegex, C::kRegexPatternList, kStdlib},

    // Hashing and base64.
    {"HashMd5(input: str) -> str", kPure, kHash, C::kNone, kStdlib},
    {"HashSha1(input: str) -> str", kPure, kHash, C::kNone, kStdlib},
    {"HashSha256(input: str) -> str", kPure, kHash, C::kNone, kStdlib},
    {"HashSha512(input: str) -> str", kPure, kHash, C::kNone, kStdlib},
    {"Base64Encode(input: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"Base64Decode(input: str) -> str", kPure, kText, C::kNone, kStdlib},

    // Lists and optionals.
    {"ListLength(list: list[Any]) -> int", kPure, kTrivial, C::kNone, kStdlib},
    {"ListRead(list: list[Any], index: int = 0) -> str", kPure, kTrivial, C::kNone, kStdlib},
    {"ListSort(list: list[Any], reverse: bool = False) -> list[Any]", kPure, kCheap, C::kNone,
     kStdlib},
    {"ResolveOptional(optional_value: ~_T | None, default_value: ~_T | None = None, "
     "should_report_error: const bool = False) -> ~_T",
     kPure, kTrivial, C::kResolveOptional, kStdlib},

    // Time. TimeSince reads the wall clock.
    {"TimeDelta(weeks: const int = 0, days: const int = 0, hours: const int = 0, "
     "minutes: const int = 0, seconds: const int = 0) -> TimeDeltaT",
     kPure, kTrivial, C::kNone, kStdlib},
    {"TimeSince(timestamp: str) -> TimeDeltaT", kExternalState, kText, C::kNone, kStdlib},
    {"GetTimedeltaBucket(timedelta: TimeDeltaT, granularity_seconds: const int) -> int", kPure,
     kTrivial, C::kTimeBucket, kStdlib},
    {"GetTimestampBucket(timestamp: int, granularity_seconds: const int) -> int", kPure, kTrivial,
     C::kTimeBucket, kStdlib},
    {"GetSnowflakeBucket(snowflake: int, granularity_seconds: const int) -> int", kPure, kTrivial,
     C::kTimeBucket, kStdlib},

    // Network and identity. DomainTld/DomainChopper/EmailDomain consult the public suffix list.
    {"IpNetwork(ip: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"EmailDomain(email: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"EmailSubdomain(email: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"EmailLocalPart(email: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"DomainTld(domain: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"DomainChopper(urls: list[str], fld: const bool = False) -> list[str]", kPure, kText, C::kNone,
     kStdlib},
    {"PhoneCountry(phone_number: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"PhonePrefix(phone_number: str) -> str", kPure, kText, C::kNone, kStdlib},
    {"MXLookup(domain: str) -> str", kExternalState, kExternal, C::kNone, kStdlib},
    {"ExtractCookie(header: str, key: const str) -> str", kPure, kText, C::kNone, kStdlib},

    // Labels and verdicts.
    {"HasLabel(entity: Entity[Any], label: const str, manual: bool | None = None, "
     "status: const str = 'added', min_label_age: TimeDeltaT | None = None, "
     "error_on_empty: bool = False) -> bool",
     kExternalState, kExternal, C::kHasLabel, kStdlib},
    {"LabelAdd(entity: Entity[Any], label: const str, delay_action_by: TimeDeltaT | None = None, "
     "apply_if: RuleT | None = None, expires_after: TimeDeltaT | None = None) -> EffectBase",
     kPure, kTrivial, C::kLabelEffect, kStdlib},
    {"LabelRemove(entity: Entity[Any], label: const str, "
     "delay_action_by: TimeDeltaT | None = None, apply_if: RuleT | None = None, "
     "expires_after: TimeDeltaT | None = None) -> EffectBase",
     kPure, kTrivial, C::kLabelEffect, kStdlib},
    {"DeclareVerdict(verdict: str) -> EffectBase", kPure, kTrivial, C::kNone, kStdlib},

    // Rules and composition.
    {"Rule(when_all: list[bool], description: str) -> RuleT", kPure, kTrivial, C::kRule, kStdlib},
    {"WhenRules(rules_any: list[RuleT], then: list[EffectBase]) -> None", kControl, kTrivial,
     C::kNone, kStdlib},
    {"Require(rule: str, require_if: bool = True) -> None", kControl, kTrivial, C::kRequire,
     kStdlib},
    {"Import(rules: const list[str]) -> None", kControl, kTrivial, C::kImport, kStdlib},

    // Experiments. ExperimentsBucketAssignment is a subclass of Experiment with the same arguments.
    {"Experiment(entity: Entity[Any], buckets: const list[str], bucket_sizes: const list[float], "
     "version: const int, revision: const int) -> ExperimentT",
     kPure, kHash, C::kExperiment, kStdlib},
    {"ExperimentsBucketAssignment(entity: Entity[Any], buckets: const list[str], "
     "bucket_sizes: const list[float], version: const int, revision: const int) -> ExperimentT",
     kPure, kHash, C::kExperiment, kStdlib},
    {"ExperimentWhen(experiment: ExperimentT, **buckets: list[bool]) -> list[bool]", kPure,
     kTrivial, C::kExperimentWhen, kStdlib},

    // Random.
    {"RandomBool(percentage: const float) -> bool", kRandom, kCheap, C::kRandomBool, kStdlib},
    {"RandomInt(start: const int, end: const int) -> int", kRandom, kCheap, C::kRandomInt, kStdlib},

    // Osprey's example plugin (example_plugins/src/udfs/). TextContains' `case_sensitive` is an
    // unannotated class attribute, which the reference does not treat as an argument.
    {"TextContains(text: str, phrase: str) -> bool", kPure, kRegex, C::kNone, kExample},
    {"BanUser(entity: str, comment: str) -> EffectBase", kPure, kTrivial, C::kNone, kExample},
};

[[noreturn]] void Die(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "osprey: bad stdlib UDF row: %.*s: %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

UdfRegistry BuildStdlib() {
  UdfRegistry registry;
  for (const StdlibRow& row : kRows) {
    absl::StatusOr<UdfSignature> signature = ParseUdfSignature(row.signature);
    // A row that does not parse is a programming error in the table above; tests catch it.
    if (!signature.ok()) Die(row.signature, signature.status().ToString());
    signature->purity = row.purity;
    signature->cost = row.cost;
    signature->check = row.check;
    signature->origin = std::string(row.origin);
    absl::Status added = registry.Add(*std::move(signature));
    if (!added.ok()) Die(row.signature, added.ToString());
  }
  return registry;
}

}  // namespace

const UdfRegistry& UdfRegistry::Stdlib() {
  // Built once, on first use; C++ guarantees the initialisation is thread-safe, and the
  // registry is never destroyed so that it outlives every static user.
  static const UdfRegistry* const stdlib = new UdfRegistry(BuildStdlib());
  return *stdlib;
}

}  // namespace osprey::frontend
