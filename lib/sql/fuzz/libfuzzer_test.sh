#!/usr/bin/env bash
# CI's libFuzzer run (issue 3): builds lib/sql with clang, libFuzzer, ASan and
# UBSan (run_fuzzer.sh) and fuzzes parse -> format -> parse for a bounded
# time (TESSERA_LIBFUZZER_SECONDS, default 60). Any crash, sanitizer report,
# timeout or round-trip mismatch fails the test; libFuzzer's last lines (with
# the crashing input's path) are in the log.
set -uo pipefail
export FUZZ_OUT="${TEST_TMPDIR:-/tmp}/sql-libfuzzer"
lib/sql/fuzz/run_fuzzer.sh "${TESSERA_LIBFUZZER_SECONDS:-60}" > fuzz.log 2>&1
rc=$?
tail -40 fuzz.log
[[ $rc == 0 ]] || { echo "FAIL: run_fuzzer.sh exited with $rc"; exit 1; }
grep -q 'Done [0-9]* runs' fuzz.log || { echo "FAIL: the fuzzer did not run"; exit 1; }
echo PASS
