#!/usr/bin/env bash
# Builds Rivulet (optimized) and runs the demo: the lecture's pipeline end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target rivulet_cli >/dev/null
exec build/release/src/rivulet/cli/rivulet demo "$@"
