/**
 * docs/defaults.md is the users' copy of the defaults in src/config and src/scoring/templates.ts:
 * every alias, deal stage, SLA, threshold and point value the code has, the page has, in place.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultDealStages, defaultNoChangeDays, defaultOpenDealStages, defaultSnoozeFields, noChangeStageIds } from '../../src/config/dealStages.js';
import { defaultSlas } from '../../src/config/sla.js';
import { defaultExitStateAliases, defaultStages } from '../../src/config/stages.js';
import { templateNames, templates } from '../../src/scoring/templates.js';

const page = readFileSync(fileURLToPath(new URL('../../docs/defaults.md', import.meta.url)), 'utf8');
const row = (first: string) => page.split('\n').find((l) => l.startsWith(`| ${first} |`)) ?? '';
/** The text of a section, from its heading to the next heading of any level. */
const section = (heading: string) => page.split(heading)[1]!.split(/\n#{2,3} /)[0]!;
const points = (n: number) => (n > 0 ? `+${n}` : `−${-n}`);

describe('docs/defaults.md', () => {
  it('lists every stage with all its default aliases, in funnel order', () => {
    const ids = page.split('\n').flatMap((l) => l.match(/^\| `([a-z]+)` \| [A-Z]/)?.[1] ?? []);
    expect(ids).toEqual(defaultStages.map((s) => s.id));
    for (const stage of defaultStages) for (const alias of stage.aliases) expect(row(`\`${stage.id}\``)).toContain(alias);
    for (const [state, aliases] of Object.entries(defaultExitStateAliases))
      expect(row(`\`${state}\``).replace(/ \|$/, '').split(' | ')[1]!.split(', ')).toEqual(aliases);
  });

  it('lists the deal stages that close a deal', () => {
    expect(row('`closedWon`')).toBe(`| \`closedWon\` | ${defaultDealStages.closedWon.join(', ')} |`);
    expect(row('`closedLost`')).toBe(`| \`closedLost\` | ${defaultDealStages.closedLost.join(', ')} |`);
  });

  it('lists the open deal stages in order, each with every default alias', () => {
    const ids = page.split('\n').flatMap((l) => l.match(/^\| [A-Z][^|]* \| `([a-z]+)` \|/)?.[1] ?? []);
    expect(ids).toEqual(defaultOpenDealStages.map((s) => s.id));
    for (const stage of defaultOpenDealStages) {
      expect(row(stage.label)).toBe(`| ${stage.label} | \`${stage.id}\` | ${stage.aliases.join(', ')} |`);
    }
  });

  it('states the no-change stale rule and the snooze fields with their defaults', () => {
    const labels = noChangeStageIds({ open: defaultOpenDealStages }).map((id) => defaultOpenDealStages.find((s) => s.id === id)!.label);
    const text = page.replace(/\s+/g, ' ');
    expect(text).toContain(`\`dealStages.noChangeDays\` (default ${defaultNoChangeDays})`);
    expect(text).toContain(`default the open stages from the third on: ${labels.join(', ')}`);
    expect(text).toContain(`\`dealStages.snoozeFields\` (default ${defaultSnoozeFields.map((f) => `\`${f}\``).join(', ')})`);
  });

  it('lists the five SLAs with their targets', () => {
    const targets: Record<string, string> = { businessHours: 'business hour', hours: 'hours (wall clock)', businessDays: 'business days' };
    expect(defaultSlas).toHaveLength(5);
    for (const sla of defaultSlas) {
      const line = row(`\`${sla.name}\``);
      expect(line, sla.name).not.toBe('');
      if (sla.target) expect(line).toContain(`| ${sla.target.amount} ${targets[sla.target.unit]}`);
      else expect(line).toContain('no deadline');
    }
  });

  it("gives each template its threshold, weights and every rule's points", () => {
    for (const name of templateNames) {
      const model = templates[name];
      const text = section(`### \`${name}\``);
      expect(text).toContain(`Threshold ${model.threshold}; weights fit ${model.weights!.fit}, engagement ${model.weights!.engagement}.`);
      const listed = text.split('\n').flatMap(
        (l) =>
          l
            .match(/^\| (fit|engagement|negative) \| .* \| ([+−]\d+) \|$/)
            ?.slice(1, 3)
            .join(' ') ?? [],
      );
      const coded = (['fit', 'engagement', 'negative'] as const).flatMap((kind) => (model[kind] ?? []).map((r) => `${kind} ${points(r.points)}`));
      expect(listed, name).toEqual(coded);
    }
  });
});
