#!/bin/bash
# Runs check_corpus.py against a one-shard cluster started by `tessera up`.
# Usage (from Bazel): check_corpus_test.sh path/to/tessera
set -euo pipefail
tessera="$PWD/$1"
exec python3 tests/differential/check_corpus.py --tessera "$tessera"
