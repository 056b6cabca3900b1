/**
 * The same reports on both engines: every report of the report set on the bundled sample, made
 * on DuckDB and on PostgreSQL (PGlite, in this process), must give equal JSON, doubles to the
 * last bit (compat.sql computes percentiles and epochs in DuckDB's order of operations). A report
 * may name keys whose doubles the engines sum in a different order: there within 1e-9 relative.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hygieneOn } from '../../src/commands/hygiene.js';
import { slaOn } from '../../src/commands/sla.js';
import { writeIssuesCsv } from '../../src/hygiene/issuesCsv.js';
import { writeBreachesCsv } from '../../src/sla/breaches.js';
import type { DuckDbWarehouse } from '../../src/db/connection.js';
import type { PostgresWarehouse } from '../../src/db/postgres.js';
import { buildModels } from '../../src/models/build.js';
import { reportDefinitions } from '../../src/reportSet.js';
import { testPostgresUrl } from '../helpers/postgres.js';
import { pgliteLinguisticTarget, pgliteTarget, sampleAsOf, sampleConfig, sampleOnBothEngines, serverTarget } from './pgSetup.js';

/** Paths (dotted, array indexes dropped) whose doubles may differ in the last bits between engines. */
const tolerated: Record<string, RegExp | undefined> = {};

function differences(pg: unknown, duck: unknown, path: string, tolerant: RegExp | undefined, out: string[]): void {
  if (typeof pg === 'number' && typeof duck === 'number') {
    const close = tolerant?.test(path) && Math.abs(pg - duck) <= 1e-9 * Math.max(Math.abs(pg), Math.abs(duck));
    if (pg !== duck && !close) out.push(`${path}: postgres ${pg}, duckdb ${duck}`);
    return;
  }
  if (pg && duck && typeof pg === 'object' && typeof duck === 'object') {
    const keys = new Set([...Object.keys(pg), ...Object.keys(duck)]);
    for (const key of keys) {
      const next = Array.isArray(duck) ? path : path ? `${path}.${key}` : key;
      differences((pg as Record<string, unknown>)[key], (duck as Record<string, unknown>)[key], next, tolerant, out);
    }
    return;
  }
  if (JSON.stringify(pg) !== JSON.stringify(duck)) out.push(`${path}: postgres ${JSON.stringify(pg)}, duckdb ${JSON.stringify(duck)}`);
}

// PGlite always; with REVOPS_TEST_PG_URL (.ci/run starts a server) the same reports on a real server too
const server = testPostgresUrl();
const targets = [pgliteTarget, pgliteLinguisticTarget, ...(server ? [serverTarget(server)] : [])];

for (const target of targets)
  describe(`every report on DuckDB and on PostgreSQL (${target.name})`, () => {
    let engines: { duck: DuckDbWarehouse; pg: PostgresWarehouse };
    const config = sampleConfig();
    const options = { outDir: '', asOf: sampleAsOf };

    beforeAll(async () => {
      engines = await sampleOnBothEngines(target);
      await buildModels(engines.duck, config);
      await buildModels(engines.pg, config);
    }, 300_000);

    afterAll(async () => {
      engines?.duck.close();
      if (engines) await target.cleanUp(engines.pg);
      await engines?.pg.closed();
    });

    for (const definition of reportDefinitions) {
      it(`${definition.name} gives the same JSON`, async () => {
        // JSON as written to disk: Dates become ISO strings on both sides
        const made = async (wh: DuckDbWarehouse | PostgresWarehouse) => JSON.parse(JSON.stringify((await definition.make(wh, config, { ...options })).json));
        const duck = await made(engines.duck);
        const pg = await made(engines.pg);
        const out: string[] = [];
        differences(pg, duck, '', tolerated[definition.name], out);
        expect(out.slice(0, 20)).toEqual([]);
      }, 300_000);
    }

    // the lists the engine writes itself (Engine.writeCsv), never through JS: the same bytes
    it('hygiene --format csv and sla --format csv write the same files', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'revops-parity-csv-'));
      const lists = async (wh: DuckDbWarehouse | PostgresWarehouse, name: string) => {
        const window = { asOf: sampleAsOf, since: '2y' };
        await hygieneOn(wh, config, window);
        await writeIssuesCsv(wh, join(dir, `${name}-hygiene.csv`));
        await slaOn(wh, config, { ...window, previous: false });
        await writeBreachesCsv(wh, join(dir, `${name}-breaches.csv`));
        return Promise.all(['hygiene', 'breaches'].map((list) => readFile(join(dir, `${name}-${list}.csv`), 'utf8')));
      };
      try {
        const [duckHygiene, duckBreaches] = await lists(engines.duck, 'duckdb');
        const [pgHygiene, pgBreaches] = await lists(engines.pg, 'postgres');
        // not vacuous: the sample has flagged records and breaches, with CRLF line ends
        expect(duckHygiene!.split('\r\n').length).toBeGreaterThan(10);
        expect(duckBreaches!.split('\r\n').length).toBeGreaterThan(10);
        expect(duckHygiene!.startsWith('list,record_type,record_id,owner_id,stage,reason,related_id\r\n')).toBe(true);
        expect(pgHygiene).toBe(duckHygiene);
        expect(pgBreaches).toBe(duckBreaches);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 300_000);
  });
