#!/usr/bin/env python3
"""Differential runner: the same corpus against two MySQL-protocol endpoints.

The reference is one plain MariaDB; the subject is normally Tessera (the
gateway in front of the router over 4 shards). Both get schema.sql and
data.sql (unless --load says otherwise), then every query of queries.sql,
random queries from random_queries.py for --random_seconds, and the groups
of dml.sql, compared statement by statement:

  * rows exactly when the statement has a top-level ORDER BY, as multisets
    otherwise; NULL is distinct from the string 'NULL'; column names compared
    case-insensitively;
  * DML: affected rows, and LAST_INSERT_ID of the OK packet for INSERTs;
  * errors: the same MySQL errno on both sides; a subject error 1235
    (ER_NOT_SUPPORTED_YET) is counted as "unsupported", not as a pass.

Prints each failure with the statement and both results, then a summary, and
exits 1 when anything differs. Standard library only.

  run_differential.py --reference 127.0.0.1:3306 --subject 127.0.0.1:15306 \\
      --password tessera --subject_is_router --random_seconds 60
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import mysql_client  # noqa: E402
import random_queries  # noqa: E402

ER_NOT_SUPPORTED_YET = 1235
DEFAULT_KEYSPACE = "commerce"


class Endpoint:

    def __init__(self, name, address, user, password, is_router):
        host, _, port = address.rpartition(":")
        self.name, self.host, self.port = name, host or "127.0.0.1", int(port)
        self.user, self.password, self.is_router = user, password, is_router

    def connect(self, database=None):
        return mysql_client.Connection(self.host, self.port, self.user,
                                       self.password, database)

    def load(self, schema, data):
        """Schema and data, one connection per keyspace."""
        if not self.is_router:
            admin = self.connect()
            for ks in schema:
                for sql in ("DROP DATABASE IF EXISTS `%s`" % ks,
                            "CREATE DATABASE `%s` CHARACTER SET utf8mb4 "
                            "COLLATE utf8mb4_general_ci" % ks):
                    _must(admin.query(sql), self.name, sql)
            admin.close()
        for section in (schema, data):
            for ks, statements in section.items():
                conn = self.connect(ks)
                for sql in statements:
                    _must(conn.query(sql.rstrip(";")), self.name, sql)
                conn.close()


def _must(result, name, sql):
    if result.error:
        raise RuntimeError("%s: loading failed: %s\n  %s" %
                           (name, result.error, sql[:300]))


def _key(row):
    return tuple((v is None, v or "") for v in row)


def compare(stmt, ref, sub):
    """None when equal, "unsupported", or a description of the difference."""
    if sub.error and sub.error[0] == ER_NOT_SUPPORTED_YET and not ref.error:
        return "unsupported"
    if ref.error or sub.error:
        if ref.error and sub.error and ref.error[0] == sub.error[0]:
            return None
        return "errors differ"
    if (ref.rows is None) != (sub.rows is None):
        return "one side returned rows, the other did not"
    if ref.rows is None:
        if ref.affected_rows != sub.affected_rows:
            return "affected rows differ"
        if stmt.sql.lstrip()[:6].upper() == "INSERT" and (
                ref.last_insert_id != sub.last_insert_id):
            return "last insert id differs"
        return None
    if [c.lower() for c in ref.columns] != [c.lower() for c in sub.columns]:
        return "column names differ"
    if corpus.has_top_level_order_by(stmt.sql):
        return None if ref.rows == sub.rows else "rows differ (ordered)"
    if sorted(ref.rows, key=_key) != sorted(sub.rows, key=_key):
        return "rows differ (as multisets)"
    return None


def _show(result, limit=8):
    if result.error:
        return "error %d (%s): %s" % result.error
    if result.rows is None:
        return "OK, %d affected, last insert id %d" % (
            result.affected_rows, result.last_insert_id)
    rows = result.rows[:limit]
    more = "" if len(result.rows) <= limit else " ... (%d rows)" % len(
        result.rows)
    return "%s %r%s" % (result.columns, rows, more)


class Runner:

    def __init__(self, reference, subject, max_failures_shown):
        self.ref = reference.connect(DEFAULT_KEYSPACE)
        self.sub = subject.connect(DEFAULT_KEYSPACE)
        self.counts = {"equal": 0, "unsupported": 0, "failed": 0}
        self.max_shown = max_failures_shown

    def run(self, stmt, where):
        ref = self.ref.query(stmt.sql)
        sub = self.sub.query(stmt.sql)
        verdict = compare(stmt, ref, sub)
        if verdict is None:
            self.counts["equal"] += 1
        elif verdict == "unsupported":
            self.counts["unsupported"] += 1
        else:
            self.counts["failed"] += 1
            if self.counts["failed"] <= self.max_shown:
                print("FAIL %s [%s]: %s\n  %s\n  reference: %s\n  subject:   %s"
                      % (where, stmt.group, verdict, stmt.sql, _show(ref),
                         _show(sub)), flush=True)

    def close(self):
        self.ref.close()
        self.sub.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", required=True, help="HOST:PORT")
    ap.add_argument("--subject", required=True, help="HOST:PORT")
    ap.add_argument("--user", default="root")
    ap.add_argument("--password", default="tessera")
    ap.add_argument("--subject_user")
    ap.add_argument("--subject_password")
    ap.add_argument("--subject_is_router", action="store_true",
                    help="keyspaces exist already: no DROP/CREATE DATABASE")
    ap.add_argument("--load", choices=["both", "reference", "none"],
                    default="both")
    ap.add_argument("--random_seconds", type=float, default=10)
    ap.add_argument("--random_seed", type=int, default=1)
    ap.add_argument("--no_queries", action="store_true")
    ap.add_argument("--no_dml", action="store_true")
    ap.add_argument("--max_failures_shown", type=int, default=20)
    ap.add_argument("--corpus", default=os.path.dirname(
        os.path.abspath(__file__)))
    args = ap.parse_args()

    reference = Endpoint("reference", args.reference, args.user,
                         args.password, False)
    subject = Endpoint("subject", args.subject,
                       args.subject_user or args.user,
                       args.subject_password or args.password,
                       args.subject_is_router)
    here = args.corpus
    if args.load != "none":
        schema = corpus.sections(os.path.join(here, "schema.sql"))
        data = corpus.sections(os.path.join(here, "data.sql"))
        reference.load(schema, data)
        if args.load == "both":
            subject.load(schema, data)

    runner = Runner(reference, subject, args.max_failures_shown)
    if not args.no_queries:
        for q in corpus.read_queries(os.path.join(here, "queries.sql")):
            runner.run(q, "queries.sql:%d" % q.line)
    deadline = time.monotonic() + args.random_seconds
    seed, random_count, last_seed = args.random_seed, 0, args.random_seed
    while time.monotonic() < deadline:
        last_seed = seed
        for i, sql in enumerate(random_queries.generate(seed, 50)):
            runner.run(corpus.Query(sql, "random", i),
                       "random seed %d #%d" % (seed, i))
            random_count += 1
            if time.monotonic() >= deadline:
                break
        seed += 1
    if not args.no_dml:
        for q in corpus.read_dml(os.path.join(here, "dml.sql")):
            runner.run(q, "dml.sql:%d" % q.line)
    runner.close()
    c = runner.counts
    print("compared %d statements (%d random, seeds %d..%d): %d equal, "
          "%d unsupported by the subject, %d failed" %
          (sum(c.values()), random_count, args.random_seed, last_seed,
           c["equal"], c["unsupported"], c["failed"]))
    return 1 if c["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
