/**
 * CSV lists written by the engine itself (COPY of a model's select, Engine.writeCsv), so a list of a
 * million rows never enters JS: the SLA breach list and the hygiene lists. Cells follow the rules of
 * src/reports/escape.ts through sql/export/csv_cells.sql, which the CSV models call. The file appears
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
import { terminalText } from '../terminal.js';

/** Writes the rows of the model `model` (a path under sql/) as CSV (RFC 4180, `\r\n`, header) to `out`, or stdout when absent or '-'. */
export async function copyModelCsv(wh: Warehouse, model: string, out: string | undefined, name: string): Promise<void> {
  const select = await wh.modelSql(model);
  const copyTo = (path: string) => wh.writeCsv(select, path);
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
