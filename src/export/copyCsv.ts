/**
 * CSV lists written by DuckDB itself (COPY of a model's select), so a list of a million rows never
 * enters JS: the SLA breach list and the hygiene lists. Cells follow the rules of
 * src/reports/escape.ts through the SQL macros below, which the CSV models call. The file appears
 * whole or not at all (written beside, then renamed); without a path it goes to stdout, shown
 * terminal-safe when stdout is a terminal.
 */
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeFileAtomically } from '../atomicFile.js';
import type { Warehouse } from '../db/connection.js';
import { sqlPath } from '../paths.js';
import { terminalText } from '../terminal.js';

// The cell rules of src/reports/escape.ts (safeCsvCell), as SQL macros.
export const cellMacros = `
create or replace temp macro neutralised_cell(x) as nullif(
    case
        when left(x, 1) not in ('=', '+', '-', '@', chr(9), chr(13)) then x
        when left(x, 1) = '-' and regexp_full_match(x, '-([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?') then x
        else '''' || x
    end, '');
create or replace temp macro number_cell(x) as
    case when x = trunc(x) then cast(cast(x as bigint) as varchar) else cast(x as varchar) end;`;

/** A path as an SQL string literal: COPY takes no parameter for its file. */
const literal = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** Writes the rows of the model `model` (a path under sql/) as CSV (RFC 4180, `\r\n`, header) to `out`, or stdout when absent or '-'. */
export async function copyModelCsv(wh: Warehouse, model: string, out: string | undefined, name: string): Promise<void> {
  await wh.runScript(cellMacros, `${name} CSV macros`);
  const select = await readFile(sqlPath(model), 'utf8');
  const copyTo = (path: string) => wh.run(`copy (\n${select}\n) to ${literal(path)} (format csv, header, delimiter ',', new_line '\\r\\n')`);
  if (out && out !== '-') {
    await writeFileAtomically(resolve(out), copyTo);
    return;
  }
  const scratch = join(tmpdir(), `revops-${name}-${process.pid}.csv`);
  try {
    await copyTo(scratch);
    // on a terminal the list is read, not piped: its CRM text is shown terminal-safe
    if (process.stdout.isTTY) process.stdout.write(terminalText(await readFile(scratch, 'utf8')));
    else await pipeline(createReadStream(scratch), process.stdout, { end: false });
  } finally {
    await rm(scratch, { force: true });
  }
}
