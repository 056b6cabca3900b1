/**
 * The capped breach list and the full CSV written by COPY, on the hand-built fixture (breaches and
 * their lateness by hand in slaReport.test.ts): real minutes late are L05 first_touch 1380 (open),
 * L08 first_touch 1200, L04 qualification_decision 300, L06 qualification_decision 240, L03
 * qualification_decision 120, L04 first_touch 30, and L02 rejection_reason missing_fields (none).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breachesCsv } from '../../src/reports/slaReport.js';
import { readListedBreaches, writeBreachesCsv } from '../../src/sla/breaches.js';
import { computeSlaReport } from '../../src/sla/compliance.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixtureWindow, loadSlaFixture } from './support.js';

async function fixture() {
  const wh = await openTestWarehouse();
  const slas = await loadSlaFixture(wh);
  return { wh, slas };
}

describe('breach list', () => {
  it('lists the most late breaches, in SLA order then by start', async () => {
    const { wh } = await fixture();
    // the two most late are L05 (1380) and L08 (1200); listed by start: L08 Mon 04-08, L05 Thu 04-11
    expect((await readListedBreaches(wh, 2)).map((b) => [b.sla, b.leadId, b.minutesLate, b.businessMinutesLate])).toEqual([
      ['first_touch', 'L08', 1200, 240],
      ['first_touch', 'L05', 1380, 420],
    ]);
    // four: then L04 (300) and L06 (240) of the decision SLA, whose starts are Wed 13:00Z and 14:00Z
    expect((await readListedBreaches(wh, 4)).map((b) => [b.sla, b.leadId])).toEqual([
      ['first_touch', 'L08'],
      ['first_touch', 'L05'],
      ['qualification_decision', 'L04'],
      ['qualification_decision', 'L06'],
    ]);
  });

  it('counts every breach and leak while listing them', async () => {
    const { wh, slas } = await fixture();
    const report = await computeSlaReport(wh, { window: fixtureWindow, slas });
    // 3 first_touch + 3 qualification_decision + 1 rejection_reason; leaks L04, L06, L05
    expect([report.breachCount, report.breaches.length, report.leaks.leadCount]).toEqual([7, 7, 3]);
  });

  it('writes every breach as CSV from the warehouse, like the JS writer and formula-safe', async () => {
    const { wh, slas } = await fixture();
    const report = await computeSlaReport(wh, { window: fixtureWindow, slas });
    const dir = mkdtempSync(join(tmpdir(), 'revops-breaches-'));
    await writeBreachesCsv(wh, join(dir, 'all.csv'));
    // all 7 breaches are listed, so the JS CSV of the report is the whole list: same bytes
    expect(readFileSync(join(dir, 'all.csv'), 'utf8')).toBe(breachesCsv(report));

    // hostile CRM text: formulas get a leading quote, a plain negative number stays a number
    // (owner name and team are the lead's, read through sla_lead_attributes; the owner id is the instance's)
    await wh.run(`update dim_leads set owner_name = '=HYPERLINK("http://x.example","Ana")', team = '-5' where lead_id = 'L08'`);
    await wh.run(`update sla_outcomes set owner_id = '@SUM(A1)' where lead_id = 'L08'`);
    await writeBreachesCsv(wh, join(dir, 'hostile.csv'));
    const lines = readFileSync(join(dir, 'hostile.csv'), 'utf8').split('\r\n');
    expect(lines[1]).toBe(
      `first_touch,L08,'@SUM(A1),"'=HYPERLINK(""http://x.example"",""Ana"")",-5,2024-04-08T16:00:00Z,2024-04-08T20:00:00Z,2024-04-09T16:00:00Z,late,1200,240`,
    );
    expect(lines).toHaveLength(9); // header, 7 breaches, empty after the last CRLF
  });
});
