// MXLookup (spec udfs.md §I.9), as the reference's synchronous worker does it: the first MX
// record of the domain in response order (not the lowest preference), then the smallest, as a
// string, of its exchange's A addresses ("10.0.0.2" < "9.0.0.1"). A reply saying there is no
// such record (NoAnswer, NXDOMAIN, YXDOMAIN) or no nameserver able to answer (NoNameservers)
// is an expected failure; a timeout or a name DNS cannot carry is a recorded error. Lookups go
// through runtime::DnsResolver::Default(), whose cache stands for dnspython's process-wide
// LRUCache (1,000 entries, TTLs honoured).
#include <unicode/uidna.h>

#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "runtime/dns_resolver.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

// dnspython encodes a non-ASCII name with IDNA 2008 (UTS #46, non-transitional) when the
// `idna` package is present, as it is in the reference's environment.
std::optional<std::string> ToAscii(const std::string& domain) {
  if (std::all_of(domain.begin(), domain.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return domain;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UIDNA, decltype(&uidna_close)> idna(
      uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII, &status), &uidna_close);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(domain.size() * 4 + 64, '\0');
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t length =
      uidna_nameToASCII_UTF8(idna.get(), domain.data(), static_cast<int32_t>(domain.size()),
                             out.data(), static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || info.errors != 0) return std::nullopt;
  out.resize(static_cast<size_t>(length));
  return out;
}

// One lookup; nullopt with `failure` set when MXLookup must stop.
std::optional<DnsAnswer> Lookup(DnsResolver& resolver, const std::string& name, DnsRecordType type,
                                UdfError& failure) {
  absl::StatusOr<DnsAnswer> answer = resolver.Resolve(name, type);
  if (!answer.ok()) {
    failure = Recorded(absl::StrFormat("MXLookup: %s", answer.status().message()));
    return std::nullopt;
  }
  if (answer->status != DnsAnswer::Status::kAnswer) {
    failure = Silent();
    return std::nullopt;
  }
  return *std::move(answer);
}

UdfOutcome MxLookup(CallContext&, std::span<const Value> args) {
  OSPREY_UDF_STR_ARG(domain, args, 0, "MXLookup", "domain");
  std::optional<std::string> name = ToAscii(*domain);
  if (!name) {
    return Recorded(absl::StrFormat("MXLookup: IDNAException: cannot encode '%s'", *domain));
  }
  std::shared_ptr<DnsResolver> resolver = DnsResolver::Default();
  UdfError failure;
  std::optional<DnsAnswer> mx = Lookup(*resolver, *name, DnsRecordType::kMx, failure);
  if (!mx) return failure;
  std::optional<DnsAnswer> a = Lookup(*resolver, mx->records.front(), DnsRecordType::kA, failure);
  if (!a) return failure;
  return Value::String(*std::min_element(a->records.begin(), a->records.end()));
}

}  // namespace

void RegisterMxLookupUdf(NativeUdfRegistry& registry) {
  registry.Register("MXLookup", Stateless(MxLookup));
}

}  // namespace osprey::runtime::udfs
