/**
 * Reads a scoring-model JSON file and validates it; the one place a loose file becomes a
 * `ScoringModel`. Errors list every problem, each naming the rule and field.
 */
import { readFile } from 'node:fs/promises';
import { usageError } from '../errors.js';
import { scoringModelSchema, type ScoringModel } from './model.js';
import { describeModelIssues } from './modelIssues.js';

export function parseScoringModel(input: unknown, label = 'scoring model'): ScoringModel {
  const result = scoringModelSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = describeModelIssues(result.error.issues, input);
  throw usageError(`${label} is not a valid scoring model:\n  - ${problems.join('\n  - ')}`);
}

export async function loadScoringModel(path: string): Promise<ScoringModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(`cannot read scoring model ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw usageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScoringModel(input, path);
}
