#!/usr/bin/env bash
# Builds the libFuzzer target (preset `fuzz`, clang-19) and runs it for SECONDS (default 600),
# seeded with every .sml file of the examples, the conformance cases and the corpus.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
flock /tmp/osprey-build.lock cmake --preset fuzz >/dev/null
flock /tmp/osprey-build.lock cmake --build --preset fuzz --target parse_fuzzer
mkdir -p fuzz-corpus
n=0
while IFS= read -r -d '' file; do
  cp "$file" "fuzz-corpus/seed-$n.sml"
  n=$((n + 1))
done < <(find examples ../shared/conformance ../shared/corpus -name '*.sml' -print0 2>/dev/null)
exec build/fuzz/tests/fuzz/parse_fuzzer -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 fuzz-corpus
