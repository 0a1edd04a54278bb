#!/bin/bash
# Starts two MariaDB shards with `tessera up` (keyspace "app" sharded over
# both, the unsharded "lookup" keyspace on the first), then runs a command
# with TESSERA_TEST_SHARDS ("ks/shard=host:port,..."), TESSERA_TEST_TOPO_URL
# (the RocksDB topology `tessera up` recorded the cluster in), TESSERA_LIBRARY
# (libtessera.so) and the first shard's port in TESSERA_TEST_PORT0. The
# cluster is stopped however the command ends.
#
#   run_with_cluster.sh <tessera CLI> <libtessera.so> <command> [args...]
set -euo pipefail
tessera="$PWD/$1"
export TESSERA_LIBRARY="$PWD/$2"
shift 2
work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/cluster-XXXXXX")"
cleanup() { "$tessera" down --dir="$work/c" >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$tessera" up --shards=2 --nogateway --keyspace=app --dir="$work/c" \
  >"$work/up.out" 2>&1 || { cat "$work/up.out"; exit 1; }
ports=($(python3 -c 'import json,sys
print(" ".join(str(c["port"]) for c in json.load(open(sys.argv[1]))["components"]))' \
  "$work/c/state.json"))
export TESSERA_TEST_TOPO_URL="rocksdb://$work/c/topo"
export TESSERA_TEST_PORT0="${ports[0]}"
export TESSERA_TEST_PORT1="${ports[1]}"
export TESSERA_TEST_SHARDS="app/-80=127.0.0.1:${ports[0]},app/80-=127.0.0.1:${ports[1]},lookup/-=127.0.0.1:${ports[0]}"
"$@"
