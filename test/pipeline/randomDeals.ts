/**
 * A seeded generator of deal histories for the pipeline's property tests: deals advance, skip,
 * win, lose, reopen, change amount (in cents) and move their close date at random. Each history
 * row carries the stage, amount and close date after the change, as OpportunityHistory does.
 */
import type { DealRow, HistoryRow } from './fixture.js';

/** mulberry32: a small deterministic generator, so a failure replays from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const openStageNames = ['Qualified', 'Discovery', 'Demo', 'Proposal', 'Negotiation'];
const DAY = 86_400_000;
const base = Date.parse('2023-06-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => iso(ms).slice(0, 10);

export function randomDeals(seed: number, count: number): { deals: DealRow[]; history: HistoryRow[] } {
  const random = seeded(seed);
  const int = (n: number) => Math.floor(random() * n);
  const deals: DealRow[] = [];
  const history: HistoryRow[] = [];
  for (let i = 0; i < count; i++) {
    const id = `D${String(i).padStart(4, '0')}`;
    let at = base + int(400) * DAY + int(86_400) * 1000;
    const created = at;
    let stage = int(3);
    let closed: 'won' | 'lost' | null = null;
    let amount: number | null = random() < 0.1 ? null : Math.round(random() * 5_000_000) / 100;
    let close = at + (20 + int(120)) * DAY;
    const push = () =>
      history.push({
        id,
        at: iso(at),
        stage: closed === 'won' ? 'Closed Won' : closed === 'lost' ? 'Closed Lost' : openStageNames[stage]!,
        amount,
        close: isoDay(close),
      });
    push();
    const steps = int(8);
    for (let s = 0; s < steps; s++) {
      at += (1 + int(25)) * DAY + int(86_400) * 1000;
      const roll = random();
      if (closed) {
        if (roll < 0.3) {
          closed = null; // reopened
          stage = int(5);
        } else continue;
      } else if (roll < 0.35) stage = Math.min(4, stage + 1 + int(2));
      else if (roll < 0.5) closed = 'won';
      else if (roll < 0.62) closed = 'lost';
      else if (roll < 0.8) close += (int(90) - 30) * DAY;
      else amount = amount === null ? Math.round(random() * 5_000_000) / 100 : Math.max(0, Math.round(amount * 100 + (int(200_000) - 100_000)) / 100);
      push();
    }
    const last = history[history.length - 1]!;
    deals.push({ id, stage: last.stage, created: iso(created), amount: last.amount ?? null, close: last.close ?? null });
  }
  return { deals, history };
}

/** The deal's row in force at an instant (its last change by then; before the first, the first). */
export function stateAt(history: HistoryRow[], at: number): HistoryRow | undefined {
  let state: HistoryRow | undefined;
  for (const row of history) if (Date.parse(row.at) <= at) state = row;
  return state;
}
