import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireBuildLock, lockFileName } from '../../src/build/lock.js';
import { UserError } from '../../src/errors.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'revops-lock-'));

/** The pid of a process that has already exited (spawnSync waits for it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('build lock', () => {
  it('holds {pid, host, started} while held and removes it on release', async () => {
    const dir = fresh();
    const lock = await acquireBuildLock(dir);
    const info = JSON.parse(readFileSync(join(dir, lockFileName), 'utf8'));
    expect([info.pid, info.host]).toEqual([process.pid, hostname()]);
    await lock.release();
    expect(existsSync(join(dir, lockFileName))).toBe(false);
  });

  it('refuses a second holder with exit code 75 and a message naming the holder', async () => {
    const dir = fresh();
    const lock = await acquireBuildLock(dir);
    const error = await acquireBuildLock(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(75);
    expect((error as UserError).message).toContain(`another build is running in ${dir} (process ${process.pid} on ${hostname()}`);
    await lock.release();
  });

  it('takes over a lock left by a dead process on this host', async () => {
    const dir = fresh();
    const pid = deadPid();
    writeFileSync(join(dir, lockFileName), JSON.stringify({ pid, host: hostname(), started: '2026-11-01T02:00:00Z' }));
    const lock = await acquireBuildLock(dir);
    expect(JSON.parse(readFileSync(join(dir, lockFileName), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('does not take over a lock from another host, whose processes it cannot see', async () => {
    const dir = fresh();
    writeFileSync(join(dir, lockFileName), JSON.stringify({ pid: deadPid(), host: 'reports-vm-2', started: '2026-11-01T02:00:00Z' }));
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({ exitCode: 75 });
  });

  it('treats an empty lock file as held for a minute, then as stale', async () => {
    const dir = fresh();
    const path = join(dir, lockFileName);
    writeFileSync(path, ''); // a crash between creating the file and writing it
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({ exitCode: 75 });
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(path, twoMinutesAgo, twoMinutesAgo);
    const lock = await acquireBuildLock(dir);
    await lock.release();
  });

  it('does not remove a lock that another process took over in the meantime', async () => {
    const dir = fresh();
    const lock = await acquireBuildLock(dir);
    const other = JSON.stringify({ pid: process.pid, host: hostname(), started: 'someone else' });
    writeFileSync(join(dir, lockFileName), other);
    await lock.release();
    expect(readFileSync(join(dir, lockFileName), 'utf8')).toBe(other);
  });
});
