#!/bin/bash
# libtessera.so exports every function declared in include/tessera/c.h and no
# other symbol of its own: only tessera_* C symbols and, unavoidably, weak
# libstdc++ template instantiations (namespace std, identical to the ones in
# libstdc++.so) that the linker keeps visible.
set -euo pipefail
so="$1"
header="$2"
fail() { echo "FAIL: $*" >&2; exit 1; }

exported=$(nm -D --defined-only "$so" | awk '{print $3}' | sed 's/@.*//' | sort -u)
declared=$(grep -o 'tessera_[a-z_0-9]*(' "$header" | tr -d '(' | sort -u)

[[ -n "$declared" ]] || fail "no functions found in $header"
for f in $declared; do
  grep -qx "$f" <<<"$exported" || fail "$f is declared but not exported"
done
others=$(grep -v -e '^tessera_' -e '^TESSERA_0$' -e '^_ZN\?K\?St' <<<"$exported" || true)
[[ -z "$others" ]] || fail "unexpected exports: $(head -20 <<<"$others")"
extra=$(grep '^tessera_' <<<"$exported" | grep -vxF "$declared" || true)
[[ -z "$extra" ]] || fail "exported but not declared: $extra"
echo "PASS: $(wc -w <<<"$declared") functions exported"
