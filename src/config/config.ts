/**
 * The config file (revops.config.json): one zod schema validates it, fills defaults and emits the
 * JSON Schema for editor completion (docs/config.schema.json). Downstream code takes the strict
 * `Config` only; `loadConfig` is the one place a loose file becomes one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { buildConfigSchema } from '../build/buildConfig.js';
import { UserError, usageError } from '../errors.js';
import { calendarConfigSchema } from './calendar.js';
import { dealStagesSchema } from './dealStages.js';
import { routingConfigSchema } from './routing.js';
import { hygieneConfigSchema } from './hygiene.js';
import { resourcesConfigSchema } from './resources.js';
import { slasConfigSchema } from './sla.js';
import { defaultExitStateAliases, defaultStages } from './stages.js';

export const isValidTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const timeZone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Europe/Berlin)' });

const stageSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'stage ids are lowercase words, e.g. "mql"'),
  label: z.string(),
  aliases: z.array(z.string()).default([]),
});

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** Zone for naive timestamps in exports, and the default business-calendar zone. */
    timezone: timeZone.default('UTC'),
    /** Ordered lifecycle stages; the funnel follows this order. */
    stages: z.array(stageSchema).min(2).default(defaultStages),
    /** CRM values meaning the lead left the funnel without advancing. */
    exitStates: z
      .object({
        recycled: z.array(z.string()).default(defaultExitStateAliases.recycled),
        disqualified: z.array(z.string()).default(defaultExitStateAliases.disqualified),
        other: z.array(z.string()).default(defaultExitStateAliases.other),
      })
      .default(defaultExitStateAliases),
    /** Deal stage values that close a deal as won or lost (docs/data-model.md, opportunities). */
    dealStages: dealStagesSchema,
    /** Where `build` looks for new exports (relative to the config file). */
    inbox: z.string().optional(),
    /** What `build` makes and when it refuses to publish (docs/scheduling.md). */
    build: buildConfigSchema.prefault({}),
    /** When the business clock runs (docs/business-time.md). Lazy: calendar.ts imports this file. */
    calendar: z.lazy(() => calendarConfigSchema).prefault({}),
    /** Handoff SLAs (docs/sla.md). */
    slas: slasConfigSchema,
    /** Routing audit: pool, weights, PTO, ABM tiers, buying committees (docs/routing.md). */
    routing: routingConfigSchema.prefault({}),
    /** The hygiene audit: survivor rule, required fields, thresholds (docs/hygiene.md). */
    hygiene: hygieneConfigSchema,
    /** DuckDB's memory limit, threads and temp directory for every command (docs/resources.md). */
    resources: resourcesConfigSchema.prefault({}),
    /** The engine every command's warehouse must be (docs/engines.md): checked against --db, never switches it. */
    engine: z.enum(['duckdb', 'postgres']).optional(),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema> & {
  configDir: string;
  configPath?: string;
  /** the file set "timezone" (otherwise it is the UTC default, an assumption the load reports) */
  timezoneConfigured?: boolean;
};

export function parseConfig(input: unknown, configDir = process.cwd(), configPath?: string): Config {
  const result = configSchema.safeParse(input ?? {});
  if (!result.success) {
    const where = configPath ?? 'config';
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw usageError(`${where}: ${problems.join('; ')}`);
  }
  const timezoneConfigured = typeof input === 'object' && input !== null && 'timezone' in input;
  const config = { ...result.data, configDir, configPath, timezoneConfigured };
  if (config.inbox) config.inbox = resolve(configDir, config.inbox);
  if (config.resources.tempDir) config.resources.tempDir = resolve(configDir, config.resources.tempDir);
  return config;
}

/** Reads --config, else REVOPS_CONFIG, else ./revops.config.json when present, else defaults. */
export function loadConfig(path?: string): Config {
  const chosen = path ?? process.env.REVOPS_CONFIG ?? (existsSync('revops.config.json') ? 'revops.config.json' : undefined);
  if (!chosen) return parseConfig({});
  const absolute = resolve(chosen);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new UserError(`${chosen}: cannot read config: ${(error as Error).message}`, 2);
  }
  return parseConfig(raw, dirname(absolute), chosen);
}
