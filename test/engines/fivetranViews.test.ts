/**
 * The canonical warehouse tables as views over Fivetran-shaped HubSpot and Salesforce schemas in
 * PGlite (test/engines/fivetranFixtures.ts), the models built over them, and the funnel and
 * speed-to-lead worked out by hand; then the same tables dumped to CSV and loaded into DuckDB by
 * the loader's Fivetran support give the same report JSON.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { connectFivetran } from '../../src/db/fivetranViews.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { loadInto } from '../../src/db/loadTarget.js';
import { loadFiles } from '../../src/ingest/load.js';
import { packageRoot } from '../../src/paths.js';
import { buildModels } from '../../src/models/build.js';
import { reportDefinitions } from '../../src/reportSet.js';
import { main } from '../../src/cli.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { createFixtureSchema, type FixtureTable, hubspotDealTables, hubspotTables, salesforceTables, writeFixtureCsvs } from './fivetranFixtures.js';

const config = parseConfig({});
const options = { outDir: '', asOf: '2024-06-30T00:00:00Z' };
// a fresh options object each time: a report set shares speed-to-lead between reports of one options object
const report = async (wh: DuckDbWarehouse | PostgresWarehouse, name: string) =>
  JSON.parse(JSON.stringify((await reportDefinitions.find((d) => d.name === name)!.make(wh, config, { ...options })).json));

interface FunnelStage {
  stage: string;
  reached: number;
  conversionFromPrevious: number | null;
  medianDaysFromPrevious: number | null;
}
interface SpeedGroup {
  dimension: string;
  key: string;
  n: number;
  medianMinutes: number | null;
}

/** The loader's reading of the same tables: their CSV dumps (and, where the loader has no format for a table, canonical files). */
async function loadedIntoDuckDb(tables: FixtureTable[], extra: Record<string, string> = {}): Promise<DuckDbWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'revops-fivetran-'));
  const paths = writeFixtureCsvs(dir, tables);
  for (const [name, text] of Object.entries(extra)) {
    writeFileSync(join(dir, name), text);
    paths.push(join(dir, name));
  }
  const duck = await DuckDbWarehouse.open({ path: ':memory:' });
  await loadFiles(duck, config, { paths, crm: 'auto', snapshotAt: new Date('2024-04-30T06:00:12Z') });
  await buildModels(duck, config);
  return duck;
}

describe('reading Fivetran’s HubSpot schema through views', () => {
  let pg: PostgresWarehouse;
  beforeAll(async () => {
    pg = await PostgresWarehouse.pglite();
    await createFixtureSchema(pg, 'hubspot', hubspotTables);
  }, 300_000);
  afterAll(() => pg?.closed());

  it('installs a view per canonical table and says which Fivetran tables each reads', async () => {
    const result = await connectFivetran(pg, 'hubspot', 'hubspot');
    expect(result.views.stage_events).toEqual(['contact', 'contact_property_history']);
    expect(result.views.opportunities).toBeUndefined();
    // this connector syncs no deals: their views are empty, and the command says so
    expect(result.notes).toEqual([
      'opportunities: left empty, hubspot.deal (no such table), hubspot.deal_pipeline_stage (no such table), hubspot.deal_contact (no such table) missing',
      'opportunity_stage_events: left empty, hubspot.deal_stage (no such table) missing',
    ]);
    expect(await pg.relationKind('leads')).toBe('view');
    // the deleted contact (51234599) and the deleted call (30100004) are left out, and listed
    expect((await pg.all<{ lead_id: string }>(`select lead_id from leads order by lead_id`)).map((r) => r.lead_id)).toEqual([
      '51234501',
      '51234503',
      '51234511',
      '51234512',
    ]);
    const rejected = await pg.all<{ path: string; reason: string }>(`select path, reason from rejected_rows order by path`);
    expect(rejected).toEqual([
      { path: 'contact', reason: 'deleted at the source (_fivetran_deleted)' },
      { path: 'engagement', reason: 'deleted at the source (_fivetran_deleted)' },
    ]);
    const runs = await pg.all<{ path: string; rows_read: number; rows_loaded: number }>(`select path, rows_read, rows_loaded from load_runs order by load_id`);
    expect(runs).toEqual([
      { path: 'contact', rows_read: 5, rows_loaded: 4 },
      { path: 'contact_property_history', rows_read: 5, rows_loaded: 5 },
      { path: 'owner', rows_read: 2, rows_loaded: 2 },
      { path: 'engagement', rows_read: 6, rows_loaded: 5 },
      { path: 'engagement_contact', rows_read: 6, rows_loaded: 6 },
    ]);
    // the rejection of 51234511 carries the reason set at the same instant; the history's Lead entry of 51234503 is the column's
    expect(await pg.all(`select stage_raw, reason, origin from stage_events where lead_id = '51234511' order by entered_at`)).toEqual([
      { stage_raw: 'lead', reason: null, origin: 'export_column' },
      { stage_raw: 'marketingqualifiedlead', reason: null, origin: 'export_column' },
      { stage_raw: 'UNQUALIFIED', reason: 'ENG-01', origin: 'property_history' },
    ]);
    expect(await pg.all(`select stage_raw, origin from stage_events where lead_id = '51234503' order by entered_at`)).toEqual([
      { stage_raw: 'lead', origin: 'export_column' },
      { stage_raw: 'marketingqualifiedlead', origin: 'property_history' },
      { stage_raw: 'salesqualifiedlead', origin: 'export_column' },
    ]);
    expect(await pg.all(`select activity_id, lead_id, type, direction, owner_id from activities where lead_id = '51234511' order by activity_id`)).toEqual([
      { activity_id: '30100003', lead_id: '51234511', type: 'email', direction: 'inbound', owner_id: null },
      { activity_id: '30100005', lead_id: '51234511', type: 'call', direction: null, owner_id: '40011002' },
    ]);
  }, 300_000);

  it('builds the models and gives the funnel and speed-to-lead worked out by hand', async () => {
    await buildModels(pg, config);
    const funnel = await report(pg, 'funnel');
    // 4 leads; MQL: 501 (02-20 16:02), 503 (02-20 10:00, from the history), 511 (02-26 12:00); SQL: 501, 503; then 501 alone
    expect(funnel.stages.map((s: FunnelStage) => [s.stage, s.reached])).toEqual([
      ['lead', 4],
      ['mql', 3],
      ['sql', 2],
      ['opportunity', 1],
      ['customer', 1],
    ]);
    expect(funnel.stages[1].conversionFromPrevious).toBe(0.75);
    // Lead → MQL: 8 d 1 h 48 min (501), 4 d 18 h 30 min (503), 16 d 3 h (511): the median 8.075 days
    expect(funnel.stages[1].medianDaysFromPrevious).toBeCloseTo(8.075, 12);
    const speed = await report(pg, 'speed-to-lead');
    // 501: 16:02 → call 16:09 (7 min); 503: 10:00 → email 11:00 (60); 511: 12:00 → call 14:00 (120): the
    // deleted call at 12:05 and the lead's own email at 12:30 are no touch
    expect(speed.overall).toMatchObject({ n: 3, touched: 3, medianMinutes: 60 });
    expect(speed.groups.filter((g: SpeedGroup) => g.dimension === 'owner').map((g: SpeedGroup) => [g.key, g.n, g.medianMinutes])).toEqual([
      ['Ana Ruiz', 2, 33.5],
      ['Ben Carter', 1, 120],
    ]);
  }, 300_000);

  it('gives the same JSON as the loader reading the same tables dumped to CSV', async () => {
    // the loader has no format for HubSpot's owner table: its two owners as a canonical file
    const duck = await loadedIntoDuckDb(
      hubspotTables.filter((t) => t.name !== 'owner'),
      { 'owners.csv': 'owner_id,name,email\n40011001,Ana Ruiz,ana@northwind.example\n40011002,Ben Carter,ben@northwind.example\n' },
    );
    try {
      for (const name of ['funnel', 'speed-to-lead']) expect(await report(pg, name), name).toEqual(await report(duck, name));
    } finally {
      duck.close();
    }
  }, 300_000);

  it('refuses a load into the schema the views are in, leaving them as they are', async () => {
    const owners = join(packageRoot, 'sample-data', 'canonical', 'owners.csv');
    await expect(loadInto(pg, (wh) => loadFiles(wh, config, { paths: [owners], crm: 'auto' }))).rejects.toThrow(
      "the schema revops reads Fivetran's tables through views (connect-fivetran): load into a schema of its own",
    );
    expect(await pg.relationKind('owners')).toBe('view');
  }, 300_000);

  it('builds the models again after Fivetran syncs, and not before', async () => {
    expect(await buildModels(pg, config)).toBe(false);
    await pg.run(
      `insert into hubspot.contact (id, property_email, property_createdate, property_hs_lifecyclestage_lead_date, _fivetran_synced, _fivetran_deleted)
       values (51234520, 'new@later.example', '2024-05-01 09:00+00', '2024-05-01 09:00+00', '2024-05-02 06:00+00', false)`,
    );
    expect(await buildModels(pg, config)).toBe(true);
    expect((await report(pg, 'funnel')).stages[0].reached).toBe(5);
  }, 300_000);

  it('refuses, naming them, when Fivetran tables or columns the views read are missing', async () => {
    await pg.run(`create schema broken; create table broken.contact (id bigint, _fivetran_synced timestamptz)`);
    await expect(connectFivetran(pg, 'hubspot', 'broken')).rejects.toThrow(
      "cannot read hubspot from the schema broken: Fivetran's broken.contact.property_email, broken.contact_property_history (no such table), " +
        'broken.owner (no such table), broken.engagement (no such table), broken.engagement_contact (no such table) missing',
    );
    await expect(connectFivetran(pg, 'hubspot', 'nowhere')).rejects.toThrow('the database has no schema nowhere with tables in it');
    await expect(connectFivetran(pg, 'hubspot', 'Hub"Spot')).rejects.toThrow('--from-schema must be a lowercase schema name');
    // the views are as they were
    expect(await pg.relationKind('leads')).toBe('view');
  }, 300_000);
});

describe('reading Fivetran’s HubSpot deals through views', () => {
  let pg: PostgresWarehouse;
  beforeAll(async () => {
    pg = await PostgresWarehouse.pglite();
    await createFixtureSchema(pg, 'hubspot', [...hubspotTables, ...hubspotDealTables]);
  }, 300_000);
  afterAll(() => pg?.closed());

  it('reads deal, its stage and first contact, and deal_stage as the loader reads its dump', async () => {
    const result = await connectFivetran(pg, 'hubspot', 'hubspot');
    expect(result.notes).toEqual([]);
    expect(result.views.opportunities).toEqual(['deal', 'deal_pipeline_stage', 'deal_contact']);
    // the deleted deal is left out; 012's lowest contact is 51234503; only closedwon is marked won
    expect(
      await pg.all(
        `select opportunity_id, name, lead_id, amount, stage_raw, pipeline, close_date::text as close_date, is_won, is_closed from opportunities order by 1`,
      ),
    ).toEqual([
      {
        opportunity_id: '9100000011',
        name: 'Brightlane - Fleet',
        lead_id: '51234501',
        amount: 48000,
        stage_raw: 'closedwon',
        pipeline: 'default',
        close_date: '2024-04-02',
        is_won: true,
        is_closed: true,
      },
      {
        opportunity_id: '9100000012',
        name: 'Corvus - Lab',
        lead_id: '51234503',
        amount: 30000,
        stage_raw: 'appointmentscheduled',
        pipeline: 'default',
        close_date: '2024-05-31',
        is_won: null,
        is_closed: null,
      },
    ]);
    await buildModels(pg, config);
    // the models read the open deal's outcome from its stage (not in dealStages: open)
    expect(await pg.all(`select opportunity_id, is_won, is_closed from stg_opportunities order by 1`)).toEqual([
      { opportunity_id: '9100000011', is_won: true, is_closed: true },
      { opportunity_id: '9100000012', is_won: false, is_closed: false },
    ]);
    const stageEvents = `select opportunity_id, stage_raw, entered_at, exited_at from opportunity_stage_events order by opportunity_id, entered_at`;
    const fromViews = await pg.all<Record<string, unknown>>(stageEvents);
    expect(fromViews.map((r) => [r.stage_raw, (r.exited_at as Date | null)?.toISOString() ?? null])).toEqual([
      ['appointmentscheduled', '2024-04-02T19:59:59.999Z'],
      ['closedwon', null],
      ['appointmentscheduled', null],
    ]);
    const duck = await loadedIntoDuckDb(hubspotDealTables.filter((t) => t.name === 'deal_stage'));
    try {
      expect(fromViews).toEqual(await duck.all(stageEvents));
    } finally {
      duck.close();
    }
  }, 300_000);
});

describe('reading Fivetran’s Salesforce schema through views', () => {
  let pg: PostgresWarehouse;
  beforeAll(async () => {
    pg = await PostgresWarehouse.pglite();
    await createFixtureSchema(pg, 'salesforce', salesforceTables);
  }, 300_000);
  afterAll(() => pg?.closed());

  it('leaves the opportunity views empty, and says so, without the opportunity tables', async () => {
    const result = await connectFivetran(pg, 'salesforce', 'salesforce');
    expect(result.notes).toEqual([
      'opportunities: left empty, salesforce.opportunity (no such table) missing',
      'opportunity_stage_events: left empty, salesforce.opportunity_history (no such table) missing',
    ]);
    expect((await pg.one<{ n: number }>(`select count(*)::int as n from opportunities`))!.n).toBe(0);
    expect(await pg.all(`select path, reason from rejected_rows`)).toEqual([{ path: 'lead', reason: 'deleted in Salesforce (IsDeleted)' }]);
  }, 300_000);

  it('builds the models and gives the funnel and speed-to-lead worked out by hand, as the loader does', async () => {
    await buildModels(pg, config);
    const funnel = await report(pg, 'funnel');
    // two leads (the third is IsDeleted), both Working - Contacted; 001 converted (with an opportunity) on 02-20
    expect(funnel.stages.map((s: FunnelStage) => [s.stage, s.reached])).toEqual([
      ['lead', 2],
      ['mql', 2],
      ['sql', 1],
      ['opportunity', 1],
      ['customer', 0],
    ]);
    const speed = await report(pg, 'speed-to-lead');
    // 002: Working at 16:00, the call at 16:02 (the mass email at 14:00 came before); 001's only call came before its status changed
    expect(speed.overall).toMatchObject({ n: 2, touched: 1, medianMinutes: 2 });
    const duck = await loadedIntoDuckDb(salesforceTables);
    try {
      const fromDuck = await report(duck, 'funnel');
      // the loader says it read converted_date (a date) as UTC; the views read it so too
      expect(fromDuck.zoneAssumption).toMatch(/^Naive timestamps read as UTC/);
      delete fromDuck.zoneAssumption;
      expect(funnel).toEqual(fromDuck);
      const speedFromDuck = await report(duck, 'speed-to-lead');
      expect(speedFromDuck.zoneAssumption).toMatch(/^Naive timestamps read as UTC/);
      delete speedFromDuck.zoneAssumption;
      expect(speed).toEqual(speedFromDuck);
    } finally {
      duck.close();
    }
  }, 300_000);

  it('refuses a schema that holds loaded canonical tables', async () => {
    const loaded = await PostgresWarehouse.pglite();
    try {
      await createFixtureSchema(loaded, 'salesforce', salesforceTables);
      await loaded.run(`create table load_runs (load_id integer); create table leads (lead_id text)`);
      await expect(connectFivetran(loaded, 'salesforce', 'salesforce')).rejects.toThrow(
        'the schema revops holds loaded tables (load_runs, leads): connect Fivetran to a schema of its own',
      );
    } finally {
      await loaded.closed();
    }
  }, 300_000);
});

async function cli(args: string[]) {
  const out: string[] = [];
  const errors: string[] = [];
  const saved = { write: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'revops-report', ...args]), out: out.join(''), errors: errors.join('') };
  } finally {
    process.stdout.write = saved.write;
    process.stderr.write = saved.err;
  }
}

describe('revops-report connect-fivetran', () => {
  it('is a usage error on a DuckDB warehouse', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'revops-fivetran-')), 'w.duckdb');
    const run = await cli(['connect-fivetran', '--db', file, '--source', 'hubspot', '--from-schema', 'hubspot']);
    expect(run.code).toBe(2);
    expect(run.errors).toContain('connect-fivetran makes views in a PostgreSQL database: give --db a postgres:// URL');
    expect((await cli(['connect-fivetran', '--db', file, '--source', 'pipedrive', '--from-schema', 'x'])).code).toBe(2);
  }, 60_000);
});

describeWithPostgres('connect-fivetran against a real server', (server) => {
  it('makes the views in the schema --db names, and the reports read them', async () => {
    const fivetran = `${server().schema}_hubspot`;
    const url = new URL(server().url);
    url.searchParams.set('schema', server().schema);
    const setup = await PostgresWarehouse.connect(url.toString());
    try {
      await createFixtureSchema(setup, fivetran, hubspotTables);
      const run = await cli([
        'connect-fivetran',
        '--engine',
        'postgres',
        '--db',
        url.toString(),
        '--source',
        'hubspot',
        '--from-schema',
        fivetran,
        '--format',
        'json',
      ]);
      expect(run.errors).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.out).views.leads).toEqual(['contact']);
      const funnel = await cli(['funnel', '--db', url.toString(), '--as-of', '2024-06-30', '--since', '1y', '--format', 'json']);
      expect(funnel.code).toBe(0);
      expect(JSON.parse(funnel.out).stages.map((s: FunnelStage) => s.reached)).toEqual([4, 3, 2, 1, 1]);
    } finally {
      await setup.run(`drop schema if exists ${fivetran} cascade`);
      await setup.closed();
    }
  }, 300_000);
});
