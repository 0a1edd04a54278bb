#!/bin/bash
# `tessera vindex` and `tessera vschema check` end to end.
set -u
T="$1"
DATA="$2"
fail=0
check() {  # check NAME WANT GOT
  if [[ "$2" != "$3" ]]; then
    echo "FAIL $1: want [$2] got [$3]"
    fail=1
  else
    echo "ok   $1"
  fi
}
check hash "$(printf '1\t166b40b44aba4bd6\n2\t06e7ea22ce92708f')" \
  "$("$T" vindex map --type hash 1 2)"
check shards "$(printf '1\t166b40b44aba4bd6\t-80\n6\tf098480ac4c4be71\t80-')" \
  "$("$T" vindex --type hash --shards -80,80- 1 6)"
check hex-binary "$(printf '00ff\t00ff')" \
  "$("$T" vindex --type binary --value-type hex 00ff)"
check reverse "$(printf '166b40b44aba4bd6\t1')" \
  "$("$T" vindex reverse --type hash 166b40b44aba4bd6)"
"$T" vindex reverse --type xxhash 00 >/dev/null 2>&1; check irreversible-rc 1 $?
"$T" vindex --type hash --shards -40,80- 1 2>/tmp/vindex_err_$$; rc=$?
check gap-rc 1 "$rc"
check gap-msg "tessera vindex: gap: [40, 80) is covered by no shard (between -40 and 80-)" \
  "$(cat /tmp/vindex_err_$$)"
"$T" vindex --type nope 1 >/dev/null 2>&1; check unknown-type-rc 1 $?
"$T" vindex >/dev/null 2>&1; check usage-rc 2 $?
out="$("$T" vschema check --keyspace customer "$DATA/customer.json")"; rc=$?
check check-rc 0 "$rc"
check check-summary "keyspace customer (sharded): 5 tables, 4 vindexes" \
  "$(echo "$out" | sed -n 2p)"
TMP="${TEST_TMPDIR:-/tmp}"
echo '{"sharded": true, "tables": {"t": {"colum_vindexes": []}}}' > "$TMP/bad.json"
"$T" vschema check "$TMP/bad.json" 2>"$TMP/err"; rc=$?
check bad-rc 1 "$rc"
check bad-msg "$TMP/bad.json: vschema has unknown field(s): tables.t.colum_vindexes" \
  "$(cat "$TMP/err")"
rm -f /tmp/vindex_err_$$
exit $fail
