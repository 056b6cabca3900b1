/**
 * One build at a time per output folder: `DIR/.revops-build.lock`, created exclusively ('wx'),
 * holds {pid, host, started}. A lock whose process is gone (same host, `kill(pid, 0)` says ESRCH)
 * is taken over; any other lock means another run is going, and this one exits 75 (EX_TEMPFAIL,
 * "try again later", which schedulers understand).
 */
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';

export const lockFileName = '.revops-build.lock';

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

export interface BuildLock {
  path: string;
  info: LockInfo;
  release(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** A lock is stale when its process is dead on this host, or it is unreadable and over a minute old. */
async function isStale(path: string, info: LockInfo | null): Promise<boolean> {
  if (info) return info.host === hostname() && !processAlive(info.pid);
  const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
  return age > 60_000; // a crash between create and write leaves an empty file
}

async function create(path: string, info: LockInfo): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(`${JSON.stringify(info)}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Moves a stale lock aside under a name of our own, then checks it is still the stale one: if
 * another process took it over in between, its fresh lock is put back (link fails if one exists).
 */
async function takeOver(path: string, stale: LockInfo | null): Promise<void> {
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved it first; retry the create
  }
  const moved = await readLock(aside);
  if (stale && moved && (moved.pid !== stale.pid || moved.started !== stale.started)) {
    await link(aside, path).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

export async function acquireBuildLock(dir: string): Promise<BuildLock> {
  const path = join(dir, lockFileName);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path, info)) {
      return { path, info, release: () => releaseLock(path, info) };
    }
    const holder = await readLock(path);
    if (!(await isStale(path, holder))) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.started}` : 'a process that left an empty lock file';
      throw new UserError(`another build is running in ${dir} (${who}). If it is not, remove ${path}.`, 75);
    }
    await takeOver(path, holder);
  }
  throw new UserError(`could not take the build lock ${path}: it keeps changing hands`, 75);
}

/** Removes the lock only while it is still ours. */
async function releaseLock(path: string, info: LockInfo): Promise<void> {
  const current = await readLock(path);
  if (current && current.pid === info.pid && current.started === info.started) await rm(path, { force: true });
}
