/**
 * Reports under a small --memory-limit: DuckDB spills to its temp directory and the answer is the
 * same as without a limit. A limit too small to work in ends in one line that says what to do,
 * exit 1, and a load that ran out leaves the warehouse as it was.
 *
 * Scale: the issue's, 200k generated leads (917k stage events, 400k activities) loaded under 100MB
 * (the load builds the lifecycle models, so they are built under it too), and each report under
 * 100MB on two threads. Smaller warehouses do not prove it: at 100k leads every report fitted
 * 100MB before the SLA instances were rewritten (at 200k speed-to-lead ran out), and neither
 * version fits 50–60MB at 100k. Whole processes at 200k: without a limit the three commands peak
 * at 270 MB (funnel), 650 MB (speed-to-lead) and 920 MB (sla) RSS; under 100MB at 250–310 MB.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBenchData } from '../../bench/generate.js';
import { main } from '../../src/cli.js';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { explainWarehouseError } from '../../src/db/warehouseErrors.js';
import { loadFiles } from '../../src/ingest/load.js';

const dir = mkdtempSync(join(tmpdir(), 'revops-memory-'));
const data = join(dir, 'exports');
const db = join(dir, 'leads.duckdb');
const window = ['--db', db, '--as-of', '2026-06-01', '--since', '3y', '--format', 'json'];

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const errors: string[] = [];
  const saved = { write: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.assign(process.env, env);
  try {
    const code = await main(['node', 'revops-report', ...args]);
    return { code, text: out.join(''), errors: errors.join('') };
  } finally {
    process.stdout.write = saved.write;
    process.stderr.write = saved.err;
    for (const name of Object.keys(env)) delete process.env[name];
  }
}

/** What a load changes: its rows and its run record. */
async function counts() {
  const wh = await Warehouse.open({ path: db, readOnly: true });
  try {
    return await wh.one(
      `select (select count(*)::int from leads) as leads, (select count(*)::int from stage_events) as stage_events,
              (select count(*)::int from activities) as activities, (select count(*)::int from load_runs) as runs`,
    );
  } finally {
    wh.close();
  }
}

beforeAll(async () => {
  await generateBenchData(data, { leads: 200_000, activitiesPerMql: 3, engagementPerLead: 1 });
  const loaded = await cli(['load', data, '--db', db, '--format', 'json', '--memory-limit', '100MB', '--threads', '2']);
  expect([loaded.code, loaded.errors]).toEqual([0, '']);
}, 900_000);

describe('reports under a small memory limit', () => {
  it('funnel, speed-to-lead and sla give the same JSON under --memory-limit 100MB as without', async () => {
    for (const command of ['funnel', 'speed-to-lead', 'sla']) {
      const limited = await cli([command, ...window, '--memory-limit', '100MB', '--threads', '2']);
      expect([command, limited.code, limited.errors]).toEqual([command, 0, '']);
      const free = await cli([command, ...window]);
      expect(free.code).toBe(0);
      expect(JSON.parse(limited.text)).toEqual(JSON.parse(free.text));
    }
  }, 900_000);
});

describe('a load under a memory limit', () => {
  it('loads the sample exports under --memory-limit 200MB as without a limit', async () => {
    // DuckDB's CSV buffer is 16 lines of the longest line allowed (64 MiB) unless set: 1 GiB, refused under 200MB
    const sample = fileURLToPath(new URL('../../sample-data', import.meta.url));
    const loaded = async (name: string, limit: string[]) => {
      const run = await cli(['load', sample, '--db', join(dir, name), '--timezone', 'UTC', '--format', 'json', ...limit]);
      expect([run.code, run.errors]).toEqual([0, '']);
      const summary = JSON.parse(run.text) as { files: { path: string; read: number; loaded: number; rejected: number }[] };
      return summary.files.map((f) => [f.path, f.read, f.loaded, f.rejected]);
    };
    const limited = await loaded('sample_limited.duckdb', ['--memory-limit', '200MB']);
    expect(limited.length).toBeGreaterThan(5);
    expect(limited).toEqual(await loaded('sample.duckdb', []));
  }, 300_000);
});

describe('a memory limit too small to work in', () => {
  it('says to raise --memory-limit or free disk in the temp directory, exit 1, no stack', async () => {
    const run = await cli(['sla', ...window, '--memory-limit', '1MB']);
    expect(run).toEqual({ code: 1, text: '', errors: `revops-report: out of memory: raise --memory-limit (now 1MB) or free disk in TEMP (${db}.tmp)\n` });
  });

  it('names the temp directory the run spills to', async () => {
    const spill = join(dir, 'spill');
    const run = await cli(['funnel', ...window, '--memory-limit', '1MB', '--temp-dir', spill]);
    expect([run.code, run.errors]).toEqual([1, `revops-report: out of memory: raise --memory-limit (now 1MB) or free disk in TEMP (${spill})\n`]);
  });

  it('takes the option over $REVOPS_MEMORY_LIMIT over the config, as DuckDB shows', async () => {
    const config = join(dir, 'revops.config.json');
    writeFileSync(config, JSON.stringify({ resources: { memoryLimit: '2MB' } }));
    const oom = (limit: string) => `revops-report: out of memory: raise --memory-limit (now ${limit}) or free disk in TEMP (${db}.tmp)\n`;
    expect((await cli(['sla', ...window, '--config', config])).errors).toBe(oom('2MB'));
    expect((await cli(['sla', ...window, '--config', config], { REVOPS_MEMORY_LIMIT: '1MB' })).errors).toBe(oom('1MB'));
    // the option's ample limit wins over both small ones: the report runs (on a day's window, which is quick)
    const day = ['--db', db, '--as-of', '2024-03-01', '--since', '1d', '--format', 'json'];
    const ample = await cli(['sla', ...day, '--config', config, '--memory-limit', '2GB'], { REVOPS_MEMORY_LIMIT: '1MB' });
    expect([ample.code, ample.errors]).toEqual([0, '']);
  }, 120_000);

  it('a load that runs out of memory changes nothing', async () => {
    const before = await counts();
    const run = await cli(['load', join(data, 'stage_events.csv'), join(data, 'activities.csv'), '--db', db, '--memory-limit', '1MB']);
    expect([run.code, run.errors]).toEqual([1, `revops-report: out of memory: raise --memory-limit (now 1MB) or free disk in TEMP (${db}.tmp)\n`]);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('a load that runs out of memory after the warehouse opened rolls back every file', async () => {
    const before = await counts();
    const wh = await Warehouse.open({ path: db });
    let caught: unknown;
    try {
      // the warehouse is open: the load itself, in its one transaction, is what runs out
      await wh.run(`set memory_limit = '2MB'`);
      await loadFiles(wh, parseConfig({}), { paths: [join(data, 'stage_events.csv'), join(data, 'activities.csv')], crm: 'auto' });
    } catch (error) {
      caught = explainWarehouseError(error, db);
    } finally {
      wh.close();
    }
    expect((caught as Error).message).toBe(`out of memory: raise --memory-limit (now 1.9 MiB) or free disk in TEMP (${db}.tmp)`);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
