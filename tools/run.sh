#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and runs a local
# sharded cluster in the foreground (Ctrl-C stops it cleanly).
#
#   tools/run.sh                 # 2 shards in ./.tessera/local
#   tools/run.sh --shards=4      # extra flags go to `tessera up`
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
bazel build -c opt //services/...
exec bazel-bin/services/cli/tessera up --foreground "$@"
