/**
 * The pipeline report on seeded random deals: the waterfall identity holds exactly in cents, its
 * start and end equal a plain recount of the deals open with a close date in the period at each
 * instant, and win rate and cycle equal a naive recomputation over the fixture rows (plain
 * JavaScript here in the test; the product computes them in SQL).
 */
import { describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { parseConfig } from '../../src/config/config.js';
import type { HistoryRow } from './fixture.js';
import { insertDeals } from './fixture.js';
import { openTestWarehouse } from '../helpers/db.js';
import { randomDeals, stateAt } from './randomDeals.js';

const cents = (amount: number | null | undefined) => Math.round((amount ?? 0) * 100);
const closedKinds = new Set(['Closed Won', 'Closed Lost']);

function byDeal(history: HistoryRow[]): Map<string, HistoryRow[]> {
  const map = new Map<string, HistoryRow[]>();
  for (const row of history) map.set(row.id, [...(map.get(row.id) ?? []), row]);
  return map;
}

/** When the deal entered the closed stage it is in at the as-of (the first row of its last run). */
function closedAt(rows: HistoryRow[], asOf: number): { stage: string; at: number } | null {
  const upTo = rows.filter((r) => Date.parse(r.at) <= asOf);
  const last = upTo.at(-1);
  if (!last || !closedKinds.has(last.stage)) return null;
  let i = upTo.length - 1;
  while (i > 0 && upTo[i - 1]!.stage === last.stage) i--;
  return { stage: last.stage, at: Date.parse(upTo[i]!.at) };
}

describe.each([7, 42, 2024])('pipeline on random deals (seed %i)', (seed) => {
  it('reconciles the waterfall to the cent and agrees with a naive recount', async () => {
    const { deals, history } = randomDeals(seed, 600);
    const wh = await openTestWarehouse();
    await insertDeals(wh, deals, history);
    const report = await pipelineOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-03-31', asOf: '2024-06-30' });

    const buckets = Object.fromEntries(report.waterfall.buckets.map((b) => [b.bucket, b]));
    const moves = report.waterfall.buckets.reduce((n, b) => n + b.sign * b.cents, 0);
    expect(buckets.start!.cents + moves).toBe(buckets.end!.cents);
    expect(report.waterfall.reconciled).toBe(true);
    expect(buckets.start!.deals).toBeGreaterThan(20);
    expect(buckets.won!.deals + buckets.lost!.deals + buckets.pushed_out!.deals).toBeGreaterThan(10);

    const start = Date.parse('2024-01-01T00:00:00Z');
    const end = Date.parse('2024-04-01T00:00:00Z');
    const inPeriod = (row: HistoryRow | undefined) => !!row && !closedKinds.has(row.stage) && row.close! >= '2024-01-01' && row.close! <= '2024-03-31';
    const created = new Map(deals.map((d) => [d.id, Date.parse(d.created)]));
    const histories = byDeal(history);
    let startCents = 0;
    let endCents = 0;
    for (const [id, rows] of histories) {
      const s = created.get(id)! <= start ? (stateAt(rows, start) ?? rows[0]) : undefined;
      const e = created.get(id)! <= end ? (stateAt(rows, end) ?? rows[0]) : undefined;
      if (inPeriod(s)) startCents += cents(s!.amount);
      if (inPeriod(e)) endCents += cents(e!.amount);
    }
    expect(buckets.start!.cents).toBe(startCents);
    expect(buckets.end!.cents).toBe(endCents);
  });

  it('gives the win rate and cycle a naive recomputation gives', async () => {
    const { deals, history } = randomDeals(seed, 600);
    const wh = await openTestWarehouse();
    await insertDeals(wh, deals, history);
    const report = await pipelineOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-06-30', asOf: '2024-06-30' });
    const from = Date.parse('2024-01-01T00:00:00Z');
    const to = Date.parse('2024-07-01T00:00:00Z');
    const created = new Map(deals.map((d) => [d.id, Date.parse(d.created)]));
    let won = 0;
    let lost = 0;
    let wonAmount = 0;
    let lostAmount = 0;
    const cycles: number[] = [];
    for (const [id, rows] of byDeal(history)) {
      const closed = closedAt(rows, to);
      if (!closed || closed.at < from || closed.at >= to) continue;
      const amount = stateAt(rows, to)!.amount ?? 0;
      if (closed.stage === 'Closed Won') {
        won++;
        wonAmount += amount;
        cycles.push((closed.at - created.get(id)!) / 86_400_000);
      } else {
        lost++;
        lostAmount += amount;
      }
    }
    cycles.sort((a, b) => a - b);
    const median = cycles.length % 2 ? cycles[(cycles.length - 1) / 2]! : (cycles[cycles.length / 2 - 1]! + cycles[cycles.length / 2]!) / 2;
    expect(won + lost).toBeGreaterThan(50);
    expect([report.summary.won, report.summary.lost]).toEqual([won, lost]);
    expect(report.summary.winRate).toBe(won / (won + lost));
    expect(report.summary.winRateByAmount).toBeCloseTo(wonAmount / (wonAmount + lostAmount), 12);
    expect(report.summary.medianCycleDays).toBeCloseTo(median, 9);
  });
});
