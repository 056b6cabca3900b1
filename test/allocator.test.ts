import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mmapThresholdTunable, tunedEnvironment, tunedMarker } from '../src/allocator.js';
import { repoRoot } from './helpers/bin.js';

describe('tunedEnvironment', () => {
  it('adds the fixed mmap threshold and the marker on glibc', () => {
    const env = tunedEnvironment({ PATH: '/bin', HOME: undefined }, true);
    expect(env).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072', [tunedMarker]: '1' });
  });

  it("keeps the user's other tunables, after them", () => {
    expect(tunedEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, true)?.GLIBC_TUNABLES).toBe(`glibc.malloc.arena_max=2:${mmapThresholdTunable}`);
  });

  it('does nothing off glibc, once tuned, when turned off, or when the user chose a threshold', () => {
    expect(tunedEnvironment({}, false)).toBeUndefined();
    expect(tunedEnvironment({ [tunedMarker]: '1' }, true)).toBeUndefined();
    expect(tunedEnvironment({ [tunedMarker]: '0' }, true)).toBeUndefined();
    expect(tunedEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=0:glibc.malloc.mmap_threshold=65536' }, true)).toBeUndefined();
    // a name that only ends like it is not the threshold
    expect(tunedEnvironment({ GLIBC_TUNABLES: 'x.glibc.malloc.mmap_threshold=1' }, true)?.GLIBC_TUNABLES).toBe(
      `x.glibc.malloc.mmap_threshold=1:${mmapThresholdTunable}`,
    );
  });
});

// a real process: it starts itself again (same pid, its stdout still the pipe) with the tunable set
const run = (env: Record<string, string>) => {
  const script = `import { tuneAllocator } from './src/allocator.ts'; tuneAllocator();
    console.log(JSON.stringify({ pid: process.pid, tunables: process.env.GLIBC_TUNABLES ?? null, marker: process.env.${tunedMarker} ?? null }));`;
  const { GLIBC_TUNABLES: _, [tunedMarker]: __, ...rest } = process.env;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, env: { ...rest, ...env }, encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return { childPid: child.pid, ...(JSON.parse(child.stdout) as { pid: number; tunables: string | null; marker: string | null }) };
};

describe.runIf(process.platform === 'linux' && typeof process.execve === 'function')('tuneAllocator', () => {
  it('starts the process again with the threshold, keeping its pid and stdout', () => {
    const tuned = run({});
    expect(tuned).toEqual({ childPid: tuned.childPid, pid: tuned.childPid, tunables: mmapThresholdTunable, marker: '1' });
  });

  it('leaves the process alone when REVOPS_MALLOC_TUNED is set', () => {
    expect(run({ [tunedMarker]: '0' })).toMatchObject({ tunables: null, marker: '0' });
  });
});
