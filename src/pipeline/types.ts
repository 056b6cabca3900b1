/**
 * The pipeline report's JSON contract (docs/pipeline.md). Values keep full double precision; the
 * table, CSV and HTML round when they show them. Amounts are in the CRM's currency as exported.
 */

export type Interval95 = [number, number] | null;

export interface PipelineSummary {
  /** deals closed won / lost in the window (as of the as-of) */
  won: number;
  lost: number;
  winRate: number | null;
  winRateByAmount: number | null;
  /** deals open at the as-of, every one; openAmount sums the valued ones */
  open: number;
  openAmount: number;
  openWithoutAmount: number;
  /** created → won, days, over the deals won in the window */
  medianCycleDays: number | null;
  p90CycleDays: number | null;
  velocityPerDay: number | null;
  /** open deals with a resume date after the as-of (dealStages.snoozeFields): never flagged stale */
  snoozed: number;
  ci95: { winRate: Interval95 };
}

export interface PipelineStage {
  stage: string;
  label: string;
  reached: number;
  conversionFromPrevious: number | null;
  ci95: Interval95;
  impliedBySkip: number;
  /** cohort deals lost with this as the furthest stage reached */
  lostHere: number;
  /** Kaplan–Meier over the stays entered in the window, open stays censored */
  medianDaysInStage: number | null;
  p90DaysInStage: number | null;
  endedStays: number;
  openStays: number;
  medianEndedDays: number | null;
  medianOpenDays: number | null;
  openNow: number;
}

export interface PipelineGroup {
  key: string;
  won: number;
  lost: number;
  winRate: number | null;
  winRateByAmount: number | null;
  ci95: Interval95;
  wonAmount: number;
  lostAmount: number;
  medianCycleDays: number | null;
  open: number;
  openAmount: number;
  openWithoutAmount: number;
  velocityPerDay: number | null;
}

export interface Velocity {
  /** the trailing window of closes the win rate, deal size and cycle come from */
  from: string;
  to: string;
  openDeals: number;
  won: number;
  lost: number;
  winRate: number | null;
  averageWonAmount: number | null;
  averageCycleDays: number | null;
  velocityPerDay: number | null;
}

export interface OpenPipelineCell {
  stage: string;
  label: string;
  ageBucket: string;
  deals: number;
  amount: number;
  withoutAmount: number;
}

/** slow-stage: over k × the won deals' median time in the stage; no-change: a mid/late stage unchanged too long */
export type StaleReason = 'slow-stage' | 'no-change';

export interface StaleDeal {
  opportunityId: string;
  name: string | null;
  owner: string;
  team: string;
  stage: string;
  label: string;
  /** the rules that flag the deal, in this order: slow-stage, no-change */
  reason: StaleReason[];
  daysInStage: number;
  /** null when no won deal of the trailing window passed through the stage (no slow-stage threshold) */
  thresholdDays: number | null;
  medianWonDays: number | null;
  multiplier: number;
  /** days since the last stage, amount or close-date change */
  daysSinceChange: number;
  /** the no-change rule's days for this stage; null when the rule does not watch it */
  noChangeDays: number | null;
  amount: number | null;
  closeDate: string | null;
}

export interface PushedDeal {
  opportunityId: string;
  name: string | null;
  owner: string;
  team: string;
  stage: string | null;
  state: string;
  pushes: number;
  monthPushes: number;
  quarterPushes: number;
  pullIns: number;
  daysPushed: number;
  closeDateBefore: string | null;
  closeDate: string | null;
  amount: number | null;
}

export interface PushTotals {
  /** deals whose close date moved in the window */
  dealsMoved: number;
  dealsPushed: number;
  /** deals pushed twice or more: the forecast-review list (`pushes`) */
  dealsPushedTwice: number;
  pushes: number;
  monthPushes: number;
  quarterPushes: number;
  pullIns: number;
}

export const waterfallBuckets = ['start', 'new', 'pulled_in', 'increased', 'won', 'lost', 'pushed_out', 'pulled_out', 'decreased', 'end'] as const;
export type WaterfallBucket = (typeof waterfallBuckets)[number];

export interface WaterfallMove {
  bucket: WaterfallBucket;
  /** +1 adds to the pipeline, −1 takes away, 0 for start and end */
  sign: 1 | -1 | 0;
  amount: number;
  cents: number;
  deals: number;
}

export interface WaterfallDeal {
  opportunityId: string;
  name: string | null;
  owner: string;
  entry: 'start' | 'new' | 'pulled_in';
  exit: 'end' | 'won' | 'lost' | 'pushed_out' | 'pulled_out';
  startAmount: number | null;
  endAmount: number | null;
  change: number;
  startCloseDate: string | null;
  endCloseDate: string | null;
  stageMoved: boolean;
}

export interface Waterfall {
  /** the two instants compared */
  startAt: string;
  endAt: string;
  /** close dates in [closeFrom, closeTo] (both days included) */
  closeFrom: string;
  closeTo: string;
  buckets: WaterfallMove[];
  /** start + moves = end, checked in whole cents */
  reconciled: boolean;
  /** deals in the pipeline at both instants whose stage changed (no change of value) */
  stageMoves: number;
  deals: WaterfallDeal[];
}

export interface CoverageRow {
  period: string;
  /** 'owner' | 'team' | 'all' */
  scope: string;
  key: string;
  quota: number;
  won: number;
  remaining: number;
  pipeline: number;
  pipelineDeals: number;
  coverage: number | null;
}

export interface Coverage {
  /** 1 ÷ the trailing win rate */
  needed: number | null;
  winRate: number | null;
  /** the rows whose period holds the as-of, summed */
  current: { period: string; quota: number; won: number; remaining: number; pipeline: number; coverage: number | null } | null;
  rows: CoverageRow[];
}

export interface PipelineReport {
  report: 'pipeline';
  asOf: string;
  window: { from: string; to: string };
  pipeline: string | null;
  by: string;
  dataFreshness: string | null;
  zoneAssumption?: string;
  summary: PipelineSummary;
  stages: PipelineStage[];
  groups: PipelineGroup[];
  velocity: Velocity;
  openPipeline: OpenPipelineCell[];
  stale: StaleDeal[];
  pushTotals: PushTotals;
  pushes: PushedDeal[];
  waterfall: Waterfall;
  coverage: Coverage | null;
  warnings: string[];
}
