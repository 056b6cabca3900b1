/**
 * The commands that reproduce each of the demo's reports, printed by `demo` so a new user can go
 * from "the demo made these pages" to "I can make them myself": the same warehouse, config,
 * window, as-of and models, writing the same files into the same folder.
 */
import { join } from 'node:path';

export interface DemoCommand {
  /** what the command makes: `warehouse` or a report name */
  makes: string;
  command: string;
}

/** A word the shell passes through as it is; anything else goes in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const line = (words: string[]) => ['revops-report', ...words].map(shellWord).join(' ');

export interface DemoSetup {
  out: string;
  sampleData: string;
  warehouse: string;
  config: string;
  asOf: string;
  /** the backtest's current and candidate model files */
  models: { current: string; candidate: string };
  /** the reports' window, as the report set uses it */
  since: string;
}

export function demoCommands(s: DemoSetup): DemoCommand[] {
  const common = ['--db', s.warehouse, '--config', s.config, '--as-of', s.asOf];
  const report = ['--since', s.since, ...common, '--format', 'html', '--out', s.out];
  return [
    { makes: 'warehouse', command: line(['load', s.sampleData, '--db', s.warehouse, '--config', s.config, '--snapshot-at', s.asOf]) },
    { makes: 'overview', command: line(['overview', ...report]) },
    { makes: 'funnel', command: line(['funnel', '--by', 'source', '--interval', 'month', ...report]) },
    { makes: 'speed-to-lead', command: line(['speed-to-lead', ...report]) },
    { makes: 'sla', command: line(['sla', ...report]) },
    { makes: 'routing', command: line(['routing', ...report]) },
    { makes: 'pipeline', command: line(['pipeline', ...report]) },
    {
      makes: 'scoring-backtest',
      command: line([
        'scoring',
        'backtest',
        '--model',
        s.models.current,
        '--compare',
        s.models.candidate,
        '--decision',
        'created+7d',
        '--target',
        'sql',
        '--horizon',
        '90d',
        ...common,
        '--format',
        'html',
        '--out',
        s.out,
      ]),
    },
    { makes: 'hygiene', command: line(['hygiene', ...report]) },
  ];
}

export const demoFiles = (out: string) => ({
  config: join(out, 'revops.config.json'),
  models: { current: join(out, 'models', 'plg.json'), candidate: join(out, 'models', 'plg-strict.json') },
});
