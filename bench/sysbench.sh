#!/usr/bin/env bash
# sysbench through tessera-gateway and directly against MariaDB, side by side.
#
#   bench/sysbench.sh [--tests "oltp_point_select oltp_read_only"]
#                     [--threads "1 4 16"] [--time 10] [--rounds 2]
#                     [--table-size 10000] [--worker-threads 32]
#                     [--idle-conns 1000]
#                     [--modes "passthrough router relay session haproxy"]
#                     [--gateway-flags "--io-threads=4 ..."] [--keep]
#                     [--perf]   (syscalls per query: perf stat, needs root)
#
# Starts three mariadbd on 127.0.0.1 (one "direct" server and two shards),
# loads the same sbtest1 table (sysbench prepare, --auto_inc=off) into the
# direct server and, split by the Vitess `hash` vindex on `id`, into the two
# shards (keyspace sbtest, shards -80 and 80-). Then it runs each test at each
# thread count, alternating, against:
#   direct       mariadbd directly
#   passthrough  tessera-gateway forwarding to the direct server (its
#                default --passthrough, the packet relay)
#   relay        the same with --passthrough=relay
#   session      the same with --passthrough=session (libmariadb sessions)
#   router       tessera-gateway in router mode over the two shards
#   haproxy      haproxy in TCP mode in front of the direct server (a byte
#                proxy: the ceiling for any proxy here; needs haproxy)
# and prints QPS, p95 and p99 latency, the ratio to direct in the same round,
# gateway CPU microseconds per query, and the gateway's resident memory per
# idle client connection (--idle-conns authenticated idle connections).
# Needs: bazel, mariadb-server, mariadb-client, sysbench, python3.
# See docs/performance.md for figures and how to read them.
set -euo pipefail

TESTS="oltp_point_select oltp_read_only"
THREADS="1 4 16"
TIME=10
ROUNDS=2
TABLE_SIZE=10000
WORKERS=32
IDLE=1000
MODES="passthrough router"
GATEWAY_FLAGS=""
KEEP=0
PERF=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tests) TESTS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --time) TIME="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --table-size) TABLE_SIZE="$2"; shift 2 ;;
    --worker-threads) WORKERS="$2"; shift 2 ;;
    --idle-conns) IDLE="$2"; shift 2 ;;
    --modes) MODES="$2"; shift 2 ;;
    --gateway-flags) GATEWAY_FLAGS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --perf) PERF=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/tsbench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ $KEEP == 0 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

log() { echo "# $*" >&2; }

(cd "$ROOT" && bazel build -c opt //services/gateway:tessera-gateway \
  //services/cli:tessera >"$WORK/build.log" 2>&1) ||
  { tail -20 "$WORK/build.log"; exit 1; }
cp "$ROOT/bazel-bin/services/gateway/tessera-gateway" "$ROOT/bazel-bin/services/cli/tessera" "$WORK/"
GATEWAY="$WORK/tessera-gateway"
TESSERA="$WORK/tessera"

PW=tessera
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_mariadb NAME PORT SERVER_ID
start_mariadb() {
  local d="$WORK/$1"
  mkdir -p "$d/data" "$d/tmp"
  cat >"$d/my.cnf" <<EOF
[mariadbd]
user=root
datadir=$d/data
socket=$d/sock
tmpdir=$d/tmp
pid-file=$d/pid
log-error=$d/error.log
port=$2
bind-address=127.0.0.1
server-id=$3
skip-name-resolve
skip-log-bin
performance-schema=OFF
innodb-buffer-pool-size=64M
innodb-log-file-size=32M
max-connections=3000
EOF
  if [[ -d "$WORK/template" ]]; then
    cp -a "$WORK/template/." "$d/data/"
  else
    mariadb-install-db --defaults-file="$d/my.cnf" --skip-test-db \
      --auth-root-authentication-method=normal --user=root >"$d/install.log" 2>&1
  fi
  mariadbd --defaults-file="$d/my.cnf" >"$d/out.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    mariadb-admin --socket="$d/sock" -uroot ping >/dev/null 2>&1 && break
    mariadb-admin --socket="$d/sock" -uroot -p"$PW" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  if [[ ! -d "$WORK/template" ]]; then
    mariadb --socket="$d/sock" -uroot -e "
      CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
      ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$PW';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
      DELETE FROM mysql.global_priv WHERE User='';
      FLUSH PRIVILEGES;
      ALTER USER 'root'@'localhost' IDENTIFIED BY '$PW';"
  fi
}

sql() {  # sql PORT STATEMENTS
  mariadb -h127.0.0.1 -P"$1" -uroot -p"$PW" -N -B -e "$2"
}

DIRECT=$(free_port); SHARD1=$(free_port); SHARD2=$(free_port)
log "starting mariadbd: direct $DIRECT, shards $SHARD1 $SHARD2 (in $WORK)"
start_mariadb direct "$DIRECT" 1
# The other two copy the direct server's fresh datadir (same root password).
mariadb-admin --socket="$WORK/direct/sock" -uroot -p"$PW" shutdown
for _ in $(seq 1 100); do [[ -e "$WORK/direct/pid" ]] || break; sleep 0.1; done
cp -a "$WORK/direct/data" "$WORK/template"
start_mariadb direct "$DIRECT" 1
start_mariadb shard1 "$SHARD1" 2
start_mariadb shard2 "$SHARD2" 3

SB_COMMON=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-user=root
  --mysql-password="$PW" --mysql-db=sbtest --tables=1
  --table-size="$TABLE_SIZE" --auto_inc=off)
sql "$DIRECT" "CREATE DATABASE sbtest"
sysbench oltp_read_only "${SB_COMMON[@]}" --mysql-port="$DIRECT" prepare \
  >"$WORK/prepare.log"
# Same rows on the shards, each keeping the ids the hash vindex gives it.
mariadb-dump -h127.0.0.1 -P"$DIRECT" -uroot -p"$PW" sbtest >"$WORK/sbtest.sql"
seq 1 "$TABLE_SIZE" | xargs "$TESSERA" vindex map --type hash \
  --shards=-80,80- >"$WORK/ksids.txt"
for s in 1 2; do
  port_var="SHARD$s"; port=${!port_var}
  shard=$([[ $s == 1 ]] && echo "80-" || echo "-80")  # the shard to drop
  sql "$port" "CREATE DATABASE sbtest"
  mariadb -h127.0.0.1 -P"$port" -uroot -p"$PW" sbtest <"$WORK/sbtest.sql"
  awk -v drop="$shard" '$NF == drop {print $1}' "$WORK/ksids.txt" |
    paste -sd, >"$WORK/drop$s.txt"
  sql "$port" "DELETE FROM sbtest.sbtest1 WHERE id IN ($(cat "$WORK/drop$s.txt"))"
done
log "rows: direct $(sql "$DIRECT" 'SELECT COUNT(*) FROM sbtest.sbtest1')," \
  "shard -80 $(sql "$SHARD1" 'SELECT COUNT(*) FROM sbtest.sbtest1')," \
  "shard 80- $(sql "$SHARD2" 'SELECT COUNT(*) FROM sbtest.sbtest1')"

"$TESSERA" passwd --json root "$PW" >"$WORK/users.json"
cat >"$WORK/vschema.json" <<'EOF'
{"keyspaces": {"sbtest": {"sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {"sbtest1": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}}
EOF

# start_gateway MODE PORT: passthrough to the direct server or router mode.
start_gateway() {
  local args=(--listen="127.0.0.1:$2" --users="$WORK/users.json"
    --backend-user=root --backend-password="$PW" --worker-threads="$WORKERS"
    --log-level=warn --max-connections=5000)
  # shellcheck disable=SC2206
  args+=($GATEWAY_FLAGS)
  if [[ $1 == haproxy ]]; then
    printf '%s\n' global '  maxconn 8000' defaults '  mode tcp' \
      '  timeout connect 5s' '  timeout client 1h' '  timeout server 1h' \
      'listen my' "  bind 127.0.0.1:$2" "  server s1 127.0.0.1:$DIRECT" \
      >"$WORK/haproxy.cfg"
    haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
    local hpid=$!
    sleep 0.5
    echo "$hpid"
    return
  fi
  if [[ $1 == router ]]; then
    args+=(--vschema="$WORK/vschema.json"
      --shards="sbtest/-80=127.0.0.1:$SHARD1,sbtest/80-=127.0.0.1:$SHARD2")
  else
    args+=(--backend="127.0.0.1:$DIRECT")
    [[ $1 == relay || $1 == session ]] && args+=(--passthrough="$1")
  fi
  "$GATEWAY" "${args[@]}" >"$WORK/gateway-$1.log" 2>&1 &
  local pid=$!
  PIDS+=($pid)
  for _ in $(seq 1 100); do
    mariadb -h127.0.0.1 -P"$2" -uroot -p"$PW" -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "$pid"
}
declare -A GW_PORT GW_PID
for m in $MODES; do
  GW_PORT[$m]=$(free_port)
  GW_PID[$m]=$(start_gateway "$m" "${GW_PORT[$m]}")
  PIDS+=("${GW_PID[$m]}")  # start_gateway ran in a subshell
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run_one TEST THREADS PORT -> "qps p95 p99 queries errors" (latencies in ms)
run_one() {
  local out
  out=$(sysbench "$1" "${SB_COMMON[@]}" --mysql-port="$3" --threads="$2" \
    --time="$TIME" --histogram=on --report-interval=0 run 2>&1) || {
    echo "$out" >>"$WORK/failures.log"
    echo "0 0 0 0 failed"
    return
  }
  echo "$out" | awk '
    /queries:/ && /per sec/ { q = $2; gsub(/[()]/, "", $3); qps = $3 }
    /ignored errors:/ { err = $3 }
    /^ *[0-9.]+ +\|/ { v[n] = $1; c[n] = $NF; total += $NF; n++ }
    END {
      p95 = p99 = 0; acc = 0
      for (i = 0; i < n; i++) {
        acc += c[i]
        if (!p95 && acc >= 0.95 * total) p95 = v[i]
        if (!p99 && acc >= 0.99 * total) p99 = v[i]
      }
      printf "%s %s %s %s %s\n", qps, p95, p99, q, err
    }'
}

HZ=$(getconf CLK_TCK)
printf "%-18s %3s %5s %-12s %9s %8s %8s %7s %7s %7s %8s %6s %6s\n" test thr round \
  target qps p95_ms p99_ms qps_x p95_x p99_x cpu_us errors sys_q
for test in $TESTS; do
  for t in $THREADS; do
    for r in $(seq 1 "$ROUNDS"); do
      read -r dq dp95 dp99 _ derr < <(run_one "$test" "$t" "$DIRECT")
      printf "%-18s %3s %5s %-12s %9.0f %8.2f %8.2f %7s %7s %7s %8s %6s %6s\n" \
        "$test" "$t" "$r" direct "$dq" "$dp95" "$dp99" 1.00 1.00 1.00 - "$derr" -
      for m in $MODES; do
        before=$(cpu_ticks "${GW_PID[$m]}")
        if [[ $PERF == 1 ]]; then
          perf stat -e raw_syscalls:sys_enter -x, -o "$WORK/perf.txt" \
            -p "${GW_PID[$m]}" 2>/dev/null &
          perfpid=$!
        fi
        read -r q p95 p99 n err < <(run_one "$test" "$t" "${GW_PORT[$m]}")
        after=$(cpu_ticks "${GW_PID[$m]}")
        sys="-"
        if [[ $PERF == 1 ]]; then
          kill -INT "$perfpid" 2>/dev/null || true
          wait "$perfpid" 2>/dev/null || true
          sys=$(awk -F, -v n="$n" '/raw_syscalls/ && n > 0 {
            printf "%.1f", $1 / n }' "$WORK/perf.txt")
        fi
        awk -v test="$test" -v t="$t" -v r="$r" -v m="$m" -v q="$q" \
          -v p95="$p95" -v p99="$p99" -v dq="$dq" -v dp95="$dp95" \
          -v dp99="$dp99" -v n="$n" -v ticks=$((after - before)) -v hz="$HZ" \
          -v err="$err" -v sys="$sys" 'BEGIN {
            printf "%-18s %3s %5s %-12s %9.0f %8.2f %8.2f %7.2f %7.2f %7.2f %8.1f %6s %6s\n",
              test, t, r, m, q, p95, p99, (dq > 0 ? q / dq : 0),
              (dp95 > 0 ? p95 / dp95 : 0), (dp99 > 0 ? p99 / dp99 : 0),
              (n > 0 ? ticks / hz * 1e6 / n : 0), err, sys }'
      done
    done
  done
done

# Resident memory per idle client connection.
if [[ $IDLE -gt 0 ]]; then
  for m in $MODES; do
    pid=${GW_PID[$m]}
    rss0=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    fifo="$WORK/idle-$m.out"
    python3 "$ROOT/bench/idle_conns.py" 127.0.0.1 "${GW_PORT[$m]}" root "$PW" \
      "$IDLE" 30 >"$fifo" 2>&1 &
    holder=$!
    for _ in $(seq 1 600); do grep -q '^open' "$fifo" 2>/dev/null && break; sleep 0.1; done
    rss1=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    kill "$holder" 2>/dev/null || true
    wait "$holder" 2>/dev/null || true
    if grep -q '^open' "$fifo"; then
      echo "idle connections ($m): $IDLE, gateway RSS ${rss0} KiB -> ${rss1} KiB:" \
        "$(( (rss1 - rss0) * 1024 / IDLE )) bytes per connection"
    else
      echo "idle connections ($m): failed: $(tail -2 "$fifo")"
    fi
  done
fi
[[ -s "$WORK/failures.log" ]] && { echo "sysbench failures:"; tail -20 "$WORK/failures.log"; }
exit 0
