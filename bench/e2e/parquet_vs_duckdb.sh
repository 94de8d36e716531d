#!/usr/bin/env bash
# Parquet write and read throughput of Rivulet (parquet_bench) and DuckDB (node, one thread) on
# the same 10M-row mixed-type table, in the same run.
#   bench/e2e/parquet_vs_duckdb.sh [BUILD_DIR] [ROWS] [CODEC]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/bench}
rows=${2:-10000000}
codec=${3:-snappy}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

if [[ ! -x "$build/bench/parquet_bench" ]]; then
  echo "build parquet_bench first: cmake --build $build --target parquet_bench" >&2
  exit 1
fi
echo "== Rivulet ($rows rows, $codec)"
"$build/bench/parquet_bench" --rows="$rows" --codec="$codec" --dir="$dir" \
  --benchmark_counters_tabular=true 2>/dev/null
echo "== DuckDB ($rows rows, $codec, threads=1)"
if [[ ! -d tests/interop/node_modules/@duckdb/node-api ]]; then
  echo "DuckDB for node is absent: run 'npm ci' in tests/interop" >&2
  exit 1
fi
(cd tests/interop && node duckdb_bench.mjs "$rows" "$codec" "$dir")
