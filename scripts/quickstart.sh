#!/usr/bin/env bash
# README command 1: install what is missing, build the optimised `release` preset and run
# osprey-jit on the bundled example: validate examples/rules, then evaluate examples/actions.jsonl
# against it (one JSON result per action on stdout).
#
# The build takes an exclusive lock on /tmp/osprey-build.lock so that only one build runs at a
# time on a small machine. OSPREY_JOBS sets the build's parallelism (default 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly jobs="${OSPREY_JOBS:-2}"
readonly lock=/tmp/osprey-build.lock

./scripts/setup.sh
flock "${lock}" cmake --preset release
flock "${lock}" cmake --build --preset release --parallel "${jobs}"

echo "quickstart.sh: build/release/tools/osprey-jit validate examples/rules"
build/release/tools/osprey-jit validate examples/rules
echo "quickstart.sh: build/release/tools/osprey-jit run --rules examples/rules --input examples/actions.jsonl"
build/release/tools/osprey-jit run --rules examples/rules --input examples/actions.jsonl
