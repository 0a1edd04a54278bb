#!/usr/bin/env bash
# End-to-end check of the topology CLI on a fresh RocksDB store.
set -euo pipefail
T="$TEST_SRCDIR/$TEST_WORKSPACE/services/cli/tessera"
cd "$TEST_TMPDIR"
export TOPO="rocksdb://$TEST_TMPDIR/topo"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$T" keyspace create commerce --sharded --topo "$TOPO" >/dev/null
"$T" keyspace create commerce --topo "$TOPO" 2>err && fail "duplicate keyspace"
grep -q "already exists" err || fail "duplicate message: $(cat err)"
"$T" keyspace list --topo "$TOPO" | grep -q "^commerce	sharded" || fail list
"$T" shard create commerce/-80 --topo "$TOPO" >/dev/null
"$T" shard create commerce/80- --topo "$TOPO" >/dev/null
"$T" shard create commerce/8- --topo "$TOPO" 2>/dev/null && fail "bad shard"
[ "$("$T" shard list commerce --topo "$TOPO" | cut -f1 | tr '\n' ' ')" = \
  "commerce/-80 commerce/80- " ] || fail "shard list"

echo '{"sharded": true, "colour": 1}' >bad.json
"$T" vschema apply --keyspace commerce bad.json --topo "$TOPO" 2>err &&
  fail "invalid vschema accepted"
grep -q colour err || fail "vschema message"
"$T" vschema get --keyspace commerce --topo "$TOPO" 2>/dev/null &&
  fail "invalid vschema was written"
echo '{"sharded": true, "vindexes": {"h": {"type": "hash"}}}' >good.json
"$T" vschema apply --keyspace commerce good.json --topo "$TOPO" >/dev/null
"$T" vschema get --keyspace commerce --topo "$TOPO" | grep -q '"hash"' ||
  fail "vschema get"

"$T" topo put app/flag on --topo "$TOPO" >/dev/null
[ "$("$T" topo get app/flag --topo "$TOPO" 2>/dev/null)" = on ] || fail get
"$T" topo ls keyspaces/commerce/shards/ --topo "$TOPO" | grep -c Shard |
  grep -q 2 || fail ls
"$T" topo get keyspaces/commerce/shards/80-/Shard --topo "$TOPO" 2>/dev/null |
  grep -q 'name: "80-"' || fail "text format"
"$T" topo put keyspaces/commerce/Keyspace 'nope: 1' --topo "$TOPO" 2>/dev/null &&
  fail "bad text record accepted"
"$T" topo put app/flag off --version 1 --topo "$TOPO" 2>/dev/null &&
  fail "stale version accepted"
# (`topo watch` needs a second writer process: covered with etcd.)
"$T" topo bogus --topo "$TOPO" 2>/dev/null && fail "unknown verb"
echo PASS
