/**
 * `demo` prints the commands that make each of its reports again, and they do: run as printed,
 * against the demo's warehouse, each writes the same page (and the backtest the same decision
 * record) into the demo's folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { demo, type DemoResult } from '../../src/commands/demo.js';
import { shellWord } from '../../src/commands/demoCommands.js';
import { packageRoot } from '../../src/paths.js';
import { printResult } from '../../src/output.js';
import '../../src/views.js';

/** What `demo` prints on a terminal. */
function printed(result: DemoResult): string {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    printResult(result, 'table', 'demo');
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

describe('demo', () => {
  let out: string;
  let result: DemoResult;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'revops-demo-'));
    result = await demo({ out });
  }, 180_000);

  it('lists the command behind the warehouse and each report, with the files they read', () => {
    const db = `${out}/demo.duckdb`;
    const common = `--db ${db} --config ${out}/revops.config.json --as-of 2026-11-01T00:00:00Z`;
    const page = `--since 1y ${common} --format html --out ${out}`;
    expect(result.commands).toEqual([
      {
        makes: 'warehouse',
        command: `revops-report load ${packageRoot}/sample-data --db ${db} --config ${out}/revops.config.json --snapshot-at 2026-11-01T00:00:00Z`,
      },
      { makes: 'overview', command: `revops-report overview ${page}` },
      { makes: 'funnel', command: `revops-report funnel --by source --interval month ${page}` },
      { makes: 'speed-to-lead', command: `revops-report speed-to-lead ${page}` },
      { makes: 'sla', command: `revops-report sla ${page}` },
      { makes: 'routing', command: `revops-report routing ${page}` },
      { makes: 'pipeline', command: `revops-report pipeline ${page}` },
      {
        makes: 'scoring-backtest',
        command: `revops-report scoring backtest --model ${out}/models/plg.json --compare ${out}/models/plg-strict.json --decision created+7d --target sql --horizon 90d ${common} --format html --out ${out}`,
      },
      { makes: 'hygiene', command: `revops-report hygiene ${page}` },
    ]);
    expect(JSON.parse(readFileSync(join(out, 'revops.config.json'), 'utf8'))).toEqual({ timezone: 'America/New_York' });
    const candidate = JSON.parse(readFileSync(join(out, 'models', 'plg-strict.json'), 'utf8'));
    const current = JSON.parse(readFileSync(join(out, 'models', 'plg.json'), 'utf8'));
    expect(candidate.threshold - current.threshold).toBe(15);
  });

  it('prints them after the reports', () => {
    const text = printed(result);
    expect(text).toContain('To make each one again');
    for (const { command } of result.commands) expect(text).toContain(`  ${command}\n`);
    expect(text).toContain('  # scoring-backtest\n');
  });

  it('each printed command writes the same page the demo wrote', async () => {
    const pages = ['overview', 'funnel', 'speed-to-lead', 'sla', 'routing', 'pipeline', 'scoring-backtest', 'hygiene'].map((name) => join(out, `${name}.html`));
    const before = pages.map((p) => readFileSync(p, 'utf8'));
    const record = readFileSync(join(out, 'decision-record.json'), 'utf8');
    for (const { makes, command } of result.commands.slice(1)) {
      // paths here have no shell-special characters, so the words are the spaces' pieces
      expect(await main(['node', ...command.split(' ')]), makes).toBe(0);
    }
    expect(pages.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
    expect(readFileSync(join(out, 'decision-record.json'), 'utf8')).toBe(record);
  }, 180_000);

  // The sample's planted stories (src/sample/planted.ts, sample-data/README.md) give every section
  // of the two audits something to show; each count below is the planted leads plus, where said,
  // the simulated leads that happen to match.
  it('gives every hygiene and routing section something to show', () => {
    const hygiene = JSON.parse(readFileSync(join(out, 'hygiene.json'), 'utf8'));
    // tier 1 and tier 3: two planted each and one the simulation made; tier 2: the three planted
    expect(hygiene.duplicates.tiers.map((t: { duplicates: number }) => t.duplicates)).toEqual([3, 3, 3, 2]);
    expect(hygiene.duplicates.accountSpellings).toBe(4);
    const missing = hygiene.completeness.offenders
      .filter((o: { missing: string[] }) => o.missing.join() !== 'competitor')
      .map((o: { rule: string; missing: string[] }) => `${o.rule}: ${o.missing.join(' + ')}`);
    expect(missing).toEqual(['SQL: company', 'SQL: phone or email', 'SQL: owner', 'Opportunity: amount', 'Closed Lost: loss reason + competitor']);
    expect(hygiene.completeness.fieldsBelowTarget).toBe(1); // competitor
    expect(hygiene.unknownStage.leads.map((l: { stageRaw: string }) => l.stageRaw)).toEqual(['partner', 'nurture_legacy']);
    expect(hygiene.unowned.count).toBe(3);
    expect(hygiene.stuck.count).toBeGreaterThan(0);
    expect(hygiene.stale.count).toBeGreaterThan(0);

    const routing = JSON.parse(readFileSync(join(out, 'routing.json'), 'utf8'));
    const leads = routing.distribution.kinds.find((k: { kind: string }) => k.kind === 'lead');
    // the Friday webinar batch: ten more new leads for Claire Martin than the simulation gave her
    expect(leads.furthestOff[0]).toMatchObject({ owner: 'Claire Martin', actual: 68 });
    expect(leads.overall.pValue).toBeLessThan(0.001);
    // Hannah Cole is inactive in User.csv (28 leads); the planted: 3 without owner, 1 in a queue
    expect(routing.unassigned.byReason).toEqual({ no_owner: 3, queue: 1, inactive_owner: 28 });
    expect(routing.unassigned.mqlsNeverOwned).toBe(2);
    expect(routing.timeToAssign.fromCreated.medianBusinessMinutes).toBeGreaterThan(0);
    expect(routing.timeToAssign.buckets.filter((b: { start: string; n: number }) => b.start === 'created' && b.n > 0).length).toBeGreaterThanOrEqual(5);
    expect(routing.timeToAssign).toMatchObject({ reassignedLeads: 2, reassignments: 5, pingPongLeads: 2 });
    expect(routing.abm.tiers.map((t: { breached: number }) => t.breached)).toEqual([2, 2, 1]);
    expect(routing.committees.accounts.some((a: { sharedOwner: boolean }) => !a.sharedOwner)).toBe(true);
  });

  it('quotes a path the shell would split', () => {
    expect(shellWord('/tmp/my demo')).toBe(`'/tmp/my demo'`);
    expect(shellWord(`/tmp/it's`)).toBe(`'/tmp/it'\\''s'`);
    expect(shellWord('/tmp/demo-1/plg.json')).toBe('/tmp/demo-1/plg.json');
  });
});
