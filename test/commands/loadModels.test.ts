/**
 * The model build at the end of `load` (src/commands/loadModels.ts): it runs after the load's
 * commit, so a build that fails keeps the loaded rows, says why, and marks nothing fresh.
 * The lifecycle fixture: 5 leads, 19 stage-event rows (18 loaded, 1 duplicate).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { bringModelsUpToDate } from '../../src/commands/loadModels.js';
import { loadFiles } from '../../src/ingest/load.js';
import { loadMemoryBudgetBytes } from '../../src/ingest/memoryBudget.js';
import { buildModels, modelsFresh } from '../../src/models/build.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixturePath } from '../helpers/load.js';

const config = parseConfig({});
const load = (wh: Awaited<ReturnType<typeof openTestWarehouse>>) =>
  loadFiles(wh, config, { paths: [fixturePath('lifecycle/leads.csv'), fixturePath('lifecycle/stage_events.csv')], crm: 'auto' });
const count = async (wh: Awaited<ReturnType<typeof openTestWarehouse>>, table: string) =>
  (await wh.one<{ n: number }>(`select count(*)::int as n from ${table}`))!.n;

describe('the models after a load', () => {
  it('are fresh after it, and a second call finds nothing to do', async () => {
    const wh = await openTestWarehouse();
    await load(wh);
    const warnings: string[] = [];
    await bringModelsUpToDate(wh, config, warnings);
    expect(warnings).toEqual([]);
    expect(await modelsFresh(wh, config)).toBe(true);
    expect(await count(wh, 'fct_lead_stages')).toBeGreaterThan(0);
  });

  it('a build that fails keeps the load, says why in a warning, and leaves the models marked stale', async () => {
    const wh = await openTestWarehouse();
    await load(wh);
    await bringModelsUpToDate(wh, config, []);
    // a second load, then a model that cannot be built: its source table is gone for a moment
    await loadFiles(wh, config, { paths: [fixturePath('formats/canonical/owners.csv')], crm: 'auto' });
    await wh.run('alter table stage_events rename to stage_events_away');
    const warnings: string[] = [];
    const { modelsSeconds } = await bringModelsUpToDate(wh, config, warnings);
    expect(modelsSeconds).toBeGreaterThanOrEqual(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^the lifecycle models could not be brought up to date \(sql\/staging\/stg_stage_events\.sql: .*stage_events.*\); the load is committed/,
    );
    await wh.run('alter table stage_events_away rename to stage_events');
    // the loaded rows are all there, the new owners file too
    expect(await count(wh, 'leads')).toBe(5);
    expect(await count(wh, 'stage_events')).toBe(18);
    expect(await count(wh, 'load_runs')).toBe(3);
    // and the marts built from the first load are not taken for fresh: the next report rebuilds them
    expect(await modelsFresh(wh, config)).toBe(false);
  });

  it("run under the load's memory budget unless the user set a limit, and put DuckDB's back after", async () => {
    const wh = await openTestWarehouse();
    await load(wh);
    await wh.run(`set memory_limit = '4 GiB'`);
    const seen: string[] = [];
    await bringModelsUpToDate(wh, config, [], async (target, cfg) => {
      seen.push((await target.one<{ v: string }>(`select current_setting('memory_limit') as v`))!.v);
      return buildModels(target, cfg);
    });
    // 1280 MiB = 1.25 GiB, the load's budget
    expect(loadMemoryBudgetBytes).toBe(1280 * 2 ** 20);
    expect(seen).toEqual(['1.2 GiB']);
    expect((await wh.one<{ v: string }>(`select current_setting('memory_limit') as v`))!.v).toBe('4.0 GiB');
    expect(await modelsFresh(wh, config)).toBe(true);
  });
});
