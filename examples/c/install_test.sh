#!/bin/bash
# The install instructions of docs/embedding.md, end to end: install
# libtessera under a fresh prefix with lib/capi/install.sh, build this
# directory's example with its Makefile and with CMake (both through
# pkg-config), and run both binaries against the shards started by
# run_with_cluster.sh.
#
#   install_test.sh <libtessera.so>
set -euo pipefail
so="$PWD/$1"
work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/install-XXXXXX")"
prefix="$work/prefix"
lib/capi/install.sh "$prefix" "$so"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pkg-config --exists tessera
[[ "$(pkg-config --modversion tessera)" == 0.1.0 ]]

cp examples/c/main.c examples/c/Makefile examples/c/CMakeLists.txt "$work/"
make -C "$work" >"$work/make.out" 2>&1 || { cat "$work/make.out"; exit 1; }
cmake -S "$work" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" \
  >"$work/cmake.out" 2>&1 || { cat "$work/cmake.out"; exit 1; }
cmake --build "$work/build" >>"$work/cmake.out" 2>&1 ||
  { cat "$work/cmake.out"; exit 1; }

export LD_LIBRARY_PATH="$prefix/lib"
examples/check_output.sh "$work/tessera_example"
examples/check_output.sh "$work/build/tessera_example"
ldd "$work/tessera_example" >"$work/ldd.out"
grep -q "$prefix/lib/libtessera.so" "$work/ldd.out" ||
  { echo "FAIL: not linked against the installed library"; cat "$work/ldd.out"; exit 1; }
