// A minimal etcd v3 client over etcd's JSON gateway (HTTP, libcurl): what a rule source needs,
// reading, writing and watching one key. Keys and values are bytes (the gateway carries them in
// base64).
#ifndef OSPREY_TOOLS_ETCD_CLIENT_H_
#define OSPREY_TOOLS_ETCD_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace osprey::tools {

struct EtcdValue {
  std::string value;
  int64_t mod_revision = 0;
};

class EtcdClient {
 public:
  // `endpoint` like "http://127.0.0.1:2379" (a bare host:port gets http://).
  explicit EtcdClient(std::string endpoint);

  // The key's value, or nullopt when the key does not exist. Unavailable when etcd cannot be
  // reached, Internal on a reply that is not what the gateway sends.
  absl::StatusOr<std::optional<EtcdValue>> Get(const std::string& key) const;
  absl::Status Put(const std::string& key, const std::string& value) const;

  // Streams the changes of `key` after revision `after` until `stop` is set (checked about once
  // a second): `on_put` gets each new value in order; deletions are ignored (the running rules
  // stay). Returns OK when stopped, an error when the stream could not start or ended.
  absl::Status Watch(const std::string& key, int64_t after, const std::atomic<bool>& stop,
                     const std::function<void(const EtcdValue&)>& on_put) const;

 private:
  std::string endpoint_;
};

// Osprey's layout of a ruleset in etcd: one JSON object mapping each file's path (relative to
// the rules root) to its source text.
std::string EncodeRulesetJson(const std::map<std::string, std::string>& files);
absl::StatusOr<std::map<std::string, std::string>> DecodeRulesetJson(const std::string& json);

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_ETCD_CLIENT_H_
