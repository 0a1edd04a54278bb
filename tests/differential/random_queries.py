#!/usr/bin/env python3
"""Random SELECTs over the corpus schema, deterministic by construction.

Every query it makes follows the corpus rules (README.md): text that ties
under utf8mb4_general_ci is never a GROUP BY key or DISTINCT value, every
ORDER BY ends with the unique keys of all its tables, LIMIT only on a total
order, SUM/AVG only over columns whose sums are exact. The router's
differential suite runs them for a bounded time and prints the failing one;
check_corpus.py validates a sample on a real server.

  random_queries.py [--seed N] [--count N]     # prints one query a line
"""

import argparse
import random

INT, DEC, DBL, TEXT, TIE, ENUM, DATE, DTIME = (
    "int", "dec", "dbl", "text", "tie", "enum", "date", "dtime")

# table: (alias, unique key, {column: (kind, literal pool)})
TABLES = {
    "customer": ("c", ["customer_id"], {
        "customer_id": (INT, [1, 7, 42, 99, 230, 527, 1000, 99999, 123456]),
        "name": (TIE, ["'ann'", "'JOSE'", "'zoë'", "'Muller'"]),
        "email": (TIE, ["'shared@example.com'", "'ann43@example.com'"]),
        "country": (TEXT, ["'DE'", "'FR'", "'XX'", "'IS'", "'US'"]),
        "tier": (ENUM, ["'bronze'", "'silver'", "'gold'", "'platinum'"]),
        "credit_limit": (DEC, ["0", "1000000.50", "5000000", "-0.01"]),
        "balance": (INT, ["0", "-500000000000", "500000000000"]),
        "loyalty_points": (INT, ["1000", "100000", "4294967295"]),
        "rating": (DBL, ["0.5", "2.25", "4", "4.875"]),
        "signup_date": (DATE, ["'2016-01-01'", "'2020-06-30'", "'2024-12-31'"]),
        "last_login": (DTIME, ["'2018-01-01 00:00:00'",
                               "'2023-06-15 12:00:00'"]),
    }),
    "corder": ("o", ["order_id"], {
        "order_id": (INT, [2, 199, 666, 1256, 2169, 3099, 3206, 9999]),
        "customer_id": (INT, [42, 51, 230, 527, 90001, 3]),
        "status": (ENUM, ["'new'", "'paid'", "'shipped'", "'cancelled'",
                          "'returned'"]),
        "total": (DEC, ["0", "100.00", "25000", "-10.5", "49000"]),
        "currency": (TIE, ["'usd'", "'EUR'", "'gbp'"]),
        "ordered_at": (DTIME, ["'2021-01-01 00:00:00'",
                               "'2024-02-29 12:00:00'"]),
        "shipped_on": (DATE, ["'2022-01-01'", "'2025-06-01'"]),
        "coupon": (TIE, ["'save10'", "'VIP'", "'fall-été'"]),
    }),
    "order_line": ("l", ["order_id", "line_no"], {
        "order_id": (INT, [199, 666, 781, 3099, 400001]),
        "line_no": (INT, [1, 2, 3, 5]),
        "sku": (TIE, ["'SKU-0042'", "'sku-0100'", "'SKU-9003'"]),
        "qty": (INT, [-1, 1, 6, 12]),
        "unit_price": (DEC, ["10", "499.99", "900"]),
        "discount": (DBL, ["0", "0.5", "1.875"]),
    }),
    "product": ("p", ["sku"], {
        "sku": (TEXT, ["'SKU-0042'", "'SKU-0100'", "'SKU-0300'"]),
        "category": (TEXT, ["'Books'", "'Music'", "'Électronique'", "'toys'"]),
        "price": (DEC, ["50", "1000", "2400.50"]),
        "stock": (INT, ["0", "500", "99999"]),
        "released": (DATE, ["'2015-01-01'", "'2022-07-01'"]),
    }),
    "merchant": ("m", ["merchant_id"], {
        "merchant_id": (INT, [1, 5, 30, 77, 120]),
        "handle": (TIE, ["'acme'", "'CAFE-BLEU'", "'zurich-ltd'", "'z'"]),
        "category": (TEXT, ["'grocery'", "'books'", "'travel'"]),
        "commission": (DEC, ["0.1", "0.2", "0.0005"]),
        "active": (INT, [0, 1]),
    }),
    "device_event": ("e", ["device_id", "event_no"], {
        "device_id": (INT, [0, 1, 255, 4294967296, 9223372036854775808,
                            18446744073709551615]),
        "event_no": (INT, [1, 5, 30]),
        "kind": (ENUM, ["'boot'", "'ping'", "'error'", "'shutdown'"]),
        "reading": (DEC, ["0", "-50000.5", "12345.678901"]),
        "at": (DTIME, ["'2024-02-29 12:00:00.000'", "'2024-03-02 00:00:00.5'"]),
    }),
    "main.country": ("k", ["code"], {
        "code": (TEXT, ["'DE'", "'IS'", "'XX'"]),
        "continent": (ENUM, ["'Europe'", "'Asia'", "'Oceania'"]),
        "population": (INT, [1000000, 50000000]),
        "vat_rate": (DEC, ["10", "20.00", "25"]),
    }),
}

# (left, right, ON condition with the tables' aliases)
JOINS = [
    ("customer", "corder", "o.customer_id = c.customer_id"),
    ("corder", "order_line", "l.order_id = o.order_id"),
    ("order_line", "product", "p.sku = l.sku"),
    ("customer", "main.country", "k.code = c.country"),
    ("customer", "merchant", "m.merchant_id = c.customer_id"),
    ("customer", "device_event", "e.device_id = c.customer_id"),
]

SUMMABLE = (INT, DEC, DBL)
GROUPABLE = (INT, TEXT, ENUM)


class Gen:

    def __init__(self, rng):
        self.rng = rng

    def cols(self, tables, kinds=None):
        out = []
        for t in tables:
            alias, _, columns = TABLES[t]
            for name, (kind, pool) in columns.items():
                if kinds is None or kind in kinds:
                    out.append(("%s.%s" % (alias, name), kind, pool))
        return out

    def predicate(self, tables):
        r = self.rng
        col, kind, pool = r.choice(self.cols(tables))
        lit = r.choice(pool)
        choice = r.randrange(8)
        if choice == 0:
            return "%s IS %sNULL" % (col, r.choice(["", "NOT "]))
        if choice == 1:
            vals = sorted({str(r.choice(pool)) for _ in range(3)})
            return "%s %sIN (%s)" % (col, r.choice(["", "", "NOT "]),
                                     ", ".join(vals))
        if choice == 2 and kind not in (TIE, TEXT, ENUM):
            a, b = sorted([r.choice(pool), r.choice(pool)], key=_key)
            return "%s BETWEEN %s AND %s" % (col, a, b)
        if choice == 3 and kind in (TIE, TEXT):
            return "%s LIKE %s" % (col, lit[:-1].rstrip("0123456789") + "%'")
        if choice == 4:
            return "(%s = %s OR %s = %s)" % (col, lit, col, r.choice(pool))
        op = r.choice(["=", "<>", "<", ">=", "<=>"])
        return "%s %s %s" % (col, op, lit)

    def where(self, tables):
        n = self.rng.choice([0, 0, 1, 1, 1, 2, 2, 3])
        preds = [self.predicate(tables) for _ in range(n)]
        if not preds:
            return ""
        glue = " OR " if len(preds) > 1 and self.rng.random() < 0.2 else " AND "
        return " WHERE " + glue.join(preds)

    def from_clause(self):
        r = self.rng
        if r.random() < 0.45:
            t = r.choice(list(TABLES))
            return [t], "%s %s" % (t, TABLES[t][0])
        left, right, on = r.choice(JOINS)
        if r.random() < 0.5:
            left, right = right, left
        kind = r.choice(["JOIN", "JOIN", "LEFT JOIN"])
        tables = [left, right]
        text = "%s %s %s %s %s ON %s" % (left, TABLES[left][0], kind, right,
                                         TABLES[right][0], on)
        return tables, text

    def keys(self, tables):
        return ["%s.%s" % (TABLES[t][0], k) for t in tables
                for k in TABLES[t][1]]

    def rows_query(self):
        r = self.rng
        tables, frm = self.from_clause()
        cols = [c[0] for c in r.sample(self.cols(tables),
                                       r.randint(1, 4))]
        sql = "SELECT %s FROM %s%s" % (", ".join(cols), frm,
                                       self.where(tables))
        if r.random() < 0.6:
            order = r.sample(cols, r.randint(0, len(cols)))
            order += [k for k in self.keys(tables) if k not in order]
            sql += " ORDER BY " + ", ".join(
                o + r.choice(["", "", " DESC"]) for o in order)
            if r.random() < 0.6:
                sql += " LIMIT %d" % r.choice([1, 3, 10, 50])
                if r.random() < 0.4:
                    sql += " OFFSET %d" % r.choice([0, 2, 25])
        return sql

    def aggregate(self, tables):
        r = self.rng
        col, kind, _ = r.choice(self.cols(tables))
        fns = ["COUNT(%s)", "COUNT(DISTINCT %s)"]
        if kind in SUMMABLE:
            fns += ["SUM(%s)", "AVG(%s)", "MIN(%s)", "MAX(%s)"]
        elif kind in (DATE, DTIME, ENUM):
            fns += ["MIN(%s)", "MAX(%s)"]
        return r.choice(fns + ["COUNT(*)"]).replace("%s", col)

    def group_query(self):
        r = self.rng
        tables, frm = self.from_clause()
        groupable = [c[0] for c in self.cols(tables, GROUPABLE)]
        groups = r.sample(groupable, r.randint(0, min(2, len(groupable))))
        aggs = sorted({self.aggregate(tables) for _ in range(r.randint(1, 3))})
        having = bool(groups) and r.random() < 0.3
        if having and r.random() < 0.5 and "COUNT(*)" not in aggs:
            aggs.append("COUNT(*)")  # HAVING on a selected aggregate
        sql = "SELECT %s FROM %s%s" % (", ".join(groups + aggs), frm,
                                       self.where(tables))
        if groups:
            sql += " GROUP BY " + ", ".join(groups)
            if having:
                sql += " HAVING COUNT(*) > %d" % r.choice([1, 2, 5])
            if r.random() < 0.5:
                order = [g + r.choice(["", " DESC"]) for g in groups]
                if r.random() < 0.4:  # by an aggregate, then the groups
                    order.insert(0, r.choice(aggs) + r.choice(["", " DESC"]))
                sql += " ORDER BY " + ", ".join(order)
                if r.random() < 0.5:
                    sql += " LIMIT %d" % r.choice([1, 5, 20])
                    if r.random() < 0.3:
                        sql += " OFFSET %d" % r.choice([1, 3])
        return sql

    def distinct_query(self):
        tables, frm = self.from_clause()
        safe = [c[0] for c in self.cols(tables, GROUPABLE + (DATE, DEC))]
        cols = self.rng.sample(safe, self.rng.randint(1, min(2, len(safe))))
        sql = "SELECT DISTINCT %s FROM %s%s" % (", ".join(cols), frm,
                                                self.where(tables))
        if self.rng.random() < 0.4:  # every output column: a total order
            sql += " ORDER BY " + ", ".join(
                c + self.rng.choice(["", " DESC"]) for c in cols)
            if self.rng.random() < 0.5:
                sql += " LIMIT %d" % self.rng.choice([1, 4, 15])
        return sql

    def subquery_query(self):
        """Rows of one table filtered by IN / NOT IN over a related table."""
        r = self.rng
        left, right, on = r.choice(JOINS)
        if r.random() < 0.5:
            left, right = right, left
        # `on` is "x.a = y.b": the column of each side.
        sides = dict(part.strip().split(".") for part in on.split("="))
        la, ra = TABLES[left][0], TABLES[right][0]
        cols = [c[0] for c in r.sample(self.cols([left]), r.randint(1, 3))]
        inner = "SELECT %s.%s FROM %s %s%s" % (ra, sides[ra], right, ra,
                                               self.where([right]))
        op = "IN" if r.random() < 0.75 else "NOT IN"
        return "SELECT %s FROM %s %s WHERE %s.%s %s (%s)" % (
            ", ".join(cols), left, la, la, sides[la], op, inner)

    def union_query(self):
        r = self.rng
        t = r.choice(list(TABLES))
        alias = TABLES[t][0]
        col = r.choice([c for c in self.cols([t], GROUPABLE + SUMMABLE)])[0]
        parts = ["SELECT %s FROM %s %s%s" % (col, t, alias, self.where([t]))
                 for _ in range(r.randint(2, 3))]
        sql = (" UNION ALL " if r.random() < 0.5 else " UNION ").join(parts)
        if r.random() < 0.4:
            sql += " ORDER BY 1 LIMIT %d" % r.choice([1, 5, 20])
        return sql

    def derived_query(self):
        r = self.rng
        t = r.choice(list(TABLES))
        alias = TABLES[t][0]
        group = r.choice(self.cols([t], GROUPABLE))[0]
        inner = "SELECT %s AS g, COUNT(*) AS n FROM %s %s%s GROUP BY %s" % (
            group, t, alias, self.where([t]), group)
        sql = "SELECT d.g, d.n FROM (%s) d WHERE d.n >= %d" % (
            inner, r.choice([1, 2, 5]))
        if r.random() < 0.5:
            sql += " ORDER BY d.n DESC, d.g LIMIT %d" % r.choice([1, 3, 10])
        return sql

    def query(self):
        pick = self.rng.random()
        if pick < 0.35:
            return self.rows_query()
        if pick < 0.65:
            return self.group_query()
        if pick < 0.75:
            return self.distinct_query()
        if pick < 0.85:
            return self.subquery_query()
        if pick < 0.93:
            return self.union_query()
        return self.derived_query()


def _key(literal):
    text = str(literal).strip("'")
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text)


def generate(seed, count):
    """`count` queries from `seed` (the same seed gives the same queries)."""
    gen = Gen(random.Random(seed))
    return [gen.query() for _ in range(count)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    args = ap.parse_args()
    for q in generate(args.seed, args.count):
        print(q + ";")


if __name__ == "__main__":
    main()
