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
write_rules 10
action='{"action_id": 1, "action_name": "a", "timestamp": "2025-01-01T00:00:00Z", "data": {"score": 50}}'
{
  echo "${action}"
  sleep 1
  write_rules 100                                   # applied: High turns false
  sleep 1.5
  echo "${action}"
  sleep 0.5
  echo "High = Rule(when_all=[Nope > 1], description='x')" >"${work}/rules/main.sml"
  sleep 1.5
  echo "${action}"                                  # still the previous ruleset
  sleep 0.5
  write_rules 100
  mkdir -p "${work}/rules/models"
  printf "Extra = 1\n" >"${work}/rules/models/extra.sml"
  printf "Import(rules=['models/extra.sml'])\n" >>"${work}/rules/main.sml"
  sleep 1.5
  echo "${action}"                                  # the new file is part of the ruleset
  sleep 0.3
  # A deploy that swaps in a new directory under the same name.
  cp -r "${work}/rules" "${work}/next"
  printf "Score: int = JsonData(path='\$.score')\nHigh = Rule(when_all=[Score > 1], description='high')\n" \
    >"${work}/next/main.sml"
  rm -rf "${work}/rules"
  mv "${work}/next" "${work}/rules"
  sleep 2
  echo "${action}"                                  # the replaced directory is watched
} | "${cli}" run --rules "${work}/rules" --watch --watch-quiet-ms 100 --emit hits \
      >"${work}/out.jsonl" 2>"${work}/err.txt"
cat "${work}/out.jsonl" "${work}/err.txt"
test "$(wc -l <"${work}/out.jsonl")" -eq 5
rulesets=($(sed -E 's/.*"__ruleset": "([0-9a-f]+)".*/\1/' "${work}/out.jsonl"))
sed -n 1p "${work}/out.jsonl" | grep -q '"__rules": \["High"\]'
sed -n 2p "${work}/out.jsonl" | grep -q '"__rules": \[\]'
test "${rulesets[0]}" != "${rulesets[1]}"
test "${rulesets[1]}" = "${rulesets[2]}"     # the broken rules changed nothing
test "${rulesets[3]}" != "${rulesets[2]}"    # the new subdirectory's file changed the ruleset
sed -n 5p "${work}/out.jsonl" | grep -q '"__rules": \["High"\]'
test "${rulesets[4]}" != "${rulesets[3]}"
grep -q "main.sml:1:23: error: unknown identifier" "${work}/err.txt"
grep -q "keeping ruleset ${rulesets[1]}" "${work}/err.txt"
echo "run_watch_test: ok"
