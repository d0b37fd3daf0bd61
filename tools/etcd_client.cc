#include "tools/etcd_client.h"

#include <curl/curl.h>

#include <mutex>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "runtime/result_json.h"
#include "simdjson.h"

namespace osprey::tools {
namespace {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Base64(const std::string& bytes) { return absl::Base64Escape(bytes); }

// A JSON string literal (the gateway's request bodies hold only base64 and numbers).
std::string Quoted(const std::string& text) {
  std::string out;
  runtime::AppendJsonString(text, &out);
  return out;
}

struct Stream {
  std::string buffer;
  const std::function<bool(std::string_view)>* on_line = nullptr;  // false: stop.
};

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* stream = static_cast<Stream*>(user);
  stream->buffer.append(data, size * count);
  if (stream->on_line == nullptr) return size * count;
  // The watch stream is one JSON object per line.
  size_t newline;
  while ((newline = stream->buffer.find('\n')) != std::string::npos) {
    std::string line = stream->buffer.substr(0, newline);
    stream->buffer.erase(0, newline + 1);
    if (!(*stream->on_line)(line)) return 0;  // Aborts the transfer.
  }
  return size * count;
}

// POSTs `body` to `path`; the reply in `reply`, or each line to `on_line` when given.
absl::Status Post(const std::string& url, const std::string& body, std::string* reply,
                  const std::function<bool(std::string_view)>* on_line = nullptr,
                  const std::atomic<bool>* stop = nullptr) {
  InitCurlOnce();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::InternalError("curl_easy_init failed");
  Stream stream;
  stream.on_line = on_line;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &stream);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
  if (stop != nullptr) {
    // The watch has no end of its own: the progress callback polls `stop`.
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, stop);
    curl_easy_setopt(
        curl, CURLOPT_XFERINFOFUNCTION,
        +[](void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> int {
          return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
        });
  } else {
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  }
  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (stop != nullptr && stop->load()) return absl::OkStatus();
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && on_line != nullptr)) {
    return absl::UnavailableError(std::string("etcd at ") + url + ": " + curl_easy_strerror(code));
  }
  if (status != 200) {
    return absl::InternalError("etcd replied HTTP " + std::to_string(status) + ": " +
                               stream.buffer);
  }
  if (reply != nullptr) *reply = std::move(stream.buffer);
  return absl::OkStatus();
}

absl::StatusOr<std::string> Unbase64(std::string_view text) {
  std::string out;
  if (!absl::Base64Unescape(std::string(text), &out)) {
    return absl::InternalError("etcd sent invalid base64");
  }
  return out;
}

// A kv object of the gateway: {"key": b64, "value": b64, "mod_revision": "12", ...}.
absl::StatusOr<EtcdValue> ParseKv(simdjson::dom::element kv) {
  EtcdValue value;
  std::string_view encoded;
  if (kv["value"].get(encoded) == simdjson::SUCCESS) {
    absl::StatusOr<std::string> decoded = Unbase64(encoded);
    if (!decoded.ok()) return decoded.status();
    value.value = *std::move(decoded);
  }
  std::string_view revision;
  if (kv["mod_revision"].get(revision) == simdjson::SUCCESS) {
    if (!absl::SimpleAtoi(absl::string_view(revision.data(), revision.size()),
                          &value.mod_revision)) {
      return absl::InternalError("etcd sent a revision that is not a number");
    }
  }
  return value;
}

}  // namespace

EtcdClient::EtcdClient(std::string endpoint) : endpoint_(std::move(endpoint)) {
  if (endpoint_.find("://") == std::string::npos) endpoint_ = "http://" + endpoint_;
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
}

absl::StatusOr<std::optional<EtcdValue>> EtcdClient::Get(const std::string& key) const {
  std::string reply;
  absl::Status posted =
      Post(endpoint_ + "/v3/kv/range", "{\"key\": " + Quoted(Base64(key)) + "}", &reply);
  if (!posted.ok()) return posted;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(reply).get(root) != simdjson::SUCCESS) {
    return absl::InternalError("etcd replied with invalid JSON");
  }
  simdjson::dom::array kvs;
  if (root["kvs"].get(kvs) != simdjson::SUCCESS || kvs.size() == 0) {
    return std::optional<EtcdValue>();
  }
  absl::StatusOr<EtcdValue> value = ParseKv(kvs.at(0).value_unsafe());
  if (!value.ok()) return value.status();
  return std::optional<EtcdValue>(*std::move(value));
}

absl::Status EtcdClient::Put(const std::string& key, const std::string& value) const {
  return Post(endpoint_ + "/v3/kv/put",
              "{\"key\": " + Quoted(Base64(key)) + ", \"value\": " + Quoted(Base64(value)) + "}",
              nullptr);
}

absl::Status EtcdClient::Watch(const std::string& key, int64_t after, const std::atomic<bool>& stop,
                               const std::function<void(const EtcdValue&)>& on_put) const {
  simdjson::dom::parser parser;
  std::function<bool(std::string_view)> on_line = [&](std::string_view line) {
    simdjson::dom::element root;
    simdjson::dom::array events;
    if (parser.parse(line.data(), line.size()).get(root) != simdjson::SUCCESS ||
        root["result"]["events"].get(events) != simdjson::SUCCESS) {
      return !stop.load();  // The creation acknowledgement and progress notices.
    }
    for (simdjson::dom::element event : events) {
      std::string_view type;
      if (event["type"].get(type) == simdjson::SUCCESS && type == "DELETE") continue;
      simdjson::dom::element kv;
      if (event["kv"].get(kv) != simdjson::SUCCESS) continue;
      absl::StatusOr<EtcdValue> value = ParseKv(kv);
      if (value.ok()) on_put(*value);
    }
    return !stop.load();
  };
  std::string body = "{\"create_request\": {\"key\": " + Quoted(Base64(key)) +
                     ", \"start_revision\": " + std::to_string(after + 1) + "}}";
  absl::Status watched = Post(endpoint_ + "/v3/watch", body, nullptr, &on_line, &stop);
  if (watched.ok() && !stop.load()) {
    // A watch has no end of its own: etcd restarted, a proxy closed the stream, or etcd
    // cancelled the watch (e.g. its revision was compacted).
    return absl::UnavailableError("the etcd watch ended");
  }
  return watched;
}

std::string EncodeRulesetJson(const std::map<std::string, std::string>& files) {
  std::string out = "{";
  for (const auto& [path, text] : files) {
    if (out.size() > 1) out += ", ";
    runtime::AppendJsonString(path, &out);
    out += ": ";
    runtime::AppendJsonString(text, &out);
  }
  return out + "}";
}

absl::StatusOr<std::map<std::string, std::string>> DecodeRulesetJson(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json).get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the ruleset in etcd is not a JSON object");
  }
  std::map<std::string, std::string> files;
  for (auto [path, text] : object) {
    std::string_view source;
    if (text.get(source) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError("the ruleset in etcd maps `" + std::string(path) +
                                        "` to something other than a string");
    }
    files[std::string(path)] = std::string(source);
  }
  return files;
}

}  // namespace osprey::tools
