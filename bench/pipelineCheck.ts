/**
 * The pipeline report's JSON against its floor (bench/pipelineFloor.ts's bench_floor_* tables):
 * every figure and every listed deal, to 1e-9 relative for doubles (interpolated medians are
 * scaled from microseconds there), exactly for counts and cents. Returns the differences.
 */
import type { Warehouse } from '../src/db/connection.js';
import type { PipelineReport } from '../src/pipeline/types.js';

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export async function compareWithFloor(wh: Warehouse, report: PipelineReport): Promise<string[]> {
  const diffs: string[] = [];
  const close = (a: unknown, b: unknown): boolean =>
    a === b ||
    (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))) ||
    (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => close(x ?? null, b[i] ?? null)));
  const same = (what: string, ours: unknown, theirs: unknown) => {
    if (!close(ours ?? null, theirs ?? null)) diffs.push(`${what}: report ${JSON.stringify(ours)}, floor ${JSON.stringify(theirs)}`);
  };
  const table = (name: string) => wh.all<Row>(`select * from ${name}`);
  const byKey = (rows: Row[], key: (r: Row) => string) => new Map(rows.map((r) => [key(r), r]));

  // win rate, cycle, open pipeline, velocity: overall and per group
  const rates = await table('bench_floor_rates');
  const velocityOf = (r: Row) => {
    const [won, lost, size, cycle] = [num(r.trailing_won)!, num(r.trailing_lost)!, num(r.trailing_average_won_amount), num(r.trailing_average_cycle_days)];
    return won + lost > 0 && size !== null && cycle !== null && cycle > 0 ? (num(r.open)! * size * (won / (won + lost))) / cycle : null;
  };
  const overall = rates.find((r) => r.group_key === null)!;
  const s = report.summary;
  same('won', s.won, num(overall.won));
  same('lost', s.lost, num(overall.lost));
  const wonAmount = num(overall.won_amount) ?? 0;
  const lostAmount = num(overall.lost_amount) ?? 0;
  same('win rate by amount', s.winRateByAmount, wonAmount + lostAmount > 0 ? wonAmount / (wonAmount + lostAmount) : null);
  same('open', s.open, num(overall.open));
  same('open amount', s.openAmount, num(overall.open_amount) ?? 0);
  same('open without amount', s.openWithoutAmount, num(overall.open_without_amount));
  same('median cycle days', s.medianCycleDays, num(overall.median_cycle_days));
  same('p90 cycle days', s.p90CycleDays, num(overall.p90_cycle_days));
  same('snoozed', s.snoozed, num(overall.snoozed));
  same('velocity per day', s.velocityPerDay, velocityOf(overall));
  same('velocity won', report.velocity.won, num(overall.trailing_won));
  same('velocity lost', report.velocity.lost, num(overall.trailing_lost));
  same('velocity average won amount', report.velocity.averageWonAmount, num(overall.trailing_average_won_amount));
  same('velocity average cycle days', report.velocity.averageCycleDays, num(overall.trailing_average_cycle_days));
  same('data freshness', report.dataFreshness, overall.freshest ? new Date(overall.freshest as Date).toISOString() : null);
  const groups = rates.filter((r) => r.group_key !== null);
  same('groups', report.groups.map((g) => g.key).sort(), groups.map((g) => String(g.group_key)).sort());
  for (const g of report.groups) {
    const f = groups.find((r) => r.group_key === g.key);
    if (!f) continue;
    same(
      `group ${g.key}`,
      [g.won, g.lost, g.wonAmount, g.lostAmount, g.open, g.openAmount, g.openWithoutAmount],
      [num(f.won), num(f.lost), num(f.won_amount) ?? 0, num(f.lost_amount) ?? 0, num(f.open), num(f.open_amount) ?? 0, num(f.open_without_amount)],
    );
    same(`group ${g.key} median cycle`, g.medianCycleDays, num(f.median_cycle_days));
    same(`group ${g.key} velocity`, g.velocityPerDay, velocityOf(f));
  }

  // stage funnel and time in stage
  const funnel = byKey(await table('bench_floor_stages'), (r) => String(r.stage));
  const times = byKey(await table('bench_floor_time_in_stage'), (r) => String(r.stage));
  same('stages', report.stages.map((st) => st.stage).sort(), [...funnel.keys()].sort());
  for (const st of report.stages) {
    const f = funnel.get(st.stage);
    if (f)
      same(
        `stage ${st.stage} funnel`,
        [st.reached, st.impliedBySkip, st.lostHere, st.openNow],
        [f.reached, f.implied_by_skip, f.lost_here, f.open_now].map(num),
      );
    const t = times.get(st.stage);
    same(`stage ${st.stage} stays`, [st.endedStays, st.openStays], [num(t?.ended_stays) ?? 0, num(t?.open_stays) ?? 0]);
    same(`stage ${st.stage} median days`, st.medianDaysInStage, num(t?.median_days));
    same(`stage ${st.stage} p90 days`, st.p90DaysInStage, num(t?.p90_days));
    same(`stage ${st.stage} median ended days`, st.medianEndedDays, num(t?.median_ended_days));
    same(`stage ${st.stage} median open days`, st.medianOpenDays, num(t?.median_open_days));
  }

  // open pipeline by stage and age
  const open = byKey(await table('bench_floor_open'), (r) => `${r.stage} ${r.age_bucket}`);
  same('open pipeline cells', report.openPipeline.length, open.size);
  for (const o of report.openPipeline) {
    const f = open.get(`${o.stage} ${o.ageBucket}`);
    same(`open pipeline ${o.stage} ${o.ageBucket}`, [o.deals, o.amount, o.withoutAmount], f ? [num(f.deals), num(f.amount), num(f.without_amount)] : null);
  }

  // every stale deal, with its rules and days
  const stale = byKey(await table('bench_floor_stale'), (r) => String(r.id));
  same('stale deals', report.stale.length, stale.size);
  for (const d of report.stale) {
    const f = stale.get(d.opportunityId);
    if (!f) {
      diffs.push(`stale ${d.opportunityId}: not in the floor`);
      continue;
    }
    const reason = [f.slow_stage ? 'slow-stage' : null, f.no_change ? 'no-change' : null].filter(Boolean);
    same(
      `stale ${d.opportunityId}`,
      [d.reason, d.daysInStage, d.thresholdDays, d.daysSinceChange, d.noChangeDays],
      [reason, num(f.days_in_stage), num(f.threshold_days), num(f.days_since_change), num(f.no_change_days)],
    );
  }

  // close-date pushes: the totals and every deal pushed twice or more
  const pushes = await table('bench_floor_pushes');
  const total = (key: string, filter: (r: Row) => boolean = () => true) => pushes.filter(filter).reduce((n, r) => n + num(r[key])!, 0);
  const t = report.pushTotals;
  same(
    'push totals',
    [t.dealsMoved, t.dealsPushed, t.dealsPushedTwice, t.pushes, t.monthPushes, t.quarterPushes, t.pullIns],
    [
      pushes.length,
      pushes.filter((r) => num(r.pushes)! > 0).length,
      pushes.filter((r) => num(r.pushes)! >= 2).length,
      total('pushes'),
      total('month_pushes'),
      total('quarter_pushes'),
      total('pull_ins'),
    ],
  );
  const pushed = byKey(
    pushes.filter((r) => num(r.pushes)! >= 2),
    (r) => String(r.id),
  );
  same('deals pushed twice', report.pushes.length, pushed.size);
  for (const p of report.pushes) {
    const f = pushed.get(p.opportunityId);
    same(
      `pushed ${p.opportunityId}`,
      [p.pushes, p.monthPushes, p.quarterPushes, p.pullIns, p.daysPushed, p.closeDateBefore],
      f ? [num(f.pushes), num(f.month_pushes), num(f.quarter_pushes), num(f.pull_ins), num(f.days_pushed), day(f.close_date_before)] : null,
    );
  }

  // the waterfall: every bucket in cents and deals, and every deal's entry, exit and change
  const moves = await table('bench_floor_waterfall');
  const bucket = (deals: Row[], cents: (r: Row) => number) => [deals.length, deals.reduce((n, r) => n + cents(r), 0)];
  const entry = (r: Row) => num(r.entry_cents)!;
  const end = (r: Row) => num(r.end_cents)!;
  const change = (r: Row) => num(r.change_cents)!;
  const floorBuckets: Record<string, number[]> = {
    start: bucket(
      moves.filter((r) => r.entry === 'start'),
      entry,
    ),
    new: bucket(
      moves.filter((r) => r.entry === 'new'),
      entry,
    ),
    pulled_in: bucket(
      moves.filter((r) => r.entry === 'pulled_in'),
      entry,
    ),
    increased: bucket(
      moves.filter((r) => change(r) > 0),
      change,
    ),
    won: bucket(
      moves.filter((r) => r.exit === 'won'),
      end,
    ),
    lost: bucket(
      moves.filter((r) => r.exit === 'lost'),
      end,
    ),
    pushed_out: bucket(
      moves.filter((r) => r.exit === 'pushed_out'),
      end,
    ),
    pulled_out: bucket(
      moves.filter((r) => r.exit === 'pulled_out'),
      end,
    ),
    decreased: bucket(
      moves.filter((r) => change(r) < 0),
      (r) => -change(r),
    ),
    end: bucket(
      moves.filter((r) => r.exit === 'end'),
      end,
    ),
  };
  for (const b of report.waterfall.buckets) same(`waterfall ${b.bucket}`, [b.deals, b.cents], floorBuckets[b.bucket]);
  same('waterfall stage moves', report.waterfall.stageMoves, moves.filter((r) => r.stage_moved && r.exit === 'end').length);
  if (!report.waterfall.reconciled) diffs.push('the waterfall does not reconcile');
  const wf = byKey(moves, (r) => String(r.id));
  same('waterfall deals', report.waterfall.deals.length, wf.size);
  for (const d of report.waterfall.deals) {
    const f = wf.get(d.opportunityId);
    same(
      `waterfall ${d.opportunityId}`,
      [d.entry, d.exit, d.startAmount, d.endAmount, Math.round(d.change * 100), d.startCloseDate, d.endCloseDate, d.stageMoved],
      f ? [f.entry, f.exit, num(f.start_amount), num(f.end_amount), change(f), day(f.start_close), day(f.end_close), Boolean(f.stage_moved)] : null,
    );
  }
  return diffs;
}
