#!/usr/bin/env bash
# Tests scripts/check-layering.sh: a tree with exactly one violation of each rule must fail
# and name all six, and a tree that respects the layering must pass.
# Registered as the ctest test `layering_selftest`.
set -euo pipefail

script="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/check-layering.sh"
tree="$(mktemp -d)"
trap 'rm -rf "${tree}"' EXIT
mkdir -p "${tree}"/{frontend,ir,codegen/internal,runtime/abi}

# Allowed edges: nothing below may be reported.
printf '#include "frontend/ast.h"\n#include "absl/status/status.h"\n' >"${tree}/frontend/ok.cc"
printf '#include "frontend/ast.h"\n' >"${tree}/ir/ok.h"
printf '#include "ir/program.h"\n#include "runtime/abi/version.h"\n' >"${tree}/codegen/ok.h"
printf '#include "llvm/IR/Module.h"\n' >"${tree}/codegen/internal/ok.cc"
printf '#include "llvm/IR/Module.h"\n' >"${tree}/codegen/ok.cc"
printf '#include "runtime/abi/version.h"\n#include "simdjson.h"\n' >"${tree}/runtime/ok.cc"
printf '#include "runtime/abi/version.h"\n#include <stdint.h>\n' >"${tree}/runtime/abi/ok.h"
printf '// #include "llvm/IR/Module.h" in a comment is not an include\n' >"${tree}/runtime/comment.h"

if ! output="$("${script}" "${tree}")"; then
  echo "FAIL: a tree with allowed includes only was rejected:"
  echo "${output}"
  exit 1
fi

# One violation per rule.
printf '#include "ir/program.h"\n' >"${tree}/frontend/bad.cc"
printf '#include "codegen/compile.h"\n' >"${tree}/ir/bad.h"
printf '#include "runtime/engine.h"\n' >"${tree}/codegen/internal/bad.cc"
printf '#include <llvm/IR/Value.h>\n' >"${tree}/codegen/bad.h"
printf '  #  include "ir/program.h"\n' >"${tree}/runtime/bad.cc"
printf '#include "runtime/engine.h"\n' >"${tree}/runtime/abi/bad.h"

if output="$("${script}" "${tree}")"; then
  echo "FAIL: a tree with layering violations was accepted:"
  echo "${output}"
  exit 1
fi
for expected in frontend/bad.cc:1: ir/bad.h:1: codegen/internal/bad.cc:1: codegen/bad.h:1: \
                runtime/bad.cc:1: runtime/abi/bad.h:1: "6 include(s) break the layering"; do
  if ! grep -qF -- "${expected}" <<<"${output}"; then
    echo "FAIL: expected '${expected}' in:"
    echo "${output}"
    exit 1
  fi
done
if grep -q 'ok\.' <<<"${output}"; then
  echo "FAIL: an allowed include was reported:"
  echo "${output}"
  exit 1
fi
echo "check_layering_test.sh: ok"
