/**
 * `hygiene --format csv`: every flagged record of every list, one row each, written by DuckDB with
 * COPY from the report's temp tables (sql/hygiene/hygiene__issues_csv.sql), so a list of a million
 * stale leads never enters JS. Cells follow the CSV rules of src/reports/escape.ts (the SLA
 * breach export's macros); the file appears whole or not at all.
 */
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeFileAtomically } from '../atomicFile.js';
import type { Warehouse } from '../db/connection.js';
import { sqlPath } from '../paths.js';
import { cellMacros } from '../sla/breaches.js';
import { terminalText } from '../terminal.js';

const literal = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** Writes the lists of the report just computed on `wh` to `out`, or to stdout when `out` is absent or '-'. */
export async function writeIssuesCsv(wh: Warehouse, out?: string): Promise<void> {
  await wh.runScript(cellMacros, 'hygiene CSV macros');
  const select = await readFile(sqlPath('hygiene/hygiene__issues_csv.sql'), 'utf8');
  const copyTo = (path: string) => wh.run(`copy (\n${select}\n) to ${literal(path)} (format csv, header, delimiter ',', new_line '\\r\\n')`);
  if (out && out !== '-') {
    await writeFileAtomically(resolve(out), copyTo);
    return;
  }
  const scratch = join(tmpdir(), `revops-hygiene-${process.pid}.csv`);
  try {
    await copyTo(scratch);
    if (process.stdout.isTTY) process.stdout.write(terminalText(await readFile(scratch, 'utf8')));
    else await pipeline(createReadStream(scratch), process.stdout, { end: false });
  } finally {
    await rm(scratch, { force: true });
  }
}
