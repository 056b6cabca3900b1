/**
 * The pipeline report's few aggregate rows shaped into its JSON contract: velocity, a group's win
 * rate, a stale or pushed deal. Pure functions of one row each.
 */
import { rate, wilson95 } from '../metrics/wilson.js';
import { day, num } from './sql.js';
import type { PipelineGroup, PushedDeal, StaleDeal, StaleReason, Velocity } from './types.js';

export interface RateRow {
  group_key: string | null;
  won: number;
  lost: number;
  won_amount: number | null;
  lost_amount: number | null;
  median_cycle_days: number | null;
  p90_cycle_days: number | null;
  open: number;
  open_amount: number | null;
  open_without_amount: number;
  trailing_won: number;
  trailing_lost: number;
  trailing_average_won_amount: number | null;
  trailing_average_cycle_days: number | null;
}

export const byAmount = (won: number | null, lost: number | null) => rate(won ?? 0, (won ?? 0) + (lost ?? 0));

/** Open deals × average won deal size × win rate ÷ average cycle days, from the trailing closes. */
export function velocityOf(row: RateRow | undefined): Omit<Velocity, 'from' | 'to'> {
  const winRate = rate(row?.trailing_won ?? 0, (row?.trailing_won ?? 0) + (row?.trailing_lost ?? 0));
  const size = row?.trailing_average_won_amount ?? null;
  const cycle = row?.trailing_average_cycle_days ?? null;
  const open = row?.open ?? 0;
  const velocityPerDay = winRate !== null && size !== null && cycle !== null && cycle > 0 ? (open * size * winRate) / cycle : null;
  return {
    openDeals: open,
    won: row?.trailing_won ?? 0,
    lost: row?.trailing_lost ?? 0,
    winRate,
    averageWonAmount: size,
    averageCycleDays: cycle,
    velocityPerDay,
  };
}

export function groupOf(row: RateRow): PipelineGroup {
  return {
    key: row.group_key ?? '(none)',
    won: row.won,
    lost: row.lost,
    winRate: rate(row.won, row.won + row.lost),
    winRateByAmount: byAmount(row.won_amount, row.lost_amount),
    ci95: wilson95(row.won, row.won + row.lost),
    wonAmount: row.won_amount ?? 0,
    lostAmount: row.lost_amount ?? 0,
    medianCycleDays: row.median_cycle_days,
    open: row.open,
    openAmount: row.open_amount ?? 0,
    openWithoutAmount: row.open_without_amount,
    velocityPerDay: velocityOf(row).velocityPerDay,
  };
}

export const pushedDeal = (p: Record<string, unknown>): PushedDeal => ({
  opportunityId: String(p.opportunity_id),
  name: (p.name as string | null) ?? null,
  owner: String(p.owner),
  team: String(p.team),
  stage: (p.stage_label as string | null) ?? null,
  state: String(p.kind),
  pushes: num(p.pushes),
  monthPushes: num(p.month_pushes),
  quarterPushes: num(p.quarter_pushes),
  pullIns: num(p.pull_ins),
  daysPushed: num(p.days_pushed),
  closeDateBefore: day(p.close_date_before),
  closeDate: day(p.close_date),
  amount: (p.amount as number | null) ?? null,
});

const orNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const staleDeal = (s: Record<string, unknown>): StaleDeal => ({
  opportunityId: String(s.opportunity_id),
  name: (s.name as string | null) ?? null,
  owner: String(s.owner),
  team: String(s.team),
  stage: String(s.stage),
  label: String(s.stage_label),
  reason: [...((s.reason as StaleReason[] | null) ?? [])],
  daysInStage: num(s.days_in_stage),
  thresholdDays: orNull(s.threshold_days),
  medianWonDays: orNull(s.median_won_days),
  multiplier: num(s.stale_multiplier),
  daysSinceChange: num(s.days_since_change),
  noChangeDays: orNull(s.no_change_days),
  amount: (s.amount as number | null) ?? null,
  closeDate: day(s.close_date),
});
