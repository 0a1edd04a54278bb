"""Tests of the Python binding against a real sharded cluster.

Run by examples/run_with_cluster.sh: TESSERA_LIBRARY names libtessera.so,
TESSERA_TEST_SHARDS the two shards of keyspace "app" plus the unsharded
keyspace "lookup" ("ks/shard=host:port,..."), TESSERA_TEST_TOPO_URL the
topology `tessera up` recorded them in.
"""

import datetime
import decimal
import json
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tessera  # noqa: E402

VSCHEMA = json.dumps({"keyspaces": {
    "app": {
        "sharded": True,
        "vindexes": {"hash": {"type": "hash"}},
        "tables": {
            "account": {"column_vindexes": [{"column": "id", "name": "hash"}]},
            "event": {"column_vindexes": [{"column": "id", "name": "hash"}]},
        },
    },
    "lookup": {"sharded": False, "tables": {"counter": {}}},
}})


def shards():
    return os.environ["TESSERA_TEST_SHARDS"].split(",")


class BindingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.router = tessera.Router(VSCHEMA, shards(), password="tessera")
        conn = cls.router.connect("app")
        cur = conn.cursor()
        cur.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, "
                    "name VARCHAR(40), balance DECIMAL(12,2), ratio DOUBLE, "
                    "avatar VARBINARY(8), born DATE, seen DATETIME)")
        cur.execute("CREATE TABLE event (id BIGINT PRIMARY KEY, "
                    "kind VARCHAR(10))")
        cur.execute("USE lookup")
        cur.execute("CREATE TABLE counter (id INT AUTO_INCREMENT PRIMARY KEY,"
                    " label VARCHAR(10))")
        conn.close()

    @classmethod
    def tearDownClass(cls):
        cls.router.close()

    def setUp(self):
        self.conn = self.router.connect("app")
        self.cur = self.conn.cursor()

    def tearDown(self):
        self.conn.close()

    def test_module_globals(self):
        self.assertEqual(tessera.apilevel, "2.0")
        self.assertEqual(tessera.paramstyle, "qmark")
        self.assertEqual(tessera.version(), "0.1.0")

    def test_types_round_trip(self):
        row = (7, "Zoë \"q\" 'x'", decimal.Decimal("-12.50"), 0.5,
               b"\x00\xffab", datetime.date(2020, 2, 29),
               datetime.datetime(2021, 1, 2, 3, 4, 5))
        self.cur.execute("INSERT INTO account (id, name, balance, ratio, "
                         "avatar, born, seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         row)
        self.assertEqual(self.cur.rowcount, 1)
        self.assertIsNone(self.cur.description)
        self.cur.execute("SELECT id, name, balance, ratio, avatar, born, seen "
                         "FROM account WHERE id = ?", (7,))
        self.assertEqual(self.cur.fetchall(), [row])
        self.assertEqual([d[0] for d in self.cur.description],
                         ["id", "name", "balance", "ratio", "avatar", "born",
                          "seen"])
        self.assertFalse(self.cur.description[0][6])  # id is NOT NULL
        self.assertTrue(self.cur.description[1][6])

    def test_nulls(self):
        self.cur.execute("INSERT INTO account (id, name, balance) "
                         "VALUES (?, ?, ?)", (8, None, None))
        self.cur.execute("SELECT name, balance, avatar FROM account "
                         "WHERE id = 8")
        self.assertEqual(self.cur.fetchone(), (None, None, None))
        self.assertIsNone(self.cur.fetchone())

    def test_big_unsigned_and_bool(self):
        self.cur.execute("SELECT ?, ?, ?", (2**64 - 1, True, -2**63))
        self.assertEqual(self.cur.fetchone(), (2**64 - 1, 1, -2**63))
        with self.assertRaises(tessera.DataError):
            self.cur.execute("SELECT ?", (2**64,))
        with self.assertRaises(tessera.ProgrammingError):
            self.cur.execute("SELECT ?", (object(),))

    def test_scatter_and_fetch_styles(self):
        self.cur.executemany("INSERT INTO event (id, kind) VALUES (?, ?)",
                             [(i, "k%d" % (i % 3)) for i in range(1, 41)])
        self.assertEqual(self.cur.rowcount, 40)
        self.cur.execute("SELECT id FROM event WHERE id <= 40 "
                         "ORDER BY id DESC LIMIT 5")
        self.assertEqual(self.cur.fetchmany(2), [(40,), (39,)])
        self.assertEqual([r[0] for r in self.cur], [38, 37, 36])
        self.cur.execute("SELECT kind, COUNT(*) FROM event WHERE id <= 40 "
                         "GROUP BY kind ORDER BY kind")
        self.assertEqual(self.cur.fetchall(),
                         [("k0", 13), ("k1", 14), ("k2", 13)])

    def test_errors_carry_errno(self):
        cases = [
            ("SELEC 1", (), tessera.ProgrammingError, 1064, "42000"),
            ("SELECT * FROM nope WHERE id = 1", (), tessera.ProgrammingError,
             1146, "42S02"),
            ("SELECT ?", (), tessera.ProgrammingError, 1210, "HY000"),
            ("LOCK TABLES event READ", (), tessera.NotSupportedError, 1235,
             "42000"),
        ]
        for sql, params, exc, errno, state in cases:
            with self.subTest(sql=sql):
                with self.assertRaises(exc) as ctx:
                    self.cur.execute(sql, params)
                self.assertEqual(ctx.exception.errno, errno)
                self.assertEqual(ctx.exception.sqlstate, state)
                self.assertIsInstance(ctx.exception, tessera.DatabaseError)
        self.cur.execute("INSERT INTO event (id, kind) VALUES (1000, 'a')")
        with self.assertRaises(tessera.IntegrityError) as ctx:
            self.cur.execute("INSERT INTO event (id, kind) VALUES (1000, 'b')")
        self.assertEqual(ctx.exception.errno, 1062)

    def test_warnings(self):
        self.cur.execute("SELECT 1")
        self.assertEqual(self.cur.warning_count, 0)
        self.cur.execute("SELECT CAST('abc' AS SIGNED)")
        self.assertEqual(self.cur.fetchall(), [(0,)])
        self.assertEqual(self.cur.warning_count, 1)
        # The router does not keep the messages yet (Session::warnings()).
        self.assertIsInstance(self.conn.show_warnings(), list)

    def test_no_result_set_to_fetch(self):
        self.cur.execute("INSERT INTO event (id, kind) VALUES (2000, 'x')")
        with self.assertRaises(tessera.ProgrammingError):
            self.cur.fetchall()

    def test_lastrowid_in_unsharded_keyspace(self):
        conn = self.router.connect("lookup")
        cur = conn.cursor()
        cur.execute("INSERT INTO counter (label) VALUES ('a')")
        first = cur.lastrowid
        self.assertGreater(first, 0)
        cur.execute("INSERT INTO counter (label) VALUES ('b')")
        self.assertEqual(cur.lastrowid, first + 1)
        conn.close()

    def test_commit_and_rollback_outside_transaction(self):
        self.assertFalse(self.conn.in_transaction)
        self.conn.commit()
        self.conn.rollback()

    def count(self, where):
        conn = self.router.connect("app")
        cur = conn.cursor()
        cur.execute("SELECT COUNT(*) FROM event WHERE " + where)
        n = cur.fetchone()[0]
        conn.close()
        return n

    def test_transactions(self):
        where = "id BETWEEN 500 AND 599"
        self.conn.begin()
        self.assertTrue(self.conn.in_transaction)
        self.cur.executemany("INSERT INTO event (id, kind) VALUES (?, 'tx')",
                             [(i,) for i in range(500, 506)])
        self.assertEqual(self.count(where), 0)
        self.conn.rollback()
        self.assertFalse(self.conn.in_transaction)
        self.assertEqual(self.count(where), 0)

        self.conn.begin()
        self.cur.execute("INSERT INTO event (id, kind) VALUES (501, 'a'), "
                         "(502, 'b')")
        self.conn.commit()
        self.assertEqual(self.count(where), 2)

        # The context manager commits on success, rolls back on an error.
        with self.router.connect("app") as conn:
            conn.begin()
            conn.cursor().execute("DELETE FROM event WHERE id = 501")
        self.assertEqual(self.count(where), 1)
        with self.assertRaises(tessera.IntegrityError):
            with self.router.connect("app") as conn:
                conn.begin()
                cur = conn.cursor()
                cur.execute("DELETE FROM event WHERE id = 502")
                cur.execute("INSERT INTO event (id, kind) VALUES (1, 'dup')")
                cur.execute("INSERT INTO event (id, kind) VALUES (1, 'dup')")
        self.assertEqual(self.count(where), 1)

    def test_closed_objects(self):
        conn = self.router.connect("app")
        cur = conn.cursor()
        conn.close()
        conn.close()
        with self.assertRaises(tessera.InterfaceError):
            cur.execute("SELECT 1")
        with self.assertRaises(tessera.InterfaceError):
            conn.cursor()

    def test_bad_router_options(self):
        with self.assertRaises(tessera.Error):
            tessera.connect("{not json", shards(), password="tessera")
        with self.assertRaises(tessera.InterfaceError):
            tessera.connect(VSCHEMA, ["app-80"], password="tessera")
        with self.assertRaises(tessera.ProgrammingError) as ctx:
            tessera.connect(VSCHEMA, shards(), password="tessera",
                            transaction_mode=9)
        self.assertEqual(ctx.exception.errno, 1210)

    def test_router_from_topology(self):
        # `tessera up` recorded the cluster (sample VSchema) in RocksDB.
        with tessera.Router(topo_url=os.environ["TESSERA_TEST_TOPO_URL"],
                            password="tessera") as router:
            conn = router.connect("app")
            cur = conn.cursor()
            cur.execute("SHOW KEYSPACES")
            self.assertEqual(cur.fetchall(),
                             [("app",), ("lookup",), ("sbtest",)])
            cur.execute("SELECT COUNT(*) FROM customer")
            self.assertEqual(cur.fetchall(), [(0,)])
            conn.close()
        with self.assertRaises(tessera.Error) as ctx:
            tessera.Router(topo_url="bogus://x")
        self.assertIn("unknown scheme", ctx.exception.msg)

    def test_own_router_connection(self):
        with tessera.connect(VSCHEMA, shards(), password="tessera",
                             target="app") as conn:
            cur = conn.cursor()
            cur.execute("SELECT COUNT(*) FROM event WHERE id = ?", (-1,))
            self.assertEqual(cur.fetchall(), [(0,)])

    def test_threads_share_a_router(self):
        errors = []

        def work(t):
            try:
                conn = self.router.connect("app")
                cur = conn.cursor()
                for i in range(25):
                    key = 10000 + t * 100 + i
                    cur.execute("INSERT INTO event (id, kind) VALUES (?, ?)",
                                (key, "t%d" % t))
                    cur.execute("SELECT kind FROM event WHERE id = ?", (key,))
                    if cur.fetchall() != [("t%d" % t,)]:
                        errors.append(key)
                conn.close()
            except tessera.Error as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.cur.execute("SELECT COUNT(*) FROM event WHERE id >= 10000")
        self.assertEqual(self.cur.fetchone(), (100,))


if __name__ == "__main__":
    unittest.main(verbosity=2)
