/**
 * The simulated world is realistic enough for the reports: funnel rates in the ranges the brief
 * sets, skips, recycles with reason codes, speed-to-lead that differs by owner and waits for
 * business hours, scoring signal before the MQL and leakage after the win. Read from the written
 * canonical files (the whole world as canonical leads), not from the simulation's objects.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../../src/commands/sample.js';
import { isBusinessTime } from '../../src/sample/clock.js';
import { readCsv, records, tempOut } from './helpers.js';

type Row = Record<string, string>;
const AS_OF = Date.parse('2026-11-01T00:00:00Z');
let stages: Row[];
let activities: Row[];
let engagement: Row[];
let opportunities: Row[];
let owners: Map<string, Row>;
const byLead = <T extends Row>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) if (r.lead_id) map.set(r.lead_id, [...(map.get(r.lead_id) ?? []), r]);
  return map;
};

beforeAll(async () => {
  const out = tempOut('world');
  await sample({ out, leads: 4000, seed: 11, formats: ['canonical'] });
  stages = records(readCsv(out, 'canonical/stage_events.csv')).filter((r) => r.lead_id && !Number.isNaN(Date.parse(r.entered_at!)));
  activities = records(readCsv(out, 'canonical/activities.csv'));
  engagement = records(readCsv(out, 'canonical/engagement_events.csv'));
  opportunities = records(readCsv(out, 'canonical/opportunities.csv'));
  owners = new Map(records(readCsv(out, 'canonical/owners.csv')).map((o) => [o.owner_id!, o]));
});

describe('sample world', () => {
  it('converts through the funnel at the rates the sample is tuned for', () => {
    const reached = (stage: string) => new Set(stages.filter((s) => s.stage === stage).map((s) => s.lead_id));
    const [lead, mql, sql, opp] = ['lead', 'mql', 'sql', 'opportunity'].map(reached) as Set<string>[];
    const skipped = [...sql!].filter((id) => !mql!.has(id)).length;
    // tuned: Lead→MQL ~30%, MQL→SQL ~40%, SQL→Opp ~60%, win ~25%; at 4,000 leads the bands are ±3–4 SDs
    expect(mql!.size / lead!.size).toBeGreaterThan(0.25);
    expect(mql!.size / lead!.size).toBeLessThan(0.36);
    expect((sql!.size - skipped) / mql!.size).toBeGreaterThan(0.33);
    expect((sql!.size - skipped) / mql!.size).toBeLessThan(0.49);
    expect(opp!.size / sql!.size).toBeGreaterThan(0.5);
    expect(opp!.size / sql!.size).toBeLessThan(0.72);
    const closed = opportunities.filter((o) => o.is_won !== '');
    const winRate = closed.filter((o) => o.is_won === 'true').length / closed.length;
    expect(winRate).toBeGreaterThan(0.15);
    expect(winRate).toBeLessThan(0.36);
    // some reach SQL with no MQL (~1.5% of non-MQL leads → a few % of SQLs)
    expect(skipped / sql!.size).toBeGreaterThan(0.02);
    expect(skipped / sql!.size).toBeLessThan(0.15);
  });

  it('recycles rejected MQLs with reason codes, and some come back', () => {
    const exits = stages.filter((s) => s.stage === 'recycled' || s.stage === 'disqualified');
    expect(exits.length).toBeGreaterThan(100);
    for (const s of exits) {
      const allowed = s.stage === 'recycled' ? ['FIT-01', 'FIT-03', 'ENG-01', 'ENG-02', 'QUAL-01', 'QUAL-02'] : ['FIT-02', 'QUAL-03'];
      expect(allowed).toContain(s.reason);
    }
    const mqlCounts = [...byLead(stages.filter((s) => s.stage === 'mql')).values()].map((rows) => rows.length);
    expect(mqlCounts.filter((n) => n === 2).length).toBeGreaterThan(20);
  });

  it('never has anything happen after the as-of date', () => {
    const times = [...stages.map((s) => s.entered_at), ...activities.map((a) => a.occurred_at), ...engagement.map((e) => e.occurred_at)];
    const after = times.filter((t) => Date.parse(t!) >= AS_OF);
    expect(after).toEqual([]);
  });

  it("makes speed-to-lead differ by owner and wait for the owner's business hours", () => {
    const touchesByLead = byLead(activities.filter((a) => a.automated === 'false' && a.lead_id));
    const delays = new Map<string, number[]>();
    let outOfHours = 0;
    let answeredInHours = 0;
    for (const [leadId, mqls] of byLead(stages.filter((s) => s.stage === 'mql'))) {
      const mqlAt = Date.parse(mqls[0]!.entered_at!);
      const first = (touchesByLead.get(leadId) ?? []).find((t) => Date.parse(t.occurred_at!) >= mqlAt);
      if (!first) continue;
      const zone = owners.get(first.owner_id!)!.timezone!;
      const at = Date.parse(first.occurred_at!);
      if (!isBusinessTime(zone, mqlAt)) {
        outOfHours++;
        if (isBusinessTime(zone, at)) answeredInHours++;
      }
      delays.set(first.owner_id!, [...(delays.get(first.owner_id!) ?? []), (at - mqlAt) / 60_000]);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Ana Ruiz is configured with a 4-minute typical response, Kavya Nair with 240 minutes
    expect(median(delays.get('Ana Ruiz')!)).toBeLessThan(median(delays.get('Kavya Nair')!));
    // night and weekend MQLs wait for the morning: their first touch lands inside working hours
    expect(outOfHours).toBeGreaterThan(50);
    expect(answeredInHours).toBe(outOfHours);
  });

  it('gives later winners more engagement before the MQL, and post-win product events after it', () => {
    const eventsByLead = byLead(engagement);
    const wonLeads = new Set(opportunities.filter((o) => o.is_won === 'true').map((o) => o.lead_id));
    const before = { won: [] as number[], other: [] as number[] };
    for (const [leadId, mqls] of byLead(stages.filter((s) => s.stage === 'mql'))) {
      const mqlAt = Date.parse(mqls[0]!.entered_at!);
      const n = (eventsByLead.get(leadId) ?? []).filter((e) => Date.parse(e.occurred_at!) <= mqlAt).length;
      (wonLeads.has(leadId) ? before.won : before.other).push(n);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(before.won)).toBeGreaterThan(mean(before.other) * 1.3);

    const customerAt = new Map(stages.filter((s) => s.stage === 'customer').map((s) => [s.lead_id, Date.parse(s.entered_at!)]));
    const leakage = engagement.filter(
      (e) =>
        ['completed_onboarding', 'invited_teammate'].includes(e.event_type!) &&
        customerAt.has(e.lead_id) &&
        Date.parse(e.occurred_at!) > customerAt.get(e.lead_id)!,
    );
    expect(leakage.length).toBeGreaterThan(10);
    expect(activities.some((a) => a.automated === 'true')).toBe(true);
  });
});
