/**
 * `manifest.json`, one per run: what went in (input files, checksums, rows read, loaded and
 * rejected), what came out (every file with its size and SHA-256), which versions made it (the
 * tool, and each SQL model by content hash), how long each step took, and how the run ended.
 * The build index is made from these files alone.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { sqlPath } from '../paths.js';

export type RunStatus = 'running' | 'complete' | 'failed';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ManifestInput {
  /** relative to the inbox */
  file: string;
  sha256: string;
  detected: string;
  object: string;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  skipped?: string;
}

export interface ManifestReport {
  name: string;
  html: string;
  json: string;
  data: string[];
  headline: Record<string, number | null>;
  ms: number;
}

export interface BuildManifest {
  manifestVersion: 1;
  run: string;
  status: RunStatus;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  tool: { name: string; version: string; node: string };
  /** SQL models by path under sql/, each with the first 12 hex digits of its SHA-256 */
  models: Record<string, string>;
  inputs: ManifestInput[];
  rejected: { rows: number; read: number; rate: number | null; sample: { file: string; line: number | null; reason: string }[] };
  /** inbox files left for a later run (still arriving, empty, links out of the inbox), with the reason */
  notLoaded: { file: string; reason: string }[];
  /** why the run loaded no new rows (no inbox, an empty inbox, every export already loaded), else null */
  nothingNew: string | null;
  dataFreshness: string | null;
  reports: ManifestReport[];
  files: ManifestFile[];
  timings: Record<string, number>;
  checks: { check: string; limit: string; value: string; passed: boolean }[];
  warnings: string[];
  error: { message: string; exitCode: number } | null;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under `root` (paths relative to it, `/`-separated, sorted), with size and checksum. */
export async function listFiles(root: string, skip: (path: string) => boolean = () => false): Promise<ManifestFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: ManifestFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(root, absolute).split(sep).join('/');
    if (skip(path)) continue;
    files.push({ path, bytes: (await stat(absolute)).size, sha256: await sha256File(absolute) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The version of each SQL model: a content hash, so two runs compare model by model. */
export async function modelVersions(): Promise<Record<string, string>> {
  const root = sqlPath('.');
  const models: Record<string, string> = {};
  for (const file of await listFiles(root, (p) => !p.endsWith('.sql'))) models[file.path] = file.sha256.slice(0, 12);
  return models;
}

export async function readManifest(runDir: string): Promise<BuildManifest | null> {
  try {
    return JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as BuildManifest;
  } catch {
    return null;
  }
}
