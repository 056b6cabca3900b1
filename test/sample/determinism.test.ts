import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { sample } from '../../src/commands/sample.js';
import { tempOut } from './helpers.js';

const contents = (dir: string, paths: string[]) => paths.map((p) => readFileSync(join(dir, p), 'utf8'));

describe('sample determinism', () => {
  it('writes byte-identical files for the same seed and options', async () => {
    const a = await sample({ out: tempOut('det-a'), leads: 300, seed: 42 });
    const b = await sample({ out: tempOut('det-b'), leads: 300, seed: 42 });
    const paths = a.files.map((f) => f.path);
    expect(b.files.map((f) => f.path)).toEqual(paths);
    expect(contents(b.out, paths)).toEqual(contents(a.out, paths));
    expect(b.files).toEqual(a.files);
  });

  it('writes a different world for another seed', async () => {
    const a = await sample({ out: tempOut('seed-a'), leads: 100, seed: 1, formats: ['canonical'] });
    const b = await sample({ out: tempOut('seed-b'), leads: 100, seed: 2, formats: ['canonical'] });
    const [la, lb] = [contents(a.out, ['canonical/leads.csv']), contents(b.out, ['canonical/leads.csv'])];
    expect(la).not.toEqual(lb);
  });

  it('gives the same world whatever order the formats are listed in', async () => {
    const a = await sample({ out: tempOut('order-a'), leads: 120, seed: 5, formats: ['hubspot', 'canonical'] });
    const b = await sample({ out: tempOut('order-b'), leads: 120, seed: 5, formats: ['canonical', 'hubspot'] });
    const paths = a.files.map((f) => f.path);
    expect(contents(b.out, paths)).toEqual(contents(a.out, paths));
    // only the asked-for formats are written, and every lead lands in one of them
    expect(a.leadsBySystem.salesforce).toBe(0);
    expect(a.leadsBySystem.hubspot + a.leadsBySystem.canonical).toBe(120);
  });

  it('rejects nonsense options as usage errors (exit code 2)', async () => {
    const out = tempOut('bad');
    await expect(sample({ out, leads: 0 })).rejects.toMatchObject({ name: 'UserError', exitCode: 2 });
    await expect(sample({ out, seed: -1 })).rejects.toBeInstanceOf(UserError);
    await expect(sample({ out, asOf: 'next tuesday' })).rejects.toThrow(/as-of/);
    await expect(sample({ out, formats: ['pipedrive' as never] })).rejects.toThrow(/unknown sample format pipedrive/);
  });
});
