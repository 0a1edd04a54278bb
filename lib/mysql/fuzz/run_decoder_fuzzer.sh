#!/usr/bin/env bash
# Builds the decoder fuzzer (lib/mysql/decoder_fuzzer.cc: client bytes, and
# the relay's decoders of backend bytes) with
# clang (libFuzzer + ASan + UBSan) outside Bazel and runs it for a bounded
# time over a seed corpus of valid messages (fuzz/decoder_seeds.cc).
#   lib/mysql/fuzz/run_decoder_fuzzer.sh [seconds=60]
# FUZZ_OUT (default /tmp/tessera-decoder-fuzz) holds objects, binaries and
# corpus; objects are compiled in parallel and reused when their source is
# older. Exits non-zero when the fuzzer finds a crash, a leak, a timeout or
# a sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs=${1:-60}
out=${FUZZ_OUT:-/tmp/tessera-decoder-fuzz}
mkdir -p "$out/corpus" "$out/obj"
libs=(absl_status absl_statusor absl_strings absl_str_format absl_cord
  openssl zlib)
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined
  -fno-sanitize-recover=undefined -I. -Iinclude)
# shellcheck disable=SC2207
flags+=($(pkg-config --cflags "${libs[@]}"))
lib_srcs="lib/mysql/codec.cc lib/mysql/compression.cc lib/mysql/messages.cc
  lib/mysql/wire.cc lib/mysql/binary_params.cc lib/mysql/scramble.cc
  lib/mysql/local_statements.cc lib/mysql/relay_framer.cc
  lib/mysql/relay_login.cc
  lib/base/mysql_error.cc lib/mysql/fuzz/decoder_seeds.cc"
srcs="$lib_srcs lib/mysql/decoder_fuzzer.cc lib/mysql/fuzz/write_decoder_seeds.cc"
obj() { echo "$out/obj/$(echo "$1" | tr / _).o"; }
# Compile what changed, in parallel (one job per core).
printf '%s\n' $srcs | xargs -P "$(nproc)" -I{} bash -c '
  o="$0/obj/$(echo "{}" | tr / _).o"
  [[ -f "$o" && "$o" -nt "{}" ]] || clang++ "${@}" -c "{}" -o "$o"' \
  "$out" "${flags[@]}"
lib_objs=()
for s in $lib_srcs; do lib_objs+=("$(obj "$s")"); done
# shellcheck disable=SC2207
ldlibs=($(pkg-config --libs "${libs[@]}"))
san=(-fsanitize=address,undefined)
clang++ "${san[@]}" -fsanitize=fuzzer "${lib_objs[@]}" \
  "$(obj lib/mysql/decoder_fuzzer.cc)" -o "$out/decoder_fuzzer" "${ldlibs[@]}"
clang++ "${san[@]}" "${lib_objs[@]}" \
  "$(obj lib/mysql/fuzz/write_decoder_seeds.cc)" -o "$out/write_seeds" \
  "${ldlibs[@]}"
"$out/write_seeds" "$out/corpus"
"$out/decoder_fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 "$out/corpus"
