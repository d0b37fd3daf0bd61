// MXLookup (udfs.md §I.9) and runtime::DnsResolver against a real DNS server: dnsmasq, started
// by the test on a free loopback port with a test zone, and stopped at the end. Without dnsmasq
// the tests are skipped with a message, except under CI=true, where they fail
// (scripts/setup.sh installs it).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "runtime/dns_resolver.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

bool RunningInCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::string FindDnsmasq() {
  for (const char* path : {"/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"}) {
    if (access(path, X_OK) == 0) return path;
  }
  return "";
}

// A loopback port nobody listens on (UDP and TCP) right now.
uint16_t FreePort() {
  for (int tries = 0; tries < 20; ++tries) {
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    bind(udp, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    getsockname(udp, reinterpret_cast<sockaddr*>(&address), &length);
    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    bool tcp_free = bind(tcp, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    close(tcp);
    close(udp);
    if (tcp_free) return ntohs(address.sin_port);
  }
  return 0;
}

// The test zone: MX records, A records, and names that exist without an MX.
const std::vector<std::string> kZone = {
    "--local=/test/",  // Names under test. that are not listed are NXDOMAIN.
    "--local-ttl=300",
    "--mx-host=example.test,mail.example.test,10",
    "--host-record=mail.example.test,10.0.0.2",
    "--host-record=mail.example.test,9.0.0.1",
    "--mx-host=two.test,b.two.test,20",
    "--mx-host=two.test,a.two.test,10",
    "--host-record=b.two.test,192.0.2.20",
    "--host-record=a.two.test,192.0.2.10",
    "--mx-host=noaddress.test,nowhere.noaddress.test,10",
    "--host-record=plain.test,192.0.2.1",
    "--mx-host=xn--bcher-kva.test,mail.example.test,5",
};

// dnsmasq in the foreground on 127.0.0.1:<port>, killed by the destructor.
class Dnsmasq {
 public:
  Dnsmasq() {
    binary_ = FindDnsmasq();
    if (binary_.empty()) return;
    port_ = FreePort();
    std::vector<std::string> args = {binary_,
                                     "--no-daemon",
                                     "--conf-file=/dev/null",
                                     "--no-resolv",
                                     "--no-hosts",
                                     "--no-poll",
                                     "--pid-file",
                                     "--listen-address=127.0.0.1",
                                     "--bind-interfaces",
                                     "--port=" + std::to_string(port_)};
    if (geteuid() == 0) args.push_back("--user=root");  // No privileges to drop in a test.
    args.insert(args.end(), kZone.begin(), kZone.end());
    pid_ = fork();
    if (pid_ == 0) {
      int null = open("/dev/null", O_WRONLY);  // Its start-up chatter.
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(binary_.c_str(), argv.data());
      _exit(127);
    }
    // Ready when it answers.
    DnsOptions options = Options();
    options.cache_entries = 0;
    options.timeout_seconds = 1;
    options.attempts = 1;
    DnsResolver probe(options);
    for (int i = 0; i < 50 && !ready_; ++i) {
      absl::StatusOr<DnsAnswer> answer = probe.Resolve("plain.test", DnsRecordType::kA);
      ready_ = answer.ok() && answer->status == DnsAnswer::Status::kAnswer;
      if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ~Dnsmasq() { Stop(); }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  bool available() const { return !binary_.empty(); }
  bool ready() const { return ready_; }
  DnsOptions Options() const {
    DnsOptions options;
    options.nameserver = "127.0.0.1";
    options.port = port_;
    return options;
  }

 private:
  std::string binary_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

Dnsmasq* server = nullptr;

class MxLookupEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { server = new Dnsmasq; }
  void TearDown() override {
    delete server;
    server = nullptr;
  }
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new MxLookupEnvironment);

// Skips (or, under CI, fails) when there is no dnsmasq; points MXLookup at it.
#define OSPREY_REQUIRE_DNSMASQ()                                                    \
  do {                                                                              \
    if (!server->available()) {                                                     \
      if (RunningInCi()) FAIL() << "dnsmasq is not installed (scripts/setup.sh)";   \
      GTEST_SKIP() << "dnsmasq is not installed; install dnsmasq-base to run this"; \
    }                                                                               \
    ASSERT_TRUE(server->ready()) << "dnsmasq did not start";                        \
    DnsResolver::Configure(server->Options());                                      \
  } while (false)

class MxLookupTest : public ::testing::TestWithParam<Case> {};

TEST_P(MxLookupTest, Lookup) {
  OSPREY_REQUIRE_DNSMASQ();
  EXPECT_EQ(RunCase(GetParam()), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Dns, MxLookupTest,
    ::testing::ValuesIn(std::vector<Case>{
        // The smallest address as a string: "10.0.0.2" < "9.0.0.1".
        {"min_address_string", "MXLookup", {S("example.test")}, "'10.0.0.2'"},
        {"case_and_final_dot", "MXLookup", {S("EXAMPLE.Test.")}, "'10.0.0.2'"},
        {"entity_id", "MXLookup", {Value::Entity("Domain", S("example.test"))}, "'10.0.0.2'"},
        {"idna", "MXLookup", {S("bücher.test")}, "'10.0.0.2'"},
        {"no_mx_record", "MXLookup", {S("plain.test")}, "<silent>"},
        {"nxdomain", "MXLookup", {S("missing.test")}, "<silent>"},
        {"exchange_without_address", "MXLookup", {S("noaddress.test")}, "<silent>"},
        // Outside the local zone dnsmasq has no upstream: REFUSED -> NoNameservers.
        {"refused", "MXLookup", {S("example.org")}, "<silent>"},
        {"empty_is_root", "MXLookup", {S("")}, "<silent>"},
        {"empty_label", "MXLookup", {S("a..test")}, "<error>"},
        {"label_too_long", "MXLookup", {S(std::string(64, 'a') + ".test")}, "<error>"},
        {"name_too_long", "MXLookup", {S(std::string(300, 'a'))}, "<error>"},
        {"bad_idna", "MXLookup", {S("\u0301a.test")}, "<error>"},  // Leading combining mark.
        {"none", "MXLookup", {N()}, "<error>"},
        {"int", "MXLookup", {I(5)}, "<error>"},
    }),
    CaseName);

TEST(MxLookupOrderTest, FirstRecordInResponseOrder) {
  OSPREY_REQUIRE_DNSMASQ();
  DnsResolver resolver(server->Options());
  absl::StatusOr<DnsAnswer> mx = resolver.Resolve("two.test", DnsRecordType::kMx);
  ASSERT_TRUE(mx.ok()) << mx.status();
  ASSERT_EQ(mx->records.size(), 2u);
  EXPECT_TRUE(mx->records[0] == "a.two.test." || mx->records[0] == "b.two.test.") << mx->records[0];
  // Not the lowest preference: whatever came first.
  std::string expected = mx->records[0] == "a.two.test." ? "'192.0.2.10'" : "'192.0.2.20'";
  EXPECT_EQ(Render(CallUdf("MXLookup", {S("two.test")})), expected);
}

TEST(DnsResolverTest, AnswersAndNegativeAnswers) {
  OSPREY_REQUIRE_DNSMASQ();
  DnsResolver resolver(server->Options());
  absl::StatusOr<DnsAnswer> a = resolver.Resolve("mail.example.test", DnsRecordType::kA);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->status, DnsAnswer::Status::kAnswer);
  std::vector<std::string> records = a->records;
  std::sort(records.begin(), records.end());
  EXPECT_EQ(records, (std::vector<std::string>{"10.0.0.2", "9.0.0.1"}));
  absl::StatusOr<DnsAnswer> missing = resolver.Resolve("missing.test", DnsRecordType::kA);
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(missing->status, DnsAnswer::Status::kNxDomain);
  absl::StatusOr<DnsAnswer> no_mx = resolver.Resolve("plain.test", DnsRecordType::kMx);
  ASSERT_TRUE(no_mx.ok()) << no_mx.status();
  EXPECT_EQ(no_mx->status, DnsAnswer::Status::kNoAnswer);
}

TEST(DnsResolverTest, CachesWithinTtl) {
  if (FindDnsmasq().empty()) {
    if (RunningInCi()) FAIL() << "dnsmasq is not installed (scripts/setup.sh)";
    GTEST_SKIP() << "dnsmasq is not installed; install dnsmasq-base to run this";
  }
  Dnsmasq own;  // Stopped half-way, so it cannot be the shared one.
  ASSERT_TRUE(own.ready());
  DnsOptions options = own.Options();
  options.timeout_seconds = 1;
  options.attempts = 1;
  DnsResolver cached(options);
  options.cache_entries = 0;
  DnsResolver uncached(options);
  ASSERT_TRUE(cached.Resolve("example.test", DnsRecordType::kMx).ok());
  own.Stop();
  absl::StatusOr<DnsAnswer> again = cached.Resolve("EXAMPLE.test.", DnsRecordType::kMx);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->status, DnsAnswer::Status::kAnswer);
  EXPECT_EQ(again->records, std::vector<std::string>{"mail.example.test."});
  // Without the cache the server is gone: the connection is refused -> NoNameservers.
  absl::StatusOr<DnsAnswer> gone = uncached.Resolve("example.test", DnsRecordType::kMx);
  ASSERT_TRUE(gone.ok()) << gone.status();
  EXPECT_EQ(gone->status, DnsAnswer::Status::kNoNameservers);
}

TEST(DnsResolverTest, SilentServerTimesOut) {
  // A bound UDP socket that never replies.
  int silent = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length);
  DnsOptions options;
  options.nameserver = "127.0.0.1";
  options.port = ntohs(address.sin_port);
  options.timeout_seconds = 1;
  options.attempts = 1;
  DnsResolver::Configure(options);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Render(CallUdf("MXLookup", {S("example.test")})), "<error>");  // Recorded.
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  absl::StatusOr<DnsAnswer> answer =
      DnsResolver(options).Resolve("example.test", DnsRecordType::kMx);
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kDeadlineExceeded);
  close(silent);
}

TEST(DnsResolverTest, BadNameserverIsAnError) {
  DnsOptions options;
  options.nameserver = "not-an-address";
  absl::StatusOr<DnsAnswer> answer =
      DnsResolver(options).Resolve("example.test", DnsRecordType::kMx);
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace osprey::runtime::testing
