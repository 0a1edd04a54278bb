"""Embedding Tessera's router in Python through libtessera.so: a sharded
schema, inserts with bind values, a point query, a scatter query and
transactions. The same program as examples/embedded_cpp and examples/c.

    export TESSERA_LIBRARY=/usr/local/lib/libtessera.so
    export TESSERA_SHARDS="app/-80=127.0.0.1:3306,app/80-=127.0.0.1:3307"
    TESSERA_PASSWORD=secret python3 example.py

It prints what examples/expected_output.txt holds.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tessera  # noqa: E402

VSCHEMA = json.dumps({"keyspaces": {"app": {
    "sharded": True,
    "vindexes": {"hash": {"type": "hash"}},
    "tables": {
        "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
        "orders": {"column_vindexes": [
            {"column": "customer_id", "name": "hash"}]},
    }}}})


def main():
    conn = tessera.connect(
        vschema=VSCHEMA,
        shards=os.environ["TESSERA_SHARDS"].split(","),
        user="root", password=os.environ.get("TESSERA_PASSWORD", ""),
        target="app")
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS customer")
    cur.execute("DROP TABLE IF EXISTS orders")
    cur.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, "
                "name VARCHAR(40), city VARCHAR(20))")
    cur.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, "
                "customer_id BIGINT, amount DECIMAL(10,2))")
    print("created tables customer and orders in keyspace app")

    people = [(1, "ana", "paris"), (2, "bob", "lyon"), (3, "carla", "paris"),
              (4, "dave", "lyon"), (5, "eve", "rome"), (6, "femi", "paris")]
    cur.executemany("INSERT INTO customer (id, name, city) VALUES (?, ?, ?)",
                    people)
    print(f"inserted {cur.rowcount} customers")

    # A point query goes to the one shard holding id 4.
    cur.execute("SELECT name, city FROM customer WHERE id = ?", (4,))
    name, city = cur.fetchone()
    print(f"customer 4: {name} ({city})")

    # A scatter query runs on every shard; the router merges the groups.
    cur.execute("SELECT city, COUNT(*) FROM customer GROUP BY city "
                "ORDER BY city")
    print("customers per city:")
    for city, n in cur:
        print(f"  {city} {n}")

    # A transaction over two shards (customers 1 and 4 hash to -80, 80-).
    conn.begin()
    cur.execute("INSERT INTO orders (id, customer_id, amount) "
                "VALUES (100, 1, 25.25)")
    cur.execute("INSERT INTO orders (id, customer_id, amount) "
                "VALUES (101, 4, 50.25)")
    conn.commit()
    cur.execute("SELECT COUNT(*), SUM(amount) FROM orders")
    n, total = cur.fetchone()
    print(f"committed {n} orders on two shards, total {total}")

    conn.begin()
    cur.execute("INSERT INTO orders (id, customer_id, amount) "
                "VALUES (102, 3, 9.99)")
    conn.rollback()
    cur.execute("SELECT COUNT(*) FROM orders")
    print(f"rolled back 1 order, still {cur.fetchone()[0]} orders")
    conn.close()


if __name__ == "__main__":
    try:
        main()
    except tessera.Error as e:
        sys.exit(f"error {e.errno} ({e.sqlstate}): {e.msg}")
