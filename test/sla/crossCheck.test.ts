/**
 * Cross-check: SLA verdicts from the SQL (sla_outcomes) against an independent computation in
 * JavaScript on seeded random data. The reference finds first touches and decisions by scanning
 * each lead's rows, and business time with the minute-by-minute grid of test/calendar/reference.ts
 * (Intl wall clocks, not DuckDB's ICU, not the interval table).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { buildModels } from '../../src/models/build.js';
import { resolveSlas } from '../../src/sla/definitions.js';
import { buildSlaOutcomes } from '../../src/sla/outcomes.js';
import { MinuteGrid, seededRandom } from '../calendar/reference.js';
import { openTestWarehouse } from '../helpers/db.js';

const MIN = 60_000;
const nineToFive: [string, string][] = [['09:00', '17:00']];
const hours = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] };
const holiday = '2024-04-19'; // a company day off, local date in every calendar
const config = parseConfig({
  timezone: 'America/New_York',
  calendar: { holidays: { extraDates: [holiday] } },
  slas: [
    { name: 'first_touch', start: { kind: 'stage', stage: 'mql' }, end: { kind: 'touch' }, target: { amount: 4, unit: 'businessHours' } },
    {
      name: 'decision',
      start: { kind: 'stage', stage: 'mql' },
      end: { kind: 'stage', stages: ['sql', 'disqualified', 'recycled'] },
      target: { amount: 48, unit: 'hours' },
    },
  ],
});
const owners = [
  { id: 'O-NY', zone: 'America/New_York' },
  { id: 'O-BER', zone: 'Europe/Berlin' },
  { id: 'O-SYD', zone: 'Australia/Sydney' },
];
const from = Date.parse('2024-04-01T00:00:00Z');
const asOf = Date.parse('2024-04-26T12:00:00Z');
const gridStart = from - 2 * 86_400_000;
const grids = new Map(owners.map((o) => [o.zone, new MinuteGrid({ timezone: o.zone, hours, holidays: [holiday] }, gridStart, 40 * 1440)]));

interface Row {
  lead: string;
  owner: string | null;
  stage: string;
  at: number;
}
interface Activity {
  lead: string;
  type: string;
  automated: boolean;
  at: number;
}

function generate(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const stages: Row[] = [];
  const activities: Activity[] = [];
  const leadOwner = new Map<string, string | null>();
  for (let i = 0; i < 160; i++) {
    const lead = `R${String(i).padStart(3, '0')}`;
    const owner = random() < 0.1 ? null : pick(owners).id;
    leadOwner.set(lead, owner);
    let at = from + Math.floor(random() * 24 * 1440) * MIN;
    stages.push({ lead, owner, stage: 'mql', at });
    for (let k = 0; k < 3; k++) {
      const activityAt = at + Math.floor((random() * 4 - 0.3) * 1440) * MIN;
      activities.push({ lead, type: pick(['call', 'email', 'meeting', 'sms', 'other']), automated: random() < 0.2, at: activityAt });
    }
    const decision = random();
    if (decision < 0.7) {
      at += Math.floor(random() * 4 * 1440) * MIN;
      const stage = pick(['sql', 'disqualified', 'recycled']);
      stages.push({ lead, owner, stage, at });
      if (stage === 'recycled' && random() < 0.6) stages.push({ lead, owner, stage: 'mql', at: at + Math.floor(random() * 3 * 1440 + 1) * MIN });
    }
  }
  return { stages, activities, leadOwner };
}

async function insert(wh: Warehouse, data: ReturnType<typeof generate>) {
  await wh.run(`insert into owners (owner_id, name, team, timezone, load_id) select unnest($1), unnest($1), 'SDR', unnest($2), 1`, [
    owners.map((o) => o.id),
    owners.map((o) => o.zone),
  ]);
  const leads = [...data.leadOwner.entries()];
  // a list parameter takes its type from its first element: owner-less leads go in as '' (a null first would null them all)
  await wh.run(`insert into leads (lead_id, source_system, owner_id, load_id) select unnest($1), 'canonical', nullif(unnest($2), ''), 1`, [
    leads.map(([l]) => l),
    leads.map(([, o]) => o ?? ''),
  ]);
  await wh.run(`insert into stage_events (lead_id, stage_raw, entered_at, origin, load_id) select unnest($1), unnest($2), unnest($3), 'canonical', 1`, [
    data.stages.map((s) => s.lead),
    data.stages.map((s) => s.stage),
    data.stages.map((s) => new Date(s.at)),
  ]);
  const acts = data.activities;
  await wh.run(
    `insert into activities (activity_id, lead_id, owner_id, type, occurred_at, automated, load_id)
    select 'A' || cast(unnest($1) as varchar), unnest($2), 'O-NY', unnest($3), unnest($4), unnest($5), 1`,
    [acts.map((_, i) => i), acts.map((a) => a.lead), acts.map((a) => a.type), acts.map((a) => new Date(a.at)), acts.map((a) => a.automated)],
  );
}

/** The reference verdicts, keyed "sla|lead|start". */
function reference(data: ReturnType<typeof generate>): Map<string, { status: string; businessMinutes: number | null }> {
  const out = new Map<string, { status: string; businessMinutes: number | null }>();
  for (const [lead, owner] of data.leadOwner) {
    const zone = owners.find((o) => o.id === owner)?.zone ?? 'America/New_York';
    const grid = grids.get(zone)!;
    const entries = data.stages.filter((s) => s.lead === lead).sort((a, b) => a.at - b.at);
    const mqls = entries.filter((e) => e.stage === 'mql');
    mqls.forEach((mql, i) => {
      const next = mqls[i + 1]?.at ?? Infinity;
      if (mql.at > asOf) return;
      const inInstance = (t: number) => t >= mql.at && t <= asOf && t < next;
      const touches = data.activities.filter((a) => a.lead === lead && !a.automated && a.type !== 'other' && inInstance(a.at)).map((a) => a.at);
      const touch = touches.length ? Math.min(...touches) : null;
      const deadline = grid.deadline(grid.clockStart(mql.at), 240);
      const status = touch !== null ? (touch <= deadline ? 'met' : 'breached') : deadline > asOf ? 'pending' : 'breached';
      out.set(`first_touch|${lead}|${mql.at}`, { status, businessMinutes: touch === null ? null : grid.businessMinutes(mql.at, touch) });
      const decisions = entries.filter((e) => e.stage !== 'mql' && inInstance(e.at)).map((e) => e.at);
      const decided = decisions.length ? Math.min(...decisions) : null;
      const due = mql.at + 48 * 60 * MIN;
      const verdict = decided !== null ? (decided <= due ? 'met' : 'breached') : due > asOf ? 'pending' : 'breached';
      out.set(`decision|${lead}|${mql.at}`, { status: verdict, businessMinutes: null });
    });
  }
  return out;
}

describe('SLA verdicts cross-check', () => {
  it.each([7, 2024])(
    'agree with the JS reference on seeded data (seed %i)',
    async (seed) => {
      const data = generate(seed);
      const wh = await openTestWarehouse();
      await insert(wh, data);
      await buildModels(wh, config, { force: true });
      const window = { from: new Date(from), to: new Date(asOf), asOf: new Date(asOf) };
      await buildSlaOutcomes(wh, config, { window, slas: resolveSlas(config) });
      const rows = await wh.all<{ sla_name: string; lead_id: string; start_ms: number; status: string | null; business_minutes: number | null }>(
        `select sla_name, lead_id, epoch_ms(start_at)::double as start_ms, status, business_minutes from sla_outcomes`,
      );
      const expected = reference(data);
      const actual = new Map(rows.map((r) => [`${r.sla_name}|${r.lead_id}|${r.start_ms}`, { status: r.status!, businessMinutes: r.business_minutes }]));
      expect(actual.size).toBe(expected.size);
      expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
      // the data exercises every verdict
      const statuses = new Set([...expected.values()].map((v) => v.status));
      expect([...statuses].sort()).toEqual(['breached', 'met', 'pending']);
    },
    60_000,
  );
});
