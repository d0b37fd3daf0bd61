#!/usr/bin/env bash
# Fails when an #include crosses the layer graph (STYLE.md §1, docs/ARCHITECTURE.md):
#
#   frontend/         may not include ir/, codegen/ or runtime/
#   ir/               may not include codegen/ or runtime/
#   codegen/          may not include runtime/ other than the C ABI in runtime/abi/, except the
#                     reference interpreter in codegen/interpreter/ and the engine that runs
#                     compiled code over its state, codegen/engine/
#   codegen/*.h       (its public headers) may not include LLVM (llvm/, llvm-c/)
#   runtime/          may not include frontend/, ir/, codegen/ or LLVM
#   runtime/abi/      may include nothing of the project but runtime/abi/
#   embed/osprey_jit/ (the public embedding headers) may include standard headers only
#
# CMake target links enforce the same graph for symbols; this catches header-only leaks.
# Usage: check-layering.sh [REPO_ROOT]   (default: the repository containing this script)
# Registered as the ctest test `layering`.
set -euo pipefail

root="${1:-$(dirname "${BASH_SOURCE[0]}")/..}"
cd "${root}"

violations=0

# includes PATH... : prints "file:line:text" for every #include in the C/C++ files under PATH
# (a directory, or a glob that expanded to files); nothing for paths that do not exist.
includes() {
  local existing=()
  local path
  for path in "$@"; do
    [[ -e "${path}" ]] && existing+=("${path}")
  done
  [[ ${#existing[@]} -eq 0 ]] && return 0
  grep -rnHE --include='*.h' --include='*.cc' --include='*.c' --include='*.inc' --include='*.def' \
    '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "${existing[@]}" || true
}

# report RULE HITS : prints the offending lines under RULE and counts them.
report() {
  local rule="$1" hits="$2"
  [[ -z "${hits}" ]] && return 0
  echo "layering violation: ${rule}"
  sed 's/^/    /' <<<"${hits}"
  violations=$((violations + $(wc -l <<<"${hits}")))
}

# The include path: the part between the quotes or angle brackets.
target='[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'

report "frontend/ must not include ir/, codegen/ or runtime/" \
  "$(includes frontend | grep -E ":${target}(ir|codegen|runtime)/" || true)"

report "ir/ must not include codegen/ or runtime/" \
  "$(includes ir | grep -E ":${target}(codegen|runtime)/" || true)"

# The reference interpreter (codegen/interpreter/) evaluates with the runtime's C++ values and
# natives; the JIT proper sees only the C ABI.
report "codegen/ may include runtime/abi/ only, not the rest of runtime/ (except interpreter, engine)" \
  "$(includes codegen | grep -vE "^codegen/(interpreter|engine)/" | grep -E ":${target}runtime/" \
       | grep -vE ":${target}runtime/abi/" || true)"

# The embedding API's public headers are all an embedder sees: the standard library only.
report "embed/osprey_jit/ (public headers) may include only standard headers" \
  "$(includes embed/osprey_jit | grep -E ":${target}\"" || true)"

shopt -s nullglob
codegen_public_headers=(codegen/*.h)
shopt -u nullglob
report "codegen's public headers (codegen/*.h) must not include LLVM" \
  "$(includes "${codegen_public_headers[@]}" | grep -E ":${target}llvm(-c)?/" || true)"

report "runtime/ must not include frontend/, ir/, codegen/ or LLVM" \
  "$(includes runtime | grep -E ":${target}(frontend|ir|codegen|llvm|llvm-c)/" || true)"

report "runtime/abi/ must include nothing of the project but runtime/abi/" \
  "$(includes runtime/abi |
     grep -E ":${target}(frontend|ir|codegen|runtime|tools|tests|bench)/" |
     grep -vE ":${target}runtime/abi/" || true)"

if [[ ${violations} -ne 0 ]]; then
  echo "check-layering.sh: ${violations} include(s) break the layering"
  exit 1
fi
echo "check-layering.sh: ok"
