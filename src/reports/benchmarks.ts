/**
 * The ranges headline tiles are judged against, in one place so a page, the docs
 * (docs/metrics.md "Benchmarks") and the tests agree. Funnel ranges are common B2B SaaS
 * benchmarks for a metrics dashboard; they describe typical companies, not a goal for yours.
 */

export interface RateBenchmark {
  key: string;
  label: string;
  /** The stage the rate is measured from and the stage it counts reaching. */
  from: string;
  to: string;
  definition: string;
  low: number;
  high: number;
}

export const funnelBenchmarks: readonly RateBenchmark[] = [
  {
    key: 'lead-to-mql',
    label: 'Lead → MQL',
    from: 'lead',
    to: 'mql',
    definition: 'MQLs ÷ leads: cohort leads that reached MQL (or a later stage).',
    low: 0.05,
    high: 0.15,
  },
  {
    key: 'mql-to-sql',
    label: 'MQL → SQL',
    from: 'mql',
    to: 'sql',
    definition: 'SQLs ÷ MQLs: leads that reached SQL among those that reached MQL.',
    low: 0.3,
    high: 0.5,
  },
  {
    key: 'sql-to-opportunity',
    label: 'SQL → Opportunity',
    from: 'sql',
    to: 'opportunity',
    definition: 'Opportunities ÷ SQLs: leads that reached Opportunity among those that reached SQL.',
    low: 0.5,
    high: 0.7,
  },
  {
    key: 'win-rate',
    label: 'Win rate',
    from: 'opportunity',
    to: 'customer',
    definition: 'Closed-won ÷ opportunities: leads that became Customer among those that reached Opportunity.',
    low: 0.2,
    high: 0.3,
  },
];

/** Speed-to-lead: first rep contact within five minutes of the form fill is the ideal. */
export const speedToLeadIdealMinutes = 5;

/**
 * The share of SLA instances that should meet their deadline. revops-report's default, not an
 * industry figure: below it the SLA is breached often enough to lose leads.
 */
export const slaComplianceGoal = 0.9;

export type RangePosition = 'below' | 'within' | 'above';

/** Where a rate sits against a range; null when there is no rate. */
export function againstRange(value: number | null, range: { low: number; high: number }): RangePosition | null {
  if (value === null || !Number.isFinite(value)) return null;
  return value < range.low ? 'below' : value > range.high ? 'above' : 'within';
}

/** "30–50%" */
export const rangeText = (range: { low: number; high: number }): string => `${Math.round(range.low * 100)}–${Math.round(range.high * 100)}%`;

/** Deal win rate, won ÷ (won + lost) over closed deals: the dashboard's 20–30% range. */
export const dealWinRateBenchmark = { low: 0.2, high: 0.3 } as const;

/** Pipeline coverage (open qualified pipeline ÷ quota still to close): the 3–4× target. */
export const coverageTarget = { low: 3, high: 4 } as const;
