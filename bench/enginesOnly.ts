/**
 * `npm run bench:postgres`: only the PostgreSQL part of `npm run bench` (bench/engines.ts): every
 * report on PostgreSQL beside DuckDB at BENCH_PG_LEADS leads (default 1,000,000). A throwaway
 * server is started with .ci/postgres.sh (and stopped) unless BENCH_PG_URL names one;
 * BENCH_PG_REPORTS (comma-separated report names) runs only those.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { benchEngines, engineTable } from './engines.js';

const leads = Number(process.env.BENCH_PG_LEADS ?? 1_000_000);
const work = resolve(packageRoot, 'bench', 'data', 'work');
await mkdir(work, { recursive: true });
const { steps, rows } = await benchEngines(work, leads);
console.log(`\nPostgreSQL beside DuckDB, ${leads.toLocaleString('en-US')} leads`);
console.table(engineTable(steps, rows));
