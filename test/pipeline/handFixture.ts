/**
 * The hand-computed pipeline: eight deals whose every figure is worked out in
 * test/pipeline/metrics.test.ts. Window 2024-01-01 – 2024-03-31, as of 2024-04-01 00:00 UTC.
 *  W1  Qualified → Discovery → Proposal (skips Demo) → won 02-20; 1000; cycle 50 days
 *  W2  every stage → won 03-10; 2000 → 3000 on 02-14; close date pulled in 03-31 → 03-10
 *  L1  Qualified → Discovery → lost 02-08 (dies at Discovery); 500
 *  R1  Qualified → lost 02-01 → reopened in Qualified 02-15; close date pushed 03-15 → 05-15
 *      (crosses a quarter) then → 06-30 (a month); 800
 *  O1  Qualified → Discovery 01-03, still there (89 days, longer than every ended stay); no amount
 *  O2  created 02-01, Qualified → Proposal 02-25 (skips Discovery and Demo); 1500; close 04-30
 *  S1  created 2023-12-01 in Proposal, close 03-20; on 03-05 pushed to 04-15 and cut to 2000
 *  P1  created 2023-12-15 in Discovery, close 05-31, 700; on 02-10 pulled in to 03-25 and raised to 900
 */
import { Warehouse } from '../../src/db/connection.js';
import { type DealRow, type HistoryRow, insertDeals, insertOwners } from './fixture.js';

export const handDeals: DealRow[] = [
  { id: 'W1', name: 'Acme renewal', stage: 'Closed Won', created: '2024-01-01', amount: 1000, close: '2024-02-20', leadId: 'L-w1' },
  { id: 'W2', stage: 'Closed Won', created: '2024-01-10', amount: 3000, close: '2024-03-10', leadId: 'L-w2' },
  { id: 'L1', stage: 'Closed Lost', created: '2024-01-05', amount: 500, close: '2024-02-28', leadId: 'L-l1' },
  { id: 'R1', stage: 'Qualification', created: '2024-01-20', amount: 800, close: '2024-06-30' },
  { id: 'O1', name: '<script>alert(1)</script>', stage: 'qualifiedtobuy', created: '2024-01-02', amount: null, close: '2024-03-20', owner: 'o2' },
  { id: 'O2', stage: 'Proposal/Price Quote', created: '2024-02-01', amount: 1500, close: '2024-04-30' },
  { id: 'S1', stage: 'decisionmakerboughtin', created: '2023-12-01', amount: 2000, close: '2024-04-15' },
  { id: 'P1', stage: 'Needs Analysis', created: '2023-12-15', amount: 900, close: '2024-03-25' },
];

const h = (id: string, at: string, stage: string, amount: number | null, close: string): HistoryRow => ({ id, at, stage, amount, close });

export const handHistory: HistoryRow[] = [
  h('W1', '2024-01-01', 'Prospecting', 1000, '2024-02-20'),
  h('W1', '2024-01-11', 'Needs Analysis', 1000, '2024-02-20'),
  h('W1', '2024-01-21', 'Proposal/Price Quote', 1000, '2024-02-20'),
  h('W1', '2024-02-20', 'Closed Won', 1000, '2024-02-20'),
  h('W2', '2024-01-10', 'appointmentscheduled', 2000, '2024-03-31'),
  h('W2', '2024-01-15', 'qualifiedtobuy', 2000, '2024-03-31'),
  h('W2', '2024-01-25', 'presentationscheduled', 2000, '2024-03-31'),
  h('W2', '2024-02-04', 'decisionmakerboughtin', 2000, '2024-03-31'),
  h('W2', '2024-02-14', 'contractsent', 3000, '2024-03-31'),
  h('W2', '2024-03-10', 'closedwon', 3000, '2024-03-10'),
  h('L1', '2024-01-05', 'Qualified', 500, '2024-02-28'),
  h('L1', '2024-01-09', 'Discovery', 500, '2024-02-28'),
  h('L1', '2024-02-08', 'Closed Lost', 500, '2024-02-28'),
  h('R1', '2024-01-20', 'Qualification', 800, '2024-03-15'),
  h('R1', '2024-02-01', 'Closed Lost', 800, '2024-03-15'),
  h('R1', '2024-02-15', 'Qualification', 800, '2024-05-15'),
  h('R1', '2024-03-01', 'Qualification', 800, '2024-06-30'),
  h('O1', '2024-01-02', 'appointmentscheduled', null, '2024-03-20'),
  h('O1', '2024-01-03', 'qualifiedtobuy', null, '2024-03-20'),
  h('O2', '2024-02-01', 'Qualified', 1500, '2024-04-30'),
  h('O2', '2024-02-25', 'Proposal/Price Quote', 1500, '2024-04-30'),
  h('S1', '2023-12-01', 'decisionmakerboughtin', 2500, '2024-03-20'),
  h('S1', '2024-03-05', 'decisionmakerboughtin', 2000, '2024-04-15'),
  h('P1', '2023-12-15', 'Needs Analysis', 700, '2024-05-31'),
  h('P1', '2024-02-10', 'Needs Analysis', 900, '2024-03-25'),
];

/** A fresh in-memory warehouse holding the hand-computed deals, their owners and the leads they came from. */
export async function handWarehouse(): Promise<Warehouse> {
  const wh = await Warehouse.open({ path: ':memory:' });
  await insertDeals(wh, handDeals, handHistory);
  await insertOwners(wh, [
    { id: 'o1', name: 'Dana Reyes', team: 'East' },
    { id: 'o2', name: 'Sam <b>Lee</b>', team: 'West' },
  ]);
  await wh.run(
    `insert into leads (lead_id, source_system, source, load_id) values ('L-w1', 'x', 'Webinar', 1), ('L-w2', 'x', 'Webinar', 1), ('L-l1', 'x', 'Paid', 1)`,
  );
  return wh;
}
