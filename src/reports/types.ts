/**
 * The shape every report is rendered from. A report module (funnel, speed-to-lead, SLA, scoring
 * backtest, build index) turns typed metric rows into one ReportDocument; html.ts turns that into
 * a single self-contained HTML file. Everything here is plain data, so it can be tested as JSON.
 */
import type { TopLevelSpec } from 'vega-lite';

/** How a table cell or axis value is shown; see format.ts for each one. */
export type ColumnFormat = 'int' | 'pct' | 'pct1' | 'days' | 'minutes' | 'text' | 'date' | 'datetime' | 'id';

export interface TableColumn {
  key: string;
  label: string;
  /** Defaults to right for numeric formats (and number values), left otherwise. */
  align?: 'left' | 'right';
  format?: ColumnFormat;
  /**
   * Terminal only: a column that may be left out when the table is wider than the terminal.
   * Lowest priority goes first; a column without one is always shown.
   */
  priority?: number;
  /** Terminal only: long text in this column may be cut with "…" to fit the width. */
  abbreviate?: boolean;
  /**
   * HTML: the row's id field behind a name column (owner → ownerId). A cell equal to it had no name
   * to show, only the raw id (a Salesforce queue 00G…), and is shown short like an `id` column.
   */
  idKey?: string;
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
  /** Fold the table into a closed <details> with this summary (long per-period tables under a trend chart). */
  foldTable?: string;
  /** Headline tiles of this section (the overview's marketing, sales and executive views). */
  tiles?: HeadlineTile[];
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

/** A tile's change against the previous period (tileChange.ts). */
export interface TileChange {
  /** "▲ +4.2 pts vs the previous 90 days", "▼ 12m faster vs …", "no previous data" */
  text: string;
  /** the change alone, for a terminal column: "▲ +4.2 pts", "▼ 12m faster", "no previous data" */
  delta: string;
  direction: 'up' | 'down' | 'flat' | 'none';
  /** the previous value and its n, "previous 40.0% of 10" */
  previous?: string;
  /** whether the change is beyond noise, where the counts allow a test */
  noise?: string;
  /** the previous window and its as-of, for the tooltip */
  period: string;
}

/**
 * One headline number at the top of a page: the figure the page exists for, with what it means,
 * how far it could be off and what it is measured against. HTML only: never in a JSON contract.
 */
export interface HeadlineTile {
  /** Stable name for tests and anchors, e.g. `mql-to-sql`. */
  key: string;
  label: string;
  /** The value as text ("42.1%", "1h 05m", "no data"). */
  value: string;
  /** The counts behind a rate, e.g. "67 of 159". */
  detail?: string;
  /** The Wilson 95% interval as text, when the report has one. */
  interval?: string;
  /** The change against the previous period; absent where there is none (the backtest's holdout). */
  change?: TileChange;
  /** What it is measured against: "benchmark 30–50%", "target 4 business hours". */
  target?: string;
  /** Where the value sits against the target; absent when there is nothing to compare. */
  status?: 'good' | 'warn' | 'bad' | 'none' | 'unavailable';
  statusText?: string;
  /** The definition: shown below the value and as the tile's tooltip. */
  definition: string;
  /** A relative link to the report page that explains the number (the overview's tiles). */
  href?: string;
  hrefLabel?: string;
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  meta: ReportMeta;
  /** Headline numbers shown first, under the header. */
  tiles?: HeadlineTile[];
  /** One line under the tiles: what their change is measured against. */
  tilesNote?: string;
  warnings: string[];
  sections: Section[];
  definitions: { term: string; text: string }[];
}
