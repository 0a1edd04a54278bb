#!/usr/bin/env bash
# Builds the SQL fuzzer with clang (libFuzzer + ASan + UBSan) outside Bazel
# and runs it for a bounded time over a seed corpus from the golden files.
#   lib/sql/fuzz/run_fuzzer.sh [seconds=60]
# FUZZ_OUT (default /tmp/tessera-sql-fuzz) holds objects, binary and corpus;
# objects are compiled in parallel and reused when their source is older.
# Exits non-zero when the fuzzer finds a crash, a sanitizer report or a
# parse -> format -> parse mismatch (fuzz_body aborts on those).
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs=${1:-60}
out=${FUZZ_OUT:-/tmp/tessera-sql-fuzz}
mkdir -p "$out/corpus" "$out/obj"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined
  -fno-sanitize-recover=undefined -I.)
# shellcheck disable=SC2207
flags+=($(pkg-config --cflags absl_status absl_statusor absl_strings \
  absl_str_format absl_inlined_vector))
srcs=$(ls lib/sql/*.cc | grep -v -e _test.cc -e _benchmark.cc -e _instr.cc)
srcs="$srcs lib/base/mysql_error.cc lib/sql/fuzz/fuzz_body.cc lib/sql/fuzz/parse_fuzzer.cc"
objs=()
for s in $srcs; do objs+=("$out/obj/$(echo "$s" | tr / _).o"); done
# Compile what changed, in parallel (one job per core).
printf '%s\n' $srcs | xargs -P "$(nproc)" -I{} bash -c '
  o="$0/obj/$(echo "{}" | tr / _).o"
  [[ -f "$o" && "$o" -nt "{}" ]] || clang++ "${@}" -c "{}" -o "$o"' \
  "$out" "${flags[@]}"
clang++ "${flags[@]}" "${objs[@]}" -o "$out/parse_fuzzer" \
  $(pkg-config --libs absl_status absl_statusor absl_strings absl_str_format \
    absl_inlined_vector)
# Seeds: every input line of the golden files.
i=0
for f in lib/sql/testdata/*.txt; do
  grep -v -e '^#' -e '^-> ' -e '^!! ' -e '^$' "$f" | while IFS= read -r line; do
    printf '%s' "$line" > "$out/corpus/seed_$(basename "$f" .txt)_$((i++))"
  done
done
"$out/parse_fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 "$out/corpus"
