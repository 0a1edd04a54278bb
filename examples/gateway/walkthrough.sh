#!/bin/bash
# Tessera as a gateway: unmodified MySQL clients (here the mariadb CLI) talk
# to tessera-gateway, which runs the same router the embedded examples use.
#
#   export TESSERA_SHARDS="app/-80=127.0.0.1:3306,app/80-=127.0.0.1:3307"
#   export TESSERA_PASSWORD=secret      # the shards' root password
#   examples/gateway/walkthrough.sh [path/to/tessera path/to/tessera-gateway]
#
# Prints what examples/gateway/expected_output.txt holds.
set -euo pipefail
tessera="${1:-tessera}"
gateway="${2:-tessera-gateway}"
: "${TESSERA_SHARDS:?set TESSERA_SHARDS=ks/shard=host:port,...}"
work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/gateway-XXXXXX")"
gw_pid=""
cleanup() { [[ -z "$gw_pid" ]] || kill "$gw_pid" 2>/dev/null || true; }
trap cleanup EXIT

# 1. The VSchema: keyspace app, customer sharded by id, orders by customer.
cat >"$work/vschema.json" <<'JSON'
{"keyspaces": {"app": {
  "sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {
    "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
    "orders": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]}
  }}}}
JSON

# 2. A client account for the gateway (only a PBKDF2 verifier is stored).
"$tessera" passwd --json --user=app app-secret >"$work/users.json"

# 3. The gateway in router mode on a free port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$gateway" --listen="127.0.0.1:$port" --users="$work/users.json" \
  --vschema="$work/vschema.json" --shards="$TESSERA_SHARDS" \
  --backend-user=root --backend-password="${TESSERA_PASSWORD:-}" \
  --log-level=warn >"$work/gateway.log" 2>&1 &
gw_pid=$!
sql() { mariadb -h127.0.0.1 -P"$port" -uapp -papp-secret app "$@"; }
for _ in $(seq 100); do
  sql -e "SELECT 1" >/dev/null 2>&1 && break
  sleep 0.1
done

# 4. Schema and rows, through the gateway like through any MariaDB.
sql <<'SQL'
DROP TABLE IF EXISTS customer;
DROP TABLE IF EXISTS orders;
CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(40), city VARCHAR(20));
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, amount DECIMAL(10,2));
INSERT INTO customer (id, name, city) VALUES
  (1, 'ana', 'paris'), (2, 'bob', 'lyon'), (3, 'carla', 'paris'),
  (4, 'dave', 'lyon'), (5, 'eve', 'rome'), (6, 'femi', 'paris');
SQL
echo "-- a point query (one shard)"
sql -e "SELECT name, city FROM customer WHERE id = 4"
echo "-- a scatter query (every shard, merged by the gateway)"
sql -e "SELECT city, COUNT(*) AS n FROM customer GROUP BY city ORDER BY city"
echo "-- a transaction over both shards, and one rolled back"
sql -e "BEGIN; INSERT INTO orders (id, customer_id, amount) VALUES (100, 1, 25.25);
        INSERT INTO orders (id, customer_id, amount) VALUES (101, 4, 50.25); COMMIT;
        BEGIN; INSERT INTO orders (id, customer_id, amount) VALUES (102, 3, 9.99); ROLLBACK;
        SELECT COUNT(*) AS orders, SUM(amount) AS total FROM orders"
echo "-- what the router cannot answer exactly is refused, never approximated"
sql -e "LOCK TABLES customer READ" 2>&1 | grep "^ERROR" || true
echo "-- the plan of a query"
sql -N -e "EXPLAIN FORMAT=tessera SELECT name FROM customer WHERE id = 4"
