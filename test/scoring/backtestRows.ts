/** Stage history rows for the backtest tests, and the lifecycle marts built over them. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { buildModels } from '../../src/models/build.js';
import type { ScoringModel } from '../../src/scoring/model.js';
import { addLead } from './rows.js';

/** stages: [stage, entered_at], loaded as canonical stage events. */
export async function addStages(wh: Warehouse, leadId: string, stages: [string, string][]): Promise<void> {
  for (const [stage, at] of stages) {
    await wh.run(`insert into stage_events (lead_id, stage_raw, entered_at, origin, load_id) values ($1, $2, $3::timestamptz, 'canonical', 0)`, [
      leadId,
      stage,
      at,
    ]);
  }
}

/** A lead with its stage history: created at the first stage entry. */
export async function addJourney(
  wh: Warehouse,
  lead: { lead_id: string; account_id?: string; company?: string; email?: string },
  stages: [string, string][],
): Promise<void> {
  await addLead(wh, { ...lead, created_at: stages[0]![1] });
  await addStages(wh, lead.lead_id, stages);
}

export async function buildMarts(wh: Warehouse): Promise<void> {
  await buildModels(wh, parseConfig({}), { force: true });
}

/** A scratch folder with the model files written as JSON, for tests that go through the command. */
export async function writeModels(models: Record<string, ScoringModel>): Promise<{ dir: string; paths: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'revops-backtest-'));
  const paths: Record<string, string> = {};
  for (const [name, model] of Object.entries(models)) {
    paths[name] = join(dir, `${name}.json`);
    await writeFile(paths[name], JSON.stringify(model, null, 2));
  }
  await writeFile(join(dir, 'revops.config.json'), '{}');
  return { dir, paths };
}
