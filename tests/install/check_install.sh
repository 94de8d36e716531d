#!/usr/bin/env bash
# Installs the build into a temporary prefix, then configures, builds and runs an outside
# project that uses find_package(rivulet) and only the installed headers.
set -euo pipefail
build_dir=$1
source_dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build_dir" --prefix "$tmp/prefix" >/dev/null
if [[ -d "$tmp/prefix/include/rivulet/api/internal" ]]; then
  echo "internal headers were installed" >&2
  exit 1
fi
cmake -S "$source_dir/consumer" -B "$tmp/build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
LD_LIBRARY_PATH="$tmp/prefix/lib:$tmp/prefix/lib64:${LD_LIBRARY_PATH:-}" "$tmp/build/consumer" | tee "$tmp/out.txt"
grep -q '|    8|' "$tmp/out.txt"
