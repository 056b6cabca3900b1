/**
 * `revops-report demo`: the bundled sample exports (sample-data/) loaded into a fresh warehouse,
 * and every report written, so a new user sees the whole tool in one command.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseConfig } from '../config/config.js';
import { Warehouse } from '../db/connection.js';
import { loadFiles } from '../ingest/load.js';
import { packageRoot } from '../paths.js';
import { backtestModels, writeAllReports, type WrittenReport } from '../reportSet.js';
import { type DemoCommand, demoCommands, demoFiles } from './demoCommands.js';

export interface DemoResult {
  warehouse: string;
  loaded: { files: number; rows: number; rejected: number };
  reports: WrittenReport[];
  /** the commands that make the warehouse and each report again, with the files they read */
  commands: DemoCommand[];
}

/** The sample's HubSpot portal exports naive times in New York. */
const demoConfig = { timezone: 'America/New_York' };

/** The config and the backtest's two models as files, so the printed commands can name them. */
async function writeDemoInputs(out: string): Promise<ReturnType<typeof demoFiles>> {
  const files = demoFiles(out);
  const { current, candidate } = backtestModels();
  await mkdir(join(out, 'models'), { recursive: true });
  await writeFile(files.config, `${JSON.stringify(demoConfig, null, 2)}\n`);
  await writeFile(files.models.current, `${JSON.stringify(current, null, 2)}\n`);
  await writeFile(files.models.candidate, `${JSON.stringify(candidate, null, 2)}\n`);
  return files;
}

/** The sample's world ends on 2026-11-01, so the demo is reproducible whatever today is. */
export const demoAsOf = '2026-11-01T00:00:00Z';

/** The reports' window: the sample's last year. */
const demoSince = '1y';

export async function demo(options: { out: string; progress?: (message: string) => void }): Promise<DemoResult> {
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const dbPath = join(out, 'demo.duckdb');
  await rm(dbPath, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  const config = parseConfig(demoConfig, packageRoot);
  const files = await writeDemoInputs(out);
  const sampleData = join(packageRoot, 'sample-data');
  const wh = await Warehouse.open({ path: dbPath });
  try {
    options.progress?.(`loading ${sampleData} into ${dbPath}`);
    const summary = await loadFiles(wh, config, {
      paths: [sampleData],
      crm: 'auto',
      snapshotAt: new Date(demoAsOf),
      onFile: (path, i, n) => options.progress?.(`  [${i + 1}/${n}] ${path}`),
    });
    const reports = await writeAllReports(wh, config, { outDir: out, asOf: demoAsOf, since: demoSince, progress: options.progress });
    return {
      warehouse: dbPath,
      loaded: {
        files: summary.files.length,
        rows: summary.files.reduce((n, f) => n + f.loaded, 0),
        rejected: summary.files.reduce((n, f) => n + f.rejected, 0),
      },
      reports,
      commands: demoCommands({ out, sampleData, warehouse: dbPath, config: files.config, asOf: demoAsOf, models: files.models, since: demoSince }),
    };
  } finally {
    wh.close();
  }
}
