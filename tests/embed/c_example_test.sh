#!/usr/bin/env bash
# The C example program (examples/embed_c/main.c) must write exactly what `osprey-jit run`
# writes for the bundled example, line for line.
# Usage: c_example_test.sh EMBED_EXAMPLE OSPREY_JIT   (from the repository root)
set -euo pipefail
example="$1"
cli="$2"
want="$(mktemp)"
got="$(mktemp)"
trap 'rm -f "${want}" "${got}"' EXIT
"${cli}" run --rules examples/rules --input examples/actions.jsonl --output "${want}"
"${example}" examples/rules examples/actions.jsonl >"${got}"
test -s "${got}" || { echo "the C example wrote nothing"; exit 1; }
diff -u "${want}" "${got}"
echo "embed_c_example: $(wc -l <"${got}") identical result lines"
