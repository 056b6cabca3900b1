/**
 * A DuckDB setting changed for one piece of work, then put back as it was (also on error). The
 * settings are DuckDB's own tuning (preserve_insertion_order…): on PostgreSQL the work runs as is.
 */
import { DuckDbWarehouse, type Warehouse } from './connection.js';

const settingName = /^[a-z_]+$/;

export async function withSetting<T>(wh: Warehouse, name: string, value: boolean | number | string, work: () => Promise<T>): Promise<T> {
  if (!settingName.test(name)) throw new Error(`not a setting name: ${name}`);
  if (!(wh instanceof DuckDbWarehouse)) return work();
  const previous = (await wh.one<{ value: string }>(`select current_setting('${name}')::varchar as value`))!.value;
  await wh.run(`set ${name} = ${sqlLiteral(value)}`);
  try {
    return await work();
  } finally {
    await wh.run(`set ${name} = ${sqlLiteral(previous)}`);
  }
}

const sqlLiteral = (value: boolean | number | string) => (typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value));
