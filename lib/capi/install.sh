#!/bin/bash
# Installs libtessera.so, include/tessera/c.h and a pkg-config file under a
# prefix, so that Make or CMake projects outside this repository can use
# `pkg-config --cflags --libs tessera`.
#
#   bazel build -c opt //lib/capi:libtessera.so
#   lib/capi/install.sh /usr/local     # or any prefix
#
# Also runnable from Bazel's runfiles (the install test): paths are taken
# relative to the current directory, the workspace root.
set -euo pipefail
prefix="${1:?usage: install.sh PREFIX [libtessera.so]}"
so="${2:-bazel-bin/lib/capi/libtessera.so}"
here="$(dirname "$0")"
root="$here/../.."
install -d "$prefix/lib/pkgconfig" "$prefix/include/tessera"
install -m 0755 "$so" "$prefix/lib/libtessera.so"
install -m 0644 "$root/include/tessera/c.h" "$prefix/include/tessera/c.h"
sed "s|@PREFIX@|$prefix|" "$here/tessera.pc.in" \
  >"$prefix/lib/pkgconfig/tessera.pc"
echo "installed libtessera into $prefix"
