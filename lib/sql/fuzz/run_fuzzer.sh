#!/usr/bin/env bash
# Builds the SQL fuzzer with clang (libFuzzer + ASan + UBSan) outside Bazel
# and runs it for a bounded time over a seed corpus from the golden files.
#   lib/sql/fuzz/run_fuzzer.sh [seconds=60]
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs=${1:-60}
out=${FUZZ_OUT:-/tmp/tessera-sql-fuzz}
mkdir -p "$out/corpus"
srcs=$(ls lib/sql/*.cc | grep -v -e _test.cc -e _benchmark.cc)
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -I. $srcs lib/base/mysql_error.cc \
  lib/sql/fuzz/fuzz_body.cc lib/sql/fuzz/parse_fuzzer.cc -o "$out/parse_fuzzer" \
  $(pkg-config --cflags --libs absl_status absl_statusor absl_strings \
    absl_str_format absl_inlined_vector)
# Seeds: every input line of the golden files.
i=0
for f in lib/sql/testdata/*.txt; do
  grep -v -e '^#' -e '^-> ' -e '^!! ' -e '^$' "$f" | while IFS= read -r line; do
    printf '%s' "$line" > "$out/corpus/seed_$(basename "$f" .txt)_$((i++))"
  done
done
"$out/parse_fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 "$out/corpus"
