/** The model file: loading, validation messages that name the rule and field, and the JSON Schema. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadScoringModel, parseScoringModel } from '../../src/scoring/loadModel.js';
import { scoringModelJsonSchema } from '../../src/scoring/model.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function problemsOf(input: unknown): string[] {
  try {
    parseScoringModel(input);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message.split('\n  - ').slice(1);
  }
  throw new Error('expected the model to be rejected');
}

const base = { name: 'm', version: '1', threshold: 50, fit: [], engagement: [], negative: [] };

describe('loadScoringModel', () => {
  it('loads a valid model file', async () => {
    const model = await loadScoringModel(fixture('small-model.json'));
    expect(model.threshold).toBe(40);
    expect(model.engagement[1]?.decay).toEqual({ points: 5, every: '1 week' });
  });

  it('names every broken rule by position, id and field', async () => {
    const error = await loadScoringModel(fixture('bad-model.json')).catch((e: unknown) => e as UserError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as Error).message.split('\n  - ').slice(1)).toEqual([
      'fit[2] "size-10-500": condition.range.min must be a number',
      'engagement[0] "pricing-page": decay.every must look like "1 week", "2 weeks", "1 month" or "10d"',
      'negative[0] "personal-email": points must be below 0 (negative rules subtract)',
      'negative[1] "title-junior": condition must have one of: equals, in, range, regex, present',
      'negative[2] "pricing-page": id "pricing-page" is used by another rule',
    ]);
  });

  it('explains top-level, regex, range and rule-kind mistakes', () => {
    expect(problemsOf({ ...base, threshold: undefined })).toEqual(['threshold is required']);
    expect(problemsOf({ ...base, fit: [{ id: 'title', field: 'title', condition: { regex: '(vp' }, points: 5 }] })).toEqual([
      'fit[0] "title": condition.regex "(vp" is not a valid regular expression: a ( is never closed',
    ]);
    expect(problemsOf({ ...base, fit: [{ id: 'r', field: 'employees', condition: { range: { min: 500, max: 10 } }, points: 5 }] })).toEqual([
      'fit[0] "r": condition.range min must be <= max',
    ]);
    expect(problemsOf({ ...base, negative: [{ id: 'x', points: -5 }] })).toEqual(['negative[0] "x": must have one of: field+condition, event, inactiveDays']);
    expect(problemsOf({ ...base, engagement: [{ id: 'e', event: 'login', points: 5, minCount: 2.5, extra: 1 }] })).toEqual([
      'engagement[0] "e": minCount must be a whole number',
      'engagement[0] "e": has unknown key "extra"',
    ]);
    expect(problemsOf({ ...base, fit: [{ id: 'v', field: 'x', condition: { equals: true }, points: 1 }] })).toEqual([
      'fit[0] "v": condition.equals must be a string or number',
    ]);
  });

  it('reports unreadable files and bad JSON as user errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scoring-model-'));
    await writeFile(join(dir, 'broken.json'), '{ "name": ');
    await expect(loadScoringModel(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json is not valid JSON/);
    await expect(loadScoringModel(join(dir, 'missing.json'))).rejects.toThrow(/cannot read scoring model .*missing\.json: ENOENT/);
  });
});

describe('scoringModelJsonSchema', () => {
  it('matches the committed docs/scoring-model.schema.json', () => {
    const committed = fileURLToPath(new URL('../../docs/scoring-model.schema.json', import.meta.url));
    const generated = `${JSON.stringify(scoringModelJsonSchema(), null, 2)}\n`;
    const current = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
    // On a mismatch outside CI, write the new schema beside it for review (rename to accept).
    if (current !== generated && process.env.CI !== 'true') writeFileSync(`${committed}-changed`, generated);
    expect(current).toBe(generated);
  });

  it('describes the rule shapes editors complete', () => {
    const schema = scoringModelJsonSchema() as { required: string[]; properties: Record<string, { items?: { anyOf?: unknown[] } }> };
    expect(schema.required).toEqual(['name', 'version', 'threshold', 'fit', 'engagement', 'negative']);
    expect(schema.properties.negative?.items?.anyOf).toHaveLength(3);
  });
});
