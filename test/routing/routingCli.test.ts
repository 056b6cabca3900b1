/**
 * `revops-report routing` through the CLI, as a shell runs it: a CSV list to a file, the JSON
 * contract on stdout when piped, and a usage error (exit 2) for a list that does not exist.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { fixturePath } from '../helpers/load.js';
import { routingFiles } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'revops-routing-cli-'));
const db = join(dir, 'routing.duckdb');
const window = ['--from', '2024-02-01', '--to', '2024-03-19', '--as-of', '2024-03-20T00:00:00Z', '--db', db];

async function run(args: string[]) {
  const out: string[] = [];
  const saved = { write: process.stdout.write, err: process.stderr.write, isTTY: process.stdout.isTTY };
  const errors: string[] = [];
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
  try {
    const code = await main(['node', 'revops-report', ...args]);
    return { code, text: out.join(''), errors: errors.join('') };
  } finally {
    process.stdout.write = saved.write;
    process.stderr.write = saved.err;
    Object.defineProperty(process.stdout, 'isTTY', { value: saved.isTTY, configurable: true });
  }
}

beforeAll(async () => {
  const loaded = await run(['load', ...routingFiles.map(fixturePath), '--db', db, '--format', 'json']);
  expect(loaded.code).toBe(0);
}, 60_000);

describe('routing on the command line', () => {
  it('writes one list as CSV to --out', async () => {
    const out = join(dir, 'reassignments.csv');
    expect((await run(['routing', ...window, '--format', 'csv', '--list', 'reassignments', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n').slice(0, 2)).toEqual([
      'lead_id,reassignments,ping_pongs,path,first_assigned_at,last_assigned_at',
      'L03,3,1,Ana Ruiz → Ben Carter → Ana Ruiz → Chen Wei,2024-03-05T14:10:00.000Z,2024-03-08T15:00:00.000Z',
    ]);
  });

  it('prints the JSON contract when piped', async () => {
    const { code, text } = await run(['routing', ...window]);
    expect(code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ report: 'routing', unassigned: { count: 3 } });
  });

  it('refuses a list it does not have, with exit code 2', async () => {
    const { code, errors } = await run(['routing', ...window, '--format', 'csv', '--list', 'everything']);
    expect(code).toBe(2);
    expect(errors).toContain('--list is one of unassigned, distribution, fairness, reassignments, abm-breaches, committees, not "everything"');
  });
});
