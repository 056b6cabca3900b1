/**
 * Builds the SQL models in sql/ in dependency order (staging → intermediate → marts), each
 * materialised as a table of the same name so an analyst can query any layer. A build is skipped
 * when neither the loaded data nor the config changed since the last one.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { sqlPath } from '../paths.js';
import { progress } from '../progress.js';
import { timed } from '../timing.js';
import { writeDealOutcomes } from './dealOutcomes.js';
import { writeDealStages } from './dealStages.js';
import { writeStageAliases } from './stageAliases.js';

/** The lifecycle models, in the order they depend on each other. */
export const lifecycleModels = [
  'staging/stg_stage_events',
  'staging/stg_opportunities',
  'staging/stg_deal_changes',
  'intermediate/int_lead__stage_entries',
  'marts/fct_stage_entries',
  'marts/fct_lead_stages',
  'marts/dim_leads',
  'intermediate/int_deal__stage_changes',
  'intermediate/int_deal__stage_stays',
  'marts/dim_deals',
  'marts/fct_deal_stage_stays',
  'marts/fct_deal_field_values',
  'marts/fct_deal_close_date_changes',
  'marts/fct_deal_amount_changes',
];

const modelName = (path: string) => path.split('/').pop()!;

/**
 * Staging models read by many others, materialised as tables all the same: stg_deal_changes (window
 * functions over every history row) feeds five deal marts and the pipeline report's queries, and
 * as a view it was worked out again by each (86 of the report's 103 s at 10M history rows).
 */
const sharedStagingModels = new Set(['staging/stg_deal_changes']);

/** Staging and intermediate models are views (read once, by the next layer); marts are tables. */
export async function runModel(wh: Warehouse, path: string): Promise<void> {
  const select = await wh.modelSql(`${path}.sql`);
  const name = modelName(path);
  const kind = path.startsWith('marts/') || sharedStagingModels.has(path) ? 'table' : 'view';
  try {
    await wh.materialise(name, kind, select);
  } catch (error) {
    throw new Error(`sql/${path}.sql: ${(error as Error).message}`, { cause: error });
  }
}

/** What the models were built from: the model SQL, the config's stages and deal stages, and the last load. */
async function buildKey(wh: Warehouse, config: Config): Promise<string> {
  // the last load, and when it finished: views over a Fivetran schema (src/db/fivetranViews.ts)
  // keep their load ids, and only the newest _fivetran_synced moves when Fivetran syncs
  const last = await wh.one<{ id: number | null; at: Date | null }>(`select max(load_id)::int as id, max(finished_at) as at from load_runs`);
  const hash = createHash('sha256').update(JSON.stringify({ stages: config.stages, exits: config.exitStates, deals: config.dealStages }));
  // a model that becomes a table (or a view) is built again
  hash.update([...sharedStagingModels].join(','));
  for (const model of lifecycleModels) hash.update(await readFile(sqlPath(`${model}.sql`), 'utf8'));
  return `${last?.id ?? 0}:${last?.at ? new Date(last.at).toISOString() : ''}:${hash.digest('hex').slice(0, 16)}`;
}

export async function buildModels(wh: Warehouse, config: Config, options: { force?: boolean } = {}): Promise<boolean> {
  await wh.run(`create table if not exists model_state (build_key varchar, built_at timestamptz)`);
  const key = await buildKey(wh, config);
  const state = await wh.one<{ build_key: string }>(`select build_key from model_state`);
  if (!options.force && state?.build_key === key) return false;
  const started = performance.now();
  const models = lifecycleModels.length;
  progress().step('models', 'building the lifecycle models', { models });
  await wh.transaction(async () => {
    await writeStageAliases(wh, config);
    await writeDealOutcomes(wh, config);
    await writeDealStages(wh, config);
    for (const [index, model] of lifecycleModels.entries()) {
      const name = modelName(model);
      progress().step('models', `building the lifecycle models (${index + 1}/${models} ${name})`, { model: name, modelIndex: index + 1, models });
      await timed(`  ${name}`, runModel(wh, model));
    }
    await wh.run(`delete from model_state`);
    await wh.run(`insert into model_state values ($key, now())`, { key });
  });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  progress().event('models-built', `lifecycle models built in ${seconds} s`, { seconds });
  return true;
}

/** Whether the models are up to date with the loaded data and this config (a report would not rebuild them). */
export async function modelsFresh(wh: Warehouse, config: Config): Promise<boolean> {
  const state = await wh.one<{ build_key: string }>(`select build_key from model_state`).catch(() => undefined);
  return state?.build_key === (await buildKey(wh, config));
}
