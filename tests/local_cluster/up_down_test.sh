#!/bin/bash
# End-to-end check of `tessera up|status|down` as a user runs them: background
# and foreground modes, a real `mariadb` client session, clean stop.
set -euo pipefail
TESSERA="$PWD/$1"
work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/updown-XXXXXX")"
cd "$work"
cleanup() { "$TESSERA" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Background mode.
"$TESSERA" up --shards=2 --replicas=1 --gateway_port=0 > up.out
port=$(sed -n 's/^shard 0: mariadb -h127.0.0.1 -P\([0-9]*\) .*/\1/p' up.out)
[[ -n "$port" ]] || fail "no port in: $(cat up.out)"
"$TESSERA" status > status.out || fail "status not healthy: $(cat status.out)"
[[ $(grep -c ' up$' status.out) == 5 ]] || fail "want 5 components up: $(cat status.out)"
# The gateway serves the sharded keyspace with the sample rows.
gw=$(sed -n 's/^gateway: mariadb -h127.0.0.1 -P\([0-9]*\) .*/\1/p' up.out)
[[ -n "$gw" ]] || fail "no gateway port in: $(cat up.out)"
got=$(mariadb -h127.0.0.1 -P"$gw" -uroot -ptessera -N commerce \
  -e "SELECT COUNT(*), MAX(name) FROM customer" | tr '\t' ' ')
[[ "$got" == "6 Margaret" ]] || fail "scatter through gateway returned '$got'"
got=$(mariadb -h127.0.0.1 -P"$gw" -uroot -ptessera -N commerce \
  -e "SELECT c.name, SUM(o.quantity) FROM customer c JOIN corder o ON c.id = o.customer_id WHERE c.id = 1 GROUP BY c.name" | tr '\t' ' ')
[[ "$got" == "Ada 3" ]] || fail "co-located join returned '$got'"
mariadb -h127.0.0.1 -P"$gw" -uroot -ptessera commerce \
  -e "INSERT INTO customer (id, name) VALUES (77, 'new')"
got=$(mariadb -h127.0.0.1 -P"$gw" -uroot -ptessera -N commerce \
  -e "SELECT name FROM customer WHERE id = 77")
[[ "$got" == "new" ]] || fail "point select after insert returned '$got'"
# An id from the sequence, found again through the email lookup vindex, in
# a transaction.
got=$(mariadb -h127.0.0.1 -P"$gw" -uroot -ptessera -N commerce -e \
  "BEGIN; INSERT INTO customer (name, email) VALUES ('seq', 'seq@example.com'); COMMIT;
   SELECT id >= 1000, name FROM customer WHERE email = 'seq@example.com'" | tr '\t' ' ')
[[ "$got" == "1 seq" ]] || fail "sequence + lookup through gateway returned '$got'"
got=$(mariadb -h127.0.0.1 -P"$port" -uroot -ptessera -N -e "SELECT 40+2")
[[ "$got" == 42 ]] || fail "query through mariadb client returned '$got'"
if "$TESSERA" up > again.out 2>&1; then fail "second up should be refused"; fi
grep -q "already running" again.out || fail "unclear refusal: $(cat again.out)"
"$TESSERA" down > down.out
set +e; "$TESSERA" status > /dev/null 2>&1; rc=$?; set -e
[[ $rc == 3 ]] || fail "status after down: rc $rc, want 3"
if mariadb -h127.0.0.1 -P"$port" -uroot -ptessera -e "SELECT 1" 2>/dev/null; then
  fail "server still answers after down"
fi

# Foreground mode: SIGINT stops everything.
"$TESSERA" up --foreground --shards=1 --dir=fg --gateway_port=0 > fg.out 2>&1 &
up_pid=$!
for _ in $(seq 1 600); do grep -q "Ctrl-C" fg.out && break; sleep 0.1; done
grep -q "Ctrl-C" fg.out || fail "foreground up did not start: $(cat fg.out)"
pids=$(awk '/ (mariadb|gateway) /{print $5}' fg.out)
kill -INT "$up_pid"
wait "$up_pid" || fail "foreground up exited non-zero: $(cat fg.out)"
for p in $pids; do
  if kill -0 "$p" 2>/dev/null; then fail "pid $p still alive after Ctrl-C"; fi
done
[[ ! -e fg/state.json ]] || fail "state.json left behind"
echo PASS
