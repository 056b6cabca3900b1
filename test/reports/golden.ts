/**
 * Golden-file comparison for report output (chart specs, HTML shells). A mismatch writes
 * `<name>-changed` beside the golden (gitignored) for review and fails; a missing golden is
 * written on a developer machine but is a failure in CI, where goldens are never written.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const goldenDir = new URL('../golden/reports/', import.meta.url);

/** Compare `actual` with test/golden/reports/<name>; `name` carries its extension. */
export function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, goldenDir));
  const changedPath = `${path}-changed`;
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file missing: test/golden/reports/${name} (not written in CI)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    console.warn(`wrote new golden test/golden/reports/${name}: review and commit it`);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) {
    rmSync(changedPath, { force: true });
    return;
  }
  writeFileSync(changedPath, actual);
  expect(actual, `differs from test/golden/reports/${name}; see ${name}-changed beside it`).toBe(expected);
}

/** A chart spec as stored in goldens: stable key order as built, two-space indent, final newline. */
export const specJson = (spec: unknown): string => `${JSON.stringify(spec, null, 2)}\n`;
