/**
 * Business time over whole tables, in SQL: the speed-to-lead and SLA models hand over a relation of
 * pairs (or deadline requests) and join the table these functions return. Needs business_intervals
 * (buildCalendar) covering every instant measured.
 */
import type { Warehouse } from '../db/connection.js';
import { dataError, usageError } from '../errors.js';

export interface BusinessTimeOptions {
  /** table to create or replace; default business_time__pairs / business_time__deadlines */
  output?: string;
  /** a temp relation (this connection only, the default) or one kept in the warehouse */
  temporary?: boolean;
  /**
   * 'table' (the default), or 'view' when one query reads the rows once: it then takes their
   * business time in the same pass, with no table to join back on a row id
   */
  kind?: 'table' | 'view';
  /** the caller ran checkCalendarKeys on the rows' source already (checking a view evaluates it) */
  keysChecked?: boolean;
}

/** Relation and table names are spliced into the model, so only plain (schema.)identifiers pass. */
const identifier = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

function checkIdentifier(name: string): string {
  if (!identifier.test(name)) throw usageError(`business time: "${name}" is not a table or view name`);
  return name;
}

const createLine = 'create or replace {{temporary}} {{kind}} {{output}} as';

/** The model's select, names filled in, made the table or view `names.output` (replacing either kind). */
async function runTemplate(warehouse: Warehouse, file: string, names: Record<string, string>, options: BusinessTimeOptions) {
  const text = await warehouse.modelSql(file);
  const at = text.indexOf(createLine);
  if (at < 0) throw new Error(`sql/${file}: no "${createLine}" line`);
  let select = text.slice(at + createLine.length).replace(/;\s*$/, '');
  for (const [placeholder, name] of Object.entries(names)) select = select.replaceAll(`{{${placeholder}}}`, checkIdentifier(name));
  try {
    await warehouse.materialise(names.output!, options.kind ?? 'table', select, { temporary: options.temporary ?? true });
  } catch (error) {
    throw new Error(`sql/${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** A calendar key with no calendar would silently give nulls: say which keys are missing instead. */
export async function checkCalendarKeys(warehouse: Warehouse, relation: string): Promise<void> {
  const missing = await warehouse.all<{ calendar_key: string }>(
    `select distinct calendar_key from ${relation}
     where calendar_key is not null
       and calendar_key not in (select calendar_key from business_calendars)
     order by 1 limit 5`,
  );
  if (missing.length > 0) {
    const keys = missing.map((m) => `"${m.calendar_key}"`).join(', ');
    throw dataError(`business time: no business calendar was built for ${keys}`);
  }
}

/**
 * Business minutes for each row of `pairs` (calendar_key, start_at, end_at, and any other columns).
 * Creates a table (or view) of its rows with clock_start_at, business_minutes and wall_minutes
 * added, and returns its name. See sql/calendar/business_minutes.sql.
 */
export async function computeBusinessMinutes(warehouse: Warehouse, pairs: string, options: BusinessTimeOptions = {}): Promise<string> {
  const output = options.output ?? 'business_time__pairs';
  if (!options.keysChecked) await checkCalendarKeys(warehouse, checkIdentifier(pairs));
  await runTemplate(warehouse, 'calendar/business_minutes.sql', { pairs, output }, options);
  return output;
}

/**
 * The instant each row of `requests` (calendar_key, start_at, target_minutes, and any other columns)
 * reaches its target in business minutes. Creates a table (or view) of its rows with clock_start_at
 * and deadline_at added, and returns its name. See sql/calendar/business_deadlines.sql.
 */
export async function computeBusinessDeadlines(warehouse: Warehouse, requests: string, options: BusinessTimeOptions = {}): Promise<string> {
  const output = options.output ?? 'business_time__deadlines';
  if (!options.keysChecked) await checkCalendarKeys(warehouse, checkIdentifier(requests));
  await runTemplate(warehouse, 'calendar/business_deadlines.sql', { requests, output }, options);
  return output;
}
