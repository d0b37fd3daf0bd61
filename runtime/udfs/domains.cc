// DomainTld, EmailDomain and DomainChopper (spec udfs.md §I.2, §I.4, §I.5): the Public Suffix
// List looked up the way the tld library (0.12.7, Osprey's pin) does with
// get_tld(..., fix_protocol=True, fail_silently=True). The list is Debian's `publicsuffix`
// package (/usr/share/publicsuffix/public_suffix_list.dat), or the file named by the
// OSPREY_PUBLIC_SUFFIX_LIST environment variable; Osprey uses the snapshot bundled with tld, so
// suffixes added or removed since then can give different answers.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

constexpr char kDefaultListPath[] = "/usr/share/publicsuffix/public_suffix_list.dat";

// tld's trie: labels in reverse order; an exception rule ("!www.ck") marks its parent as a
// suffix and records the excepted label (one per node: the last one wins).
struct TrieNode {
  absl::flat_hash_map<std::string, std::unique_ptr<TrieNode>> children;
  std::string exception;
  bool has_exception = false;
  bool leaf = false;
};

std::vector<std::string> SplitDots(std::string_view s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    parts.emplace_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

void AddRule(TrieNode& root, std::string_view rule) {
  std::vector<std::string> labels = SplitDots(rule);
  TrieNode* node = &root;
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    if (!it->empty() && (*it)[0] == '!') {
      node->exception = it->substr(1);
      node->has_exception = true;
      break;
    }
    std::unique_ptr<TrieNode>& child = node->children[*it];
    if (child == nullptr) child = std::make_unique<TrieNode>();
    node = child.get();
  }
  node->leaf = true;
}

std::string StripAscii(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r\n\f\v");
  if (begin == std::string_view::npos) return "";
  const size_t end = s.find_last_not_of(" \t\r\n\f\v");
  return std::string(s.substr(begin, end - begin + 1));
}

// Loads the list as tld's parser does: comment and blank lines skipped, except that a
// "// xn--…" comment contributes its punycode name; the private section is included.
std::unique_ptr<TrieNode> LoadList() {
  const char* env = std::getenv("OSPREY_PUBLIC_SUFFIX_LIST");
  std::ifstream in(env != nullptr && *env != '\0' ? env : kDefaultListPath);
  if (!in) return nullptr;
  auto root = std::make_unique<TrieNode>();
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("// xn--") != std::string::npos) {
      // line.split()[1]
      const size_t first_end = line.find_first_of(" \t", line.find_first_not_of(" \t"));
      const size_t second = line.find_first_not_of(" \t", first_end);
      const size_t second_end = line.find_first_of(" \t", second);
      line =
          line.substr(second, second_end == std::string::npos ? second_end : second_end - second);
    }
    if (line.empty() || line[0] == '/') continue;
    AddRule(*root, StripAscii(line));
  }
  return root;
}

const TrieNode* SuffixList() {
  static const TrieNode* const list = LoadList().release();
  return list;
}

// urllib's SplitResult.hostname for a netloc (None -> nullopt).
std::optional<std::string> Hostname(std::string_view netloc) {
  const size_t at = netloc.rfind('@');
  std::string_view info = at == std::string_view::npos ? netloc : netloc.substr(at + 1);
  std::string_view host;
  if (const size_t open = info.find('['); open != std::string_view::npos) {
    host = info.substr(open + 1);
    host = host.substr(0, host.find(']'));
  } else {
    host = info.substr(0, info.find(':'));
  }
  if (host.empty()) return std::nullopt;
  const size_t percent = host.find('%');
  if (percent == std::string_view::npos) return PythonLower(host);
  return PythonLower(host.substr(0, percent)) + std::string(host.substr(percent));
}

// tld.get_tld(url, fix_protocol=True, fail_silently=True); nullopt for None.
std::optional<std::string> GetTld(const TrieNode& root, std::string_view url_in) {
  std::string url(url_in);
  if (!(url.starts_with("//") || url.starts_with("http://") || url.starts_with("https://"))) {
    url = "https://" + url;
  }
  // urlsplit: the netloc follows the scheme's "//" and ends at the first of "/?#".
  std::string_view rest = url;
  if (const size_t colon = rest.find(':');
      colon != std::string_view::npos && colon > 0 && !rest.starts_with("//")) {
    rest = rest.substr(colon + 1);
  }
  if (!rest.starts_with("//")) return std::nullopt;
  const std::string_view netloc = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
  const bool has_open = netloc.find('[') != std::string_view::npos;
  const bool has_close = netloc.find(']') != std::string_view::npos;
  if (has_open != has_close) return std::nullopt;  // urlsplit raises "Invalid IPv6 URL"
  std::optional<std::string> hostname = Hostname(netloc);
  if (!hostname.has_value()) return std::nullopt;
  std::string domain = PythonLower(*hostname);
  while (!domain.empty() && domain.back() == '.') domain.pop_back();
  const std::vector<std::string> parts = SplitDots(domain);
  const TrieNode* node = &root;
  size_t depth = 0;
  size_t tld_length = 0;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (node->children.empty()) break;
    if (node->has_exception && *it == node->exception) break;
    auto child = node->children.find(*it);
    if (child == node->children.end()) child = node->children.find("*");
    if (child == node->children.end()) break;
    ++depth;
    node = child->second.get();
    if (node->leaf) tld_length = depth;
  }
  if (tld_length == 0) return std::nullopt;
  if (tld_length == parts.size()) return *hostname;  // the host is itself a suffix
  std::string out;
  for (size_t i = parts.size() - tld_length; i < parts.size(); ++i) {
    if (!out.empty() || i != parts.size() - tld_length) out.push_back('.');
    out += parts[i];
  }
  return out;
}

// `domain` reduced to its last label before `tld` plus the suffix, by the reference's raw
// string arithmetic: domain[:-(len(tld) + 1)].split('.')[-1] + '.' + tld.
std::string RegistrableDomain(std::string_view domain, const std::string& tld) {
  const std::u32string text = DecodeUtf8(domain);
  const size_t cut = CodePointCount(tld) + 1;
  const std::u32string without = cut >= text.size() ? U"" : text.substr(0, text.size() - cut);
  const size_t dot = without.rfind(U'.');
  const std::u32string last = dot == std::u32string::npos ? without : without.substr(dot + 1);
  return EncodeUtf8(last) + "." + tld;
}

UdfError NoList() {
  return Recorded(std::string("public suffix list not available (") + kDefaultListPath + ")");
}

UdfOutcome DomainTld(Args args) {
  OSPREY_UDF_STR_ARG(domain, args, 0, "DomainTld", "domain");
  const TrieNode* list = SuffixList();
  if (list == nullptr) return NoList();
  std::optional<std::string> tld = GetTld(*list, *domain);
  if (!tld.has_value()) return Silent();
  return Value::String(*std::move(tld));
}

UdfOutcome EmailDomain(Args args) {
  OSPREY_UDF_STR_ARG(email, args, 0, "EmailDomain", "email");
  const size_t at = email->rfind('@');
  if (at == std::string::npos) return Silent();
  const std::string domain = PythonLower(std::string_view(*email).substr(at + 1));
  if (domain.empty()) return Silent();
  const TrieNode* list = SuffixList();
  if (list == nullptr) return NoList();
  std::optional<std::string> tld = GetTld(*list, domain);
  if (tld.has_value() && *tld != domain) return Value::String(RegistrableDomain(domain, *tld));
  return Value::String(domain);
}

// DomainChopper(urls, fld): the reference tests `fld` as an object (always truthy), so every
// call chops, whatever `fld` says.
UdfOutcome DomainChopper(Args args) {
  const Value& urls = Plain(args[0]);
  if (urls.kind() != Value::Kind::kList) return WrongType("DomainChopper", "urls", "list", urls);
  const TrieNode* list = SuffixList();
  if (list == nullptr) return NoList();
  std::vector<Value> out;
  for (const Value& item : urls.as_list()) {
    const std::string* domain = AsString(item);
    if (domain == nullptr) return WrongType("DomainChopper", "urls", "list[str]", item);
    std::optional<std::string> tld = GetTld(*list, *domain);
    if (!tld.has_value()) return Silent();
    out.push_back(Value::String(*tld == *domain ? "" : RegistrableDomain(*domain, *tld)));
  }
  return Value::List(std::move(out));
}

}  // namespace

void RegisterDomainUdfs(NativeUdfRegistry& registry) {
  registry.Register("DomainTld",
                    Stateless([](CallContext&, Args args) { return DomainTld(args); }));
  registry.Register("EmailDomain",
                    Stateless([](CallContext&, Args args) { return EmailDomain(args); }));
  registry.Register("DomainChopper",
                    Stateless([](CallContext&, Args args) { return DomainChopper(args); }));
}

}  // namespace osprey::runtime::udfs
