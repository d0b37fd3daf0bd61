// StringExtractDomains and StringExtractURLs (spec udfs.md §C.2): URL-looking tokens, parsed the
// way Python 3.11's urllib.parse.urlparse does, de-duplicated in first-seen order (the
// reference returns a Python set, whose order is unspecified).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

bool IsAsciiHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// All non-overlapping matches of `https?://[^/\s][^\s)>]+`, left to right.
std::vector<std::string> FindUrlTokens(std::u32string_view text) {
  std::vector<std::string> tokens;
  const size_t n = text.size();
  size_t i = 0;
  auto stop = [](char32_t c) { return IsPythonSpace(c) || c == U')' || c == U'>'; };
  while (i < n) {
    if (text.substr(i, 4) != U"http") {
      ++i;
      continue;
    }
    size_t j = i + 4;
    if (j < n && text[j] == U's') ++j;
    if (text.substr(j, 3) != U"://") {
      ++i;
      continue;
    }
    j += 3;
    if (j >= n || text[j] == U'/' || IsPythonSpace(text[j])) {
      ++i;
      continue;
    }
    size_t k = j + 1;
    while (k < n && !stop(text[k])) ++k;
    if (k == j + 1) {  // `+` needs at least one character after the first.
      ++i;
      continue;
    }
    tokens.push_back(EncodeUtf8(text.substr(i, k - i)));
    i = k;
  }
  return tokens;
}

struct ParsedUrl {
  std::string scheme;
  std::string netloc;
  std::string path;
  std::string params;
  std::string query;
  std::string fragment;
};

// urllib.parse._check_bracketed_host.
bool BracketedHostOk(std::string_view host) {
  if (!host.empty() && host[0] == 'v') {
    // \Av[a-fA-F0-9]+\..+\Z
    size_t i = 1;
    while (i < host.size() && IsAsciiHex(host[i])) ++i;
    if (i == 1 || i >= host.size() || host[i] != '.') return false;
    return i + 1 < host.size() && host.substr(i + 1).find('\n') == std::string_view::npos;
  }
  if (ParsePythonIPv4(host).has_value()) return false;  // "An IPv4 address cannot be in brackets"
  return ParsePythonIPv6(host, /*allow_scope=*/true).has_value();
}

// urllib.parse._checknetloc.
bool NetlocOk(std::string_view netloc) {
  bool ascii = true;
  for (char c : netloc) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (netloc.empty() || ascii) return true;
  std::string n;
  for (char c : netloc) {
    if (c != '@' && c != ':' && c != '#' && c != '?') n.push_back(c);
  }
  const std::string normalized = NormalizeNfkc(n);
  if (normalized == n) return true;
  return normalized.find_first_of("/?#@:") == std::string::npos;
}

// urlparse() of a token that starts with "http://" or "https://"; nullopt where Python raises.
std::optional<ParsedUrl> ParseUrl(std::string_view token) {
  ParsedUrl url;
  const size_t colon = token.find(':');
  url.scheme = std::string(token.substr(0, colon));
  std::string_view rest = token.substr(colon + 1);
  // rest starts with "//": the netloc runs to the first of "/?#".
  const size_t netloc_end = rest.find_first_of("/?#", 2);
  url.netloc = std::string(rest.substr(
      2, netloc_end == std::string_view::npos ? std::string_view::npos : netloc_end - 2));
  rest = netloc_end == std::string_view::npos ? std::string_view() : rest.substr(netloc_end);
  const bool has_open = url.netloc.find('[') != std::string::npos;
  const bool has_close = url.netloc.find(']') != std::string::npos;
  if (has_open != has_close) return std::nullopt;  // "Invalid IPv6 URL"
  if (has_open) {
    const size_t open = url.netloc.find('[');
    std::string_view host = std::string_view(url.netloc).substr(open + 1);
    host = host.substr(0, host.find(']'));
    if (!BracketedHostOk(host)) return std::nullopt;
  }
  if (const size_t hash = rest.find('#'); hash != std::string_view::npos) {
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (const size_t question = rest.find('?'); question != std::string_view::npos) {
    url.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  if (!NetlocOk(url.netloc)) return std::nullopt;
  // _splitparams: the parameters follow the first ';' of the last path segment.
  size_t semicolon = std::string_view::npos;
  if (const size_t slash = rest.rfind('/'); slash != std::string_view::npos) {
    semicolon = rest.find(';', slash);
  } else {
    semicolon = rest.find(';');
  }
  if (semicolon != std::string_view::npos) {
    url.params = std::string(rest.substr(semicolon + 1));
    rest = rest.substr(0, semicolon);
  }
  url.path = std::string(rest);
  return url;
}

// urlunparse(): empty params, query and fragment lose their delimiters.
std::string Unparse(const ParsedUrl& url) {
  std::string path = url.path;
  if (!url.params.empty()) path += ";" + url.params;
  std::string out = url.scheme + ":";
  if (!url.netloc.empty()) {
    if (!path.empty() && path[0] != '/') path.insert(0, "/");
    out += "//" + url.netloc;
  }
  out += path;
  if (!url.query.empty()) out += "?" + url.query;
  if (!url.fragment.empty()) out += "#" + url.fragment;
  return out;
}

std::string HostOf(std::string_view netloc) {
  if (!netloc.empty() && netloc[0] == '[') {
    const size_t close = netloc.find(']');
    if (close != std::string_view::npos) return std::string(netloc.substr(0, close + 1));
  }
  return std::string(netloc.substr(0, netloc.find(':')));
}

enum class Extract { kDomains, kUrls };

UdfOutcome ExtractFrom(Args args, Extract what) {
  OSPREY_UDF_STR_ARG(s, args, 0,
                     what == Extract::kDomains ? "StringExtractDomains" : "StringExtractURLs", "s");
  std::vector<Value> out;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& token : FindUrlTokens(DecodeUtf8(*s))) {
    std::optional<ParsedUrl> url = ParseUrl(token);
    if (!url.has_value() || url->scheme.empty() || url->netloc.empty()) continue;
    std::string item = what == Extract::kDomains ? HostOf(url->netloc) : Unparse(*url);
    if (seen.insert(item).second) out.push_back(Value::String(std::move(item)));
  }
  return Value::List(std::move(out));
}

}  // namespace

void RegisterStringExtractUdfs(NativeUdfRegistry& registry) {
  registry.Register("StringExtractDomains", Stateless([](CallContext&, Args args) {
                      return ExtractFrom(args, Extract::kDomains);
                    }));
  registry.Register("StringExtractURLs", Stateless([](CallContext&, Args args) {
                      return ExtractFrom(args, Extract::kUrls);
                    }));
}

}  // namespace osprey::runtime::udfs
