/**
 * Every realistic export in test/fixtures/formats/ loads with the counts expected.json states
 * (counted by hand from the files; see docs/formats.md "How the fixture counts are made").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DateOrder } from '../../src/ingest/timestamps.js';
import { openTestWarehouse } from '../helpers/db.js';
import { formatFixture, loadFormat } from './formatFixtures.js';

interface FormatExpectation {
  file: string;
  crm: string;
  object: string;
  variant?: string;
  encoding: string;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  stageEvents: number;
  opportunityStageEvents?: number;
  /** rows of opportunity_events (field-level deal history) */
  opportunityEvents?: number;
  sourceTimeZone?: string;
  dateOrder?: DateOrder;
  /** how many header columns the load leaves out (listed in the summary), or their names */
  columnsIgnored?: number | string[];
}

const expectations = JSON.parse(readFileSync(formatFixture('expected.json'), 'utf8')) as FormatExpectation[];

describe('every realistic export fixture', () => {
  it.each(expectations)('$file', async (e) => {
    const wh = await openTestWarehouse();
    const file = await loadFormat(wh, e.file, e.sourceTimeZone, e.dateOrder);
    expect({
      detected: file.detected,
      object: file.object,
      encoding: file.encoding,
      read: file.read,
      loaded: file.loaded,
      rejected: file.rejected,
      duplicates: file.duplicates,
    }).toEqual({
      detected: e.crm,
      object: e.object,
      encoding: e.encoding,
      read: e.read,
      loaded: e.loaded,
      rejected: e.rejected,
      duplicates: e.duplicates,
    });
    if (e.variant) expect(file.variant).toBe(e.variant);
    expect(file.format).toBe(file.variant);
    if (typeof e.columnsIgnored === 'number') expect(file.columnsIgnored.length).toBe(e.columnsIgnored);
    else if (e.columnsIgnored) expect(file.columnsIgnored).toEqual(e.columnsIgnored);
    expect(file.read).toBe(file.loaded + file.rejected + file.duplicates);
    // Stage events the file states with their own time (docs/formats.md): a creation row is not one,
    // and a conversion is one even when it also records the Opportunity stage it opened.
    const counts = await wh.one<{ stages: number; opps: number; events: number; rejects: number }>(
      `select ((select count(*) from stage_events where origin not in ('created', 'conversion'))
               + (select count(distinct (lead_id, entered_at)) from stage_events where origin = 'conversion'))::int as stages,
              (select count(*) from opportunity_stage_events)::int as opps,
              (select count(*) from opportunity_events)::int as events,
              (select count(*) from rejected_rows)::int as rejects`,
    );
    expect(counts).toEqual({ stages: e.stageEvents, opps: e.opportunityStageEvents ?? 0, events: e.opportunityEvents ?? 0, rejects: e.rejected });
  });
});
