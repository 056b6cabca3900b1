/**
 * The JSON contracts of `speed-to-lead` and `sla` (docs/sla.md). Stable: a change here is a
 * CHANGELOG entry. Minutes are real minutes; "business" minutes run on the lead's owner's calendar.
 */
import type { PreviousPeriodJson } from '../metrics/previousPeriod.js';

export type ResponseBucket = '<5m' | '5–30m' | '30–60m' | '1–4h' | '4–24h' | '>24h' | 'never';
export const responseBuckets: readonly ResponseBucket[] = ['<5m', '5–30m', '30–60m', '1–4h', '4–24h', '>24h', 'never'];

export interface ReportWindowJson {
  from: string;
  to: string;
}

export interface ResponseStats {
  /** start instances in the window */
  n: number;
  /** instances with a qualifying touch by the as-of */
  touched: number;
  /** median real minutes start → first touch (touched instances) */
  medianMinutes: number | null;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
  /** met ÷ (met + breached) of the first-touch SLA: pending instances are left out */
  withinTarget: number | null;
  /** `overall` only: met + breached, the denominator of withinTarget */
  decided?: number;
}

/** The previous period's overall figures (docs/sla.md, "Previous period"). */
export interface SpeedToLeadPrevious extends PreviousPeriodJson {
  overall: ResponseStats;
}

/** The previous period's counts per SLA, overall only (docs/sla.md, "Previous period"). */
export interface SlaPrevious extends PreviousPeriodJson {
  slas: ({ name: string } & SlaCounts)[];
}

export interface SpeedToLeadGroup extends ResponseStats {
  dimension: 'owner' | 'team' | 'source' | 'by';
  key: string;
}

export interface SpeedToLeadReport {
  report: 'speed-to-lead';
  asOf: string;
  window: ReportWindowJson;
  /** the start stage id, or "event:<type>" for an engagement-event start */
  start: string;
  sla: { name: string; target: string; targetMinutes: number | null; clock: 'business' | 'wall' };
  /** which clock the buckets read */
  bucketClock: 'business' | 'wall';
  dataFreshness: string | null;
  /** naive timestamps read in an assumed UTC (metrics/zoneAssumption.ts); absent when none were */
  zoneAssumption?: string;
  overall: ResponseStats;
  buckets: { bucket: ResponseBucket; n: number; share: number | null }[];
  groups: SpeedToLeadGroup[];
  /** arrivals by local weekday (1 = Monday) and hour in `coverageTimezone`, with their median response */
  coverage: { weekday: number; hour: number; arrivals: number; touched: number; medianMinutes: number | null }[];
  coverageTimezone: string;
  conversionByBucket: { bucket: ResponseBucket; n: number; converted: number; conversion: number | null; ci95: [number, number] | null }[];
  /** the stage whose reaching counts as conversion (and any later stage) */
  conversionStage: string;
  warnings: string[];
  /** the same figures for the previous period, for the headline tiles' change */
  previous?: SpeedToLeadPrevious;
}

export interface SlaCounts {
  eligible: number;
  met: number;
  breached: number;
  pending: number;
  /** met ÷ (met + breached) */
  compliance: number | null;
  ci95: [number, number] | null;
}

export interface SlaGroup extends SlaCounts {
  dimension: 'owner' | 'team' | 'week' | 'by';
  key: string;
}

export interface SlaSummary extends SlaCounts {
  name: string;
  label: string;
  target: string;
  requiredFields: string[];
  groups: SlaGroup[];
}

export type BreachKind = 'late' | 'open' | 'missing_fields';

export interface SlaBreach {
  sla: string;
  leadId: string;
  ownerId: string | null;
  owner: string;
  team: string;
  startAt: string;
  deadlineAt: string | null;
  /** the end that stopped the clock, or null when none happened by the as-of */
  endAt: string | null;
  kind: BreachKind;
  minutesLate: number | null;
  businessMinutesLate: number | null;
}

export interface SlaLeak {
  leadId: string;
  ownerId: string | null;
  owner: string;
  team: string;
  startAt: string;
  noOwner: boolean;
  noTouch: boolean;
  noDisposition: boolean;
}

export interface SlaReport {
  report: 'sla';
  asOf: string;
  window: ReportWindowJson;
  dataFreshness: string | null;
  /** naive timestamps read in an assumed UTC (metrics/zoneAssumption.ts); absent when none were */
  zoneAssumption?: string;
  slas: SlaSummary[];
  /** every breach of every SLA (the CSV export lists them all) */
  breachCount: number;
  /** the most late breaches, at most 1000 (src/sla/breaches.ts), in SLA order then by start */
  breaches: SlaBreach[];
  /** leadCount: MQL starts with any leak flag; leads lists at most 1000 of them, by start */
  leaks: { mqls: number; noOwner: number; noTouch: number; noDisposition: number; leadCount: number; leads: SlaLeak[] };
  warnings: string[];
  /** the same SLAs' counts for the previous period, for the headline tiles' change */
  previous?: SlaPrevious;
}
