/** Shared by the sample tests: a temporary output folder and a CSV reader over what was written. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll } from 'vitest';

/** A fresh folder under the OS temp dir, removed when the test file ends. */
export function tempOut(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `revops-sample-${label}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Csv {
  header: string[];
  rows: string[][];
  text: string;
}

export function readCsv(dir: string, relative: string): Csv {
  const text = readFileSync(join(dir, relative), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  return { header, rows, text };
}

/** Rows as objects keyed by header name. */
export function records(csv: Csv): Record<string, string>[] {
  return csv.rows.map((row) => Object.fromEntries(csv.header.map((h, i) => [h, row[i] ?? ''])));
}
