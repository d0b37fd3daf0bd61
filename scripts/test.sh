#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build the `dev` preset (Debug, warnings
# as errors) and run the whole test suite with ctest.
#
# The build takes an exclusive lock on /tmp/osprey-build.lock so that only one build runs at a
# time on a small machine. OSPREY_JOBS sets build and test parallelism (default 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly jobs="${OSPREY_JOBS:-2}"
readonly lock=/tmp/osprey-build.lock

./scripts/setup.sh
flock "${lock}" cmake --preset dev
flock "${lock}" cmake --build --preset dev --parallel "${jobs}"
ctest --preset dev -j "${jobs}" --output-on-failure
