/**
 * The hand-computed cohort of backtestCohort.test.ts: twelve leads with known scores, wins and
 * real MQL routing, shared by the metric and report tests.
 */
import type { Warehouse } from '../../src/db/connection.js';
import { backtestSpec } from '../../src/scoring/backtestSpec.js';
import { addEvents, model } from './rows.js';
import { addJourney, buildMarts } from './backtestRows.js';

export const simple = model({
  name: 'simple',
  threshold: 40,
  engagement: [
    { id: 'demo', event: 'form_fill', points: 30 },
    { id: 'pricing', event: 'page_view', points: 20 },
    { id: 'webinar', event: 'webinar_attended', points: 10 },
  ],
});

// [lead, events before the decision, won, really became MQL]; all created 2024-01-10, decided
// created+7d = 01-17, wins enter Customer on 03-01 (44 days later, inside the 90d horizon).
export const handCohort: [string, string[], boolean, boolean][] = [
  ['L01', ['form_fill', 'page_view', 'webinar_attended'], true, true], // 60
  ['L02', ['form_fill', 'page_view'], true, true], // 50
  ['L03', ['form_fill', 'page_view'], false, true], // 50
  ['L04', ['form_fill', 'webinar_attended'], true, false], // 40
  ['L05', ['form_fill'], false, true], // 30
  ['L06', ['form_fill'], true, false], // 30
  ['L07', ['page_view'], false, true], // 20
  ['L08', ['webinar_attended'], false, false], // 10
  ['L09', ['webinar_attended'], true, false], // 10
  ['L10', [], false, false], // 0
  ['L11', [], false, false],
  ['L12', [], false, false],
];

export async function seedHandCohort(wh: Warehouse): Promise<void> {
  for (const [id, events, won, routed] of handCohort) {
    const stages: [string, string][] = [['lead', '2024-01-10 00:00']];
    if (routed) stages.push(['mql', '2024-01-20 00:00']);
    if (won) stages.push(['sql', '2024-02-01 00:00'], ['customer', '2024-03-01 00:00']);
    await addJourney(wh, { lead_id: id, account_id: `A-${id}` }, stages);
    await addEvents(
      wh,
      id,
      events.map((e): [string, string] => [e, '2024-01-12 10:00']),
    );
  }
  await buildMarts(wh);
}

export const handSpec = backtestSpec({ target: 'customer', horizon: '90d', decision: 'created+7d', holdoutFrom: '2024-01-01', asOf: '2024-12-31' });
