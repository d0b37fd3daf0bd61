#!/usr/bin/env bash
# Fails when a C/C++ source (*.cc, *.h, *.c) differs from what clang-format makes of it, under
# the repository's .clang-format (Google style, 100 columns). Checks the files git knows about:
# tracked ones and new ones not ignored by .gitignore (so build/ is skipped). Vendored upstream
# code under third_party/ keeps its own formatting and is not checked.
# Fix a file with: clang-format -i FILE.
# Uses $CLANG_FORMAT when set, else clang-format from PATH. Registered as the ctest test `format`
# when CMake finds clang-format.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

clang_format="${CLANG_FORMAT:-clang-format}"
if ! command -v "${clang_format}" >/dev/null 2>&1; then
  echo "check-format.sh: ${clang_format} not found" >&2
  exit 1
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cc' '*.h' '*.c' \
                         ':(exclude)third_party/' |
                       while read -r f; do [[ -f "${f}" ]] && echo "${f}"; done)
else
  mapfile -t files < <(find . \( -path ./build -o -path ./third_party \) -prune -o -type f \
                         \( -name '*.cc' -o -name '*.h' -o -name '*.c' \) -print | sort)
fi

if [[ ${#files[@]} -eq 0 ]]; then
  echo "check-format.sh: no files to check"
  exit 0
fi
unformatted=()
for f in "${files[@]}"; do
  if ! "${clang_format}" --dry-run --Werror "${f}" >/dev/null 2>&1; then
    unformatted+=("${f}")
  fi
done

version="$("${clang_format}" --version)"
if [[ ${#unformatted[@]} -ne 0 ]]; then
  echo "check-format.sh: ${#unformatted[@]} of ${#files[@]} files are not clang-formatted (${version}):"
  printf '    %s\n' "${unformatted[@]}"
  echo "fix with: ${clang_format} -i ${unformatted[*]}"
  exit 1
fi
echo "check-format.sh: all ${#files[@]} files are clang-formatted (${version})"
