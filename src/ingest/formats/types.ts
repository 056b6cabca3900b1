/**
 * A format spec says how one kind of export file maps into the canonical tables. The loader
 * matches headers (case-insensitively) to a spec's logical columns, builds a typed relation
 * `typed` with one column per logical name (timestamps parsed to TIMESTAMPTZ, dates to DATE,
 * everything else VARCHAR with empty / null / None / 000000000000000AAA as NULL), and then runs
 * the spec's `emit` selects into the staging relations `new_<table>` that the merge step reads.
 */
import { withoutZone } from '../headerZones.js';

export type Crm = 'hubspot' | 'salesforce' | 'fivetran' | 'canonical';

export type CanonicalObject =
  | 'leads'
  | 'stage_events'
  | 'activities'
  | 'activity_leads'
  | 'owners'
  | 'engagement_events'
  | 'field_history'
  | 'opportunities'
  | 'opportunity_stage_events'
  | 'opportunity_events';

/** `salesforce_id`: text, with a 15-character report id widened to the 18-character API id. */
export type ColumnKind = 'text' | 'timestamp' | 'date' | 'number' | 'boolean' | 'salesforce_id';

export interface LogicalColumn {
  /** header names that mean this column, in order of preference */
  headers: string[];
  kind?: ColumnKind;
  /** an empty value makes the row unusable (it is rejected with the reason) */
  nonEmpty?: boolean;
  /** a boolean column whose true value makes the row unusable, with this reason (IsDeleted) */
  rejectIfTrue?: string;
  /** a text column that holds numbers or dates in some rows (a field history's value): typedBy.ts */
  typedBy?: TypedBy;
}

/**
 * The rows where a text column holds a number or a date, told by another logical column's value
 * (lowercased, trimmed): `{ by: 'field', kinds: { number: ['amount'], date: ['closedate'] } }`
 * parses the column as a number where `field` is Amount and as a date where it is CloseDate, into
 * `<column>__number` and `<column>__date`, with the loader's rules; a value that does not parse is
 * a rejected row with the reason, as in any number or date column.
 */
export interface TypedBy {
  by: string;
  kinds: Partial<Record<'number' | 'date', string[]>>;
}

/** A family of columns recognised by pattern, e.g. `Became a Marketing Qualified Lead Date`. */
export interface PatternColumns {
  name: string;
  pattern: RegExp;
  kind: ColumnKind;
  /** what the column means: the first capture group, as text, e.g. the stage label */
}

export interface EmitContext {
  /** logical columns present in this file */
  has(name: string): boolean;
  /** the pattern columns present: SQL column name and captured label */
  patternColumns(name: string): { column: string; label: string; header: string }[];
  /** SQL column names of the extra columns kept as fields, with their field keys */
  extraColumns: { column: string; field: string }[];
  /** a bound parameter carrying a value taken from the file (a header label): never spliced */
  param(value: unknown): string;
}

export interface EmitStatement {
  /** the canonical table the rows are for */
  target: CanonicalObject | 'lead_fields' | 'opportunity_fields';
  /** SQL expressions over `typed` (columns: __row plus the logical names), by target column;
   *  target columns left out are NULL (or their default) */
  columns: Record<string, string>;
  /** a condition over `typed`: rows that produce no row in this target (e.g. an empty date) */
  where?: string;
  /** a window condition over the filtered rows, e.g. keeping only a status that changed */
  qualify?: string;
}

export interface FormatSpec {
  crm: Crm;
  object: CanonicalObject;
  /** a stable name for the export shape, shown in the load summary */
  variant: string;
  description: string;
  required: Record<string, LogicalColumn>;
  optional?: Record<string, LogicalColumn>;
  patterns?: PatternColumns[];
  /** headers whose presence rules this spec out (tells apart look-alike exports) */
  excludes?: string[];
  /** the logical column that identifies a record, for conflicting-duplicate checks */
  key: string[];
  /** keep unmapped columns as fields of the spec's entity (lead_fields, opportunity_fields;
   *  targets.ts entityFields), keyed by this logical id column */
  keepExtraFieldsFor?: string;
  /** field keys for well-known headers, so `--by industry` works across CRMs */
  fieldKeys?: Record<string, string>;
  /**
   * An export with associated records: from the column with this header on, the columns belong to
   * the associated record. Only the logical columns that name this header are read there; the
   * rest are extra fields whose keys take the prefix (HubSpot's "Record ID - Company").
   */
  associated?: { header: string; prefix: string };
  emit(ctx: EmitContext): EmitStatement[];
}

/** Header normalisation used for matching: case, spacing, quotes and a zone suffix do not matter. */
export const headerKey = (header: string) => withoutZone(header.trim()).trim().replace(/^"|"$/g, '').replace(/\s+/g, ' ').toLowerCase();

/** A field key from a header: "Job Title" → job_title, "property_industry" → industry. */
export const fieldKeyFromHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/^property_/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
