/** The CLI side of `scoring score`: open the warehouse, score, write JSON or spreadsheet-safe CSV. */
import { toCsv } from '../reports/escape.js';
import { safeJson } from '../terminal.js';
import { parseAsOf } from '../metrics/window.js';
import { scoringScore } from './scoring.js';
import { withExistingWarehouse } from './warehouse.js';
import { writeAtomically } from '../atomicFile.js';

export interface ScoringScoreCommandOptions {
  model: string;
  asOf?: string;
  format: 'json' | 'csv';
  out?: string;
  db?: string;
}

export async function scoringScoreCommand(options: ScoringScoreCommandOptions): Promise<string | undefined> {
  const asOf = parseAsOf(options.asOf).toISOString();
  const result = await withExistingWarehouse(options.db, (wh) => scoringScore(wh, { modelPath: options.model, asOf }));
  const text =
    options.format === 'csv'
      ? toCsv(
          ['lead_id', 'score', 'fit', 'engagement', 'negative', 'flagged', 'fields_from_current', 'top_rules'],
          result.rows as unknown as Record<string, unknown>[],
        )
      : `${safeJson(result, 2)}\n`;
  if (!options.out) {
    process.stdout.write(text);
    return undefined;
  }
  await writeAtomically(options.out, text);
  return options.out;
}
