#!/usr/bin/env bash
# Installs this build into a temporary prefix, builds tests/embed/consumer against it with
# find_package(osprey_jit), and runs both consumer programs:
#   consumer_cxx  (C++ API, in-memory rules) must report the rule as hit for action 1 only;
#   consumer_c    (the C example) must write what `osprey-jit run` writes for the example.
# Usage: installed_package_test.sh BUILD_DIR OSPREY_JIT   (from the repository root)
set -euo pipefail
build="$1"
cli="$2"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

cmake --install "${build}" --prefix "${work}/prefix" >/dev/null
test -f "${work}/prefix/include/osprey_jit/engine.h"
test -f "${work}/prefix/lib/cmake/osprey_jit/osprey_jitConfig.cmake"

cmake -S tests/embed/consumer -B "${work}/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="${work}/prefix" >/dev/null
cmake --build "${work}/consumer" >/dev/null

"${work}/consumer/consumer_cxx" >"${work}/hits.jsonl"
cat "${work}/hits.jsonl"
test "$(wc -l <"${work}/hits.jsonl")" -eq 2
sed -n 1p "${work}/hits.jsonl" | grep -q '"__rules": \["High"\]'
sed -n 1p "${work}/hits.jsonl" | grep -q '"__verdicts": \["review"\]'
sed -n 2p "${work}/hits.jsonl" | grep -q '"__rules": \[\]'

"${cli}" run --rules examples/rules --input examples/actions.jsonl --output "${work}/want.jsonl"
"${work}/consumer/consumer_c" examples/rules examples/actions.jsonl >"${work}/got.jsonl"
diff -u "${work}/want.jsonl" "${work}/got.jsonl"
echo "embed_installed_package: installed, found, built and ran both consumers"
