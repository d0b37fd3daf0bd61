#!/usr/bin/env bash
# Installs everything osprey-jit needs to build and test on Debian 12 (bookworm).
#
# Idempotent: when every package is already installed it touches nothing (no apt-get update),
# so it is cheap to call at the start of every script. Needs root for the install step; as a
# normal user it re-runs the install through sudo when something is missing.
#
# Why each package is here:
#   cmake ninja-build g++ pkg-config git ca-certificates   the toolchain and CMakePresets' Ninja
#   llvm-19-dev          LLVM 19 (ORC JIT); its Debian Depends bring the libraries that
#                        LLVMConfig.cmake looks for (libffi-dev, libxml2-dev, libz3-dev, ...).
#                        LLVMConfig.cmake's other find_package() calls (ZLIB, zstd, LibEdit, CURL)
#                        are optional and only feed the static LLVM component libraries; we link
#                        the shared libLLVM (imported target `LLVM`), so their -dev packages are
#                        not needed (checked: configuring succeeds without them).
#   clang-19 libclang-rt-19-dev   the `fuzz` preset (clang++-19 -fsanitize=fuzzer)
#   libsimdjson-dev libcli11-dev libabsl-dev libre2-dev libyaml-cpp-dev libicu-dev
#                        the project's libraries
#   libgmp-dev           GMP and gmpxx: integers beyond 64 bits in the runtime
#                        (runtime/big_int.h; pkg_check_modules(gmpxx gmp))
#   libpcre2-dev         linked by osprey_frontend and osprey_runtime
#                        (pkg_check_modules(libpcre2-8) in the top-level CMakeLists.txt)
#   libssl-dev           libcrypto for the Hash* UDFs (runtime/udfs/hashes.cc)
#   (libre2-dev above)   RE2::Set for regex pattern sets (runtime/pattern_set.cc)
#   dnsmasq-base         a DNS server the MXLookup tests start on loopback
#                        (tests/runtime/udfs_mx_lookup_test.cc); -base: the binary without
#                        the system service the `dnsmasq` package would start
#   libcurl4-openssl-dev HTTP for the etcd rule source and push-rules (tools/etcd_client.cc,
#                        etcd's v3 JSON gateway)
#   etcd-server curl     a real etcd the rule-source tests start on loopback
#                        (tests/tools/etcd_test.sh), and curl to write to it directly
#   publicsuffix         the Public Suffix List read by DomainTld/EmailDomain/DomainChopper
#   libgtest-dev libgmock-dev libbenchmark-dev   tests and benchmarks
#   clang-format clang-tidy   scripts/check-format.sh (a ctest test) and .clang-tidy
set -euo pipefail

readonly PACKAGES=(
  cmake ninja-build g++ pkg-config git ca-certificates
  llvm-19-dev clang-19 libclang-rt-19-dev
  libsimdjson-dev libcli11-dev libabsl-dev libre2-dev libyaml-cpp-dev libicu-dev libpcre2-dev
  libgmp-dev
  libssl-dev publicsuffix dnsmasq-base libcurl4-openssl-dev etcd-server curl
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy
)

missing_packages() {
  local pkg status
  for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Abbrev}' "${pkg}" 2>/dev/null || true)"
    # "ii " = desired install, currently installed. Anything else (absent, half-configured,
    # removed with config files left) needs apt.
    if [[ "${status}" != "ii " ]]; then
      echo "${pkg}"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup.sh: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

echo "setup.sh: installing: ${missing[*]}"
if [[ ${EUID} -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -- "$0" "$@"
  fi
  echo "setup.sh: must run as root to install packages" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Two scripts may call setup.sh at once; serialise them here rather than let the second fail
# on dpkg's lock. (flock is in util-linux, which every Debian system has.)
exec 9>/tmp/osprey-setup.lock
flock 9
mapfile -t missing < <(missing_packages)  # another run may have installed them meanwhile
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup.sh: done"
  exit 0
fi
apt-get -o Acquire::Retries=3 update
apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"

mapfile -t still_missing < <(missing_packages)
if [[ ${#still_missing[@]} -ne 0 ]]; then
  echo "setup.sh: still not installed after apt-get: ${still_missing[*]}" >&2
  exit 1
fi
echo "setup.sh: done"
