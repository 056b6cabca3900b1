/**
 * The pipeline report on PostgreSQL where the sample data does not go: amounts whose cents end in
 * a half (PostgreSQL's round of a double goes to the even neighbour, DuckDB's away from zero, and
 * the waterfall sums whole cents). Two deals, on DuckDB and copied into PGlite (and into a real
 * server when REVOPS_TEST_PG_URL names one), worked out by hand and equal on both.
 */
import { describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { parseConfig } from '../../src/config/config.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import type { PipelineReport } from '../../src/pipeline/types.js';
import { testPostgresUrl } from '../helpers/postgres.js';
import { insertDeals } from '../pipeline/fixture.js';
import { bothEngines, pgliteTarget, serverTarget } from './pgSetup.js';

const options = { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' };

/**
 * Z1: 1000.125 (100012.5 cents: 100013 away from zero, 100012 to even), won on 01-10. Z2: 250.625
 * (25062.5 cents: 25063, 25062 to even), open at the as-of. Both open with a close date in the
 * period at its start.
 */
async function edgeWarehouse(): Promise<DuckDbWarehouse> {
  const wh = await DuckDbWarehouse.open({ path: ':memory:' });
  await insertDeals(
    wh,
    [
      { id: 'Z1', stage: 'Closed Won', created: '2024-01-01', amount: 1000.125, close: '2024-03-15' },
      { id: 'Z2', stage: 'Negotiation/Review', created: '2024-01-01', amount: 250.625, close: '2024-03-20' },
    ],
    [
      { id: 'Z1', at: '2024-01-01', stage: 'Prospecting', amount: 1000.125, close: '2024-03-15' },
      { id: 'Z1', at: '2024-01-10', stage: 'Closed Won', amount: 1000.125, close: '2024-03-15' },
      { id: 'Z2', at: '2024-01-01', stage: 'Prospecting', amount: 250.625, close: '2024-03-20' },
      { id: 'Z2', at: '2024-02-01', stage: 'Negotiation/Review', amount: 250.625, close: '2024-03-20' },
    ],
  );
  return wh;
}

const asJson = (report: PipelineReport) => JSON.parse(JSON.stringify(report));

const server = testPostgresUrl();
const targets = [pgliteTarget, ...(server ? [serverTarget(server)] : [])];

for (const target of targets)
  describe(`pipeline edge cases on PostgreSQL (${target.name})`, () => {
    const engines = bothEngines(edgeWarehouse, () => target.open(), { copy: true, cleanUp: (pg) => target.cleanUp(pg) });

    it('rounds half cents away from zero, as DuckDB does', async () => {
      const onDuck = await pipelineOn(engines.duck, parseConfig({}), options);
      const onPg = await pipelineOn(engines.pg, parseConfig({}), options);
      const cents = (r: PipelineReport) => Object.fromEntries(r.waterfall.buckets.filter((b) => b.cents !== 0).map((b) => [b.bucket, b.cents]));
      expect(cents(onDuck)).toEqual({ start: 125076, won: 100013, end: 25063 });
      expect(asJson(onPg)).toEqual(asJson(onDuck));
    }, 120_000);
  });
