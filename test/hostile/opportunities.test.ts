/**
 * Hostile deals files: stage names in odd spellings, stages no list names, won flags that
 * contradict the stage, extra columns with odd or repeated headers. Each is read right or said.
 */
import { describe, expect } from 'vitest';
import { type Config, parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { buildModels } from '../../src/models/build.js';
import { expectLoaded, hostileCase, rejectReasons, writeInput } from './harness.js';

async function loadDeals(text: string, config: Config = parseConfig({})) {
  const loaded = await expectLoaded([writeInput('deals.csv', text)], {}, config);
  await buildModels(loaded.wh, config, { force: true });
  return loaded;
}

const outcomes = (wh: Warehouse) => wh.all(`select opportunity_id as id, is_won as won, is_closed as closed from stg_opportunities order by opportunity_id`);
const fields = (wh: Warehouse) => wh.all(`select opportunity_id as id, field, value from opportunity_fields order by all`);

describe('hostile deals files', () => {
  hostileCase('config', 'closed stages in any casing, spacing and punctuation', async () => {
    const { wh } = await loadDeals('opportunity_id,deal_stage\nA,CLOSED WON\nB,  closed won  \nC,Closed_Won\nD,cLoSeD lOsT\nE,WON\nF,lost.\n');
    expect(await outcomes(wh)).toEqual([
      { id: 'A', won: true, closed: true },
      { id: 'B', won: true, closed: true },
      { id: 'C', won: true, closed: true },
      { id: 'D', won: false, closed: true },
      { id: 'E', won: true, closed: true },
      { id: 'F', won: false, closed: true },
    ]);
  });

  hostileCase('config', 'a stage no list names is open, and a closed-looking one is named in a warning', async () => {
    const { wh, summary } = await loadDeals(
      'opportunity_id,stage\nA,Closed - Lost to Competitor\nB,Negotiation\nC,Won/Signed\nD,Closed - Lost to Competitor\n',
    );
    expect(await outcomes(wh)).toEqual([
      { id: 'A', won: false, closed: false },
      { id: 'B', won: false, closed: false },
      { id: 'C', won: false, closed: false },
      { id: 'D', won: false, closed: false },
    ]);
    // an open-sounding stage is no news; one that says closed, won or lost but is in no list is
    const dealWarnings = summary.warnings.filter((w) => w.includes('dealStages'));
    expect(dealWarnings).toHaveLength(1);
    expect(dealWarnings[0]).toContain('"Closed - Lost to Competitor", "Won/Signed"');
    expect(dealWarnings[0]).toContain('read as open');
  });

  hostileCase('config', 'the configured lists replace the defaults, and a file with IsClosed needs no warning', async () => {
    const config = parseConfig({ dealStages: { closedWon: ['Won/Signed'], closedLost: ['Closed - Lost to Competitor'] } });
    const { wh, summary } = await loadDeals('opportunity_id,stage,is_closed\nA,Closed - Lost to Competitor,\nB,Won/Signed,\nC,Closed Lost,true\n', config);
    expect(await outcomes(wh)).toEqual([
      { id: 'A', won: false, closed: true },
      { id: 'B', won: true, closed: true },
      // not in the configured lost list, but the file says closed: closed, not won
      { id: 'C', won: false, closed: true },
    ]);
    expect(summary.warnings.filter((w) => w.includes('dealStages'))).toEqual([]);
  });

  hostileCase('config', 'a stage in both the won and the lost list is a usage error', async () => {
    let error: unknown;
    try {
      parseConfig({ dealStages: { closedWon: ['Done'], closedLost: ['DONE', 'Lost'] } }, '.', 'revops.config.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe('revops.config.json: dealStages.closedLost: "DONE" is in both dealStages.closedWon and dealStages.closedLost');
  });

  hostileCase('numbers and booleans', 'an is_won column contradicting the stage name wins over it', async () => {
    const { wh } = await loadDeals('opportunity_id,stage,is_won\nA,Closed Won,false\nB,Prospecting,yes\nC,Closed Lost,TRUE\nD,Closed Won,\n');
    expect(await outcomes(wh)).toEqual([
      // the file says not won; the stage still says closed
      { id: 'A', won: false, closed: true },
      { id: 'B', won: true, closed: true },
      { id: 'C', won: true, closed: true },
      // an empty flag says nothing: the stage decides
      { id: 'D', won: true, closed: true },
    ]);
  });

  hostileCase('numbers and booleans', 'a won flag that is not a boolean rejects the row with the reason', async () => {
    const { wh, summary } = await loadDeals('opportunity_id,stage,is_won\nA,Closed Won,maybe\nB,Closed Won,1\n');
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: 'not a true/false value in "is_won": maybe' }]);
    expect(await outcomes(wh)).toEqual([{ id: 'B', won: true, closed: true }]);
  });

  hostileCase('numbers and booleans', 'a close value with a currency sign and thousands separators', async () => {
    const { wh } = await loadDeals('opportunity_id,deal_stage,close_value\nA,Won,"$1,096.00"\nB,Lost,0\nC,Engaging,\n');
    expect(await wh.all(`select opportunity_id as id, amount from opportunities order by 1`)).toEqual([
      { id: 'A', amount: 1096 },
      { id: 'B', amount: 0 },
      { id: 'C', amount: null },
    ]);
  });

  hostileCase('identity', 'spaced, title-case deal headers are the same aliases as snake_case ones', async () => {
    const { wh } = await loadDeals('opportunity_id,Sales Agent,Deal Stage,Close Value,Product\nA,Moira Delacroix,Won,"1,200.00",GTX Pro\n');
    expect(await wh.one(`select owner_id, stage_raw, amount from opportunities`)).toEqual({ owner_id: 'Moira Delacroix', stage_raw: 'Won', amount: 1200 });
    expect(await fields(wh)).toEqual([{ id: 'A', field: 'product', value: 'GTX Pro' }]);
    expect(await outcomes(wh)).toEqual([{ id: 'A', won: true, closed: true }]);
  });

  hostileCase('identity', 'extra columns with odd names keep their values under normalised keys', async () => {
    const header = `opportunity_id,Région,Deal Type (Custom),"'; drop table opportunities; --",__proto__,  Spaced  Out  ,1st Touch`;
    const { wh } = await loadDeals(`${header}\nA,Île-de-France,Renewal,"x'); delete from opportunities; --",{},  yes  ,Webinar\n`);
    expect(await fields(wh)).toEqual([
      { id: 'A', field: '1st_touch', value: 'Webinar' },
      { id: 'A', field: 'deal_type_custom', value: 'Renewal' },
      { id: 'A', field: 'drop_table_opportunities', value: "x'); delete from opportunities; --" },
      { id: 'A', field: 'proto', value: '{}' },
      { id: 'A', field: 'région', value: 'Île-de-France' },
      // values are trimmed like every other value
      { id: 'A', field: 'spaced_out', value: 'yes' },
    ]);
    expect(await wh.one(`select count(*)::int as n from opportunities`)).toEqual({ n: 1 });
  });

  hostileCase('identity', 'a repeated extra header keeps the first column, and a repeated canonical header does not become a field', async () => {
    const { wh } = await loadDeals('opportunity_id,stage,Region,region,Deal Type,deal_type,stage\nA,Won,EMEA,APAC,New,Renewal,Lost\n');
    expect(await fields(wh)).toEqual([
      { id: 'A', field: 'deal_type', value: 'New' },
      { id: 'A', field: 'region', value: 'EMEA' },
    ]);
    expect(await wh.one(`select stage_raw from opportunities`)).toEqual({ stage_raw: 'Won' });
  });

  hostileCase('identity', 'a deal id repeated with other values is rejected and leaves no fields behind', async () => {
    const { wh, summary } = await loadDeals('opportunity_id,stage,product\nA,Won,GTX Pro\nA,Lost,MG Special\nB,Engaging,GTK 500\nB,Engaging,GTK 500\n');
    expect(summary.files[0]).toMatchObject({ read: 4, loaded: 2, rejected: 1, duplicates: 1 });
    expect(await fields(wh)).toEqual([
      { id: 'A', field: 'product', value: 'GTX Pro' },
      { id: 'B', field: 'product', value: 'GTK 500' },
    ]);
  });
});
