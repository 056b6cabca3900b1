/** The speed-to-lead and SLA report documents, their HTML and the breach CSV. */
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/reports/html.js';
import { breachesCsv, breachRowsInHtml, leaksCsv, slaReportDocument } from '../../src/reports/slaReport.js';
import { speedToLeadReportDocument } from '../../src/reports/speedToLeadReport.js';
import { computeSlaReport } from '../../src/sla/compliance.js';
import { computeSpeedToLead, touchSla } from '../../src/sla/speedToLead.js';
import type { SlaBreach, SlaReport } from '../../src/sla/types.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixtureConfig, fixtureWindow, loadSlaFixture } from './support.js';

const breach = (i: number, owner = 'Ana Ruiz'): SlaBreach => ({
  sla: 'first_touch',
  leadId: `L${i}`,
  ownerId: 'OWN-NY',
  owner,
  team: 'Inbound SDR',
  startAt: '2024-04-08T14:00:00Z',
  deadlineAt: '2024-04-08T18:00:00Z',
  endAt: null,
  kind: 'open',
  minutesLate: 60,
  businessMinutesLate: 60,
});

function slaReport(breaches: SlaBreach[], breachCount = breaches.length): SlaReport {
  return {
    report: 'sla',
    asOf: '2024-04-12T18:00:00.000Z',
    window: { from: '2024-04-01T00:00:00.000Z', to: '2024-04-12T18:00:00.000Z' },
    dataFreshness: null,
    slas: [],
    breachCount,
    breaches,
    warnings: [],
    leaks: {
      mqls: 1,
      noOwner: 1,
      noTouch: 0,
      noDisposition: 0,
      leadCount: 1,
      leads: [
        {
          leadId: 'L5',
          ownerId: null,
          owner: '(no owner)',
          team: '(no team)',
          startAt: '2024-04-11T15:00:00Z',
          noOwner: true,
          noTouch: false,
          noDisposition: false,
        },
      ],
    },
  };
}

describe('SLA reports', () => {
  it('renders both reports from the fixture into self-contained HTML', async () => {
    const wh = await openTestWarehouse();
    const slas = await loadSlaFixture(wh);
    const speed = await computeSpeedToLead(wh, fixtureConfig, { window: fixtureWindow, sla: touchSla(slas) });
    const compliance = await computeSlaReport(wh, { window: fixtureWindow, slas });
    const speedDoc = speedToLeadReportDocument(speed, 'revops-report test');
    expect(speedDoc.sections.map((s) => s.id)).toEqual(['overall', 'buckets', 'by-owner', 'by-team', 'by-source', 'coverage', 'conversion']);
    expect(speedDoc.sections[1]!.table!.rows.map((r) => r.n)).toEqual([1, 1, 1, 2, 2, 0, 2]);
    const slaDoc = slaReportDocument(compliance, 'revops-report test');
    // summary, one section per SLA (5), the weekly trend, breaches, leaks
    expect(slaDoc.sections.map((s) => s.id)).toEqual([
      'summary',
      'sla-first_touch',
      'sla-qualification_decision',
      'sla-rejection_reason',
      'sla-sql_to_opportunity',
      'sla-recycled_rerouted',
      'weekly-trend',
      'breaches',
      'leaks',
    ]);
    expect(slaDoc.sections[7]!.heading).toBe('Breaches (7)');
    // weeks moved out of the per-SLA tables into the folded trend table
    expect(slaDoc.sections[1]!.table!.rows.some((r) => r.dimension === 'week')).toBe(false);
    expect(slaDoc.sections[6]!.foldTable).toMatch(/^Per-week counts/);
    expect(slaDoc.tiles!.map((t) => t.key)).toEqual(compliance.slas.map((s) => `sla-${s.name}`));
    const html = await renderReportHtml(slaDoc);
    expect(html).toContain('Recycled MQL routed again');
    expect(html).not.toMatch(/<script/i);
    expect(await renderReportHtml(speedDoc)).toContain('Coverage gaps');
  }, 60_000);

  it('writes every breach to CSV, formula-safe', () => {
    const csv = breachesCsv(slaReport([breach(1), breach(2, '=HYPERLINK("http://x.example","Ana")')]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('sla,lead_id,owner_id,owner,team,start_at,deadline_at,end_at,breach,minutes_late,business_minutes_late');
    expect(lines[1]).toBe('first_touch,L1,OWN-NY,Ana Ruiz,Inbound SDR,2024-04-08T14:00:00Z,2024-04-08T18:00:00Z,,open,60,60');
    // the formula is shown as text, never run by a spreadsheet
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x.example"",""Ana"")"`);
    expect(lines).toHaveLength(4); // header, two rows, trailing empty after the last CRLF
    expect(leaksCsv(slaReport([])).split('\r\n')[1]).toBe('L5,,(no owner),(no team),2024-04-11T15:00:00Z,true,false,false');
  });

  it('caps the HTML breach table and points to the CSV', () => {
    const many = Array.from({ length: breachRowsInHtml + 5 }, (_, i) => breach(i));
    const doc = slaReportDocument(slaReport(many));
    const section = doc.sections.find((s) => s.id === 'breaches')!;
    expect(section.table!.rows).toHaveLength(breachRowsInHtml);
    expect(section.intro).toContain(`all ${breachRowsInHtml + 5}`);
    // the JSON lists only some of the breaches: heading and intro count them all
    const listed = slaReportDocument(slaReport(many.slice(0, 3), 12_345)).sections.find((s) => s.id === 'breaches')!;
    expect([listed.heading, listed.table!.rows.length]).toEqual(['Breaches (12345)', 3]);
    expect(listed.intro).toContain('all 12345');
  });

  it("shows an owner without a name, a Salesforce queue's 18-character id, short like a lead id, and a name whole", async () => {
    const queue = { ...breach(1), ownerId: '00G8d000000Q1bAEAS', owner: '00G8d000000Q1bAEAS' };
    const named = { ...breach(2), ownerId: '0058d000001AbCdEFG', owner: 'Christopher Montgomery' };
    const html = await renderReportHtml(slaReportDocument(slaReport([queue, named])));
    // the id cut to 12 characters with the whole id as the tooltip, so the table fits its card
    expect(html).toContain('<td class="nowrap" title="00G8d000000Q1bAEAS">00G8d000000…</td>');
    expect(html).toContain('<td>Christopher Montgomery</td>');
  });
});
