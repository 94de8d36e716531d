// DuckDB's side of bench/e2e/parquet_vs_duckdb.sh: writes and reads the same 10M-row table as
// Rivulet's parquet_bench, single-threaded, and prints the timings.
//   node duckdb_bench.mjs ROWS CODEC DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync, rmSync } from 'node:fs';

const [rows = '10000000', codec = 'snappy', dir = '/tmp'] = process.argv.slice(2);
const file = `${dir}/duckdb-parquet-bench.${codec}.parquet`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const c = await instance.connect();

const table = `SELECT r::BIGINT AS id, ((r * 7) % 1000003)::INTEGER AS i, (r * 0.5)::DOUBLE AS d,
  CASE WHEN r % 10 = 0 THEN NULL ELSE 'str' || (r % 100000) END AS s,
  (DATE '1970-01-01' + (18000 + r % 1000)::INTEGER) AS dt,
  make_timestamp(1600000000000000 + r * 1000) AS ts, r % 2 = 0 AS b,
  ((r % 100000) * 1.01)::DECIMAL(10,2) AS dec FROM range(0, ${rows}) t(r)`;

// The table is generated before timing the write, as parquet_bench excludes generation.
await c.run(`CREATE TABLE t AS ${table}`);
let start = process.hrtime.bigint();
await c.run(`COPY t TO '${file}' (FORMAT parquet, COMPRESSION ${codec})`);
const writeS = Number(process.hrtime.bigint() - start) / 1e9;
const mb = statSync(file).size / 1e6;

const read = `SELECT count(*), sum(id), sum(i), sum(d), sum(length(s)), max(dt), max(ts), count_if(b), sum(dec)
  FROM read_parquet('${file}')`;
let best = Infinity;
for (let k = 0; k < 3; ++k) {
  start = process.hrtime.bigint();
  await c.runAndReadAll(read);
  best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
}
const n = Number(rows);
console.log(`duckdb write: ${(writeS * 1000).toFixed(0)} ms, ${(n / writeS / 1e6).toFixed(2)} M rows/s, ` +
            `${(mb / writeS).toFixed(1)} MB/s (file ${mb.toFixed(1)} MB)`);
console.log(`duckdb read:  ${(best * 1000).toFixed(0)} ms, ${(n / best / 1e6).toFixed(2)} M rows/s, ` +
            `${(mb / best).toFixed(1)} MB/s`);
rmSync(file);
