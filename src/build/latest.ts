/**
 * `DIR/latest/`: a real folder holding a copy of the newest complete run, because symlinks are not
 * reliable on SMB shares. It is switched by copy-to-temp and two renames: the new copy is made
 * as `.latest.new-<pid>`, the old folder renamed to `latest.old-<pid>`, the new one renamed to
 * `latest`, and only then the old copy removed. `latest.json` names the run it holds.
 */
import { cp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from '../atomicFile.js';

export interface LatestPointer {
  run: string;
  asOf: string;
  publishedAt: string;
}

export async function readLatest(dir: string): Promise<LatestPointer | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as LatestPointer;
  } catch {
    return null;
  }
}

export async function publishLatest(dir: string, run: string, asOf: string): Promise<void> {
  const staged = join(dir, `.latest.new-${process.pid}`);
  const old = join(dir, `latest.old-${process.pid}`);
  const latest = join(dir, 'latest');
  await rm(staged, { recursive: true, force: true });
  await cp(join(dir, run), staged, { recursive: true, errorOnExist: false });
  let hadLatest = true;
  try {
    await rename(latest, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadLatest = false;
  }
  try {
    await rename(staged, latest);
  } catch (error) {
    if (hadLatest) await rename(old, latest); // put the previous one back before failing
    throw error;
  }
  await writeAtomically(join(dir, 'latest.json'), `${JSON.stringify({ run, asOf, publishedAt: new Date().toISOString() }, null, 2)}\n`);
  if (hadLatest) await rm(old, { recursive: true, force: true });
}

/**
 * Under the lock, before a run: undo what a run killed mid-switch left. A `latest.old-<pid>`
 * with no `latest/` beside it is the previous latest and is put back; other leftovers of the
 * switch (`.latest.new-*`, a `latest.old-*` beside a good `latest/`) are our own temporary
 * folders and are removed.
 */
export async function recoverLatest(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const notes: string[] = [];
  let hasLatest = names.includes('latest');
  for (const name of names.filter((n) => /^latest\.old-\d+$/.test(n))) {
    if (!hasLatest) {
      await rename(join(dir, name), join(dir, 'latest'));
      hasLatest = true;
      notes.push(`restored latest/ from ${name} left by an interrupted run`);
    } else {
      await rm(join(dir, name), { recursive: true, force: true });
      notes.push(`removed ${name} left by an interrupted run`);
    }
  }
  for (const name of names.filter((n) => /^\.latest\.new-\d+$/.test(n))) {
    await rm(join(dir, name), { recursive: true, force: true });
    notes.push(`removed ${name} left by an interrupted run`);
  }
  return notes;
}
