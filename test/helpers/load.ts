/** Loads fixture files into a test warehouse and builds the lifecycle models. */
import { fileURLToPath } from 'node:url';
import { type Config, parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { loadFiles, type LoadSummary } from '../../src/ingest/load.js';
import { buildModels } from '../../src/models/build.js';

export const fixturePath = (relative: string) => fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));

export async function loadFixtures(
  wh: Warehouse,
  files: string[],
  config: Config = parseConfig({}),
  options: { timezone?: string; snapshotAt?: Date } = {},
): Promise<LoadSummary> {
  const summary = await loadFiles(wh, config, { paths: files.map(fixturePath), crm: 'auto', ...options });
  await buildModels(wh, config, { force: true });
  return summary;
}
