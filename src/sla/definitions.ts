/**
 * SLA definitions from the config, resolved into what the SQL joins: one row per SLA in
 * `sla_definitions`, targets in minutes on a named clock. Stage ids are checked against the
 * config's stages and exit states here, so a typo fails loudly instead of matching nothing.
 */
import type { Config } from '../config/config.js';
import type { SlaDefinitionConfig, SlaTarget } from '../config/sla.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';

/** A business day is 8 business hours (the default 09:00–17:00 calendar); docs/sla.md. */
export const BUSINESS_DAY_MINUTES = 480;

export interface SlaDefinition {
  name: string;
  label: string;
  config: SlaDefinitionConfig;
  /** null: no deadline (a required-fields check only) */
  targetMinutes: number | null;
  clock: 'business' | 'wall';
}

const unitMinutes: Record<SlaTarget['unit'], number> = {
  minutes: 1,
  hours: 60,
  days: 1440,
  businessMinutes: 1,
  businessHours: 60,
  businessDays: BUSINESS_DAY_MINUTES,
};

export function targetOf(target: SlaTarget | null): { minutes: number | null; clock: 'business' | 'wall' } {
  if (!target) return { minutes: null, clock: 'wall' };
  return { minutes: target.amount * unitMinutes[target.unit], clock: target.unit.startsWith('business') ? 'business' : 'wall' };
}

/** "4 business hours", "48 hours", "no deadline". */
export function describeTarget(target: SlaTarget | null): string {
  if (!target) return 'no deadline';
  const words: Record<SlaTarget['unit'], string> = {
    minutes: 'minute',
    hours: 'hour',
    days: 'day',
    businessMinutes: 'business minute',
    businessHours: 'business hour',
    businessDays: 'business day',
  };
  return `${target.amount} ${words[target.unit]}${target.amount === 1 ? '' : 's'}`;
}

export function resolveSlas(config: Config): SlaDefinition[] {
  const known = new Set([...config.stages.map((s) => s.id), ...Object.keys(config.exitStates)]);
  const check = (sla: string, stage: string) => {
    if (!known.has(stage)) throw usageError(`SLA "${sla}": "${stage}" is not a stage or exit state of the config`);
  };
  // instance ids interleave the SLA's position below 1024 (sql/sla/sla__instances.sql)
  if (config.slas.length > 1024) throw usageError('at most 1024 SLAs can be measured together');
  return config.slas.map((sla) => {
    if (sla.start.kind === 'stage') check(sla.name, sla.start.stage);
    if (sla.end.kind === 'stage') for (const stage of sla.end.stages) check(sla.name, stage);
    const { minutes, clock } = targetOf(sla.target);
    return { name: sla.name, label: sla.label ?? sla.name, config: sla, targetMinutes: minutes, clock };
  });
}

/** (Re)creates the temp table sla_definitions; every value is bound, never spliced. */
export async function writeSlaDefinitions(wh: Warehouse, slas: readonly SlaDefinition[]): Promise<void> {
  await wh.run(`create or replace temp table sla_definitions (
    sla_name varchar, position integer, start_kind varchar, start_stage varchar, start_event varchar,
    after_recycle boolean, end_kind varchar, end_stages varchar[], touch_types varchar[], by_lead_owner boolean,
    target_minutes double, business_clock boolean, require_reason boolean, start_value varchar, start_key integer)`);
  for (const [position, sla] of slas.entries()) {
    const { start, end } = sla.config;
    await wh.run(
      `insert into sla_definitions values ($1, $2, $3, $4, $5, $6, $7, cast($8 as varchar[]), cast($9 as varchar[]), $10, $11, $12, $13, null, null)`,
      [
        sla.name,
        position,
        start.kind,
        start.kind === 'stage' ? start.stage : null,
        start.kind === 'event' ? start.eventType : null,
        start.kind === 'stage' && start.afterRecycle,
        end.kind,
        end.kind === 'stage' ? end.stages : null,
        end.kind === 'touch' ? end.types : null,
        end.kind === 'touch' && end.byLeadOwner,
        sla.targetMinutes,
        sla.clock === 'business',
        sla.config.requiredFields.includes('reason'),
      ],
    );
  }
  // The start each SLA begins with, as the starts' rows name it (the stage, or the event type in
  // SQL's lower case), and a key the SLAs sharing that start share (the first one's position): the
  // starts table carries the key, and the ends' join and the instances view join on it
  // (sql/sla/sla__starts.sql). Derived here in SQL, so it matches the starts' lower() exactly.
  await wh.run(`update sla_definitions set start_value = case start_kind when 'stage' then start_stage else lower(start_event) end`);
  await wh.run(`update sla_definitions set start_key = (
    select min(others.position) from sla_definitions as others
    where others.start_kind = sla_definitions.start_kind and others.start_value = sla_definitions.start_value)`);
}
