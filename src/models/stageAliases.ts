/**
 * The config's stage order and aliases as tables the SQL models join: `cfg_stage_aliases(alias_key,
 * stage, stage_order, kind)` and `cfg_stages(stage, stage_order, label)`. Keys are normalised the
 * same way in TypeScript and SQL.
 */
import type { Config } from '../config/config.js';
import { normalizeStageValue, normalizeStageValueSql } from '../config/stages.js';
import type { Warehouse } from '../db/connection.js';

export interface StageAlias {
  alias_key: string;
  stage: string;
  stage_order: number | null; // null for exit states (recycled, disqualified, other)
  kind: 'stage' | 'exit';
}

export function stageAliasRows(config: Config): StageAlias[] {
  const rows = new Map<string, StageAlias>();
  const add = (alias: string, stage: string, order: number | null, kind: StageAlias['kind']) => {
    const key = normalizeStageValue(alias);
    if (key && !rows.has(key)) rows.set(key, { alias_key: key, stage, stage_order: order, kind });
  };
  config.stages.forEach((s, i) => {
    add(s.id, s.id, i + 1, 'stage');
    add(s.label, s.id, i + 1, 'stage');
    for (const a of s.aliases) add(a, s.id, i + 1, 'stage');
  });
  for (const [state, aliases] of Object.entries(config.exitStates)) {
    add(state, state, null, 'exit');
    for (const a of aliases) add(a, state, null, 'exit');
  }
  return [...rows.values()];
}

/** (Re)creates the config tables from the config; values are bound, never spliced. */
export async function writeStageAliases(wh: Warehouse, config: Config): Promise<void> {
  const rows = stageAliasRows(config);
  await wh.run(`drop table if exists cfg_stages cascade; create table cfg_stages (stage varchar, stage_order integer, label varchar)`);
  await wh.run(`insert into cfg_stages select unnest($stages), unnest($orders), unnest($labels)`, {
    stages: config.stages.map((s) => s.id),
    orders: config.stages.map((_, i) => i + 1),
    labels: config.stages.map((s) => s.label),
  });
  await wh.run(
    `drop table if exists cfg_stage_aliases cascade; create table cfg_stage_aliases (alias_key varchar, stage varchar, stage_order integer, kind varchar)`,
  );
  await wh.run(`insert into cfg_stage_aliases select unnest($keys), unnest($stages), unnest($orders), unnest($kinds)`, {
    keys: rows.map((r) => r.alias_key),
    stages: rows.map((r) => r.stage),
    orders: rows.map((r) => r.stage_order),
    kinds: rows.map((r) => r.kind),
  });
}

/** Stage values from these loads that no stage or alias in the config names. */
export async function unknownStageValues(wh: Warehouse, config: Config, loadIds: number[]): Promise<string[]> {
  if (loadIds.length === 0) return [];
  await writeStageAliases(wh, config);
  const rows = await wh.all<{ value: string }>(
    `with loaded as (
       select stage_raw as value from stage_events where list_contains($ids, load_id)
       union select stage_raw from leads where list_contains($ids, load_id) and stage_raw is not null
     )
     select distinct value from loaded
     where ${normalizeStageValueSql('value')} not in (select alias_key from cfg_stage_aliases)
     order by value`,
    { ids: loadIds },
  );
  return rows.map((r) => r.value);
}
