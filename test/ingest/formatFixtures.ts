/** Loads one file of test/fixtures/formats/ into a warehouse, as expected.json describes it. */
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { loadFiles, type FileSummary } from '../../src/ingest/load.js';
import type { DateOrder } from '../../src/ingest/timestamps.js';

export const formatFixture = (relative: string) => fileURLToPath(new URL(`../fixtures/formats/${relative}`, import.meta.url));

export async function loadFormat(wh: Warehouse, file: string, timezone?: string, dateOrder?: DateOrder): Promise<FileSummary> {
  const summary = await loadFiles(wh, parseConfig({}), { paths: [formatFixture(file)], crm: 'auto', timezone, dateOrder });
  return summary.files[0]!;
}
