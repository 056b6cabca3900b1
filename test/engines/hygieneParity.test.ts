/**
 * The hygiene report on hand-built leads whose text the two engines read differently unless the
 * models say exactly what they mean: RE2's \s is ASCII whitespace (PostgreSQL's also takes an em
 * space), accents are stripped (DuckDB's strip_accents, compat.sql on PostgreSQL), growth per exit
 * is a double, and ids sort in byte order while PostgreSQL sorts text by the database's collation.
 * The PostgreSQL copy's text columns take a linguistic collation (ICU's root, as a database created
 * with an en-US locale has): then 'a1' sorts before 'B1', which byte order puts after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/config/config.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { copyWarehouse } from '../../src/db/pgCopy.js';
import type { PostgresWarehouse } from '../../src/db/postgres.js';
import { computeHygiene } from '../../src/hygiene/report.js';
import type { HygieneReport } from '../../src/hygiene/types.js';
import { resolveWindow } from '../../src/metrics/window.js';
import { buildModels } from '../../src/models/build.js';
import { insertFields, insertLeads, insertStageEvents } from '../hygiene/support.js';
import { testPostgresUrl } from '../helpers/postgres.js';
import { linguisticCollation, type PostgresTarget, pgliteTarget, serverTarget } from './pgSetup.js';

const asOf = '2026-11-01T00:00:00Z';

async function fixture(wh: DuckDbWarehouse): Promise<void> {
  await insertLeads(wh, [
    // tier 1, a tie on every survivor criterion: the lowest id in byte order survives ('B1' < 'a1')
    { id: 'a1', email: 'pat@acme.com', first: 'Pat', last: 'One' },
    { id: 'B1', email: 'pat@acme.com', first: 'Pat', last: 'Two' },
    // tier 2: a no-break space and a zero-width space pasted into the address; an em space is no
    // whitespace to RE2, so that address stays apart
    { id: 'N1', email: 'kim@hooli.com', first: 'Kim', last: 'One', created: '2025-01-01T00:00:00Z' },
    { id: 'N2', email: 'kim\u00a0@hooli.com', first: 'Kim', last: 'Two' },
    { id: 'N3', email: 'kim\u200b@Hooli.com', first: 'Kim', last: 'Three' },
    { id: 'N4', email: 'kim\u2003@hooli.com', first: 'Kim', last: 'Four' },
    // tier 3 on name + phone, the name in capitals with accents; the second phone's extension
    // follows an em space, which RE2's \s does not take: its digits stay, so no E.164 match
    { id: 'P1', email: 'emile@a.com', first: 'ÉMILE', last: 'Zoë', created: '2025-01-01T00:00:00Z' },
    { id: 'P2', email: 'emile@b.com', first: 'Emile', last: 'Zoe' },
    { id: 'P3', email: 'emile@c.com', first: 'Émile', last: 'ZOË' },
    // tier 4: three spellings of one account, listed survivor first, then in byte order
    { id: 'C1', email: 'c1@c1.com', first: 'Cy', last: 'One', company: 'acme', created: '2025-03-01T00:00:00Z' },
    { id: 'C2', email: 'c2@c2.com', first: 'Cy', last: 'Two', company: 'ACME Inc', created: '2025-02-01T00:00:00Z' },
    { id: 'C3', email: 'c3@c3.com', first: 'Cy', last: 'Three', company: 'Acme, Inc.', created: '2025-01-01T00:00:00Z' },
    // unowned, listed by id in byte order; T1's two stage rows at one instant keep 'Lead' ('L' < 'l')
    { id: 'q7', email: 'q7@q.com', first: 'Q', last: 'Seven', owner: null },
    { id: 'R3', email: 'r3@r.com', first: 'R', last: 'Three', owner: null },
    { id: 'T1', email: 't1@t.com', first: 'T', last: 'One', owner: null },
    // the flow: three enter MQL in the window, two leave it for SQL: growth 1 over 2 exits
    { id: 'S1', email: 's1@s.com', first: 'S', last: 'One' },
    { id: 'S2', email: 's2@s.com', first: 'S', last: 'Two' },
    { id: 'S3', email: 's3@s.com', first: 'S', last: 'Three' },
  ]);
  await insertFields(wh, [
    ['P1', 'phone', '+1 415 555 0100'],
    ['P2', 'phone', '+1 (415) 555-0100 ext 12'],
    ['P3', 'phone', '+1 415 555 0100\u2003ext\u200312'],
  ]);
  await insertStageEvents(wh, [
    ['T1', 'lead', '2026-05-01T00:00:00Z'],
    ['T1', 'Lead', '2026-05-01T00:00:00Z'],
    ['S1', 'mql', '2026-03-01T00:00:00Z'],
    ['S2', 'mql', '2026-03-01T00:00:00Z'],
    ['S3', 'mql', '2026-03-01T00:00:00Z'],
    ['S1', 'sql', '2026-04-01T00:00:00Z'],
    ['S2', 'sql', '2026-04-01T00:00:00Z'],
  ]);
}

const hygieneOf = async (wh: DuckDbWarehouse | PostgresWarehouse, config: Config): Promise<HygieneReport> =>
  JSON.parse(JSON.stringify(await computeHygiene(wh, config, resolveWindow({ since: '1y', asOf }))));

const server = testPostgresUrl();
const targets: PostgresTarget[] = [pgliteTarget, ...(server ? [serverTarget(server)] : [])];

for (const target of targets)
  describe(`hygiene on DuckDB and on PostgreSQL (${target.name}) with text the engines read differently`, () => {
    const config = parseConfig({});
    let duck: DuckDbWarehouse;
    let pg: PostgresWarehouse;
    let reports: { duck: HygieneReport; pg: HygieneReport };

    beforeAll(async () => {
      duck = await DuckDbWarehouse.open({ path: ':memory:' });
      await fixture(duck);
      pg = await target.open();
      await copyWarehouse(duck, pg);
      await linguisticCollation(pg);
      await buildModels(duck, config);
      await buildModels(pg, config);
      reports = { duck: await hygieneOf(duck, config), pg: await hygieneOf(pg, config) };
    }, 300_000);

    afterAll(async () => {
      duck?.close();
      if (pg) {
        await target.cleanUp(pg);
        await pg.closed();
      }
    });

    it('finds the same duplicates, with the survivor lowest in byte order', () => {
      const pairs = (r: HygieneReport) => r.duplicates.pairs.map((p) => `${p.tier} ${p.matchedOn} ${p.key}: ${p.leadId} → ${p.survivorId}`);
      const expected = [
        '1 email pat@acme.com: a1 → B1',
        '2 email_normalised kim@hooli.com: N2 → N1',
        '2 email_normalised kim@hooli.com: N3 → N1',
        '3 name+phone emile zoe +14155550100: P2 → P1',
      ];
      expect(pairs(reports.duck)).toEqual(expected);
      expect(pairs(reports.pg)).toEqual(expected);
    });

    it('lists an account survivor first, then its spellings in byte order', () => {
      const spellings = (r: HygieneReport) => r.duplicates.accounts.map((a) => `${a.key}: ${a.spelling}${a.isSurvivor ? ' (survivor)' : ''}`);
      const expected = ['acme: Acme, Inc. (survivor)', 'acme: ACME Inc', 'acme: acme'];
      expect(spellings(reports.duck)).toEqual(expected);
      expect(spellings(reports.pg)).toEqual(expected);
    });

    it('lists unowned leads by id in byte order, with the stage row byte order puts first', () => {
      const unowned = (r: HygieneReport) => r.unowned.leads.map((l) => `${l.leadId} ${l.stageRaw}`);
      const expected = ['R3 lead', 'T1 Lead', 'q7 lead'];
      expect(unowned(reports.duck)).toEqual(expected);
      expect(unowned(reports.pg)).toEqual(expected);
    });

    it('gives a growth per exit that is not a whole number', () => {
      const mql = (r: HygieneReport) => r.distribution.flow.find((f) => f.stage === 'mql');
      expect(mql(reports.duck)).toMatchObject({ entered: 3, exited: 2, growth: 1, growthPerExit: 0.5 });
      expect(mql(reports.pg)).toEqual(mql(reports.duck));
    });

    it('gives the same JSON', () => {
      expect(reports.pg).toEqual(reports.duck);
    });
  });
