#!/usr/bin/env bash
# Builds Rivulet and runs every test: the optimized build with all tests, then the parsers
# under AddressSanitizer and UndefinedBehaviorSanitizer. Does its own set-up on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
if [[ -f tests/interop/package-lock.json ]]; then
  (cd tests/interop && npm ci --silent --no-audit --no-fund >/dev/null)
fi

jobs=$(nproc)
# Cache compilations by paths relative to the checkout, so every clone shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"

# The parsers (CSV, JSON, text, Parquet readers) again under AddressSanitizer and UBSan.
if [[ "${RIVULET_SKIP_ASAN:-0}" != "1" ]]; then
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs" --target csv_test json_test text_test parquet_test
  ctest --preset asan -j "$jobs"
fi
