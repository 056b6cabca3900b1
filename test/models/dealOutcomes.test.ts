/**
 * A deal's outcome (stg_opportunities.is_won / is_closed): the export's own IsWon / IsClosed when
 * it has them, else the stage name against the config's closed-won and closed-lost lists
 * (case, spaces and punctuation do not matter); a stage in neither list is open.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { loadFiles } from '../../src/ingest/load.js';
import { mappingSpec } from '../../src/ingest/mapping.js';
import { buildModels } from '../../src/models/build.js';
import { caseDir } from '../hostile/harness.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixturePath } from '../helpers/load.js';
import { formatFixture } from '../ingest/formatFixtures.js';

async function outcomes(wh: Warehouse, config: Config, paths: string[], mapping?: Parameters<typeof mappingSpec>[0]) {
  await loadFiles(wh, config, { paths, crm: 'auto', mapping: mapping && mappingSpec(mapping) });
  await buildModels(wh, config, { force: true });
  return wh.all<{ opportunity_id: string; stage_raw: string | null; is_won: boolean | null; is_closed: boolean | null }>(
    `select opportunity_id, stage_raw, is_won, is_closed from stg_opportunities order by opportunity_id`,
  );
}

function csv(name: string, text: string): string {
  const path = join(caseDir('deal-outcomes-'), name);
  writeFileSync(path, text);
  return path;
}

describe('deal outcomes from the stage name', () => {
  it('derives won, lost and open for the plain deals CSV with the default lists', async () => {
    const wh = await openTestWarehouse();
    const rows = await outcomes(wh, parseConfig({}), [fixturePath('opportunities/sales_pipeline.csv')]);
    const by = Object.fromEntries(rows.map((r) => [r.opportunity_id, [r.stage_raw, r.is_won, r.is_closed]]));
    expect(by).toEqual({
      '4KX2AB7C': ['Won', true, true],
      Q9ZD31PL: ['Lost', false, true],
      H2NV8E5R: ['Won', true, true],
      ZP0W6M1T: ['Engaging', false, false],
      B7RC4Y9K: ['Prospecting', false, false],
      M3LF0S2Q: ['Lost', false, true],
      T8HJ5D6V: ['Won', true, true],
      W1EQ7N4G: ['Engaging', false, false],
    });
    // the warehouse keeps what the file says: it has no IsWon / IsClosed column
    expect(await wh.one(`select count(*)::int as n from opportunities where is_won is not null or is_closed is not null`)).toEqual({ n: 0 });
  });

  it('reads the default names in any case and spelling: Closed Won, CLOSED-LOST, closedwon, won', async () => {
    const wh = await openTestWarehouse();
    const file = csv('opps.csv', 'opportunity_id,stage\nA,Closed Won\nB,CLOSED-LOST\nC,closedwon\nD,won\nE,closed_lost\nF,Negotiation\nG,\n');
    expect(await outcomes(wh, parseConfig({}), [file])).toEqual([
      { opportunity_id: 'A', stage_raw: 'Closed Won', is_won: true, is_closed: true },
      { opportunity_id: 'B', stage_raw: 'CLOSED-LOST', is_won: false, is_closed: true },
      { opportunity_id: 'C', stage_raw: 'closedwon', is_won: true, is_closed: true },
      { opportunity_id: 'D', stage_raw: 'won', is_won: true, is_closed: true },
      { opportunity_id: 'E', stage_raw: 'closed_lost', is_won: false, is_closed: true },
      // a stage in neither list is open; no stage at all says nothing
      { opportunity_id: 'F', stage_raw: 'Negotiation', is_won: false, is_closed: false },
      { opportunity_id: 'G', stage_raw: null, is_won: null, is_closed: null },
    ]);
  });

  it('takes the lists from the config, for a mapped file too', async () => {
    const wh = await openTestWarehouse();
    const config = parseConfig({ dealStages: { closedWon: ['Signed'], closedLost: ['Lost', 'No Decision'] } });
    const file = csv('pipedrive.csv', 'Deal No,Phase\nP1,Signed\nP2,no decision\nP3,Closed Won\nP4,LOST\n');
    const rows = await outcomes(wh, config, [file], { object: 'opportunities', columns: { opportunity_id: 'Deal No', stage: 'Phase' } });
    expect(rows.map((r) => [r.opportunity_id, r.is_won, r.is_closed])).toEqual([
      ['P1', true, true],
      ['P2', false, true],
      // "Closed Won" is no longer in the list: open
      ['P3', false, false],
      ['P4', false, true],
    ]);
  });

  it('lets the file’s IsWon / IsClosed win over the stage name', async () => {
    const wh = await openTestWarehouse();
    const file = csv(
      'opps.csv',
      'opportunity_id,stage,is_won,is_closed\nA,Closed Won,false,true\nB,Prospecting,true,\nC,Closed Lost,,\nD,,false,\nE,Negotiation,false,\n',
    );
    expect(await outcomes(wh, parseConfig({}), [file])).toEqual([
      { opportunity_id: 'A', stage_raw: 'Closed Won', is_won: false, is_closed: true },
      // won says closed, whatever the stage
      { opportunity_id: 'B', stage_raw: 'Prospecting', is_won: true, is_closed: true },
      { opportunity_id: 'C', stage_raw: 'Closed Lost', is_won: false, is_closed: true },
      // not won and no stage: a canonical file's way of saying lost
      { opportunity_id: 'D', stage_raw: null, is_won: false, is_closed: true },
      // not won, and the stage says open
      { opportunity_id: 'E', stage_raw: 'Negotiation', is_won: false, is_closed: false },
    ]);
  });

  it('applies the config lists to HubSpot deals, whose export has no won flag', async () => {
    const wh = await openTestWarehouse();
    const config = parseConfig({ dealStages: { closedWon: ['Closed Won', 'Contract Sent'], closedLost: ['Closed Lost'] } });
    await loadFiles(wh, config, { paths: [formatFixture('hubspot/deals.csv')], crm: 'auto', timezone: 'America/New_York' });
    await buildModels(wh, config, { force: true });
    const rows = await wh.all(
      `select stage_raw, bool_and(is_won) as won, bool_and(is_closed) as closed from stg_opportunities group by stage_raw order by stage_raw`,
    );
    expect(rows).toContainEqual({ stage_raw: 'Closed Won', won: true, closed: true });
    expect(rows).toContainEqual({ stage_raw: 'Closed Lost', won: false, closed: true });
    expect(rows).toContainEqual({ stage_raw: 'Presentation Scheduled', won: false, closed: false });
    // a custom closed-won stage from the config
    expect(rows).toContainEqual({ stage_raw: 'Contract Sent', won: true, closed: true });
  });

  it('reads HubSpot’s own Is Closed Won / Is closed lost flags of an all-properties export over the stage name', async () => {
    const wh = await openTestWarehouse();
    // lists that name none of the file's stages: only the flags can say won or lost
    const config = parseConfig({ dealStages: { closedWon: ['Signed'], closedLost: ['Dropped'] } });
    await loadFiles(wh, config, { paths: [formatFixture('hubspot/deals_all_properties.csv')], crm: 'auto', timezone: 'America/New_York' });
    await buildModels(wh, config, { force: true });
    expect(await wh.all(`select opportunity_id, stage_raw, is_won, is_closed from stg_opportunities order by opportunity_id`)).toEqual([
      { opportunity_id: '9100000011', stage_raw: 'Closed Lost', is_won: false, is_closed: true },
      { opportunity_id: '9100000012', stage_raw: 'Contract Sent', is_won: false, is_closed: false },
      { opportunity_id: '9100000013', stage_raw: 'Closed Won', is_won: true, is_closed: true },
      { opportunity_id: '9100000014', stage_raw: 'Appointment Scheduled', is_won: false, is_closed: false },
    ]);
  });

  it('rebuilds the models when only the deal stage lists change', async () => {
    const wh = await openTestWarehouse();
    const file = csv('opps.csv', 'opportunity_id,stage\nA,Signed\n');
    await loadFiles(wh, parseConfig({}), { paths: [file], crm: 'auto' });
    await buildModels(wh, parseConfig({}));
    expect(await wh.one(`select is_won from stg_opportunities`)).toEqual({ is_won: false });
    expect(await buildModels(wh, parseConfig({ dealStages: { closedWon: ['Signed'] } }))).toBe(true);
    expect(await wh.one(`select is_won from stg_opportunities`)).toEqual({ is_won: true });
  });

  it('refuses a stage named both won and lost, or a name with no letter or digit', () => {
    expect(() => parseConfig({ dealStages: { closedWon: ['Won', 'Closed'], closedLost: ['closed'] } })).toThrow(UserError);
    expect(() => parseConfig({ dealStages: { closedWon: ['Won', 'Closed'], closedLost: ['closed'] } })).toThrow(
      /"closed" is in both dealStages.closedWon and dealStages.closedLost/,
    );
    expect(() => parseConfig({ dealStages: { closedWon: ['--'] } })).toThrow(/dealStages.closedWon.0: .*letter or digit/);
  });
});
