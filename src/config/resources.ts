/**
 * How much of the machine DuckDB may use for a run: a memory limit (past it DuckDB spills to its
 * temp directory), a thread count and that temp directory. Each comes from the option, else the
 * environment, else the config file's "resources", else DuckDB's own default (80% of RAM, one
 * thread per core, `<warehouse>.tmp`). Checked here once, so DuckDB never sees a value it would
 * reject halfway through a run, and the error names where the value came from.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Resources } from '../db/runResources.js';
import { usageError } from '../errors.js';

const sizeUnits = ['b', 'bytes', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib'];
const sizePattern = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i;

/** A size with a unit DuckDB reads: `4GB`, `512MiB`, `1.5 GB`. A bare number is refused: bytes or megabytes? */
export function isMemorySize(value: string): boolean {
  const match = sizePattern.exec(value);
  return match !== null && Number(match[1]) > 0 && sizeUnits.includes(match[2]!.toLowerCase());
}

const sizeHint = 'a size with a unit, like 4GB or 512MiB';
const threadsHint = 'a positive whole number';

export const resourcesConfigSchema = z
  .object({
    /** DuckDB's memory limit for every command, e.g. "4GB"; past it DuckDB spills to tempDir. */
    memoryLimit: z
      .string()
      .refine(isMemorySize, { message: `not ${sizeHint}` })
      .optional(),
    /** DuckDB's worker threads (default: one per core). */
    threads: z.number().int().positive().optional(),
    /** Where DuckDB spills when over the memory limit (relative to the config file; default: <warehouse>.tmp). */
    tempDir: z.string().min(1).optional(),
  })
  .strict();

export type ResourcesConfig = z.output<typeof resourcesConfigSchema>;

/** The three places a setting can come from, as the CLI hands them over (options and env unparsed). */
export interface ResourceSources {
  options: { memoryLimit?: string; threads?: string; tempDir?: string };
  env: NodeJS.ProcessEnv;
  /** the config file's "resources", with tempDir already resolved against the file's folder */
  config?: ResourcesConfig;
}

/** Option > environment > config > DuckDB's default, per setting; a bad value is a usage error naming its source. */
export function resolveResources({ options, env, config = {} }: ResourceSources): Resources {
  const pick = (option: string | undefined, envName: string, flag: string) =>
    option !== undefined ? { value: option, source: flag } : env[envName] ? { value: env[envName], source: `$${envName}` } : undefined;
  const resources: Resources = {};
  const memory = pick(options.memoryLimit, 'REVOPS_MEMORY_LIMIT', '--memory-limit');
  if (memory) {
    if (!isMemorySize(memory.value)) throw usageError(`${memory.source} must be ${sizeHint}, not "${memory.value}"`);
    resources.memoryLimit = memory.value.trim();
  } else if (config.memoryLimit) resources.memoryLimit = config.memoryLimit.trim();
  const threads = pick(options.threads, 'REVOPS_THREADS', '--threads');
  if (threads) {
    const n = Number(threads.value);
    if (!/^\s*\d+\s*$/.test(threads.value) || !Number.isInteger(n) || n <= 0)
      throw usageError(`${threads.source} must be ${threadsHint}, not "${threads.value}"`);
    resources.threads = n;
  } else if (config.threads) resources.threads = config.threads;
  const tempDir = pick(options.tempDir, 'REVOPS_TEMP_DIR', '--temp-dir');
  if (tempDir) {
    if (!tempDir.value.trim()) throw usageError(`${tempDir.source} must name a folder`);
    resources.tempDir = folder(resolve(tempDir.value), tempDir.source);
  } else if (config.tempDir) resources.tempDir = folder(config.tempDir, 'config resources.tempDir');
  return resources;
}

/** DuckDB would fail on a file only when it first spills, deep in a run, as an internal error. */
function folder(path: string, source: string): string {
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) throw usageError(`${source} must be a folder, and ${path} is a file`);
  return path;
}
