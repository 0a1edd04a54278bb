#!/bin/bash
# run_differential.py end to end on two plain servers (the two shards of a
# `tessera up --shards=2` cluster): identical data must compare equal, and a
# changed row on the subject must be reported with exit status 1.
set -euo pipefail
tessera="$PWD/$1"
runner="$PWD/tests/differential/run_differential.py"
work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/rundiff-XXXXXX")"
cleanup() { "$tessera" down --dir="$work/cluster" >/dev/null 2>&1 || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$tessera" up --shards=2 --nogateway --dir="$work/cluster" >"$work/up.out"
ports=($(python3 -c 'import json,sys
print(" ".join(str(c["port"]) for c in json.load(open(sys.argv[1]))["components"]))' \
  "$work/cluster/state.json"))
[[ ${#ports[@]} == 2 ]] || fail "want 2 servers: ${ports[*]}"
ref="127.0.0.1:${ports[0]}"
sub="127.0.0.1:${ports[1]}"

python3 "$runner" --reference "$ref" --subject "$sub" --random_seconds 3 \
  >"$work/same.out" || fail "identical servers differ: $(tail -20 "$work/same.out")"
grep -q " 0 failed$" "$work/same.out" || fail "no summary: $(cat "$work/same.out")"
cat "$work/same.out"

mariadb -h127.0.0.1 -P"${ports[1]}" -uroot -ptessera commerce \
  -e "UPDATE customer SET name = 'changed' WHERE customer_id = 42"
set +e
python3 "$runner" --reference "$ref" --subject "$sub" --load none --no_dml \
  --random_seconds 0 >"$work/diff.out"
rc=$?
set -e
[[ $rc == 1 ]] || fail "exit status $rc for a changed row, want 1"
grep -q "^FAIL queries.sql:10 \[point-vindex\]: rows differ" "$work/diff.out" ||
  fail "changed row not reported: $(head -20 "$work/diff.out")"
grep -q "'changed'" "$work/diff.out" || fail "subject rows not shown"
echo PASS
