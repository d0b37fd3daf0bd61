// A small caching DNS stub resolver (glibc's libresolv underneath), for MXLookup (udfs.md §I.9).
//
// It asks one configured nameserver, or the system's (/etc/resolv.conf), for records of one
// type, and classifies the reply the way dnspython's Resolver.resolve does, which decides
// between MXLookup's silent failures and its recorded errors. Names are absolute: no search
// list is applied (dnspython's default).
#ifndef OSPREY_RUNTIME_DNS_RESOLVER_H_
#define OSPREY_RUNTIME_DNS_RESOLVER_H_

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace osprey::runtime {

struct DnsOptions {
  // The IPv4 address of the one nameserver to ask, e.g. "127.0.0.1"; empty: the system's
  // nameservers (/etc/resolv.conf) on their configured ports.
  std::string nameserver;
  uint16_t port = 53;           // With `nameserver` only.
  int timeout_seconds = 2;      // Per attempt (libresolv counts whole seconds).
  int attempts = 2;             // Tries per nameserver.
  size_t cache_entries = 1000;  // LRU; 0 disables the cache.
};

enum class DnsRecordType : uint16_t { kA = 1, kMx = 15 };

struct DnsAnswer {
  enum class Status : uint8_t {
    kAnswer,         // NOERROR with records of the type.
    kNoAnswer,       // NOERROR without (dnspython NoAnswer).
    kNxDomain,       // NXDOMAIN.
    kYxDomain,       // YXDOMAIN.
    kNoNameservers,  // Every nameserver failed (SERVFAIL, REFUSED, FORMERR, NOTIMP, refused
                     // connection): dnspython NoNameservers.
  };
  Status status = Status::kNoAnswer;
  // The records of the asked type in the answer section, in response order, as dnspython's
  // to_text() writes them: A as a dotted quad; MX as its exchange, absolute ("mail.example.").
  std::vector<std::string> records;
};

class DnsResolver {
 public:
  explicit DnsResolver(DnsOptions options) : options_(std::move(options)) {}

  // Looks `name` (dotted text; "" or "." is the root; a trailing dot is optional) up. Answers,
  // positive or negative, come from the cache while their TTL lasts (negative ones for the
  // TTL of the zone's SOA, when the reply carries one). Errors: DeadlineExceeded when no
  // nameserver replied in time; InvalidArgument for a name DNS cannot carry (a label over 63
  // bytes, an empty label, over 255 bytes); Internal for a reply that does not parse.
  // Thread-safe.
  absl::StatusOr<DnsAnswer> Resolve(std::string_view name, DnsRecordType type);

  const DnsOptions& options() const { return options_; }

  // The process-wide resolver of MXLookup. Until Configure is called its options come from
  // the environment: OSPREY_DNS_SERVER="<ipv4>[:<port>]" selects a nameserver, otherwise the
  // system's are used.
  static std::shared_ptr<DnsResolver> Default();
  // Replaces the process-wide resolver (and so empties its cache).
  static void Configure(DnsOptions options);

 private:
  using Clock = std::chrono::steady_clock;
  struct CacheEntry {
    DnsAnswer answer;
    Clock::time_point expiry;
  };
  using LruList = std::list<std::pair<std::string, CacheEntry>>;

  absl::StatusOr<std::pair<DnsAnswer, uint32_t>> Query(const std::string& name,
                                                       DnsRecordType type) const;

  const DnsOptions options_;
  std::mutex mutex_;
  LruList lru_;  // Most recently used first.
  absl::flat_hash_map<std::string, LruList::iterator> cache_;
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_DNS_RESOLVER_H_
