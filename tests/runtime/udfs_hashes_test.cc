// Table tests of the Hash* and Base64* functions (runtime/udfs/hashes.cc); expected values from
// CPython 3.11's hashlib and base64.b64decode (non-strict) + bytes.decode().
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

class HashUdfTest : public ::testing::TestWithParam<Case> {};

TEST_P(HashUdfTest, MatchesPython) { EXPECT_EQ(RunCase(GetParam()), GetParam().expected); }

const Case kCases[] = {
    {"HashMd5_0", "HashMd5", {S("")}, "'d41d8cd98f00b204e9800998ecf8427e'"},
    {"HashSha1_0", "HashSha1", {S("")}, "'da39a3ee5e6b4b0d3255bfef95601890afd80709'"},
    {"HashSha256_0",
     "HashSha256",
     {S("")},
     "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'"},
    {"HashSha512_0",
     "HashSha512",
     {S("")},
     "'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877e"
     "ec2f63b931bd47417a81a538327af927da3e'"},
    {"b64enc_0", "Base64Encode", {S("")}, "''"},
    {"HashMd5_1",
     "HashMd5",
     {S("Once upon a midnight dreary,")},
     "'51d897cc6d5969ebad4694af5af363cb'"},
    {"HashSha1_1",
     "HashSha1",
     {S("Once upon a midnight dreary,")},
     "'c25fc1a3caf0edbb32e927a2a009b5caaec191d7'"},
    {"HashSha256_1",
     "HashSha256",
     {S("Once upon a midnight dreary,")},
     "'dfa9195e49ea1e72e960734af99517fd65607082efc667b12262acf1a7647b49'"},
    {"HashSha512_1",
     "HashSha512",
     {S("Once upon a midnight dreary,")},
     "'78b5cbe5bc82ea5b0fb1c2af05f826e26fd597fd2a588051b68388b3acb3fbefd478f31c9f34299c63071a6464e5"
     "f09e9ea7794ef41544da7f3c766fc532ca96'"},
    {"b64enc_1",
     "Base64Encode",
     {S("Once upon a midnight dreary,")},
     "'T25jZSB1cG9uIGEgbWlkbmlnaHQgZHJlYXJ5LA=='"},
    {"HashMd5_2", "HashMd5", {S("日本語")}, "'00110af8b4393ef3f72c50be5b332bec'"},
    {"HashSha1_2", "HashSha1", {S("日本語")}, "'c12140a0ffb4e56481b4fe0a7a25040c2eafa9ca'"},
    {"HashSha256_2",
     "HashSha256",
     {S("日本語")},
     "'77710aedc74ecfa33685e33a6c7df5cc83004da1bdcef7fb280f5c2b2e97e0a5'"},
    {"HashSha512_2",
     "HashSha512",
     {S("日本語")},
     "'3df44aa21ecaedcf5b27b2d9ac97347ef57344534798de884593bed4ff920c79213d491eb5b61c07780cc485be83"
     "0a1a2f6ef1347e02216d0cb560afd3f392f5'"},
    {"b64enc_2", "Base64Encode", {S("日本語")}, "'5pel5pys6Kqe'"},
    {"HashMd5_3", "HashMd5", {S("123")}, "'202cb962ac59075b964b07152d234b70'"},
    {"HashSha1_3", "HashSha1", {S("123")}, "'40bd001563085fc35165329ea1ff5c5ecbdbbeef'"},
    {"HashSha256_3",
     "HashSha256",
     {S("123")},
     "'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'"},
    {"HashSha512_3",
     "HashSha512",
     {S("123")},
     "'3c9909afec25354d551dae21590bb26e38d53f2173b8d3dc3eee4c047e7ab1c1eb8b85103e3be7ba613b31bb5c9c"
     "36214dc9f14a42fd7a2fdb84856bca5c44c2'"},
    {"b64enc_3", "Base64Encode", {S("123")}, "'MTIz'"},
    {"b64dec_0", "Base64Decode", {S("YQ==")}, "'a'"},
    {"b64dec_1", "Base64Decode", {S("YWJj")}, "'abc'"},
    {"b64dec_2", "Base64Decode", {S("")}, "''"},
    {"b64dec_3", "Base64Decode", {S("5pel5pys6Kqe")}, "'日本語'"},
    {"b64dec_4", "Base64Decode", {S("YWJj====")}, "'abc'"},
    {"b64dec_5", "Base64Decode", {S("YQ==YQ==")}, "'a'"},
    {"b64dec_6", "Base64Decode", {S("YQ")}, "<error>"},
    {"b64dec_7", "Base64Decode", {S("YQ=")}, "<error>"},
    {"b64dec_8", "Base64Decode", {S("YWJjZA")}, "<error>"},
    {"b64dec_9", "Base64Decode", {S("/w==")}, "<error>"},
    {"b64dec_10", "Base64Decode", {S("a-b_")}, "<error>"},
    {"b64dec_11", "Base64Decode", {S("Y W\nJ j")}, "'abc'"},
    {"b64dec_12", "Base64Decode", {S("!!!!")}, "''"},
    {"b64dec_13", "Base64Decode", {S("YQ==junk")}, "'a'"},
    {"b64dec_14", "Base64Decode", {S("Y-W_J!j")}, "'abc'"},
    {"b64dec_15", "Base64Decode", {S("  YWJjZA==  ")}, "'abcd'"},
    {"b64dec_16", "Base64Decode", {S("Y")}, "<error>"},
    {"b64dec_17", "Base64Decode", {S("YWJjZ")}, "<error>"},
    {"b64dec_18", "Base64Decode", {S("7aCA")}, "<error>"},
    {"b64dec_19", "Base64Decode", {S("wIA=")}, "<error>"},
    {"b64dec_20", "Base64Decode", {S("日YQ==")}, "'a'"},
    {"md5_of_int_is_type_error", "HashMd5", {I(1)}, "<error>"},
};

INSTANTIATE_TEST_SUITE_P(HashUdf, HashUdfTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace osprey::runtime::testing
