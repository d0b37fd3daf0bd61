// HashMd5 / HashSha1 / HashSha256 / HashSha512 (OpenSSL libcrypto) and Base64Encode /
// Base64Decode (spec udfs.md §E). Base64Decode reproduces CPython's non-strict
// binascii.a2b_base64 followed by a strict UTF-8 decode.
#include <openssl/evp.h>

#include <array>
#include <string>
#include <string_view>

#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

UdfOutcome HexDigest(std::string_view function, const EVP_MD* md, Args args) {
  OSPREY_UDF_STR_ARG(input, args, 0, function, "input");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(input->data(), input->size(), digest, &length, md, nullptr) != 1) {
    return Recorded(std::string(function) + ": digest failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return Value::String(std::move(out));
}

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

UdfOutcome Encode(Args args) {
  OSPREY_UDF_STR_ARG(input, args, 0, "Base64Encode", "input");
  std::string out;
  out.reserve((input->size() + 2) / 3 * 4);
  const auto* bytes = reinterpret_cast<const unsigned char*>(input->data());
  const size_t n = input->size();
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (n - i == 1) {
    const uint32_t v = bytes[i] << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out += "==";
  } else if (n - i == 2) {
    const uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back('=');
  }
  return Value::String(std::move(out));
}

int DecodeChar(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Python's strict UTF-8 decoder: no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsStrictUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

UdfOutcome Decode(Args args) {
  OSPREY_UDF_STR_ARG(input, args, 0, "Base64Decode", "input");
  std::string out;
  int quad_pos = 0;
  int pads = 0;
  unsigned int left = 0;
  bool done = false;
  for (unsigned char c : *input) {
    if (c == '=') {
      // A complete padding group ends the data; anything after it is ignored.
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        done = true;
        break;
      }
      continue;
    }
    const int v = DecodeChar(c);
    if (v < 0) continue;  // Non-strict: characters outside the alphabet are discarded.
    pads = 0;
    switch (quad_pos) {
      case 0:
        quad_pos = 1;
        left = static_cast<unsigned int>(v);
        break;
      case 1:
        quad_pos = 2;
        out.push_back(static_cast<char>((left << 2) | (v >> 4)));
        left = v & 0x0F;
        break;
      case 2:
        quad_pos = 3;
        out.push_back(static_cast<char>((left << 4) | (v >> 2)));
        left = v & 0x03;
        break;
      default:
        quad_pos = 0;
        out.push_back(static_cast<char>((left << 6) | v));
        left = 0;
        break;
    }
  }
  if (!done && quad_pos == 1) {
    return Recorded(
        "binascii.Error: Invalid base64-encoded string: number of data characters cannot be 1 "
        "more than a multiple of 4");
  }
  if (!done && quad_pos != 0) return Recorded("binascii.Error: Incorrect padding");
  if (!IsStrictUtf8(out)) {
    return Recorded("UnicodeDecodeError: 'utf-8' codec can't decode the decoded bytes");
  }
  return Value::String(std::move(out));
}

}  // namespace

void RegisterHashUdfs(NativeUdfRegistry& registry) {
  registry.Register("HashMd5", Stateless([](CallContext&, Args args) {
                      return HexDigest("HashMd5", EVP_md5(), args);
                    }));
  registry.Register("HashSha1", Stateless([](CallContext&, Args args) {
                      return HexDigest("HashSha1", EVP_sha1(), args);
                    }));
  registry.Register("HashSha256", Stateless([](CallContext&, Args args) {
                      return HexDigest("HashSha256", EVP_sha256(), args);
                    }));
  registry.Register("HashSha512", Stateless([](CallContext&, Args args) {
                      return HexDigest("HashSha512", EVP_sha512(), args);
                    }));
  registry.Register("Base64Encode",
                    Stateless([](CallContext&, Args args) { return Encode(args); }));
  registry.Register("Base64Decode",
                    Stateless([](CallContext&, Args args) { return Decode(args); }));
}

}  // namespace osprey::runtime::udfs
