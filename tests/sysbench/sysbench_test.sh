#!/bin/bash
# sysbench runs unchanged against the gateway of `tessera up` (issue 8): the
# `sbtest` keyspace shards sbtest1..N by hash(id); sysbench's own prepare
# creates the tables (DDL to every shard) and loads rows whose ids come from
# per-table sequences; then oltp_read_write, oltp_read_only and
# oltp_point_select run with 4 threads for a few seconds each (bounded by
# --time and by `timeout`), with server-side prepared statements (sysbench's
# default) and with text statements. Every run must report zero errors and
# zero reconnects, and the rows must be where the vindex puts them.
set -euo pipefail
TESSERA="$PWD/$1"
work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/sysbench-XXXXXX")"
cd "$work"
cleanup() { "$TESSERA" down --dir="$work/c" >/dev/null 2>&1 || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$TESSERA" up --dir="$work/c" --shards=2 --gateway_port=0 > up.out
gw=$(sed -n 's/^gateway: mariadb -h127.0.0.1 -P\([0-9]*\) .*/\1/p' up.out)
[[ -n "$gw" ]] || fail "no gateway port in: $(cat up.out)"
"$TESSERA" status --dir="$work/c" > status.out
mapfile -t shards < <(awk '$2 == "mariadb" && $3 == "primary" {split($4, a, ":"); print a[2]}' status.out)
[[ ${#shards[@]} == 2 ]] || fail "want 2 shard primaries: $(cat status.out)"

TABLES=2
ROWS=10000
SB=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$gw"
  --mysql-user=root --mysql-password=tessera --mysql-db=sbtest
  --tables=$TABLES --table-size=$ROWS)

# sysbench_run NAME ARGS...: runs sysbench, checks it succeeded without
# errors or reconnects, prints its output to NAME.out.
sysbench_run() {
  local name=$1; shift
  if ! timeout 300 sysbench "$@" > "$name.out" 2>&1; then
    fail "sysbench $name failed: $(tail -20 "$name.out")"
  fi
  if grep -q 'FATAL' "$name.out"; then fail "sysbench $name: $(grep -m3 FATAL "$name.out")"; fi
}
# check_clean NAME: the run did work and had no errors or reconnects.
check_clean() {
  local q e r
  q=$(awk '/queries:/ {print $2; exit}' "$1.out")
  e=$(awk '/ignored errors:/ {print $3; exit}' "$1.out")
  r=$(awk '/reconnects:/ {print $2; exit}' "$1.out")
  [[ -n "$q" && "$q" -gt 0 ]] || fail "$1: no queries ran: $(cat "$1.out")"
  [[ "$e" == 0 ]] || fail "$1: $e ignored errors"
  [[ "$r" == 0 ]] || fail "$1: $r reconnects"
  echo "$1: $q queries, 0 errors"
}
gwq() { mariadb -h127.0.0.1 -P"$gw" -uroot -ptessera -N -B sbtest -e "$1"; }
shardq() { mariadb -h127.0.0.1 -P"$1" -uroot -ptessera -N -B sbtest -e "$2"; }

# The rows of every table: all there through the gateway, ids 1..ROWS from
# the sequence, split over both shards, and the gateway's aggregate equal to
# the shards' combined.
check_tables() {
  local t got s0 s1 sums
  for t in $(seq 1 $TABLES); do
    got=$(gwq "SELECT COUNT(*), MIN(id), MAX(id), COUNT(DISTINCT id) FROM sbtest$t" | tr '\t' ' ')
    [[ "$got" == "$ROWS 1 $ROWS $ROWS" ]] || fail "$1: sbtest$t through the gateway: '$got'"
    s0=$(shardq "${shards[0]}" "SELECT COUNT(*) FROM sbtest$t")
    s1=$(shardq "${shards[1]}" "SELECT COUNT(*) FROM sbtest$t")
    (( s0 > 0 && s1 > 0 && s0 + s1 == ROWS )) || fail "$1: sbtest$t shard rows $s0 + $s1"
    got=$(gwq "SELECT SUM(k), SUM(CRC32(c)), SUM(CRC32(pad)) FROM sbtest$t" | tr '\t' ' ')
    sums=$( (shardq "${shards[0]}" "SELECT k, CRC32(c), CRC32(pad) FROM sbtest$t";
             shardq "${shards[1]}" "SELECT k, CRC32(c), CRC32(pad) FROM sbtest$t") |
           awk '{a += $1; b += $2; c += $3} END {printf "%d %d %d", a, b, c}')
    [[ "$got" == "$sums" ]] || fail "$1: sbtest$t sums '$got' != shards '$sums'"
  done
  # A point select reaches exactly the row the shards hold.
  got=$(gwq "SELECT id, k FROM sbtest1 WHERE id = 17" | tr '\t' ' ')
  s0=$( (shardq "${shards[0]}" "SELECT id, k FROM sbtest1 WHERE id = 17";
         shardq "${shards[1]}" "SELECT id, k FROM sbtest1 WHERE id = 17") | tr '\t' ' ')
  [[ -n "$got" && "$got" == "$s0" ]] || fail "$1: point select '$got' vs shards '$s0'"
}

sysbench_run prepare oltp_read_write "${SB[@]}" prepare
check_tables "after prepare"
for t in $(seq 1 $TABLES); do
  for p in "${shards[@]}"; do
    shardq "$p" "SHOW INDEX FROM sbtest$t" | grep -q 'k_' ||
      fail "secondary index of sbtest$t missing on shard port $p"
  done
done

RUN=(--threads=4 --time=4 --report-interval=0)
sysbench_run rw oltp_read_write "${SB[@]}" "${RUN[@]}" run
check_clean rw
sysbench_run ro oltp_read_only "${SB[@]}" "${RUN[@]}" run
check_clean ro
sysbench_run ps oltp_point_select "${SB[@]}" "${RUN[@]}" run
check_clean ps
sysbench_run ps_text oltp_point_select "${SB[@]}" "${RUN[@]}" --db-ps-mode=disable run
check_clean ps_text
sysbench_run rw_text oltp_read_write "${SB[@]}" "${RUN[@]}" --db-ps-mode=disable run
check_clean rw_text
# oltp_read_write deletes and re-inserts rows with the same ids and updates
# k and c: the set of ids is unchanged and the gateway still agrees with the
# shards.
check_tables "after the runs"

sysbench_run cleanup oltp_read_write "${SB[@]}" cleanup
for p in "${shards[@]}"; do
  left=$(shardq "$p" "SHOW TABLES" | grep -c '^sbtest' || true)
  [[ "$left" == 0 ]] || fail "cleanup left $left tables on shard port $p"
done
echo PASS
