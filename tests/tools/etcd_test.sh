#!/usr/bin/env bash
# Rules from etcd, as Osprey distributes them: starts a real etcd on loopback, publishes a
# ruleset with `osprey-jit push-rules`, runs `osprey-jit run --rules-etcd` on a paced stdin and
# observes the swaps: a new version pushed is applied; a broken ruleset written to the key
# directly (push-rules refuses it) is reported and changes nothing; --dry-run publishes nothing.
# Usage: etcd_test.sh OSPREY_JIT
set -euo pipefail
cli="$1"
command -v etcd >/dev/null || { echo "etcd is not installed (scripts/setup.sh installs it)"; exit 1; }
work="$(mktemp -d)"
port=$((23000 + RANDOM % 2000))
peer=$((port + 2000))
endpoint="http://127.0.0.1:${port}"
etcd --data-dir "${work}/etcd" --listen-client-urls "${endpoint}" \
  --advertise-client-urls "${endpoint}" --listen-peer-urls "http://127.0.0.1:${peer}" \
  --initial-advertise-peer-urls "http://127.0.0.1:${peer}" \
  --initial-cluster "default=http://127.0.0.1:${peer}" >"${work}/etcd.log" 2>&1 &
etcd_pid=$!
trap 'kill ${etcd_pid} 2>/dev/null; wait ${etcd_pid} 2>/dev/null || true; rm -rf "${work}"' EXIT
for _ in $(seq 50); do
  curl -sf "${endpoint}/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "${endpoint}/health" >/dev/null || { cat "${work}/etcd.log"; exit 1; }

write_rules() {  # threshold
  mkdir -p "${work}/rules"
  printf "Score: int = JsonData(path='\$.score')\nHigh = Rule(when_all=[Score > %s], description='high')\n" \
    "$1" >"${work}/rules/main.sml"
}
key="/osprey/rules"
write_rules 10
"${cli}" push-rules "${work}/rules" --etcd "${endpoint}" --key "${key}" --dry-run | grep -q "dry run"
if "${cli}" run --rules-etcd "${endpoint}" --rules-key "${key}" </dev/null 2>"${work}/err0.txt"; then
  echo "run must fail before anything is published"; exit 1
fi
grep -q "no ruleset under key" "${work}/err0.txt"
"${cli}" push-rules "${work}/rules" --etcd "${endpoint}" --key "${key}" | grep -q "published"

action='{"action_id": 1, "action_name": "a", "timestamp": "2025-01-01T00:00:00Z", "data": {"score": 50}}'
{
  echo "${action}"
  sleep 0.5
  write_rules 100
  "${cli}" push-rules "${work}/rules" --etcd "${endpoint}" --key "${key}" >/dev/null
  sleep 1.5
  echo "${action}"
  sleep 0.5
  # Broken rules, written directly: push-rules would refuse them.
  broken=$(printf '{"main.sml": "High = Rule(when_all=[Nope > 1], description=\\"x\\")\\n"}' | base64 -w0)
  curl -sf -X POST "${endpoint}/v3/kv/put" \
    -d "{\"key\": \"$(printf '%s' "${key}" | base64 -w0)\", \"value\": \"${broken}\"}" >/dev/null
  sleep 1.5
  echo "${action}"
} | "${cli}" run --rules-etcd "${endpoint}" --rules-key "${key}" --emit hits \
      >"${work}/out.jsonl" 2>"${work}/err.txt"
cat "${work}/out.jsonl" "${work}/err.txt"
test "$(wc -l <"${work}/out.jsonl")" -eq 3
rulesets=($(sed -E 's/.*"__ruleset": "([0-9a-f]+)".*/\1/' "${work}/out.jsonl"))
sed -n 1p "${work}/out.jsonl" | grep -q '"__rules": \["High"\]'
sed -n 2p "${work}/out.jsonl" | grep -q '"__rules": \[\]'
test "${rulesets[0]}" != "${rulesets[1]}"
test "${rulesets[1]}" = "${rulesets[2]}"
grep -q "applied ruleset ${rulesets[1]}" "${work}/err.txt"
grep -q "keeping ruleset ${rulesets[1]}" "${work}/err.txt"
# push-rules refuses invalid rules and publishes nothing.
echo "High = Rule(when_all=[Nope > 1], description='x')" >"${work}/rules/main.sml"
if "${cli}" push-rules "${work}/rules" --etcd "${endpoint}" --key "${key}" 2>"${work}/push.txt"; then
  echo "push-rules must refuse rules with errors"; exit 1
fi
grep -q "nothing published" "${work}/push.txt"
echo "etcd_test: ok"
