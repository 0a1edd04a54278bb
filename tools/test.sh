#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything and
# runs every test. Prints "N passed, N failed" counted per gtest case from the
# Bazel test XML and exits non-zero on any failure.
#
#   tools/test.sh                 # every test
#   tools/test.sh //lib/sql/...   # a subset (extra args go to bazel test)
set -uo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh || exit 1
targets=("$@")
((${#targets[@]})) || targets=(//...)
bazel test --keep_going "${targets[@]}"
rc=$?
# Count the XML of exactly the tests this run covered (cached ones included).
query=$(printf ' + tests(%s)' "${targets[@]}")
bazel query --output=label "${query:3}" 2>/dev/null >bazel-tests.txt
python3 tools/test_summary.py --targets bazel-tests.txt --bazel-rc "$rc"
summary_rc=$?
rm -f bazel-tests.txt
exit $((rc != 0 || summary_rc != 0))
