/**
 * The pipeline report's quota file (--quota) on PostgreSQL: read by the same CSV reader as on
 * DuckDB, so coverage, and the lines a bad file is refused for, are the same on both engines.
 * The hand-computed deals (test/pipeline/handFixture.ts) are copied into PGlite, and into a real
 * server when REVOPS_TEST_PG_URL names one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { parseConfig } from '../../src/config/config.js';
import type { DuckDbWarehouse } from '../../src/db/connection.js';
import { testPostgresUrl } from '../helpers/postgres.js';
import { caseDir } from '../hostile/harness.js';
import { handWarehouse } from '../pipeline/handFixture.js';
import { bothEngines, pgliteTarget, serverTarget } from './pgSetup.js';

const options = { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' };
const quotaFile = (text: string) => {
  const path = join(caseDir('pipeline-quota-pg-'), 'quota.csv');
  writeFileSync(path, text);
  return path;
};

const server = testPostgresUrl();
const targets = [pgliteTarget, ...(server ? [serverTarget(server)] : [])];

for (const target of targets)
  describe(`the quota file on PostgreSQL (${target.name})`, () => {
    const engines = bothEngines(
      async () => (await handWarehouse()) as DuckDbWarehouse,
      () => target.open(),
      { copy: true, cleanUp: (pg) => target.cleanUp(pg) },
    );

    it('gives the coverage worked out by hand, as on DuckDB', async () => {
      // a quoted amount with a thousands separator, and an owner named instead of an id
      const quota = quotaFile('period,owner,amount\n2024-Q1,o1,10000\n2024-Q2,Dana Reyes,"6,000"\n');
      const onPg = await pipelineOn(engines.pg, parseConfig({}), { ...options, quota });
      expect(onPg.coverage).toEqual({
        needed: 1.5,
        winRate: 2 / 3,
        current: { period: '2024-Q1', quota: 10000, won: 4000, remaining: 6000, pipeline: 900, coverage: 0.15 },
        rows: [
          { period: '2024-Q1', scope: 'owner', key: 'o1', quota: 10000, won: 4000, remaining: 6000, pipeline: 900, pipelineDeals: 1, coverage: 0.15 },
          {
            period: '2024-Q2',
            scope: 'owner',
            key: 'Dana Reyes',
            quota: 6000,
            won: 0,
            remaining: 6000,
            pipeline: 4300,
            pipelineDeals: 3,
            coverage: 4300 / 6000,
          },
        ],
      });
      expect(onPg.coverage).toEqual((await pipelineOn(engines.duck, parseConfig({}), { ...options, quota })).coverage);
    }, 120_000);

    it('reads a semicolon-separated file with a team column and a month as DuckDB does', async () => {
      const quota = quotaFile('Period;Team;Quota\n2024-03;East;2500\n2024;East;40000\n');
      const onPg = await pipelineOn(engines.pg, parseConfig({}), { ...options, quota });
      expect(onPg.coverage?.rows.map((r) => [r.period, r.scope, r.key, r.quota, r.won])).toEqual([
        ['2024-03', 'team', 'East', 2500, 3000],
        ['2024', 'team', 'East', 40000, 4000],
      ]);
      expect(onPg.coverage).toEqual((await pipelineOn(engines.duck, parseConfig({}), { ...options, quota })).coverage);
    }, 120_000);

    it('refuses a file with lines it cannot read, naming them as on DuckDB', async () => {
      const quota = quotaFile('period,team,amount\n2024-Q1,East,1000\nQ2 2024,East,2000\n2024-Q3,East,lots\n');
      const refusal = /line 3 \(period "Q2 2024", amount "2000"\), line 4 \(period "2024-Q3", amount "lots"\)/;
      await expect(pipelineOn(engines.pg, parseConfig({}), { ...options, quota })).rejects.toThrow(refusal);
      await expect(pipelineOn(engines.duck, parseConfig({}), { ...options, quota })).rejects.toThrow(refusal);
    }, 120_000);

    it('names the columns a file lacks, and a file it cannot read', async () => {
      const quota = quotaFile('quarter,owner,target\n2024-Q1,o1,10\n');
      await expect(pipelineOn(engines.pg, parseConfig({}), { ...options, quota })).rejects.toThrow(
        /needs the columns period and amount \(and owner or team\); it has quarter, owner, target/,
      );
      await expect(pipelineOn(engines.pg, parseConfig({}), { ...options, quota: join(caseDir('pipeline-quota-pg-'), 'missing.csv') })).rejects.toThrow(
        /missing\.csv: cannot read it as a CSV file/,
      );
    }, 120_000);
  });
