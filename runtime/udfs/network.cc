// IpNetwork, EmailLocalPart, EmailSubdomain, PhoneCountry, PhonePrefix and ExtractCookie (spec
// udfs.md §I). The suffix-list functions are in domains.cc, MXLookup in mx_lookup.cc.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <arpa/inet.h>
#include <pcre2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

struct PhonePrefixEntry {
  std::string_view prefix;
  std::string_view country;
};
#include "runtime/udfs/phone_table.inc"

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

UdfOutcome IpNetwork(Args args) {
  OSPREY_UDF_STR_ARG(ip, args, 0, "IpNetwork", "ip");
  if (ip->find('\0') != std::string::npos) return Recorded("ValueError: embedded null character");
  in_addr v4;
  if (inet_aton(ip->c_str(), &v4) != 0) {  // The reference's is_v4 (lenient C parser) ...
    std::optional<uint32_t> strict = ParsePythonIPv4(*ip);  // ... then IPv4Address (strict).
    if (!strict.has_value()) {
      return Recorded(absl::StrFormat("AddressValueError: Expected 4 octets in '%s'", *ip));
    }
    return Value::String(absl::StrFormat("%d.%d.%d.0", *strict >> 24, (*strict >> 16) & 0xFF,
                                         (*strict >> 8) & 0xFF));
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, ip->c_str(), &v6) == 1) {
    std::optional<std::array<uint16_t, 8>> groups = ParsePythonIPv6(*ip, /*allow_scope=*/true);
    if (!groups.has_value()) {
      return Recorded(absl::StrFormat("AddressValueError: invalid IPv6 address '%s'", *ip));
    }
    std::string out;
    for (size_t i = 0; i < 8; ++i) {
      if (i > 0) out.push_back(':');
      out += absl::StrFormat("%x", (*groups)[i]);
    }
    return Value::String(std::move(out));
  }
  return Recorded(absl::StrFormat("AddressValueError: '%s' is not an IP address", *ip));
}

UdfOutcome EmailLocalPart(Args args) {
  OSPREY_UDF_STR_ARG(email, args, 0, "EmailLocalPart", "email");
  const size_t at = email->rfind('@');
  if (at == std::string::npos) return Silent();
  return Value::String(email->substr(0, at));
}

UdfOutcome EmailSubdomain(Args args) {
  OSPREY_UDF_STR_ARG(email, args, 0, "EmailSubdomain", "email");
  const size_t at = email->rfind('@');
  if (at == std::string::npos || at + 1 == email->size()) return Silent();
  return Value::String(PythonLower(std::string_view(*email).substr(at + 1)));
}

// phone-iso3166's phone_country: walk the E.164 prefix trie with the string's digits.
UdfOutcome PhoneCountry(Args args) {
  OSPREY_UDF_STR_ARG(phone, args, 0, "PhoneCountry", "phone_number");
  std::string prefix;
  for (char32_t c : DecodeUtf8(*phone)) {
    const auto type = static_cast<UNumericType>(
        u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NUMERIC_TYPE));
    if (type != U_NT_DECIMAL && type != U_NT_DIGIT) continue;  // not str.isdigit()
    if (type != U_NT_DECIMAL) return Silent();                 // int(c) raises
    prefix.push_back(static_cast<char>('0' + u_charDigitValue(static_cast<UChar32>(c))));
    const auto* end = std::end(kPhonePrefixes);
    const auto* it = std::lower_bound(
        std::begin(kPhonePrefixes), end, prefix,
        [](const PhonePrefixEntry& e, const std::string& key) { return e.prefix < key; });
    if (it != end && it->prefix == prefix) return Value::String(std::string(it->country));
    if (it == end || !it->prefix.starts_with(prefix)) return Silent();  // not in the trie
  }
  return Silent();  // digits ran out before a country
}

UdfOutcome PhonePrefix(Args args) {
  OSPREY_UDF_STR_ARG(phone, args, 0, "PhonePrefix", "phone_number");
  const std::u32string text = DecodeUtf8(*phone);
  if (text.size() <= 4) return Silent();
  return Value::String(EncodeUtf8(std::u32string_view(text).substr(0, text.size() - 4)));
}

// Python 3.11 http.cookies._CookiePattern (re.ASCII | re.VERBOSE), in PCRE2 syntax; without
// PCRE2_UTF, \w and \s are ASCII as under re.ASCII.
constexpr std::string_view kCookiePattern =
    R"(\s*(?<key>[\w\d!#%&'~_`><@,:/\$\*\+\-\.\^\|\)\(\?\}\{\=]+?))"
    R"((\s*=\s*(?<val>"(?:[^\\"]|\\.)*"|\w{3},\s[\w\d\s-]{9,11}\s[\d:]{8}\sGMT|)"
    R"([\w\d!#%&'~_`><@,:/\$\*\+\-\.\^\|\)\(\?\}\{\=\[\]]*))?\s*(\s+|;|$))";

bool IsReservedAttribute(std::string_view lower_key) {
  static constexpr std::string_view kReserved[] = {"expires",  "path",    "comment",
                                                   "domain",   "max-age", "secure",
                                                   "httponly", "version", "samesite"};
  return std::find(std::begin(kReserved), std::end(kReserved), lower_key) != std::end(kReserved);
}

// http.cookies._is_legal_key.
bool IsLegalKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) ||
          std::string_view("!#$%&'*+-.^_`|~:").find(c) != std::string_view::npos)) {
      return false;
    }
  }
  return true;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class ExtractCookieInstance : public UdfInstance {
 public:
  explicit ExtractCookieInstance(std::string key) : key_(std::move(key)) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kCookiePattern.data()),
                          kCookiePattern.size(), 0, &error, &offset, nullptr);
  }
  ~ExtractCookieInstance() override { pcre2_code_free(code_); }

  // BaseCookie(header).get(key).value: all-or-nothing parsing, raw (still quoted) values.
  UdfOutcome Call(CallContext&, Args args) const override {
    OSPREY_UDF_STR_ARG(header, args, 0, "ExtractCookie", "header");
    if (code_ == nullptr) return Recorded("ExtractCookie: pattern failed to compile");
    pcre2_match_data* data = pcre2_match_data_create_from_pattern(code_, nullptr);
    absl::flat_hash_map<std::string, std::string> cookies;
    std::vector<std::pair<std::string, std::string>> items;  // key/value pairs in order
    bool morsel_seen = false;
    bool aborted = false;
    std::optional<UdfError> error;
    size_t i = 0;
    const size_t n = header->size();
    while (i < n) {
      const int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(header->data()), n, i,
                                 PCRE2_ANCHORED, data, nullptr);
      if (rc < 0) break;  // No match: stop, keeping what was parsed.
      const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data);
      const std::string key = header->substr(ov[2], ov[3] - ov[2]);
      const bool has_value = rc > 3 && ov[6] != PCRE2_UNSET;
      const std::string value = has_value ? header->substr(ov[6], ov[7] - ov[6]) : "";
      i = ov[1];
      if (key[0] == '$') {
        if (!morsel_seen) continue;
        if (!IsReservedAttribute(AsciiLower(key.substr(1)))) {
          error = Recorded("CookieError: Invalid attribute '" + key.substr(1) + "'");
          break;
        }
      } else if (IsReservedAttribute(AsciiLower(key))) {
        const std::string lower = AsciiLower(key);
        if (!morsel_seen || (!has_value && lower != "secure" && lower != "httponly")) {
          aborted = true;
          break;
        }
      } else if (has_value) {
        items.emplace_back(key, value);
        morsel_seen = true;
      } else {
        aborted = true;
        break;
      }
    }
    pcre2_match_data_free(data);
    if (error.has_value()) return *error;
    if (aborted) return Silent();
    for (auto& [key, value] : items) {
      if (!IsLegalKey(key)) return Recorded("CookieError: Illegal key '" + key + "'");
      cookies[key] = value;
    }
    auto it = cookies.find(key_);
    if (it == cookies.end()) return Silent();
    return Value::String(it->second);
  }

 private:
  std::string key_;
  pcre2_code* code_ = nullptr;
};

}  // namespace

std::optional<uint32_t> ParsePythonIPv4(std::string_view text) {
  const std::vector<std::string_view> octets = SplitOn(text, '.');
  if (octets.size() != 4) return std::nullopt;
  uint32_t out = 0;
  for (std::string_view octet : octets) {
    if (octet.empty() || octet.size() > 3) return std::nullopt;
    for (char c : octet) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    if (octet.size() > 1 && octet[0] == '0') return std::nullopt;
    int value = 0;
    for (char c : octet) value = value * 10 + (c - '0');
    if (value > 255) return std::nullopt;
    out = (out << 8) | static_cast<uint32_t>(value);
  }
  return out;
}

std::optional<std::array<uint16_t, 8>> ParsePythonIPv6(std::string_view text, bool allow_scope) {
  if (const size_t percent = text.find('%'); percent != std::string_view::npos) {
    const std::string_view scope = text.substr(percent + 1);
    if (!allow_scope || scope.empty() || scope.find('%') != std::string_view::npos) {
      return std::nullopt;
    }
    text = text.substr(0, percent);
  }
  if (text.empty()) return std::nullopt;
  std::vector<std::string> parts;
  for (std::string_view p : SplitOn(text, ':')) parts.emplace_back(p);
  if (parts.size() < 3) return std::nullopt;
  if (parts.back().find('.') != std::string::npos) {
    std::optional<uint32_t> v4 = ParsePythonIPv4(parts.back());
    if (!v4.has_value()) return std::nullopt;
    parts.pop_back();
    parts.push_back(absl::StrFormat("%x", (*v4 >> 16) & 0xFFFF));
    parts.push_back(absl::StrFormat("%x", *v4 & 0xFFFF));
  }
  if (parts.size() > 9) return std::nullopt;
  std::optional<size_t> skip;
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    if (parts[i].empty()) {
      if (skip.has_value()) return std::nullopt;  // at most one '::'
      skip = i;
    }
  }
  size_t hi;
  size_t lo;
  size_t skipped;
  if (skip.has_value()) {
    hi = *skip;
    lo = parts.size() - *skip - 1;
    if (parts.front().empty() && hi-- != 1) return std::nullopt;
    if (parts.back().empty() && lo-- != 1) return std::nullopt;
    if (8 < hi + lo + 1) return std::nullopt;
    skipped = 8 - (hi + lo);
  } else {
    if (parts.size() != 8 || parts.front().empty() || parts.back().empty()) return std::nullopt;
    hi = parts.size();
    lo = 0;
    skipped = 0;
  }
  std::array<uint16_t, 8> groups{};
  auto hextet = [](const std::string& s) -> std::optional<uint16_t> {
    if (s.empty() || s.size() > 4) return std::nullopt;
    uint16_t v = 0;
    for (char c : s) {
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return std::nullopt;
      }
      v = static_cast<uint16_t>(v * 16 + d);
    }
    return v;
  };
  size_t g = 0;
  for (size_t i = 0; i < hi; ++i) {
    std::optional<uint16_t> v = hextet(parts[i]);
    if (!v.has_value()) return std::nullopt;
    groups[g++] = *v;
  }
  g += skipped;
  for (size_t i = parts.size() - lo; i < parts.size(); ++i) {
    std::optional<uint16_t> v = hextet(parts[i]);
    if (!v.has_value()) return std::nullopt;
    groups[g++] = *v;
  }
  return groups;
}

void RegisterNetworkUdfs(NativeUdfRegistry& registry) {
  registry.Register("IpNetwork",
                    Stateless([](CallContext&, Args args) { return IpNetwork(args); }));
  registry.Register("EmailLocalPart",
                    Stateless([](CallContext&, Args args) { return EmailLocalPart(args); }));
  registry.Register("EmailSubdomain",
                    Stateless([](CallContext&, Args args) { return EmailSubdomain(args); }));
  registry.Register("PhoneCountry",
                    Stateless([](CallContext&, Args args) { return PhoneCountry(args); }));
  registry.Register("PhonePrefix",
                    Stateless([](CallContext&, Args args) { return PhonePrefix(args); }));
  registry.Register(
      "ExtractCookie", [](const UdfSite& site) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
        if (site.constants.size() < 2 || !site.constants[1].has_value() ||
            site.constants[1]->kind() != Value::Kind::kString) {
          return absl::InvalidArgumentError("`key` must be a constant str");
        }
        return std::make_unique<ExtractCookieInstance>(site.constants[1]->as_string());
      });
}

}  // namespace osprey::runtime::udfs
