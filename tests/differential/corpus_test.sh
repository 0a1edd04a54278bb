#!/bin/bash
# Unit tests of the corpus reader and linter (no server).
set -euo pipefail
exec python3 tests/differential/corpus_test.py
