#include "runtime/dns_resolver.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <poll.h>
#include <resolv.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_format.h"

namespace osprey::runtime {
namespace {

// What asking one nameserver gave.
enum class Exchange : uint8_t { kReply, kTimeout, kFailed };

struct Server {
  sockaddr_storage address{};
  socklen_t length = 0;
};

// Closes a file descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

bool WaitFor(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  return poll(&p, 1, timeout_ms) == 1;
}

// One UDP exchange (connected socket, so that an ICMP "port unreachable" is seen as a refusal).
Exchange AskUdp(const Server& server, const std::vector<uint8_t>& query, int timeout_ms,
                std::vector<uint8_t>& reply) {
  Fd socket_fd{socket(server.address.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
  if (socket_fd.fd < 0) return Exchange::kFailed;
  if (connect(socket_fd.fd, reinterpret_cast<const sockaddr*>(&server.address), server.length) !=
          0 ||
      send(socket_fd.fd, query.data(), query.size(), 0) < 0) {
    return Exchange::kFailed;
  }
  reply.resize(65536);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0 || !WaitFor(socket_fd.fd, POLLIN, static_cast<int>(left))) {
      return Exchange::kTimeout;
    }
    ssize_t n = recv(socket_fd.fd, reply.data(), reply.size(), 0);
    if (n < 0) return errno == ECONNREFUSED ? Exchange::kFailed : Exchange::kTimeout;
    // A reply must carry the query's id; anything else is ignored.
    if (n >= 12 && reply[0] == query[0] && reply[1] == query[1]) {
      reply.resize(static_cast<size_t>(n));
      return Exchange::kReply;
    }
  }
}

// The same question over TCP, after a truncated UDP reply.
Exchange AskTcp(const Server& server, const std::vector<uint8_t>& query, int timeout_ms,
                std::vector<uint8_t>& reply) {
  Fd socket_fd{socket(server.address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (socket_fd.fd < 0 || connect(socket_fd.fd, reinterpret_cast<const sockaddr*>(&server.address),
                                  server.length) != 0) {
    return Exchange::kFailed;
  }
  std::vector<uint8_t> framed = {static_cast<uint8_t>(query.size() >> 8),
                                 static_cast<uint8_t>(query.size() & 0xFF)};
  framed.insert(framed.end(), query.begin(), query.end());
  if (send(socket_fd.fd, framed.data(), framed.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(framed.size())) {
    return Exchange::kFailed;
  }
  std::vector<uint8_t> buffer;
  size_t wanted = 2;
  while (buffer.size() < wanted) {
    if (!WaitFor(socket_fd.fd, POLLIN, timeout_ms)) return Exchange::kTimeout;
    uint8_t chunk[4096];
    ssize_t n = recv(socket_fd.fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return Exchange::kFailed;
    buffer.insert(buffer.end(), chunk, chunk + n);
    if (buffer.size() >= 2) wanted = 2 + (static_cast<size_t>(buffer[0]) << 8 | buffer[1]);
  }
  reply.assign(buffer.begin() + 2, buffer.begin() + static_cast<std::ptrdiff_t>(wanted));
  return reply.size() >= 12 ? Exchange::kReply : Exchange::kFailed;
}

// Reads a reply: the status, the records of `type` and how long the answer may be cached.
absl::StatusOr<std::pair<DnsAnswer, uint32_t>> ParseReply(const std::vector<uint8_t>& reply,
                                                          DnsRecordType type) {
  ns_msg message;
  if (ns_initparse(reply.data(), static_cast<int>(reply.size()), &message) != 0) {
    return absl::InternalError("malformed DNS reply");
  }
  DnsAnswer answer;
  uint32_t ttl = 0;
  switch (ns_msg_getflag(message, ns_f_rcode)) {
    case ns_r_noerror:
      break;
    case ns_r_nxdomain:
      answer.status = DnsAnswer::Status::kNxDomain;
      break;
    case ns_r_yxdomain:
      answer.status = DnsAnswer::Status::kYxDomain;
      return std::make_pair(answer, ttl);
    default:
      answer.status = DnsAnswer::Status::kNoNameservers;
      return std::make_pair(answer, ttl);
  }
  bool first = true;
  for (int i = 0;
       answer.status != DnsAnswer::Status::kNxDomain && i < ns_msg_count(message, ns_s_an); ++i) {
    ns_rr record;
    if (ns_parserr(&message, ns_s_an, i, &record) != 0) {
      return absl::InternalError("malformed DNS reply");
    }
    if (ns_rr_type(record) != static_cast<uint16_t>(type) || ns_rr_class(record) != ns_c_in) {
      continue;  // The CNAMEs leading to the records asked for.
    }
    const uint8_t* data = ns_rr_rdata(record);
    if (type == DnsRecordType::kA) {
      if (ns_rr_rdlen(record) != 4) return absl::InternalError("malformed A record");
      char text[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, data, text, sizeof(text));
      answer.records.push_back(text);
    } else {
      char name[NS_MAXDNAME];
      if (ns_rr_rdlen(record) < 3 || ns_name_uncompress(ns_msg_base(message), ns_msg_end(message),
                                                        data + 2, name, sizeof(name)) < 0) {
        return absl::InternalError("malformed MX record");
      }
      // Absolute, as dnspython writes names: "mail.example." ("." for the root).
      std::string exchange = name;
      if (exchange.empty() || exchange.back() != '.') exchange += '.';
      answer.records.push_back(exchange);
    }
    ttl = first ? ns_rr_ttl(record) : std::min<uint32_t>(ttl, ns_rr_ttl(record));
    first = false;
  }
  if (!answer.records.empty()) {
    answer.status = DnsAnswer::Status::kAnswer;
    return std::make_pair(answer, ttl);
  }
  if (answer.status != DnsAnswer::Status::kNxDomain) answer.status = DnsAnswer::Status::kNoAnswer;
  // A negative answer lasts as long as the zone's SOA says (RFC 2308).
  for (int i = 0; i < ns_msg_count(message, ns_s_ns); ++i) {
    ns_rr record;
    if (ns_parserr(&message, ns_s_ns, i, &record) != 0 || ns_rr_type(record) != ns_t_soa ||
        ns_rr_rdlen(record) < 4) {
      continue;
    }
    const uint8_t* minimum = ns_rr_rdata(record) + ns_rr_rdlen(record) - 4;
    ttl = std::min<uint32_t>(ns_rr_ttl(record), ns_get32(minimum));
    break;
  }
  return std::make_pair(answer, ttl);
}

std::string CacheKey(std::string_view name, DnsRecordType type) {
  std::string key = absl::StrFormat("%d/", static_cast<int>(type));
  for (char c : name) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (key.back() != '.') key.push_back('.');
  return key;
}

std::mutex default_mutex;
std::shared_ptr<DnsResolver>& DefaultSlot() {
  static auto* slot = new std::shared_ptr<DnsResolver>;
  return *slot;
}

DnsOptions OptionsFromEnvironment() {
  DnsOptions options;
  const char* server = std::getenv("OSPREY_DNS_SERVER");
  if (server == nullptr || *server == '\0') return options;
  std::string_view text(server);
  size_t colon = text.find(':');
  options.nameserver = std::string(text.substr(0, colon));
  if (colon != std::string_view::npos) {
    options.port = static_cast<uint16_t>(std::atoi(std::string(text.substr(colon + 1)).c_str()));
  }
  return options;
}

}  // namespace

absl::StatusOr<std::pair<DnsAnswer, uint32_t>> DnsResolver::Query(const std::string& name,
                                                                  DnsRecordType type) const {
  struct __res_state state;
  std::memset(&state, 0, sizeof(state));
  if (res_ninit(&state) != 0) return absl::InternalError("cannot initialise the DNS resolver");
  std::vector<uint8_t> query(NS_PACKETSZ);
  const std::string absolute = name.empty() ? "." : name;
  int length = res_nmkquery(&state, ns_o_query, absolute.c_str(), ns_c_in, static_cast<int>(type),
                            nullptr, 0, nullptr, query.data(), static_cast<int>(query.size()));
  std::vector<Server> servers;
  if (options_.nameserver.empty()) {
    for (int i = 0; i < state.nscount && i < MAXNS; ++i) {
      Server server;
      if (state.nsaddr_list[i].sin_family == AF_INET) {
        std::memcpy(&server.address, &state.nsaddr_list[i], sizeof(sockaddr_in));
        server.length = sizeof(sockaddr_in);
      } else if (state._u._ext.nsaddrs[i] != nullptr) {
        std::memcpy(&server.address, state._u._ext.nsaddrs[i], sizeof(sockaddr_in6));
        server.length = sizeof(sockaddr_in6);
      } else {
        continue;
      }
      servers.push_back(server);
    }
  }
  res_nclose(&state);
  if (length < 0) {
    return absl::InvalidArgumentError(absl::StrFormat("invalid domain name '%s'", name));
  }
  query.resize(static_cast<size_t>(length));
  if (!options_.nameserver.empty()) {
    Server server;
    auto* address = reinterpret_cast<sockaddr_in*>(&server.address);
    address->sin_family = AF_INET;
    address->sin_port = htons(options_.port);
    if (inet_pton(AF_INET, options_.nameserver.c_str(), &address->sin_addr) != 1) {
      return absl::InvalidArgumentError(
          absl::StrFormat("DNS nameserver '%s' is not an IPv4 address", options_.nameserver));
    }
    server.length = sizeof(sockaddr_in);
    servers.push_back(server);
  }
  // As dnspython: try each server in turn, for several rounds; a server that refuses or answers
  // SERVFAIL/REFUSED/NOTIMP/FORMERR is dropped; when none is left, NoNameservers; when time
  // runs out first, a timeout.
  const int timeout_ms = std::max(1, options_.timeout_seconds) * 1000;
  std::vector<bool> dropped(servers.size(), false);
  for (int attempt = 0; attempt < std::max(1, options_.attempts); ++attempt) {
    for (size_t s = 0; s < servers.size(); ++s) {
      if (dropped[s]) continue;
      std::vector<uint8_t> reply;
      Exchange exchange = AskUdp(servers[s], query, timeout_ms, reply);
      if (exchange == Exchange::kReply && (reply[2] & 0x02) != 0) {  // TC: truncated.
        exchange = AskTcp(servers[s], query, timeout_ms, reply);
      }
      if (exchange == Exchange::kTimeout) continue;
      if (exchange == Exchange::kFailed) {
        dropped[s] = true;
        continue;
      }
      absl::StatusOr<std::pair<DnsAnswer, uint32_t>> parsed = ParseReply(reply, type);
      if (!parsed.ok()) return parsed.status();
      if (parsed->first.status == DnsAnswer::Status::kNoNameservers) {
        dropped[s] = true;
        continue;
      }
      return parsed;
    }
  }
  if (std::all_of(dropped.begin(), dropped.end(), [](bool d) { return d; })) {
    return std::make_pair(DnsAnswer{DnsAnswer::Status::kNoNameservers, {}}, uint32_t{0});
  }
  return absl::DeadlineExceededError(absl::StrFormat(
      "The DNS operation timed out (%s, %s)", absolute, type == DnsRecordType::kA ? "A" : "MX"));
}

absl::StatusOr<DnsAnswer> DnsResolver::Resolve(std::string_view name, DnsRecordType type) {
  const std::string key = CacheKey(name, type);
  if (options_.cache_entries > 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      if (Clock::now() < it->second->second.expiry) {
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->second.answer;
      }
      lru_.erase(it->second);
      cache_.erase(it);
    }
  }
  absl::StatusOr<std::pair<DnsAnswer, uint32_t>> result = Query(std::string(name), type);
  if (!result.ok()) return result.status();
  auto& [answer, ttl] = *result;
  if (options_.cache_entries > 0 && ttl > 0 && answer.status != DnsAnswer::Status::kNoNameservers) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) {
      lru_.erase(it->second);
      cache_.erase(it);
    }
    lru_.emplace_front(key, CacheEntry{answer, Clock::now() + std::chrono::seconds(ttl)});
    cache_[key] = lru_.begin();
    while (lru_.size() > options_.cache_entries) {
      cache_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }
  return answer;
}

std::shared_ptr<DnsResolver> DnsResolver::Default() {
  std::lock_guard<std::mutex> lock(default_mutex);
  std::shared_ptr<DnsResolver>& slot = DefaultSlot();
  if (slot == nullptr) slot = std::make_shared<DnsResolver>(OptionsFromEnvironment());
  return slot;
}

void DnsResolver::Configure(DnsOptions options) {
  std::lock_guard<std::mutex> lock(default_mutex);
  DefaultSlot() = std::make_shared<DnsResolver>(std::move(options));
}

}  // namespace osprey::runtime
