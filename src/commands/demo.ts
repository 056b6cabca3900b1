/**
 * `revops-report demo`: the bundled sample exports (sample-data/) loaded into a fresh warehouse,
 * and every report written, so a new user sees the whole tool in one command.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseConfig } from '../config/config.js';
import { Warehouse } from '../db/connection.js';
import { loadFiles } from '../ingest/load.js';
import { packageRoot } from '../paths.js';
import { writeAllReports, type WrittenReport } from '../reportSet.js';

export interface DemoResult {
  warehouse: string;
  loaded: { files: number; rows: number; rejected: number };
  reports: WrittenReport[];
}

/** The sample's world ends on 2026-11-01, so the demo is reproducible whatever today is. */
export const demoAsOf = '2026-11-01T00:00:00Z';

export async function demo(options: { out: string; progress?: (message: string) => void }): Promise<DemoResult> {
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const dbPath = join(out, 'demo.duckdb');
  await rm(dbPath, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  // The sample's HubSpot portal exports naive times in New York.
  const config = parseConfig({ timezone: 'America/New_York' }, packageRoot);
  const wh = await Warehouse.open({ path: dbPath });
  try {
    options.progress?.(`loading ${join(packageRoot, 'sample-data')} into ${dbPath}`);
    const summary = await loadFiles(wh, config, {
      paths: [join(packageRoot, 'sample-data')],
      crm: 'auto',
      snapshotAt: new Date(demoAsOf),
      onFile: (path, i, n) => options.progress?.(`  [${i + 1}/${n}] ${path}`),
    });
    const reports = await writeAllReports(wh, config, { outDir: out, asOf: demoAsOf, progress: options.progress });
    return {
      warehouse: dbPath,
      loaded: {
        files: summary.files.length,
        rows: summary.files.reduce((n, f) => n + f.loaded, 0),
        rejected: summary.files.reduce((n, f) => n + f.rejected, 0),
      },
      reports,
    };
  } finally {
    wh.close();
  }
}
