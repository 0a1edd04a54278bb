#!/usr/bin/env python3
"""Validity and determinism check of the differential corpus.

Loads schema.sql + data.sql into one MariaDB (one database per keyspace) and
runs every query of queries.sql and every group of dml.sql on two different
loads of the same data, asserting that each statement succeeds and yields the
same result both times (exactly when the statement has a top-level ORDER BY,
as a multiset otherwise):

  load A: schema as written (InnoDB), rows in data.sql order;
  load B: queries on Aria tables with the rows of every table shuffled (a
          different physical order and different plans), DML on InnoDB with
          shuffled rows (Aria has no ROLLBACK).

A query whose result depends on row order (LIMIT without a total order,
GROUP_CONCAT without ORDER BY, a case-insensitive tie shown as text) shows up
as a difference. Static checks: every LIMIT has an ORDER BY with a unique
tiebreaker, no nondeterministic functions, no reads of router-private tables,
categories present.

Server: --host/--port/--user/--password, or --tessera PATH to start one with
`tessera up --shards=1` in a temporary directory (stopped at the end).
Uses only the standard library and the `mariadb` command-line client.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import random_queries  # noqa: E402

MIN_QUERIES = 450
REQUIRED_CATEGORIES = (
    "point-vindex", "scatter-filter", "reference", "unsharded",
    "join-colocated", "join-cross-shard", "join-left", "order-by",
    "limit-offset", "aggregate", "group-concat", "distinct", "union",
    "derived", "subquery", "expression", "collation", "null", "numeric",
    "mixed")
MARK = "~~stmt~~"


class Server:
    def __init__(self, host, port, user, password):
        self.base = ["mariadb", "-h", host, "-P", str(port), "-u", user,
                     "--password=" + password,
                     "--default-character-set=utf8mb4"]

    def run(self, sql, db=None, force=False):
        """Runs a script; returns (stdout, stderr, returncode)."""
        cmd = self.base + ["--batch", "--skip-column-names"]
        if force:
            cmd.append("--force")
        if db:
            cmd.append(db)
        p = subprocess.run(cmd, input=sql.encode("utf-8"),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=300)
        return (p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"), p.returncode)

    def must(self, sql, db=None):
        out, err, rc = self.run(sql, db)
        if rc != 0:
            raise RuntimeError("mariadb failed: %s" % err.strip())
        return out


def split_tuples(values):
    """Splits `(..),(..)` of an INSERT into tuple texts, honouring quotes."""
    out, depth, start, i, quote = [], 0, None, 0, None
    while i < len(values):
        c = values[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c == "'":
            quote = c
        elif c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                out.append(values[start:i + 1])
        i += 1
    return out


def shuffled(statements, seed):
    """Same rows as the INSERTs, every table's rows in a shuffled order."""
    rows, head_of, order = {}, {}, []
    for stmt in statements:
        m = re.match(r"(INSERT INTO (\w+) \([^)]*\) VALUES )(.*);$", stmt,
                     re.S)
        if not m:
            raise ValueError("unexpected data statement: %s" % stmt[:80])
        table = m.group(2)
        if table not in rows:
            rows[table], head_of[table] = [], m.group(1)
            order.append(table)
        rows[table] += split_tuples(m.group(3))
    rng = random.Random(seed)
    out = []
    for table in reversed(order):
        tuples = rows[table]
        rng.shuffle(tuples)
        for i in range(0, len(tuples), 50):
            out.append(head_of[table] + ",".join(tuples[i:i + 50]) + ";")
    return out


def load(server, schema, data, engine, shuffle):
    for ks in schema:
        server.must("DROP DATABASE IF EXISTS `%s`; CREATE DATABASE `%s` "
                    "CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;" %
                    (ks, ks))
    for ks, stmts in schema.items():
        text = "\n".join(stmts)
        if engine != "InnoDB":
            text = text.replace("ENGINE=InnoDB", "ENGINE=" + engine)
        server.must(text, ks)
    for ks, stmts in data.items():
        if shuffle:
            stmts = shuffled(stmts, seed=7)
        # One transaction per keyspace: far fewer log flushes than autocommit.
        server.must("SET autocommit = 0;\n" + "\n".join(stmts) + "\nCOMMIT;",
                    ks)


def run_batch(server, statements, default_db):
    """Runs statements in one session; returns [(ok, rows or error)]."""
    lines = []
    for s in statements:
        lines.append(s.sql.replace("\n", " ") + ";")
        lines.append("SELECT '%s', ROW_COUNT();" % MARK)
    out, err, _ = server.run("\n".join(lines) + "\n", default_db, force=True)
    errors = {}
    for line in err.splitlines():
        m = re.match(r"ERROR (\d+) \((\w+)\) at line (\d+): (.*)", line)
        if m:
            errors[(int(m.group(3)) - 1) // 2] = line
    results, current = [], []
    for line in out.split("\n")[:-1]:
        if line.startswith(MARK + "\t"):
            results.append((True, current + ["rows affected: " +
                                             line.split("\t")[1]]))
            current = []
        else:
            current.append(line)
    if len(results) != len(statements):
        raise RuntimeError("lost track of output (%d results for %d "
                           "statements): %s" % (len(results),
                                                len(statements), err[-2000:]))
    for index, line in errors.items():
        results[index] = (False, line)
    return results


def formatted(tessera, statements):
    """Each statement as `tessera sql fmt` prints it (None: no formatter)."""
    if not tessera or not os.access(tessera, os.X_OK):
        return None
    text = "".join(json.dumps({"sql": s.sql}) + "\n" for s in statements)
    p = subprocess.run([tessera, "sql", "fmt", "--jsonl"],
                       input=text.encode("utf-8"), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    lines = p.stdout.decode("utf-8").splitlines()
    if p.returncode != 0 or len(lines) != len(statements):
        raise RuntimeError("tessera sql fmt --jsonl failed: %s" %
                           p.stderr.decode("utf-8", "replace")[-500:])
    out = []
    for s, line in zip(statements, lines):
        reply = json.loads(line)
        sql = reply.get("sql") if reply.get("ok") else None
        out.append(corpus.Query(sql or "", s.group, s.line, s.expect_error))
        out[-1].parse_error = None if reply.get("ok") else reply.get("error")
    return out


def compare_formatted(name, stmts, fmt, original, again, how=""):
    problems = []
    for s, f, a, b in zip(stmts, fmt, original, again):
        if f.parse_error:
            problems.append("%s:%d [%s] tessera sql fmt cannot parse it: "
                            "%s\n  %s" % (name, s.line, s.group,
                                          f.parse_error, s.sql))
        elif not same(s, a, b):
            problems.append("%s:%d [%s] formatted by tessera sql fmt%s, the "
                            "result differs:\n  %s\n  formatted: %s\n"
                            "  original: %s\n  formatted: %s" %
                            (name, s.line, s.group, how, s.sql, f.sql,
                             a[1][:6], b[1][:6]))
    return problems


def same(stmt, a, b):
    if a[0] != b[0]:
        return False
    if not a[0]:
        return a[1] == b[1]
    if stmt.is_select() and not corpus.has_top_level_order_by(stmt.sql):
        return sorted(a[1]) == sorted(b[1])
    return a[1] == b[1]


def lint_all(queries, dml, unique_keys):
    problems = []
    for q in queries:
        problems += ["queries.sql:%d: %s" % (q.line, p)
                     for p in corpus.lint(q, unique_keys)]
        if q.group is None:
            problems.append("queries.sql:%d: no category" % q.line)
    for q in dml:
        problems += ["dml.sql:%d: %s" % (q.line, p)
                     for p in corpus.lint(q, unique_keys, allow_dml=True)]
        if q.group is None:
            problems.append("dml.sql:%d: no group" % q.line)
    if len(queries) < MIN_QUERIES:
        problems.append("only %d queries (want >= %d)" % (len(queries),
                                                           MIN_QUERIES))
    present = {q.group for q in queries}
    for cat in REQUIRED_CATEGORIES:
        if cat not in present:
            problems.append("category %s missing" % cat)
    return problems


def compare_runs(name, stmts, run_a, run_b):
    problems, empty = [], 0
    for s, a, b in zip(stmts, run_a, run_b):
        if s.expect_error is not None:
            want = "ERROR %d " % s.expect_error
            for run in (a, b):
                if run[0] or not run[1].startswith(want):
                    problems.append("%s:%d [%s] should fail with error %d: "
                                    "%s\n  %s" % (name, s.line, s.group,
                                                   s.expect_error, run[1],
                                                   s.sql))
                    break
        elif not a[0]:
            problems.append("%s:%d [%s] fails: %s\n  %s" %
                            (name, s.line, s.group, a[1], s.sql))
        elif not same(s, a, b):
            problems.append("%s:%d [%s] differs between loads:\n  %s\n"
                            "  A: %s\n  B: %s" % (name, s.line, s.group, s.sql,
                                                  a[1][:6], b[1][:6]))
        elif s.is_select() and len(a[1]) == 1:
            empty += 1
    return problems, empty


def check(server, here, random_count, random_seed, tessera=None):
    schema = corpus.sections(os.path.join(here, "schema.sql"))
    data = corpus.sections(os.path.join(here, "data.sql"))
    queries = corpus.read_queries(os.path.join(here, "queries.sql"))
    dml = corpus.read_dml(os.path.join(here, "dml.sql"))
    keys = corpus.unique_keys_from_schema(os.path.join(here, "schema.sql"))
    problems = lint_all(queries, dml, keys)
    generated = [corpus.Query(sql, "random", i + 1) for i, sql in enumerate(
        random_queries.generate(random_seed, random_count))]
    for q in generated:
        problems += ["random query %d: %s\n  %s" % (q.line, p, q.sql)
                     for p in corpus.lint(q, keys)]

    load(server, schema, data, "InnoDB", shuffle=False)
    qa = run_batch(server, queries + generated, "commerce")
    fq = formatted(tessera, queries + generated)
    if fq is not None:
        qf = run_batch(server, fq, "commerce")
        problems += compare_formatted("queries", queries + generated, fq,
                                      qa, qf)
    da = run_batch(server, dml, "commerce")
    load(server, schema, data, "Aria", shuffle=True)
    qb = run_batch(server, queries + generated, "commerce")
    load(server, schema, data, "InnoDB", shuffle=True)
    # The second DML run is also the formatter's check when there is one:
    # shuffled rows and `tessera sql fmt` output must still give da.
    fd = formatted(tessera, dml)
    db = run_batch(server, fd if fd is not None else dml, "commerce")
    if fd is not None:
        problems += compare_formatted("dml.sql", dml, fd, da, db,
                                      " (and run on shuffled rows)")
    print("statements checked through tessera sql fmt: %s" %
          ("none (no tessera binary)" if fq is None else len(fq) + len(fd)))

    n = len(queries)
    p, empty = compare_runs("queries.sql", queries, qa[:n], qb[:n])
    problems += p
    p, random_empty = compare_runs("random", generated, qa[n:], qb[n:])
    problems += p
    if fd is None:
        p, _ = compare_runs("dml.sql", dml, da, db)
        problems += p
    else:  # failures and expected errors of the first run
        p, _ = compare_runs("dml.sql", dml, da, da)
        problems += p
    cats = {}
    for q in queries:
        cats[q.group] = cats.get(q.group, 0) + 1
    print("queries: %d in %d categories (%s)" % (
        len(queries), len(cats),
        ", ".join("%s %d" % kv for kv in sorted(cats.items()))))
    print("queries with an empty result: %d" % empty)
    print("random queries (seed %d): %d, %d with an empty result" % (
        random_seed, len(generated), random_empty))
    print("dml statements: %d in %d groups" % (
        len(dml), len({d.group for d in dml})))
    return problems


def start_cluster(tessera, workdir):
    out = subprocess.run([tessera, "up", "--shards=1", "--nogateway", "--dir=" + workdir],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=120)
    text = out.stdout.decode("utf-8", "replace")
    m = re.search(r"mariadb -h(\S+) -P(\d+) -u(\S+) -p(\S+)", text)
    if out.returncode != 0 or not m:
        raise RuntimeError("tessera up failed: %s" % text)
    return Server(m.group(1), int(m.group(2)), m.group(3), m.group(4))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--user", default="root")
    ap.add_argument("--password", default="tessera")
    ap.add_argument("--tessera", default="bazel-bin/services/cli/tessera",
                    help="tessera binary used when --port is not given")
    ap.add_argument("--corpus", default=os.path.dirname(
        os.path.abspath(__file__)))
    ap.add_argument("--random", type=int, default=300,
                    help="also check this many random_queries.py queries")
    ap.add_argument("--random_seed", type=int, default=1)
    args = ap.parse_args()

    workdir = None
    if args.port:
        server = Server(args.host, args.port, args.user, args.password)
    else:
        base = os.environ.get("TEST_TMPDIR") or tempfile.gettempdir()
        workdir = tempfile.mkdtemp(prefix="difftest-", dir=base)
        server = start_cluster(args.tessera, workdir)
    try:
        problems = check(server, args.corpus, args.random, args.random_seed,
                         args.tessera)
    finally:
        if workdir:
            subprocess.run([args.tessera, "down", "--dir=" + workdir],
                           stdout=subprocess.DEVNULL, timeout=120)
    for p in problems:
        print("PROBLEM " + p)
    if problems:
        print("FAIL: %d problems" % len(problems))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
