#!/usr/bin/env python3
"""Unit tests of corpus.py: reading the files, tokenizing, linting."""

import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import mysql_client  # noqa: E402
import random_queries  # noqa: E402
import run_differential  # noqa: E402

KEYS = {
    "customer": [["customer_id"]],
    "corder": [["order_id"]],
    "order_line": [["order_id", "line_no"]],
    "country": [["code"]],
}


def problems(sql, allow_dml=False):
    return corpus.lint(corpus.Query(sql, "t", 1), KEYS, allow_dml)


class TokenizeTest(unittest.TestCase):

    def test_depth_and_strings(self):
        toks = corpus.tokenize("SELECT a, ')(' FROM (SELECT b) t")
        self.assertEqual([(t.text, t.depth) for t in toks],
                         [("SELECT", 0), ("a", 0), (",", 0), ("')('", 0),
                          ("FROM", 0), ("(", 0), ("SELECT", 1), ("b", 1),
                          (")", 0), ("t", 0)])

    def test_escapes_and_hex(self):
        toks = corpus.tokenize(r"SELECT 'it\'s', 'a''b', X'00FF', c.d")
        self.assertEqual([t.kind for t in toks],
                         ["word", "str", "op", "str", "op", "hex", "op",
                          "word"])

    def test_top_level_order_by(self):
        self.assertTrue(corpus.has_top_level_order_by(
            "SELECT a FROM t ORDER BY a"))
        self.assertFalse(corpus.has_top_level_order_by(
            "SELECT GROUP_CONCAT(a ORDER BY a) FROM t"))
        self.assertFalse(corpus.has_top_level_order_by(
            "SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 2) d"))
        self.assertTrue(corpus.has_top_level_order_by(
            "(SELECT a FROM t) UNION (SELECT b FROM u) ORDER BY 1"))


class LimitLintTest(unittest.TestCase):

    def test_accepts_total_orders(self):
        for sql in [
                "SELECT customer_id, name FROM customer ORDER BY name, "
                "customer_id LIMIT 3",
                "SELECT c.name FROM customer c ORDER BY c.name, c.customer_id "
                "LIMIT 3",
                "SELECT o.order_id, l.line_no FROM corder o JOIN order_line l "
                "ON l.order_id = o.order_id ORDER BY o.order_id, l.order_id, "
                "l.line_no LIMIT 5",
                "SELECT country, COUNT(*) AS n FROM customer GROUP BY country "
                "ORDER BY n DESC, country LIMIT 5",
                "SELECT a, b FROM x UNION SELECT c, d FROM y ORDER BY 1, 2 "
                "LIMIT 4",
                "(SELECT a FROM x ORDER BY a LIMIT 2) UNION ALL "
                "(SELECT b FROM y ORDER BY b LIMIT 2)",
                "SELECT d.a FROM (SELECT customer_id AS a FROM customer "
                "ORDER BY customer_id LIMIT 9) d",
                "SELECT YEAR(d), COUNT(*) FROM customer GROUP BY YEAR(d) "
                "ORDER BY 1",
        ]:
            self.assertEqual(problems(sql), [], sql)

    def test_rejects_partial_orders(self):
        for sql in [
                "SELECT customer_id FROM customer LIMIT 3",
                "SELECT customer_id, name FROM customer ORDER BY name LIMIT 3",
                "SELECT c.customer_id, o.order_id FROM customer c "
                "JOIN corder o "
                "ON o.customer_id = c.customer_id ORDER BY c.customer_id "
                "LIMIT 3",
                "SELECT d.a, d.b FROM (SELECT 1 AS a, 2 AS b) d ORDER BY d.a",
                "SELECT * FROM (SELECT customer_id FROM customer LIMIT 2) d",
                "SELECT customer_id, name FROM customer ORDER BY name",
        ]:
            self.assertNotEqual(problems(sql), [], sql)


class OtherLintTest(unittest.TestCase):

    def test_nondeterministic_functions(self):
        self.assertTrue(problems("SELECT NOW()"))
        self.assertTrue(problems("SELECT a FROM t WHERE r < RAND()"))
        self.assertTrue(problems("SELECT CURRENT_DATE"))
        self.assertEqual(problems("SELECT now_col FROM t"), [])

    def test_group_concat_needs_order(self):
        self.assertTrue(problems("SELECT GROUP_CONCAT(a) FROM t"))
        self.assertEqual(
            problems("SELECT GROUP_CONCAT(a ORDER BY a SEPARATOR ',') FROM t"),
            [])

    def test_private_tables_and_dml(self):
        self.assertTrue(problems("SELECT * FROM main.corder_keyspace_idx"))
        self.assertTrue(problems("SELECT next_id FROM customer_seq"))
        self.assertTrue(problems("DELETE FROM t"))
        self.assertEqual(problems("DELETE FROM t", allow_dml=True), [])

    def test_case_insensitive_group_values(self):
        self.assertTrue(problems("SELECT name, COUNT(*) FROM customer "
                                 "GROUP BY name"))
        self.assertTrue(problems("SELECT DISTINCT c.email FROM customer c"))
        self.assertEqual(problems("SELECT COUNT(*) FROM customer "
                                  "GROUP BY name"), [])
        self.assertEqual(problems("SELECT DISTINCT tier FROM customer"), [])


class RandomQueriesTest(unittest.TestCase):

    def test_deterministic_and_lint_clean(self):
        here = os.path.dirname(os.path.abspath(__file__))
        keys = corpus.unique_keys_from_schema(os.path.join(here, "schema.sql"))
        for seed in (1, 2, 3):
            got = random_queries.generate(seed, 400)
            self.assertEqual(got, random_queries.generate(seed, 400))
            for i, sql in enumerate(got):
                self.assertEqual(
                    corpus.lint(corpus.Query(sql, "random", i), keys), [], sql)
        self.assertNotEqual(random_queries.generate(1, 5),
                            random_queries.generate(2, 5))


def _result(rows=None, columns=None, error=None, affected=0, insert_id=0):
    r = mysql_client.Result()
    r.rows, r.columns, r.error = rows, columns or ["a"], error
    r.affected_rows, r.last_insert_id = affected, insert_id
    return r


class CompareTest(unittest.TestCase):

    def verdict(self, sql, ref, sub):
        return run_differential.compare(corpus.Query(sql, "t", 1), ref, sub)

    def test_multiset_unless_ordered(self):
        a = _result([("1",), ("2",), ("2",)])
        b = _result([("2",), ("1",), ("2",)])
        self.assertIsNone(self.verdict("SELECT a FROM t", a, b))
        self.assertEqual(self.verdict("SELECT a FROM t ORDER BY a", a, b),
                         "rows differ (ordered)")
        self.assertEqual(self.verdict("SELECT a FROM t", a,
                                      _result([("1",), ("2",)])),
                         "rows differ (as multisets)")

    def test_null_is_not_the_string_null(self):
        self.assertIsNotNone(self.verdict(
            "SELECT a FROM t", _result([(None,)]), _result([("NULL",)])))
        self.assertIsNone(self.verdict(
            "SELECT a FROM t", _result([(None,), ("x",)]),
            _result([("x",), (None,)])))

    def test_columns_errors_and_dml(self):
        self.assertIsNone(self.verdict(
            "SELECT COUNT(*) FROM t", _result([("1",)], ["COUNT(*)"]),
            _result([("1",)], ["count(*)"])))
        self.assertEqual(self.verdict(
            "SELECT a FROM t", _result([("1",)], ["a"]),
            _result([("1",)], ["b"])), "column names differ")
        e1, e2 = (1062, "23000", "dup"), (1064, "42000", "syntax")
        self.assertIsNone(self.verdict("INSERT", _result(error=e1),
                                       _result(error=e1)))
        self.assertEqual(self.verdict("INSERT", _result(error=e1),
                                      _result(error=e2)), "errors differ")
        self.assertEqual(self.verdict(
            "SELECT a FROM t", _result([]),
            _result(error=(1235, "42000", "not yet"))), "unsupported")
        self.assertEqual(self.verdict("UPDATE t SET a = 1", _result(
            affected=2), _result(affected=3)), "affected rows differ")
        self.assertEqual(self.verdict(
            "INSERT INTO t (a) VALUES (1)", _result(insert_id=5),
            _result(insert_id=6)), "last insert id differs")


class GeneratedDataTest(unittest.TestCase):

    def test_data_sql_is_gen_data_output(self):
        here = os.path.dirname(os.path.abspath(__file__))
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "data.sql")
            subprocess.run([sys.executable, os.path.join(here, "gen_data.py"),
                            out], check=True)
            with open(out, encoding="utf-8") as f:
                fresh = f.read()
        with open(os.path.join(here, "data.sql"), encoding="utf-8") as f:
            self.assertTrue(f.read() == fresh,
                            "data.sql is stale: run gen_data.py")


class ReaderTest(unittest.TestCase):

    def test_sections_and_statements(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.sql")
            with open(path, "w", encoding="utf-8") as f:
                f.write("-- header\n-- keyspace: a\nCREATE TABLE t (\n"
                        "  x INT\n);\n-- keyspace: b\nINSERT INTO u VALUES "
                        "(1);\n")
            self.assertEqual(corpus.sections(path), {
                "a": ["CREATE TABLE t (\n  x INT\n);"],
                "b": ["INSERT INTO u VALUES (1);"]})
            with open(path, "w", encoding="utf-8") as f:
                f.write("-- group: g1\nSELECT 1;\n-- expect-error: 1062\n"
                        "INSERT INTO t\n  VALUES (1);\n-- group: g2\n"
                        "SELECT 2;\n")
            got = corpus.read_dml(path)
            self.assertEqual([(q.group, q.sql, q.line, q.expect_error)
                              for q in got],
                             [("g1", "SELECT 1", 2, None),
                              ("g1", "INSERT INTO t VALUES (1)", 4, 1062),
                              ("g2", "SELECT 2", 7, None)])

    def test_unterminated_statement(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.sql")
            with open(path, "w", encoding="utf-8") as f:
                f.write("-- category: c\nSELECT 1\n")
            with self.assertRaises(ValueError):
                corpus.read_queries(path)


if __name__ == "__main__":
    unittest.main()
