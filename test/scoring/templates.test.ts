/**
 * The three template models: they validate, carry the points and thresholds of docs/defaults.md, and score
 * realistic leads end to end. `scoring init` writes them without clobbering a file.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoringInit } from '../../src/commands/scoring.js';
import { parseScoringModel } from '../../src/scoring/loadModel.js';
import type { ScoringModel } from '../../src/scoring/model.js';
import { templateNames, templates } from '../../src/scoring/templates.js';
import { openTestWarehouse } from '../helpers/db.js';
import { addEvents, addFields, addLead, scoreAt } from './rows.js';

const pointsOf = (m: ScoringModel) => Object.fromEntries([...m.fit, ...m.engagement, ...m.negative].map((r) => [r.id, r.points]));

describe('template models', () => {
  it('validate through scoring init, with the thresholds and weights of docs/defaults.md', async () => {
    const parsed = await Promise.all(templateNames.map(async (t) => parseScoringModel(JSON.parse((await scoringInit({ template: t })).text))));
    expect(parsed.map((m) => [m.threshold, m.weights?.fit, m.weights?.engagement])).toEqual([
      [60, 0.3, 0.7],
      [75, 0.6, 0.4],
      [65, 0.5, 0.5],
    ]);
  });

  it('carry the point values of docs/defaults.md', () => {
    expect(pointsOf(templates.plg)).toEqual({
      'size-10-500': 15,
      'target-industry': 10,
      'manager-or-above': 10,
      'complementary-tool': 10,
      'created-account': 15,
      'completed-onboarding': 20,
      'core-feature-3x': 25,
      'invited-teammate': 25,
      'hit-usage-limit': 20,
      'pricing-page': 15,
      'personal-email': -10,
      'no-login-14d': -15,
      'competitor-domain': -50,
    });
    expect(pointsOf(templates.enterprise)).toMatchObject({
      'size-500-plus': 20,
      'revenue-50m-plus': 15,
      'vp-or-above': 20,
      'decision-maker': 15,
      'uses-competitor': 10,
      'demo-request': 30,
      'stakeholders-engaged': 20,
      'exec-webinar': 15,
      'roi-guide': 10,
      'pricing-page-2x': 15,
      'under-100-people': -30,
      'individual-contributor': -15,
      'competitor-domain': -50,
    });
    expect(pointsOf(templates.midmarket)).toMatchObject({
      'size-50-1000': 15,
      'manager-to-vp': 15,
      'target-geography': 10,
      'demo-or-trial': 25,
      'email-clicks-3x': 10,
      'blog-pages-5x': 10,
      'no-engagement-30d': -10,
      'student-or-intern': -25,
    });
    expect(templates.plg.engagement.find((r) => r.id === 'core-feature-3x')?.minCount).toBe(3);
    expect(templates.enterprise.fit.find((r) => r.id === 'revenue-50m-plus')?.condition).toEqual({ range: { min: 50_000_000 } });
  });

  it('score an enterprise buying committee end to end', async () => {
    const wh = await openTestWarehouse();
    for (const id of ['L-7001', 'L-7002', 'L-7003']) await addLead(wh, { lead_id: id, account_id: 'ACC-9', email: `${id}@granitepeak.com` });
    await addFields(wh, 'L-7001', {
      employees: '2,500',
      revenue: '120000000',
      industry: 'Software',
      title: 'VP of Engineering',
      decision_maker: 'Yes',
      tech_stack: 'Salesforce; RivalSuite',
      seniority: 'VP',
    });
    await addEvents(wh, 'L-7001', [
      ['form_fill', '2024-05-02', 'demo-request'],
      ['page_view', '2024-05-03', '/pricing'],
      ['page_view', '2024-05-09', '/pricing/enterprise'],
      ['webinar_attended', '2024-04-18', 'CFO Exec Forum'],
      ['content_download', '2024-04-20', 'roi-guide'],
    ]);
    await addEvents(wh, 'L-7002', [['email_click', '2024-05-05']]);
    await addEvents(wh, 'L-7003', [['page_view', '2024-05-06', '/case-studies/harbor']]);
    const row = (await scoreAt(wh, templates.enterprise, [['L-7001', '2024-06-01']])).get('L-7001');
    // fit 20+15+15+20+15+10 = 95; engagement demo 30 + committee 20 + exec webinar 15 + ROI 10 + pricing 2x 15 = 90
    expect(row).toMatchObject({ fit_points: 95, engagement_points: 90, negative_points: 0, score: 185, flagged: true });
    // decision_maker, employees, industry, revenue, seniority, tech_stack, title: all today's values
    // (email is the address the lead was created with)
    expect(row?.fields_from_current).toBe(7);
  });

  it('score a PLG lead with a lapsed login and a personal address below the threshold', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-7101', email: 'jo.park@gmail.com', created_at: '2024-04-01' });
    await addFields(wh, 'L-7101', { employees: '35', industry: 'Internet', title: 'Product Designer', tech_stack: 'Figma, Slack' });
    await addEvents(wh, 'L-7101', [
      ['created_account', '2024-04-02'],
      ['login', '2024-05-12'],
      ['core_feature_used', '2024-04-03'],
      ['core_feature_used', '2024-04-10'],
      ['core_feature_used', '2024-05-12'],
    ]);
    const row = (await scoreAt(wh, templates.plg, [['L-7101', '2024-06-01']])).get('L-7101');
    // fit 15 size + 10 industry + 10 Slack = 35 (a designer is not a manager); engagement 15 + 25 = 40;
    // negative −10 gmail − 15 last login 20 days ago = −25; 35 + 40 − 25 = 50 < 60
    expect(row).toMatchObject({ fit_points: 35, engagement_points: 40, negative_points: -25, score: 50, flagged: false });
  });
});

describe('scoringInit', () => {
  it('writes a template, refuses to overwrite, and overwrites with force', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'scoring-init-')), 'model.json');
    const first = await scoringInit({ template: 'midmarket', out });
    expect(first.writtenTo).toBe(out);
    expect(JSON.parse(await readFile(out, 'utf8')).threshold).toBe(65);
    await writeFile(out, '{"edited": true}\n');
    await expect(scoringInit({ template: 'plg', out })).rejects.toThrow(/already exists; pass --force/);
    expect(await readFile(out, 'utf8')).toBe('{"edited": true}\n');
    await scoringInit({ template: 'plg', out, force: true });
    expect(JSON.parse(await readFile(out, 'utf8')).threshold).toBe(60);
  });

  it('rejects an unknown template, listing the known ones', async () => {
    await expect(scoringInit({ template: 'smb' })).rejects.toThrow('unknown scoring template "smb"; choose one of plg, enterprise, midmarket');
  });
});
