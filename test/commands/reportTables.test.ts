/** The speed-to-lead, SLA and backtest tables on a terminal: percentages as the tiles say them, narrow widths kept readable. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSummary } from '../../src/ingest/load.js';
import { printResult } from '../../src/output.js';
import '../../src/views.js';
import { backtestOutputs } from '../../src/commands/backtestOutputs.js';
import { slaOutputs, speedToLeadOutputs } from '../../src/commands/slaOutputs.js';
import { formatValue } from '../../src/reports/format.js';
import { speedToLeadReportDocument } from '../../src/reports/speedToLeadReport.js';
import { speedToLeadTiles } from '../../src/reports/tiles.js';
import { runBacktest } from '../../src/scoring/backtest.js';
import type { SpeedToLeadReport } from '../../src/sla/types.js';
import { openTestWarehouse } from '../helpers/db.js';
import { emptySla, emptySpeedToLead } from '../reports/emptyReports.js';
import { handSpec, seedHandCohort, simple } from '../scoring/handCohort.js';

// 89 of 95 decided starts within target: 0.93684… reads 93.7% everywhere (not "94%" in the table)
const speed: SpeedToLeadReport = {
  ...emptySpeedToLead,
  overall: { n: 100, touched: 97, medianMinutes: 65, medianBusinessMinutes: 42, p90BusinessMinutes: 230, withinTarget: 89 / 95 },
};

describe('report tables on a terminal', () => {
  it('speed-to-lead: the overview table shows within target as the tile does, 93.7%', () => {
    const tile = speedToLeadTiles(speed).find((t) => t.key === 'within-sla')!;
    expect(tile.value).toBe('93.7%');
    const overview = speedToLeadReportDocument(speed, 'revops-report test').sections.find((s) => s.id === 'overall')!.table!;
    const column = overview.columns.find((c) => c.key === 'withinTarget')!;
    expect(formatValue(overview.rows[0]!.withinTarget, column.format)).toBe('93.7%');
    expect(speedToLeadOutputs(speed).table()).toContain('93.7%');
  });

  it('speed-to-lead at 60 columns keeps the business median and within target, leaving out p90 and touched', () => {
    const stats = speedToLeadOutputs(speed).table(60).split('\n\n')[1]!.split('\n');
    // whole: MQLs 4, touched 7, median 6, median (business) 17, p90 (business) 14, within 4 business hours 25
    // = 73 + 10 = 83; without p90 (-16) 67, without touched (-9) 58 <= 60
    expect(stats).toEqual([
      'MQLs  median  median (business)  within 4 business hours',
      '----  ------  -----------------  -----------------------',
      ' 100  1h 05m                42m                    93.7%',
      '(left out: p90 (business), touched; --wide shows all)',
    ]);
  });

  it('SLA at 60 columns keeps the SLA, compliance and breaches', () => {
    const report = {
      ...emptySla,
      slas: [
        { ...emptySla.slas[0]!, eligible: 13, met: 7, breached: 6, compliance: 7 / 13, ci95: [0.29143795714506004, 0.7679393219046169] as [number, number] },
      ],
    };
    const lines = slaOutputs(report).table(60).split('\n\n')[1]!.split('\n');
    // whole: SLA 17, target 16, eligible 8, met 3, breached 8, pending 7, compliance 10, interval 12 = 81 + 14 = 95;
    // -pending (9) 86, -met (5) 81, -eligible (10) 71, -interval (14) 57 <= 60
    expect(lines).toEqual([
      'SLA                target            breached  compliance',
      '-----------------  ----------------  --------  ----------',
      'MQL → first touch  4 business hours         6       53.8%',
      '(left out: pending, met, eligible, 95% interval; --wide',
      'shows all)',
    ]);
  });

  it('backtest at 80 columns keeps workload, precision, recall and the verdict', async () => {
    const wh = await openTestWarehouse();
    await seedHandCohort(wh);
    const report = await runBacktest(wh, handSpec, { current: simple, candidate: { ...simple, version: '2', threshold: 50 } });
    const text = backtestOutputs(report).table(80);
    const table = text
      .split('\n\n')
      .find((b) => b.startsWith('Holdout'))!
      .split('\n');
    // Rule 18 ("Actual MQL routing"), Workload 8, Precision 18, Recall 15, Verdict 12 = 71 + 8 = 79 <= 80
    expect(table.slice(1)).toEqual([
      'Rule                Workload  Precision (95% CI)  Recall (95% CI)  Verdict',
      '------------------  --------  ------------------  ---------------  ------------',
      'Current (≥ 40)         33.3%     75.0% (30%–95%)  60.0% (23%–88%)  inconclusive',
      'Candidate (≥ 50)       25.0%     66.7% (21%–94%)  40.0% (12%–77%)  inconclusive',
      'Actual MQL routing     41.7%     40.0% (12%–77%)  40.0% (12%–77%)  inconclusive',
      '(left out: False pos., Missed wins, Resolved, Wins, Flagged, Lift, AUC; --wide',
      'shows all)',
    ]);
    expect(text).toContain('Development (before the holdout)\nRule ');
    // whole with no width
    expect(backtestOutputs(report).table()).toMatch(/Flagged +Workload +Precision \(95% CI\) +Recall \(95% CI\) +False pos\. +Missed wins +Lift +AUC +Verdict/);
  });
});

describe('load summary on a terminal', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const file: FileSummary = {
    path: 'exports/hubspot-contacts-2024-06-01-full-export.csv',
    detected: 'hubspot',
    object: 'leads',
    variant: 'hubspot_contacts',
    format: 'hubspot_contacts',
    read: 1200,
    loaded: 1180,
    rejected: 20,
    duplicates: 0,
    encoding: 'utf-8',
    nulsDropped: 0,
    checksum: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    columnsUsed: ['Record ID'],
    columnsIgnored: [],
  };
  const printed = (wide?: boolean) => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    printResult({ files: [file], unknownStageValues: [], warnings: [] }, 'table', 'load', { wide });
    return out.split('\n\n')[0]!.split('\n');
  };

  it('piped with COLUMNS=60 leaves out encoding and format, then cuts the file name', () => {
    vi.stubEnv('COLUMNS', '60');
    // whole: file 51, format 27, encoding 8, read 5, loaded 6, rejected 8, duplicates 10 (+ the empty note)
    // without encoding and format: 51 + 5 + 6 + 8 + 10 + 0 (note) + 5 gaps of 2 = 90; the file name gives 30 (to 21)
    expect(printed()).toEqual([
      'file                    read  loaded  rejected  duplicates',
      '---------------------  -----  ------  --------  ----------',
      'exports/hubspot-cont…  1,200   1,180        20           0',
      '(left out: encoding, format; long text cut with …; --wide',
      'shows all)',
    ]);
    expect(printed(true)[0]).toMatch(/^file +format +encoding +read/);
  });
});
