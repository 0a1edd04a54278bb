#!/usr/bin/env python3
"""Writes data.sql, the dataset of the differential correctness corpus.

Deterministic (fixed seed, standard library only): running it again gives a
byte-identical file. Usage: gen_data.py [OUTPUT] (default: data.sql beside
this script).

Design rules the queries rely on (see README.md):
  * DOUBLE columns only hold multiples of 1/8, so sums are exact whatever the
    order of addition (per shard or on one server).
  * Text that ties under utf8mb4_general_ci (case, accents, trailing spaces)
    appears only in customer.name, customer.email, corder.coupon,
    corder.note, merchant.handle and merchant.display_name; product.category,
    merchant.category, country codes and ENUMs have one spelling per value.
  * Ids stay below the AUTO_INCREMENT / sequence starts of schema.sql.
  * Lookup and sequence tables are never written here.
"""

import datetime
import os
import random
import sys

SEED = 20261128
BATCH = 100

FIRST_NAMES = [
    "José", "JOSÉ", "jose", "Jose", "Zoë", "ZOE", "zoe", "Ångström", "Ørsted",
    "Çelik", "Łukasz", "Müller", "MULLER", "muller", "Straße", "Ann", "ann",
    "Ann ", "ANN", "Chloé", "chloe", "Renée", "RENEE", "Björk", "bjork",
    "Noël", "noel", "François", "francois", "Amélie", "Søren", "Zoltán",
    "O'Brien", "o'brien", "D'Arcy", "Back\\slash", "Mia", "MIA", "Liam",
    "liam", "Emma", "Ava", "Noah", "Oliver", "Élodie", "elodie", "Ünal",
    "😀 Smiley", "🎉 Party", "Ñandú", "ñandu", "Håkon", "Ævar", "Ölçer",
    "Ĳssel", "Dvořák", "dvorak", "Őrs", "Yūki", "Иван", "иван", "Ζωή",
    "李雷", "山田", "Ana-María", "ana-maria",
]
LAST_NAMES = [
    "García", "GARCIA", "garcia", "Smith", "SMITH", "Núñez", "nunez",
    "Lefèvre", "lefevre", "Øby", "Schröder", "schroder", "Kowalski",
    "Nguyễn", "Brontë", "bronte", "Ó Ceallaigh", "van der Berg",
    "Van Der Berg", "", "Zed", "zed", "🚀", "Müller-Lüdenscheidt",
]
DOMAINS = ["example.com", "EXAMPLE.COM", "mail.test", "Mail.Test",
           "exämple.org", "shop.example"]
COUNTRIES = [
    ("AR", "Argentina", "South America", 46000000, "21.00"),
    ("AT", "Österreich", "Europe", 9100000, "20.00"),
    ("AU", "Australia", "Oceania", 26000000, "10.00"),
    ("BR", "Brasil", "South America", 215000000, "17.50"),
    ("CA", "Canada", "North America", 39000000, "5.00"),
    ("CH", "Schweiz", "Europe", 8800000, "8.10"),
    ("CN", "中国", "Asia", 1410000000, "13.00"),
    ("DE", "Deutschland", "Europe", 84000000, "19.00"),
    ("DK", "Danmark", "Europe", 5900000, "25.00"),
    ("EG", "مصر", "Africa", 110000000, "14.00"),
    ("ES", "España", "Europe", 48000000, "21.00"),
    ("FI", "Suomi", "Europe", 5500000, "24.00"),
    ("FR", "France", "Europe", 68000000, "20.00"),
    ("GB", "United Kingdom", "Europe", 67000000, "20.00"),
    ("IN", "India", "Asia", 1420000000, "18.00"),
    ("IS", "Ísland", "Europe", 390000, "24.00"),
    ("JP", "日本", "Asia", 124000000, "10.00"),
    ("KE", "Kenya", "Africa", 54000000, "16.00"),
    ("MX", "México", "North America", 128000000, "16.00"),
    ("NG", "Nigeria", "Africa", 218000000, "7.50"),
    ("NO", "Norge", "Europe", 5500000, "25.00"),
    ("NZ", "New Zealand", "Oceania", 5200000, "15.00"),
    ("PL", "Polska", "Europe", 37000000, "23.00"),
    ("SE", "Sverige", "Europe", 10500000, "25.00"),
    ("TR", "Türkiye", "Asia", 85000000, "20.00"),
    ("US", "United States", "North America", 333000000, None),
    ("VN", "Việt Nam", "Asia", 99000000, "10.00"),
    ("ZA", "South Africa", "Africa", 60000000, "15.00"),
    ("AQ", "Antarctica", "Oceania", 0, None),
    ("VA", "Città del Vaticano", "Europe", 800, None),
]
# Codes customers use that main.country lacks (for NULL-extended joins).
UNKNOWN_COUNTRIES = ["XX", "ZZ"]
CATEGORIES = ["Books", "Garden", "Kitchen", "Toys", "Électronique", "Sports",
              "Music", "Office"]
MERCHANT_CATEGORIES = ["grocery", "fashion", "electronics", "books", "travel"]
HANDLE_STEMS = [
    "acme", "Acme", "ACME", "café-bleu", "cafe-bleu", "Café-Bleu",
    "zürich-ltd", "zurich-ltd", "Zurich-Ltd", "señor-taco", "senor-taco",
    "crème-brûlée", "creme-brulee", "göteborg", "goteborg", "naïve-art",
    "naive-art", "über", "uber", "àla-carte", "ala-carte", "z", "Z",
    "a", "shop", "shop-1", "shop-2", "shop-10", "shop-100", "x9",
]
COUPONS = ["SAVE10", "save10", "Save10", "WELCOME", "welcome", "FALL-ÉTÉ",
           "fall-ete", "VIP", "vip", "ZERO"]
NOTES = ["leave at door", "Leave at door", "LEAVE AT DOOR", "gift 🎁",
         "fragile", "Fragile", "déjà vu", "deja vu", "call first",
         "it's here", "tab\there", "back\\slash", "", "  padded", "padded  "]
WORDS = ["Red", "Blue", "Green", "Tiny", "Huge", "Smart", "Classic", "Deluxe",
         "Crème", "Über", "Naïve", "Café", "Fjørd", "Piñata", "Ökologisch",
         "🌟", "Eco", "Pro", "Max", "Mini"]
NOUNS = ["Lamp", "Chair", "Novel", "Kettle", "Robot", "Ball", "Guitar",
         "Stapler", "Shovel", "Puzzle", "Tent", "Mug", "Headphones", "Atlas"]


def sql_str(value):
    """Quotes a Python str as a MariaDB string literal."""
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    escaped = escaped.replace("\t", "\\t").replace("\n", "\\n")
    return "'" + escaped + "'"


def lit(value):
    """Renders one column value as a SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, bytes):
        return "X'" + value.hex().upper() + "'"
    if isinstance(value, (int, Raw)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "'" + str(value) + "'"
    return sql_str(value)


class Raw(str):
    """A literal written as is (DECIMAL text)."""


def dec(rng, lo_cents, hi_cents):
    cents = rng.randint(lo_cents, hi_cents)
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return Raw("%s%d.%02d" % (sign, cents // 100, cents % 100))


def eighths(rng, lo, hi):
    """A DOUBLE that is a multiple of 1/8 in [lo, hi]."""
    return rng.randint(lo * 8, hi * 8) / 8.0


def maybe(rng, p_null, value):
    return None if rng.random() < p_null else value


def day(rng, start, end):
    span = (end - start).days
    return start + datetime.timedelta(days=rng.randint(0, span))


def moment(rng, start, end):
    d = day(rng, start, end)
    return datetime.datetime(d.year, d.month, d.day, rng.randint(0, 23),
                             rng.randint(0, 59), rng.randint(0, 59))


def inserts(out, table, columns, rows):
    for i in range(0, len(rows), BATCH):
        chunk = rows[i:i + BATCH]
        values = ",".join("(" + ",".join(lit(v) for v in row) + ")"
                          for row in chunk)
        out.append("INSERT INTO %s (%s) VALUES %s;" %
                   (table, ", ".join(columns), values))


def gen_customers(rng):
    ids = list(range(1, 581)) + [1000, 2500, 5000, 7777, 12345, 31337, 50000,
                                 65535, 65536, 77777, 88888, 99990, 99999]
    start, end = datetime.date(2015, 1, 1), datetime.date(2025, 12, 31)
    codes = [c[0] for c in COUNTRIES] + UNKNOWN_COUNTRIES
    rows = []
    for cid in ids:
        first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
        name = (first + " " + last) if last and rng.random() < 0.7 else first
        if rng.random() < 0.15:
            email = None
        elif rng.random() < 0.1:
            email = "shared@example.com" if rng.random() < 0.5 else \
                "SHARED@example.com"
        else:
            local = first.strip().lower().replace(" ", ".")
            email = "%s%d@%s" % (local, rng.randint(1, 60),
                                 DOMAINS[rng.randrange(len(DOMAINS))])
        balance = rng.randint(-10**12, 10**12)
        if cid in (7, 99999):
            balance = 9223372036854775807
        elif cid in (8, 65536):
            balance = -9223372036854775807
        elif cid % 37 == 0:
            balance = 0
        rows.append((
            cid, name, email,
            maybe(rng, 0.08, codes[rng.randrange(len(codes))]),
            ["bronze", "silver", "gold", "platinum"][rng.randrange(4)],
            maybe(rng, 0.2, dec(rng, -100, 999999999)),
            balance,
            4294967295 if cid % 101 == 0 else rng.randint(0, 200000),
            maybe(rng, 0.15, eighths(rng, 0, 5)),
            day(rng, start, end),
            maybe(rng, 0.25, moment(rng, start, end)),
            maybe(rng, 0.3, bytes(rng.randrange(256)
                                  for _ in range(rng.randint(0, 16)))),
        ))
    return rows


def gen_orders(rng, customer_ids):
    # Customers 1..25 never order (NULL-extended rows in LEFT JOINs), and
    # orders 90001..90012 belong to customers that do not exist.
    buyers = [c for c in customer_ids if c > 25]
    orphans = list(range(90001, 90013))
    start, end = datetime.datetime(2020, 1, 1), datetime.datetime(2025, 12, 31)
    rows, oid = [], 0
    for n in range(2000):
        oid += rng.choice([1, 1, 1, 2, 3])
        if n % 97 == 0:
            cid = orphans[rng.randrange(len(orphans))]
        else:
            cid = buyers[rng.randrange(len(buyers))]
        ordered = moment(rng, start.date(), end.date())
        status = ["new", "paid", "shipped", "cancelled",
                  "returned"][rng.randrange(5)]
        shipped = None
        if status in ("shipped", "returned"):
            shipped = (ordered + datetime.timedelta(
                days=rng.randint(0, 20))).date()
        rows.append((
            oid, cid, status, dec(rng, -5000, 5000000),
            ["EUR", "USD", "usd", "GBP", "JPY"][rng.randrange(5)]
            if n % 11 else "EUR",
            ordered, shipped,
            maybe(rng, 0.6, COUPONS[rng.randrange(len(COUPONS))]),
            maybe(rng, 0.5, NOTES[rng.randrange(len(NOTES))]),
        ))
    return rows


def gen_products(rng):
    rows = []
    start, end = datetime.date(2010, 1, 1), datetime.date(2026, 6, 30)
    for n in range(1, 301):
        sku = "SKU-%04d" % n
        title = "%s %s %d" % (WORDS[rng.randrange(len(WORDS))],
                              NOUNS[rng.randrange(len(NOUNS))],
                              rng.randint(1, 30))
        rows.append((
            sku, title, CATEGORIES[rng.randrange(len(CATEGORIES))],
            dec(rng, 0, 250000),
            maybe(rng, 0.1, 4294967295 if n == 300 else rng.randint(1, 50000)),
            rng.randint(-50, 100000) if n % 50 else -9223372036854775807,
            maybe(rng, 0.2, bytes(rng.randrange(256) for _ in range(13))),
            maybe(rng, 0.1, day(rng, start, end)),
        ))
    return rows


def gen_order_lines(rng, order_ids, skus):
    rows = []
    # Orders 400001..400009 do not exist in corder (orphan lines).
    targets = order_ids + list(range(400001, 400010))
    for oid in targets:
        for line in range(1, rng.choice([0, 1, 1, 2, 2, 3, 4, 5]) + 1):
            if rng.random() < 0.03:
                sku = None
            elif rng.random() < 0.04:
                sku = "SKU-9%03d" % rng.randint(0, 20)  # not in product
            elif rng.random() < 0.05:
                sku = skus[rng.randrange(len(skus))].lower()
            else:
                sku = skus[rng.randrange(len(skus))]
            rows.append((
                oid, line, sku,
                rng.randint(1, 12) if rng.random() > 0.05 else -1,
                dec(rng, 0, 99999),
                maybe(rng, 0.4, eighths(rng, 0, 2)),
            ))
    return rows


def gen_merchants(rng):
    rows = []
    start, end = datetime.date(2012, 1, 1), datetime.date(2025, 12, 31)
    for mid in range(1, 121):
        stem = HANDLE_STEMS[(mid - 1) % len(HANDLE_STEMS)]
        handle = stem if mid <= len(HANDLE_STEMS) else "%s-%d" % (stem, mid)
        rows.append((
            mid, handle,
            "%s %s" % (WORDS[rng.randrange(len(WORDS))], handle.upper()),
            MERCHANT_CATEGORIES[rng.randrange(len(MERCHANT_CATEGORIES))],
            Raw("0.%04d" % rng.randint(0, 2500)),
            maybe(rng, 0.2, eighths(rng, 1, 5)),
            rng.random() < 0.8,
            day(rng, start, end),
            maybe(rng, 0.3, bytes(rng.randrange(256) for _ in range(32))),
        ))
    return rows


def gen_api_keys(rng):
    rows = []
    start, end = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)
    fixed = [b"\x00", b"\x00\x00", b"\xff" * 32, b"Key-1", b"KEY-1", b"key-1",
             b"abc", b"ABC", b"a b", b"\x00abc"]
    keys = fixed + [bytes(rng.randrange(256) for _ in range(rng.randint(4, 32)))
                    for _ in range(190)]
    for n, key in enumerate(keys):
        created = moment(rng, start, end)
        expires = None
        if rng.random() < 0.6:
            expires = created + datetime.timedelta(days=rng.randint(1, 900))
        rows.append((
            key, rng.randint(1, 125), ["read", "write", "admin"][n % 3],
            created, expires,
            18446744073709551615 if n == 5 else rng.randint(0, 10**12),
        ))
    return rows


def gen_device_events(rng):
    devices = [0, 1, 2, 255, 65536, 4294967295, 4294967296,
               9223372036854775807, 9223372036854775808, 18446744073709551614,
               18446744073709551615, 12345678901234567890]
    devices += [rng.randint(0, 2**64 - 1) for _ in range(38)]
    start = datetime.datetime(2024, 2, 28, 22, 0, 0)
    rows = []
    for dev in devices:
        at = start + datetime.timedelta(seconds=rng.randint(0, 86400 * 3))
        for ev in range(1, rng.randint(1, 60) + 1):
            at += datetime.timedelta(milliseconds=rng.randint(1, 3600000))
            stamp = at.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (
                at.microsecond // 1000)
            rows.append((
                dev, ev, ["boot", "ping", "ping", "ping", "error",
                          "shutdown"][rng.randrange(6)],
                maybe(rng, 0.1, Raw("%d.%06d" % (rng.randint(-99999, 99999),
                                                 rng.randint(0, 999999)))),
                Raw("'" + stamp + "'"),
                maybe(rng, 0.5, ["alpha", "Alpha", "beta", "gamma", "Δelta",
                                 "δelta"][rng.randrange(6)]),
            ))
    return rows


def gen_promos(rng):
    rows = []
    for pid in range(1, 31):
        starts = datetime.date(2023, 1, 1) + datetime.timedelta(days=pid * 17)
        ends = None if pid % 4 == 0 else starts + datetime.timedelta(
            days=rng.randint(0, 120))
        rows.append((pid, "PROMO-%02d" % pid, dec(rng, 100, 7500), starts,
                     ends, maybe(rng, 0.3, rng.randint(1, 100000))))
    return rows


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "data.sql")
    rng = random.Random(SEED)
    customers = gen_customers(rng)
    orders = gen_orders(rng, [c[0] for c in customers])
    products = gen_products(rng)
    lines = gen_order_lines(rng, [o[0] for o in orders],
                            [p[0] for p in products])
    merchants = gen_merchants(rng)
    keys = gen_api_keys(rng)
    events = gen_device_events(rng)
    promos = gen_promos(rng)

    out = ["-- Generated by gen_data.py (seed %d); do not edit by hand." % SEED,
           "-- Sections start with `-- keyspace: NAME`; one statement a line.",
           "", "-- keyspace: commerce"]
    inserts(out, "customer",
            ["customer_id", "name", "email", "country", "tier",
             "credit_limit", "balance", "loyalty_points", "rating",
             "signup_date", "last_login", "avatar"], customers)
    inserts(out, "corder",
            ["order_id", "customer_id", "status", "total", "currency",
             "ordered_at", "shipped_on", "coupon", "note"], orders)
    inserts(out, "order_line",
            ["order_id", "line_no", "sku", "qty", "unit_price", "discount"],
            lines)
    inserts(out, "product",
            ["sku", "title", "category", "price", "weight_g", "stock",
             "barcode", "released"], products)
    inserts(out, "merchant",
            ["merchant_id", "handle", "display_name", "category",
             "commission", "rating", "active", "joined", "api_secret"],
            merchants)
    inserts(out, "api_key",
            ["key_bytes", "merchant_id", "scope", "created", "expires",
             "calls"], keys)
    inserts(out, "device_event",
            ["device_id", "event_no", "kind", "reading", "at", "tag"], events)
    out += ["", "-- keyspace: main"]
    inserts(out, "country",
            ["code", "name", "continent", "population", "vat_rate"],
            [(c[0], c[1], c[2], c[3], None if c[4] is None else Raw(c[4]))
             for c in COUNTRIES])
    inserts(out, "promo",
            ["promo_id", "code", "percent_off", "starts", "ends", "max_uses"],
            promos)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
