#!/bin/bash
# Runs an example with TESSERA_SHARDS set to the shards of keyspace "app"
# (from run_with_cluster.sh) and compares its output with $EXPECTED
# (default examples/expected_output.txt).
set -euo pipefail
export TESSERA_SHARDS="app/-80=127.0.0.1:${TESSERA_TEST_PORT0},app/80-=127.0.0.1:${TESSERA_TEST_PORT1}"
export TESSERA_PASSWORD=tessera
out="${TEST_TMPDIR:-/tmp}/example.out"
"$@" >"$out"
cat "$out"
diff -u "${EXPECTED:-examples/expected_output.txt}" "$out"
echo PASS
