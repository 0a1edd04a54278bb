#!/bin/bash
# `tessera explain` offline: text, JSON and JSONL modes against a vschema file.
set -euo pipefail
TESSERA="$1"
VSCHEMA="$2"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$TESSERA" explain --vschema "$VSCHEMA" --keyspace commerce \
  "select * from customer where id = 1")
[[ "$out" == *"Route EqualUnique commerce"* ]] || fail "text: $out"

out=$("$TESSERA" explain --vschema "$VSCHEMA" --keyspace commerce --json \
  "select name, count(*) from customer group by name")
[[ "$out" == *'"operator":"Aggregate"'* ]] || fail "json: $out"
[[ "$out" == *'"variant":"Scatter"'* ]] || fail "json variant: $out"

out=$(printf '%s\n' '{"sql": "select * from product"}' \
  '{"sql": "select * from customer c join corder o on c.name = o.note"}' \
  'not json' | "$TESSERA" explain --vschema "$VSCHEMA" --keyspace commerce --jsonl || true)
[[ $(echo "$out" | wc -l) == 3 ]] || fail "jsonl lines: $out"
echo "$out" | sed -n 1p | grep -q '"ok":true,"plan":{"operator":"Route","variant":"Reference"' \
  || fail "jsonl line 1: $out"
echo "$out" | sed -n 2p | grep -q '"ok":false,"error":"unsupported: cross-shard join' \
  || fail "jsonl line 2: $out"
echo "$out" | sed -n 3p | grep -q '"ok":false' || fail "jsonl line 3: $out"

if "$TESSERA" explain --vschema "$VSCHEMA" "select * from nosuch" 2>err.txt; then
  fail "unknown table accepted"
fi
grep -q "doesn't exist" err.txt || fail "unclear error: $(cat err.txt)"
echo PASS
