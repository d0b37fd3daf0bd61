#!/usr/bin/env bash
# `osprey-jit run --watch`: while actions flow in on stdin, a change to the rules directory is
# applied to the actions after it; rules with errors are reported and the running ones kept;
# a new file in a new subdirectory is picked up too, and so is a directory replaced by a new one.
# Usage: run_watch_test.sh OSPREY_JIT
set -euo pipefail
cli="$1"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
mkdir -p "${work}/rules"
write_rules() {  # threshold
  printf "Score: int = JsonData(path='\$.score')\nHigh = Rule(when_all=[Score > %s], description='high')\n" \
    "$1" >"${work}/rules/main.sml"
}
# Each step waits for what the CLI reports (a result line, a reload message) instead of for a
# fixed time: on a loaded machine, starting the CLI alone can take longer than a second.
count() {  # file pattern: how many lines of `file` contain `pattern`
  grep -c -- "$2" "$1" 2>/dev/null || :
}
wait_until() {  # file pattern n: until `n` lines of `file` contain `pattern` (60 s at most)
  local seen
  for _ in $(seq 600); do
    seen="$(count "$1" "$2")"
    if [ "${seen:-0}" -ge "$3" ]; then return 0; fi
    sleep 0.1
  done
  echo "run_watch_test: gave up waiting for $3 lines with '$2' in $1" >&2
  return 1
}
out="${work}/out.jsonl"
err="${work}/err.txt"
write_rules 10
action='{"action_id": 1, "action_name": "a", "timestamp": "2025-01-01T00:00:00Z", "data": {"score": 50}}'
{
  echo "${action}"
  wait_until "${out}" __action_id 1                 # the first ruleset runs
  write_rules 100                                   # applied: High turns false
  wait_until "${err}" "applied ruleset" 1
  echo "${action}"
  wait_until "${out}" __action_id 2
  echo "High = Rule(when_all=[Nope > 1], description='x')" >"${work}/rules/main.sml"
  wait_until "${err}" "keeping ruleset" 1
  echo "${action}"                                  # still the previous ruleset
  wait_until "${out}" __action_id 3
  applied="$(count "${err}" "applied ruleset")"
  write_rules 100
  mkdir -p "${work}/rules/models"
  printf "Extra = 1\n" >"${work}/rules/models/extra.sml"
  printf "Import(rules=['models/extra.sml'])\n" >>"${work}/rules/main.sml"
  wait_until "${err}" "applied ruleset" $((applied + 1))
  sleep 0.5                                         # a reload of the same burst, if split
  echo "${action}"                                  # the new file is part of the ruleset
  wait_until "${out}" __action_id 4
  applied="$(count "${err}" "applied ruleset")"
  # A deploy that swaps in a new directory under the same name.
  cp -r "${work}/rules" "${work}/next"
  printf "Score: int = JsonData(path='\$.score')\nHigh = Rule(when_all=[Score > 1], description='high')\n" \
    >"${work}/next/main.sml"
  rm -rf "${work}/rules"
  mv "${work}/next" "${work}/rules"
  wait_until "${err}" "applied ruleset" $((applied + 1))
  echo "${action}"                                  # the replaced directory is watched
} | "${cli}" run --rules "${work}/rules" --watch --watch-quiet-ms 100 --emit hits \
      >"${out}" 2>"${err}"
cat "${out}" "${err}"
test "$(wc -l <"${out}")" -eq 5
rulesets=($(sed -E 's/.*"__ruleset": "([0-9a-f]+)".*/\1/' "${out}"))
sed -n 1p "${out}" | grep -q '"__rules": \["High"\]'
sed -n 2p "${out}" | grep -q '"__rules": \[\]'
test "${rulesets[0]}" != "${rulesets[1]}"
test "${rulesets[1]}" = "${rulesets[2]}"     # the broken rules changed nothing
test "${rulesets[3]}" != "${rulesets[2]}"    # the new subdirectory's file changed the ruleset
sed -n 5p "${out}" | grep -q '"__rules": \["High"\]'
test "${rulesets[4]}" != "${rulesets[3]}"
grep -q "main.sml:1:23: error: unknown identifier" "${err}"
grep -q "keeping ruleset ${rulesets[1]}" "${err}"
echo "run_watch_test: ok"
