#!/usr/bin/env bash
# CI's libFuzzer run over the decoders of client bytes (issue 8): builds them
# with clang, libFuzzer, ASan and UBSan (run_decoder_fuzzer.sh) and fuzzes
# for a bounded time (TESSERA_LIBFUZZER_SECONDS, default 60). Any crash,
# leak, sanitizer report or timeout fails the test; libFuzzer's last lines
# (with the crashing input's path) are in the log.
set -uo pipefail
export FUZZ_OUT="${TEST_TMPDIR:-/tmp}/decoder-libfuzzer"
lib/mysql/fuzz/run_decoder_fuzzer.sh "${TESSERA_LIBFUZZER_SECONDS:-60}" \
  > fuzz.log 2>&1
rc=$?
tail -40 fuzz.log
# libFuzzer's start and end figures (runs, coverage, corpus).
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' fuzz.log
[[ $rc == 0 ]] || { echo "FAIL: run_decoder_fuzzer.sh exited with $rc"; exit 1; }
grep -q 'Done [0-9]* runs' fuzz.log || { echo "FAIL: the fuzzer did not run"; exit 1; }
echo PASS
