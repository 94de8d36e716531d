#!/usr/bin/env bash
# Builds and runs the end-to-end streaming benchmarks (docs/performance.md, "Streaming end to end"
# and "Kafka end to end"): streaming_bench with the checkpoint on the build machine's disk, the
# per-batch overhead again with the checkpoint on tmpfs (fsync costs nothing there), and
# kafka_bench against the embedded broker beside kcat.
#   bench/e2e/run_streaming_benches.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/sbench}
# -O3 with GCC 12 raises a false -Wrestrict in std::string; warnings stay warnings here.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRIVULET_BUILD_BENCH=ON \
  -DRIVULET_BUILD_TESTS=OFF -DRIVULET_WERROR=OFF >/dev/null
cmake --build "$build" --target streaming_bench kafka_bench rivulet_cli -j2
uptime
"$build/bench/streaming_bench" --repeat=3 --batches=2000 --files=300 --rate-rows=4000000 --rate-batches=5
if [[ -d /dev/shm ]]; then
  "$build/bench/streaming_bench" --repeat=5 --only=overhead,fileoverhead --batches=5000 --files=1000 --dir=/dev/shm
fi
"$build/bench/kafka_bench" --messages=2000000 --partitions=64 --repeat=5 \
  --only=kcat,noop,memory,parquet,parquetstruct
"$build/bench/kafka_bench" --messages=2000000 --partitions=64 --repeat=3 \
  --only=kcat,noop,valueonly,fromjsonstruct,fromjson,rawparquet,parquetstruct,parquet \
  --source-options=kafka.queued.min.messages=10000000
uptime
