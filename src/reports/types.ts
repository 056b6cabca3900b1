/**
 * The shape every report is rendered from. A report module (funnel, speed-to-lead, SLA, scoring
 * backtest, build index) turns typed metric rows into one ReportDocument; html.ts turns that into
 * a single self-contained HTML file. Everything here is plain data, so it can be tested as JSON.
 */
import type { TopLevelSpec } from 'vega-lite';

/** How a table cell or axis value is shown; see format.ts for each one. */
export type ColumnFormat = 'int' | 'pct' | 'pct1' | 'days' | 'minutes' | 'text' | 'date';

export interface TableColumn {
  key: string;
  label: string;
  /** Defaults to right for numeric formats (and number values), left otherwise. */
  align?: 'left' | 'right';
  format?: ColumnFormat;
}

export interface ReportTable {
  columns: TableColumn[];
  rows: Record<string, unknown>[];
}

export interface Section {
  /** Anchor for the contents list; reduced to [a-z0-9-] when rendered. */
  id: string;
  heading: string;
  intro?: string;
  chart?: TopLevelSpec;
  table?: ReportTable;
}

/** A date or timestamp as given (ISO text is shown as is), or a Date shown in UTC. */
export type DateLike = string | Date;

export interface ReportMeta {
  /** The reporting window the metrics cover. */
  window?: { from: DateLike; to: DateLike };
  /** The injected "now" (`--as-of`): outcome windows and ages are measured from it. */
  asOf: DateLike;
  /** Latest event seen in the loaded data, so a reader can tell a stale export. */
  dataFreshness?: DateLike;
  /** Naive timestamps read in an assumed zone: said in the header, next to the as-of. */
  zoneAssumption?: string;
  /** Tool name and version, e.g. "revops-report 0.1.0". */
  generatedBy: string;
  extra?: [label: string, value: string][];
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  meta: ReportMeta;
  warnings: string[];
  sections: Section[];
  definitions: { term: string; text: string }[];
}
