/**
 * The pipeline report's other outputs on the hand-computed deals: the terminal table fits the
 * width it is given, Parquet and Arrow write one file per table with every row, and the CLI
 * command takes its options and says what is wrong with a bad one (exit 2).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { pipelineOutputs } from '../../src/commands/pipelineOutputs.js';
import { parseConfig } from '../../src/config/config.js';
import { exportTablesFor } from '../../src/export/reportTables.js';
import { writeReportTables } from '../../src/export/write.js';
import type { PipelineReport } from '../../src/pipeline/types.js';
import { openTestWarehouse } from '../helpers/db.js';
import { handWarehouse } from './handFixture.js';

describe('pipeline outputs', () => {
  let report: PipelineReport;
  beforeAll(async () => {
    const wh = await handWarehouse();
    report = await pipelineOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' });
    wh.close();
  });

  it('fits the terminal table to 60 columns, leaving out the least needed columns first', () => {
    const text = pipelineOutputs(report).table(60);
    const tables = text.split('\n\n').slice(1, 4);
    for (const table of tables) for (const line of table.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
    expect(text).toContain('win rate');
    expect(text).toContain('66.7%');
    expect(text).toMatch(/Negotiation\s+2\s+66\.7%/);
    expect(pipelineOutputs(report).table()).toContain('95% interval');
  });

  it('writes every table as Parquet, each with all its rows', async () => {
    const tables = exportTablesFor('pipeline', report)!;
    expect(tables.map((t) => [t.name, t.rows.length])).toEqual([
      ['summary', 1],
      ['stages', 6],
      ['groups', 3],
      ['open_pipeline', 4],
      ['stale', 5],
      ['pushes', 1],
      ['waterfall', 10],
      ['waterfall_deals', 6],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'revops-pipeline-export-'));
    const written = await writeReportTables('pipeline', tables, 'parquet', dir);
    expect(readdirSync(dir).sort()).toEqual(tables.map((t) => `pipeline__${t.name}.parquet`).sort());
    const wh = await openTestWarehouse();
    const stale = await wh.all<{ opportunity_id: string; days_in_stage: number; reason: string }>(
      `select opportunity_id, days_in_stage, reason from read_parquet($p) order by opportunity_id`,
      { p: written.find((w) => w.endsWith('pipeline__stale.parquet')) },
    );
    expect(stale).toEqual([
      // O2: 36 days in Proposal, none of them with a change (the no-change rule); S1 both rules
      { opportunity_id: 'O1', days_in_stage: 89, reason: 'slow-stage' },
      { opportunity_id: 'O2', days_in_stage: 36, reason: 'no-change' },
      { opportunity_id: 'P1', days_in_stage: 108, reason: 'slow-stage' },
      { opportunity_id: 'R1', days_in_stage: 46, reason: 'slow-stage' },
      { opportunity_id: 'S1', days_in_stage: 122, reason: 'slow-stage; no-change' },
    ]);
    const arrow = await writeReportTables('pipeline', tables, 'arrow', join(dir, 'arrow'));
    expect(arrow).toHaveLength(8);
  });

  it('runs from the CLI, and refuses an unknown trailing window as a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'revops-pipeline-cli-'));
    const db = join(dir, 'w.duckdb');
    const wh = await handWarehouse();
    await wh.run(`attach '${db}' as target; copy from database memory to target; detach target`);
    wh.close();
    const out = join(dir, 'pipeline.json');
    const args = ['node', 'revops-report', 'pipeline', '--db', db, '--from', '2024-01-01', '--to', '2024-03-31', '--as-of', '2024-03-31', '--by', 'owner'];
    expect(await main([...args, '--format', 'json', '--out', out])).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as PipelineReport;
    expect([json.report, json.by, json.summary.won, json.groups.map((g) => g.key)]).toEqual(['pipeline', 'owner', 2, ['Dana Reyes', 'Sam <b>Lee</b>']]);
    expect(await main([...args, '--trailing', 'forever', '--format', 'json'])).toBe(2);
  });
});
