"""Reading and linting the differential corpus files (standard library only).

Shared by check_corpus.py; the router's differential suite may import it too
(`sections`, `read_queries`, `read_dml`, `has_top_level_order_by`).
"""

import re

KEYSPACE_MARK = re.compile(r"^-- keyspace:\s*(\w+)\s*$")
CATEGORY_MARK = re.compile(r"^-- category:\s*([\w-]+)")
GROUP_MARK = re.compile(r"^-- group:\s*([\w-]+)")
EXPECT_ERROR_MARK = re.compile(r"^-- expect-error:\s*(\d+)\s*$")

# Tables no query may read: their contents differ by design between the
# router (which maintains them) and the single reference server.
PRIVATE_TABLES = ("corder_keyspace_idx", "customer_seq", "corder_seq")
NONDETERMINISTIC = ("now", "sysdate", "curdate", "curtime", "rand", "uuid",
                    "uuid_short", "connection_id", "current_timestamp",
                    "current_date", "current_time", "localtime",
                    "localtimestamp", "unix_timestamp", "utc_timestamp",
                    "utc_date", "utc_time", "found_rows", "row_count")


class Query:
    """One statement of queries.sql or dml.sql."""

    def __init__(self, sql, group, line, expect_error=None):
        self.sql = sql
        self.group = group  # category (queries.sql) or group (dml.sql)
        self.line = line  # 1-based line in its file
        # MySQL errno the statement must fail with (`-- expect-error: N`
        # on the line before it), or None when it must succeed.
        self.expect_error = expect_error

    def is_select(self):
        return re.match(r"^\(*\s*(select|with)\b", self.sql, re.I) is not None

    def __repr__(self):
        return "%s:%d %s" % (self.group, self.line, self.sql)


def sections(path):
    """Splits schema.sql or data.sql into {keyspace: [statement, ...]}."""
    result, keyspace, current = {}, None, []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            m = KEYSPACE_MARK.match(line)
            if m:
                keyspace = m.group(1)
                result.setdefault(keyspace, [])
                continue
            if keyspace is None or not line.strip() or (
                    line.lstrip().startswith("--") and not current):
                continue
            current.append(line)
            if line.rstrip().endswith(";"):
                result[keyspace].append("\n".join(current))
                current = []
    return result


def _read_statements(path, mark):
    out, group, current, start, expect = [], None, [], 0, None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            m = mark.match(line)
            if m:
                group = m.group(1)
                continue
            m = EXPECT_ERROR_MARK.match(line)
            if m:
                expect = int(m.group(1))
                continue
            if not line.strip() or line.lstrip().startswith("--"):
                continue
            if not current:
                start = number
            current.append(line.strip())
            if line.rstrip().endswith(";"):
                sql = " ".join(current).rstrip(";").strip()
                out.append(Query(sql, group, start, expect))
                current, expect = [], None
    if current:
        raise ValueError("%s: statement at line %d lacks ';'" % (path, start))
    return out


def read_queries(path):
    """queries.sql: SELECTs grouped under `-- category: NAME` lines."""
    return _read_statements(path, CATEGORY_MARK)


def read_dml(path):
    """dml.sql: statements grouped under `-- group: NAME` lines."""
    return _read_statements(path, GROUP_MARK)


# ---------------------------------------------------------------------------
# A small SQL tokenizer: enough to find clauses at a given nesting depth.

TOKEN = re.compile(r"""
    (?P<str>'(?:[^'\\]|\\.|'')*') |
    (?P<bq>`[^`]*`) |
    (?P<hex>[xX]'[0-9a-fA-F]*') |
    (?P<num>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?) |
    (?P<word>[A-Za-z_][A-Za-z_0-9$]*(?:\.[A-Za-z_`][A-Za-z_0-9$`]*)*) |
    (?P<op><=>|<=|>=|<>|!=|\|\||&&|[-+*/%(),.;=<>!~^&|@:?]) |
    (?P<ws>\s+)
""", re.X)


class Tok:
    def __init__(self, kind, text, depth):
        self.kind, self.text, self.depth = kind, text, depth
        self.up = text.upper()


def tokenize(sql):
    toks, depth, pos = [], 0, 0
    while pos < len(sql):
        m = TOKEN.match(sql, pos)
        if not m:
            raise ValueError("cannot tokenize at %r" % sql[pos:pos + 20])
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        text = m.group(kind)
        if text == ")":
            depth -= 1
        toks.append(Tok(kind, text, depth))
        if text == "(":
            depth += 1
    return toks


def _is_kw(tok, *words):
    return tok.kind == "word" and tok.up in words


def has_top_level_order_by(sql):
    """True when the statement's own result order is fixed by ORDER BY."""
    toks = tokenize(sql)
    return any(_is_kw(t, "ORDER") and t.depth == 0 and i + 1 < len(toks)
               and _is_kw(toks[i + 1], "BY") for i, t in enumerate(toks))


def _split(toks, depth):
    """Splits tokens at commas of the given depth."""
    parts, cur = [], []
    for t in toks:
        if t.text == "," and t.depth == depth:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    return parts


def _norm(toks):
    return "".join(t.text.lower().replace("`", "") for t in toks)


def _bare(name):
    return name.split(".")[-1]


CLAUSE_END = ("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "WINDOW")


def _select_parts(scope, depth):
    """Select items, FROM table refs, GROUP BY terms of one SELECT block."""
    items, tables, group, derived = [], {}, None, False
    i = next((k for k, t in enumerate(scope)
              if _is_kw(t, "SELECT") and t.depth == depth), None)
    if i is None:
        return None
    j = next((k for k in range(i + 1, len(scope))
              if _is_kw(scope[k], "FROM") and scope[k].depth == depth),
             len(scope))
    body = [t for t in scope[i + 1:j]
            if not (t.depth == depth and _is_kw(t, "DISTINCT", "ALL"))]
    for item in _split(body, depth):
        alias = None
        if len(item) >= 2 and _is_kw(item[-2], "AS"):
            alias, item = item[-1].text.lower().strip("`"), item[:-2]
        items.append((_norm(item), alias))
    k = j + 1
    expect_table = True
    while k < len(scope):
        t = scope[k]
        if t.depth == depth and _is_kw(t, *CLAUSE_END):
            break
        if t.depth == depth:
            if t.text == "," or _is_kw(t, "JOIN"):
                expect_table = True
            elif expect_table and t.text == "(":
                derived, expect_table = True, False
            elif expect_table and t.kind == "word":
                name = t.text.lower().replace("`", "")
                alias = _bare(name)
                nxt = scope[k + 1:k + 3]
                if nxt and _is_kw(nxt[0], "AS") and len(nxt) > 1:
                    alias = nxt[1].text.lower()
                elif nxt and nxt[0].kind == "word" and not _is_kw(
                        nxt[0], "ON", "USING", "JOIN", "LEFT", "RIGHT",
                        "INNER", "CROSS", "STRAIGHT_JOIN", "NATURAL",
                        *CLAUSE_END):
                    alias = nxt[0].text.lower()
                tables[alias] = _bare(name)
                expect_table = False
        if _is_kw(t, "GROUP") and t.depth == depth:
            break
        k += 1
    g = next((m for m in range(j, len(scope)) if _is_kw(scope[m], "GROUP")
              and scope[m].depth == depth), None)
    if g is not None:
        end = next((m for m in range(g + 2, len(scope)) if scope[m].depth ==
                    depth and _is_kw(scope[m], "HAVING", "ORDER", "LIMIT",
                                     "WITH")), len(scope))
        group = {_norm(p) for p in _split(scope[g + 2:end], depth)}
    return items, tables, group, derived


def _covers_key(terms, tables, unique_keys):
    for alias, table in tables.items():
        keys = unique_keys.get(table)
        if not keys:
            return False
        ok = False
        for key in keys:
            if all(c in terms or "%s.%s" % (alias, c) in terms for c in key):
                ok = True
                break
        if not ok:
            return False
    return bool(tables)


def _covers_items(terms, items):
    for pos, (expr, alias) in enumerate(items, 1):
        if not (str(pos) in terms or expr in terms or
                (alias and alias in terms) or _bare(expr) in
                {_bare(t) for t in terms}):
            return False
    return True


def limit_problems(sql, unique_keys):
    """Checks each LIMIT (and a top-level ORDER BY) orders totally.

    Accepted tiebreakers, in the same SELECT or set operation as the LIMIT:
    the ORDER BY lists every output column (by name, expression or position),
    or a unique key of every table in FROM (no derived tables), or every
    GROUP BY term. Returns a list of problem descriptions.
    """
    toks = tokenize(sql)
    problems = []
    ends = [i for i, t in enumerate(toks) if _is_kw(t, "LIMIT")]
    if has_top_level_order_by(sql) and not any(toks[i].depth == 0
                                               for i in ends):
        ends.append(len(toks))  # a fully ordered result needs a total order
    for li in ends:
        d = toks[li].depth if li < len(toks) else 0
        start = li
        while start > 0 and toks[start - 1].depth >= d:
            start -= 1
        scope = toks[start:li]
        ob = [k for k in range(len(scope) - 1) if scope[k].depth == d and
              _is_kw(scope[k], "ORDER") and _is_kw(scope[k + 1], "BY")]
        if not ob:
            problems.append("LIMIT without ORDER BY")
            continue
        terms = set()
        for part in _split(scope[ob[-1] + 2:], d):
            if part and _is_kw(part[-1], "ASC", "DESC"):
                part = part[:-1]
            terms.add(_norm(part))
        body = scope[:ob[-1]]
        is_union = any(_is_kw(t, "UNION", "INTERSECT", "EXCEPT") and
                       t.depth == d for t in body)
        sel_depth = d
        if is_union or (body and body[0].text == "("):
            first = next(t for t in body if _is_kw(t, "SELECT"))
            sel_depth = first.depth
            body = [t for t in body if t.depth >= sel_depth]
        parts = _select_parts(body, sel_depth)
        if parts is None:
            problems.append("cannot find the SELECT of a LIMIT")
            continue
        items, tables, group, derived = parts
        for term in list(terms):
            if term.isdigit() and 0 < int(term) <= len(items):
                expr, alias = items[int(term) - 1]
                terms |= {expr, alias} - {None}
            terms |= {expr for expr, alias in items if alias == term}
        if _covers_items(terms, items):
            continue
        if not is_union and group and group <= terms:
            continue
        if not is_union and not derived and _covers_key(terms, tables,
                                                        unique_keys):
            continue
        problems.append("ORDER BY %s is not a total order" %
                        ", ".join(sorted(terms)))
    return problems


# Columns whose values tie under utf8mb4_general_ci while differing in
# spelling: shown as a GROUP BY key or under DISTINCT / UNION, which spelling
# comes out depends on row order.
TIE_COLUMNS = {
    "customer": ("name", "email"),
    "corder": ("coupon", "note", "currency"),
    "merchant": ("handle", "display_name"),
    "order_line": ("sku",),
    "device_event": ("tag",),
}


def _is_tie_column(expr, tables):
    if not re.fullmatch(r"[a-z_]+(\.[a-z_]+)?", expr):
        return False
    if "." in expr:
        alias, col = expr.split(".")
        return col in TIE_COLUMNS.get(tables.get(alias, ""), ())
    return any(expr in TIE_COLUMNS.get(t, ()) for t in tables.values())


def tie_problems(sql):
    toks = tokenize(sql)
    parts = _select_parts(toks, 0)
    if parts is None:
        return []
    items, tables, group, _ = parts
    dedup = any(t.depth == 0 and (_is_kw(t, "DISTINCT") or (
        _is_kw(t, "UNION") and i + 1 < len(toks) and
        not _is_kw(toks[i + 1], "ALL"))) for i, t in enumerate(toks))
    out = []
    for expr, _ in items:
        if _is_tie_column(expr, tables) and (dedup or (group and any(
                _bare(g) == _bare(expr) for g in group))):
            out.append("shows case-insensitive column %s as a group/distinct "
                       "value" % expr)
    return out


def unique_keys_from_schema(path):
    """{table: [[col, ...], ...]} from PRIMARY/UNIQUE KEY lines."""
    keys, table = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"CREATE TABLE (\w+)", line)
            if m:
                table = m.group(1).lower()
                keys[table] = []
            m = re.search(r"(PRIMARY KEY|UNIQUE KEY \w+) \(([^)]*)\)", line)
            if m and table:
                keys[table].append(
                    [c.strip().lower() for c in m.group(2).split(",")])
    return keys


def lint(query, unique_keys, allow_dml=False):
    """Static problems of one corpus statement (list of strings)."""
    problems = []
    low = query.sql.lower()
    try:
        toks = tokenize(query.sql)
    except ValueError as e:
        return [str(e)]
    if not allow_dml and not query.is_select():
        problems.append("not a SELECT")
    for t in toks:
        name = t.text.lower()
        if t.kind == "word" and _bare(name) in PRIVATE_TABLES:
            problems.append("reads router-private table %s" % name)
    for i, t in enumerate(toks):
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if t.kind == "word" and t.text.lower() in NONDETERMINISTIC and (
                nxt == "(" or t.text.lower().startswith(("cur", "local"))):
            if not (allow_dml and t.text.lower() == "row_count"):
                problems.append("nondeterministic function %s" % t.text)
        if _is_kw(t, "GROUP_CONCAT") and nxt == "(":
            inner = [u for u in toks[i + 2:] if u.depth > t.depth]
            end = next((k for k, u in enumerate(toks[i + 2:])
                        if u.depth == t.depth), None)
            inner = toks[i + 2:i + 2 + end] if end is not None else inner
            if not any(_is_kw(u, "ORDER") and u.depth == t.depth + 1
                       for u in inner):
                problems.append("GROUP_CONCAT without ORDER BY")
    if "limit" in low or "order" in low:
        problems += limit_problems(query.sql, unique_keys)
    problems += tie_problems(query.sql)
    return problems
