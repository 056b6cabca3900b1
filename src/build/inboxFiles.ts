/**
 * Which inbox files a build loads now. Exports arrive by copy, sync or download, so a file may be
 * caught while it is still being written: one modified in the last `settleSeconds`, or whose size
 * or time changes across a short second look, waits for a later run. An empty file waits too
 * (it may be a copy just begun; a file that stays empty is named in every run, never blocks one).
 * Links are followed only to files inside the inbox: a link out of it (to /etc/passwd, say) is
 * not read, so nothing outside the inbox reaches the warehouse or the share.
 */
import { realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataError } from '../errors.js';
import { isExportName, walkFolder } from '../ingest/files.js';

export const defaultSettleSeconds = 60;

export interface InboxPick {
  /** files to load this run */
  files: string[];
  /** files that are not exports (README, spreadsheets), left alone as `load DIR` does */
  notExports: string[];
  /** exports not loaded this run, each with the reason */
  held: { path: string; reason: string }[];
}

export interface PickOptions {
  settleSeconds: number;
  now?: Date;
  /** the pause before the second look (default: 1 s, none when settleSeconds is 0); tests pass their own */
  wait?: () => Promise<void>;
}

interface Seen {
  path: string;
  size: number;
  mtimeMs: number;
}

export async function pickInboxFiles(inbox: string, options: PickOptions): Promise<InboxPick> {
  const root = await realpath(inbox).catch(() => {
    throw dataError(`${inbox}: the inbox folder does not exist (--inbox, or "inbox" in the config)`);
  });
  const now = (options.now ?? new Date()).getTime();
  const settleMs = options.settleSeconds * 1000;
  const pick: InboxPick = { files: [], notExports: [], held: [] };
  const seen: Seen[] = [];
  for (const { path, entry } of await walkFolder(inbox)) {
    if (!isExportName(entry.name)) {
      pick.notExports.push(path);
      continue;
    }
    const why = entry.isSymbolicLink() ? await linkProblem(root, path) : null;
    if (why) {
      pick.held.push({ path, reason: why });
      continue;
    }
    const info = await stat(path).catch(() => null);
    if (!info) pick.held.push({ path, reason: 'gone before it could be read (renamed or removed while the build looked)' });
    else if (!info.isFile())
      pick.held.push({ path, reason: info.isDirectory() ? 'a link to a folder, not followed' : 'not a regular file (a pipe or device)' });
    else if (info.size === 0) pick.held.push({ path, reason: 'empty (0 bytes): nothing to load; it is loaded once it has content' });
    else if (Math.abs(now - info.mtimeMs) < settleMs) {
      const ago = Math.max(0, Math.round((now - info.mtimeMs) / 1000));
      pick.held.push({ path, reason: `modified ${ago} s ago, maybe still being copied: loaded once it is ${options.settleSeconds} s old (--settle-seconds)` });
    } else seen.push({ path, size: info.size, mtimeMs: info.mtimeMs });
  }
  const wait = options.wait ?? (settleMs > 0 ? () => sleep(1000) : null);
  if (wait && seen.length > 0) await wait();
  for (const file of seen) {
    const again = await stat(file.path).catch(() => null);
    if (again && again.size === file.size && again.mtimeMs === file.mtimeMs) pick.files.push(file.path);
    else pick.held.push({ path: file.path, reason: 'still growing (its size changed while the build looked at it): loaded once it is complete' });
  }
  pick.held.sort((a, b) => a.path.localeCompare(b.path));
  return pick;
}

/** Why a link in the inbox is not followed, or null when it points at a file inside the inbox. */
async function linkProblem(root: string, path: string): Promise<string | null> {
  let target: string;
  try {
    target = await realpath(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a link that loops back on itself, not followed' : 'a broken link (its target does not exist)';
  }
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || inside.startsWith(sep)) {
    return 'a link to a file outside the inbox, not followed';
  }
  return null;
}
