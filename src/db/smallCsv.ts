/**
 * A small CSV file the user names (the pipeline report's quota file: a few lines, not CRM rows),
 * read by DuckDB's CSV reader on either engine: it sniffs the delimiter and quoting, so a file
 * reads the same whatever the warehouse. The temp table has `record_number` (1 for the first row
 * under the header, in the file's order) and every column as text, named c1…cn by position: a
 * header can name anything, and the caller finds its columns among the names returned.
 */
import type { DuckDbWarehouse } from './connection.js';

/** Reads `path` into the temp table `table` of `duck`; the header's names, in order. */
export async function readSmallCsvOnDuckDb(duck: DuckDbWarehouse, path: string, table: string): Promise<string[]> {
  const read = `${table}_read`;
  await duck.run(`create or replace temp table ${read} as select * from read_csv($path, header = true, all_varchar = true)`, { path });
  try {
    const names = (await duck.all<{ name: string }>(`select column_name as name from (describe ${read})`)).map((c) => c.name);
    const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
    await duck.run(
      `create or replace temp table ${table} as
       select row_number() over () as record_number, ${names.map((name, i) => `${quoted(name)} as c${i + 1}`).join(', ')} from ${read}`,
    );
    return names;
  } finally {
    await duck.run(`drop table if exists ${read}`);
  }
}
