#!/bin/bash
# `tessera sql fmt|normalize`: arguments, stdin splitting, --jsonl, errors.
set -euo pipefail
TESSERA="$1"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$TESSERA" sql fmt "SELECT A FROM T WHERE X=1")
[[ "$out" == "select A from T where X = 1;" ]] || fail "fmt arg: $out"

out=$(printf "select 1; select ';' -- c;\n; INSERT INTO t VALUES (1)" | "$TESSERA" sql fmt)
[[ "$out" == $'select 1;\nselect \';\';\ninsert into t values (1);' ]] || fail "fmt stdin: $out"

if "$TESSERA" sql fmt "selec 1" 2>/tmp/sql_cli_err_$$; then fail "bad sql accepted"; fi
grep -q "ERROR 1064 (42000)" /tmp/sql_cli_err_$$ || fail "error text"
rm -f /tmp/sql_cli_err_$$

out=$(printf '%s\n' '{"sql": "SELECT 1"}' '{"sql": "selec 1"}' \
  '{"sql": "select \"\u00e9\n\""}' 'not json' | "$TESSERA" sql fmt --jsonl)
[[ $(echo "$out" | wc -l) == 4 ]] || fail "jsonl lines: $out"
[[ $(echo "$out" | sed -n 1p) == '{"ok": true, "sql": "select 1"}' ]] || fail "jsonl ok: $out"
[[ $(echo "$out" | sed -n 2p) == '{"ok": false, "error": "ERROR 1064 (42000): '* ]] || fail "jsonl err: $out"
[[ $(echo "$out" | sed -n 3p) == '{"ok": true, "sql": "select \"é\n\""}' ]] || fail "jsonl unicode: $out"

out=$("$TESSERA" sql normalize "select * from t where id = -5 and n in (1, 'x')")
[[ "$out" == *"select * from t where id = :v1 and n in (::v2);"* ]] || fail "normalize: $out"
[[ "$out" == *'v1 INT64 "-5"'* ]] || fail "normalize bind: $out"
[[ "$out" == *'v2 TUPLE (INT64 "1", VARCHAR "x")'* ]] || fail "normalize list: $out"

# Version comments: MySQL 8.0 rules by default, MariaDB 10.11 with
# --dialect=mariadb (as the router reads SQL), or an explicit version.
q='select /*!50700 1 + */ 2 /*M!100100 + 3 */'
out=$("$TESSERA" sql fmt "$q")
[[ "$out" == "select 1 + 2;" ]] || fail "dialect default: $out"
out=$("$TESSERA" sql fmt --dialect=mysql "$q")
[[ "$out" == "select 1 + 2;" ]] || fail "dialect mysql: $out"
out=$("$TESSERA" sql fmt --dialect=mariadb "$q")
[[ "$out" == "select 2 + 3;" ]] || fail "dialect mariadb: $out"
out=$("$TESSERA" sql fmt --server-version=50600 "$q")
[[ "$out" == "select 2;" ]] || fail "server-version: $out"
out=$(printf '%s\n' '{"sql": "select /*!50700 1 + */ 2"}' | "$TESSERA" sql fmt --jsonl --dialect=mariadb)
[[ "$out" == '{"ok": true, "sql": "select 2"}' ]] || fail "jsonl dialect: $out"
out=$("$TESSERA" sql normalize --dialect=mariadb "select /*!50700 1 + */ 2 /*M!100100 + 3 */")
[[ "$out" == *"select :v1 + :v2;"* ]] || fail "normalize dialect: $out"
"$TESSERA" sql fmt --dialect=oracle "select 1" 2>/dev/null && fail "bad dialect accepted"
"$TESSERA" sql normalize --server-version=7 "select 1" 2>/dev/null && fail "bad version accepted"

"$TESSERA" sql 2>/dev/null && fail "usage accepted"
echo PASS
