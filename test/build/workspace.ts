/**
 * A scheduled build's world in a temporary folder: an inbox of exports, a config naming it, a
 * warehouse file and an output folder, laid out the way docs/scheduling.md suggests.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sampleDataDir = fileURLToPath(new URL('../../sample-data', import.meta.url));
export const lifecycleDir = fileURLToPath(new URL('../fixtures/lifecycle', import.meta.url));

export interface Workspace {
  root: string;
  inbox: string;
  out: string;
  db: string;
  config: string;
}

/**
 * Copies `from` into a fresh inbox; the config sets the sample's time zone and names the inbox.
 * The copies are seconds old, so the config loads them at once (settleSeconds 0, not the default 60).
 */
export function workspace(from: string): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'revops-build-'));
  const inbox = join(root, 'inbox');
  cpSync(from, inbox, { recursive: true });
  const config = join(root, 'revops.config.json');
  writeFileSync(config, JSON.stringify({ timezone: 'America/New_York', inbox: 'inbox', build: { settleSeconds: 0 } }));
  return { root, inbox, out: join(root, 'reports'), db: join(root, 'revops.duckdb'), config };
}

export const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file under `dir` with its checksum, to prove a folder did not change. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = sha256(path);
    }
  };
  walk(dir);
  return files;
}

export function writeFile(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}
