// DuckDB as an independent Parquet implementation for Rivulet's interoperability tests.
//   node duckdb_parquet.mjs query 'SQL'     prints the result rows as JSON lines
//   node duckdb_parquet.mjs exec 'SQL'      runs statements (COPY ... TO ... (FORMAT parquet))
// Runs single-threaded so that timings compare with one Rivulet thread.
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, sql] = process.argv.slice(2);
if (!mode || !sql) {
  console.error("usage: node duckdb_parquet.mjs query|exec 'SQL'");
  process.exit(2);
}

function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    if (typeof v.toString === 'function' && v.constructor && v.constructor.name !== 'Object' &&
        !('items' in v) && !('entries' in v)) {
      return v.toString();
    }
    if ('items' in v) return v.items.map(plain);
    if ('entries' in v) {
      if (Array.isArray(v.entries)) return v.entries.map((e) => [plain(e.key), plain(e.value)]);
      const o = {};
      for (const [k, x] of Object.entries(v.entries)) o[k] = plain(x);
      return o;
    }
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
try {
  if (mode === 'exec') {
    await connection.run(sql);
  } else {
    const reader = await connection.runAndReadAll(sql);
    const rows = reader.getRows();
    const out = [];
    for (const row of rows) out.push(JSON.stringify(row.map(plain)));
    process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  }
} catch (e) {
  console.error(String(e.message || e));
  process.exit(1);
}
