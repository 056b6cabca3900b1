/**
 * Cross-check on random data: the one-pass sweep (cumulative counts over sorted scores), the
 * deciles and the rank-based AUC must equal a naive recount per threshold, per decile and per
 * pair, computed in TypeScript from the scored leads.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/scoring/backtest.js';
import { backtestSpec } from '../../src/scoring/backtestSpec.js';
import type { Partition } from '../../src/scoring/backtestTypes.js';
import { openTestWarehouse } from '../helpers/db.js';
import { addEvents, addFields, model } from './rows.js';
import { addJourney, buildMarts } from './backtestRows.js';

const randomModel = model({
  name: 'random',
  threshold: 35,
  fitMinimum: 10,
  engagementMinimum: 5,
  fit: [{ id: 'software', field: 'industry', condition: { equals: 'Software' }, points: 10 }],
  engagement: [
    { id: 'visit', event: 'page_view', points: 5, perOccurrence: true, cap: 25 },
    { id: 'demo', event: 'form_fill', points: 30 },
  ],
  negative: [{ id: 'bounce', event: 'hard_bounce', points: -20 }],
});

/** mulberry32: a tiny seeded generator, so the "random" cohort is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();

describe('backtest cross-check', () => {
  it('matches a naive recount per threshold, decile and pair', async () => {
    const wh = await openTestWarehouse();
    const random = seeded(20240611);
    for (let i = 0; i < 240; i++) {
      const id = `R${String(i).padStart(3, '0')}`;
      const created = Math.floor(random() * 200);
      const stages: [string, string][] = [['lead', day(created)]];
      if (random() < 0.3) stages.push(['customer', day(created + 1 + Math.floor(random() * 50))]);
      await addJourney(wh, { lead_id: id, account_id: `A${i % 150}` }, stages);
      if (random() < 0.5) await addFields(wh, id, { industry: 'Software' });
      const events: [string, string][] = [];
      for (let k = Math.floor(random() * 7); k > 0; k--) events.push(['page_view', day(created - Math.floor(random() * 10))]);
      if (random() < 0.3) events.push(['form_fill', day(created)]);
      if (random() < 0.1) events.push(['hard_bounce', day(created)]);
      await addEvents(wh, id, events);
    }
    await buildMarts(wh);
    // decided at creation + 1 day, so events on the creation day count
    const spec = backtestSpec({ decision: 'created+1d', horizon: '30d', holdoutFrom: '2024-05-01', asOf: '2024-12-31' });
    const {
      models: [result],
    } = await runBacktest(wh, spec, { current: randomModel });

    const scored = await wh.all<{ lead_id: string; partition: Partition; won: boolean; score: number; fit_points: number; engagement_points: number }>(
      `select c.lead_id, c.partition, c.won, s.score, s.fit_points, s.engagement_points
       from backtest_split c join backtest_scores_current s using (lead_id, decided_at) where c.status = 'resolved'`,
    );
    for (const partition of ['development', 'holdout'] as const) {
      const leads = scored.filter((r) => r.partition === partition);
      const wins = leads.filter((r) => r.won).length;
      expect(leads.length).toBeGreaterThan(40);
      expect(wins).toBeGreaterThan(5);

      const flaggable = leads.filter((r) => r.fit_points >= 10 && r.engagement_points >= 5);
      const thresholds = [...new Set(flaggable.map((r) => r.score))].sort((a, b) => b - a);
      const naiveSweep = thresholds.map((t) => {
        const flagged = flaggable.filter((r) => r.score >= t);
        return [t, flagged.length, flagged.filter((r) => r.won).length];
      });
      expect(thresholds.length).toBeGreaterThan(5);
      const sweep = result!.sweep.filter((s) => s.partition === partition);
      expect(sweep.map((s) => [s.threshold, s.flagged, s.truePositives])).toEqual(naiveSweep);
      const atThreshold = flaggable.filter((r) => r.score >= 35);
      expect(result![partition]).toMatchObject({ flagged: atThreshold.length, truePositives: atThreshold.filter((r) => r.won).length });

      // AUC: every (win, non-win) pair, 1 when the win scores higher, ½ on a tie
      let pairs = 0;
      for (const w of leads.filter((r) => r.won)) for (const l of leads.filter((r) => !r.won)) pairs += w.score > l.score ? 1 : w.score === l.score ? 0.5 : 0;
      expect(result![partition].auc).toBeCloseTo(pairs / (wins * (leads.length - wins)), 12);

      // deciles: sorted score desc then id; the first n % 10 deciles hold one lead more
      const sorted = [...leads].sort((a, b) => b.score - a.score || a.lead_id.localeCompare(b.lead_id));
      const naiveDeciles: number[][] = [];
      for (let d = 0, start = 0; d < 10; d++) {
        const size = Math.floor(sorted.length / 10) + (d < sorted.length % 10 ? 1 : 0);
        const members = sorted.slice(start, start + size);
        start += size;
        naiveDeciles.push([d + 1, members.length, members.filter((r) => r.won).length]);
      }
      expect(result!.deciles.filter((d) => d.partition === partition).map((d) => [d.decile, d.leads, d.positives])).toEqual(naiveDeciles);
    }

    // a threshold-only candidate reuses the current scores; it must equal scoring it on its own
    const candidate = { ...randomModel, version: '2', threshold: 20, engagementMinimum: 10 };
    const both = await runBacktest(wh, spec, { current: randomModel, candidate });
    const alone = await runBacktest(wh, spec, { current: candidate });
    const { role: _role, ...reused } = both.models[1]!;
    const { role: _alone, ...independent } = alone.models[0]!;
    expect(reused).toEqual(independent);
    expect(reused.holdout.flagged).toBeGreaterThan(result!.holdout.flagged);
  });
});
