/**
 * The memory limit, threads and temp directory DuckDB gets for the whole run. The CLI resolves
 * them once (src/config/resources.ts) and sets them here before a command starts, so every
 * warehouse the command opens takes them, and the load's sibling and scratch connections share
 * the instance's settings; no command passes them along by hand.
 */

/** An absent field keeps DuckDB's default. */
export interface Resources {
  /** as the user wrote it (`4GB`, `512MiB`): DuckDB reads the same units */
  memoryLimit?: string;
  threads?: number;
  /** an absolute path */
  tempDir?: string;
}

let current: Resources = {};

export const runResources = (): Resources => current;

export function setRunResources(resources: Resources): void {
  current = { ...resources };
}

/** DuckDB's instance config for these settings. */
export function duckdbResourceConfig(resources: Resources): Record<string, string> {
  const config: Record<string, string> = {};
  if (resources.memoryLimit) config.memory_limit = resources.memoryLimit;
  if (resources.threads) config.threads = String(resources.threads);
  if (resources.tempDir) config.temp_directory = resources.tempDir;
  return config;
}
