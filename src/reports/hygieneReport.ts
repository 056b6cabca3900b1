/**
 * The hygiene report page: HygieneReport (the JSON contract) → ReportDocument, and the one CSV
 * list of every flagged record. Pure: no database, no clock; the same report gives the same page.
 * Lists show their first rows on the page; the JSON, CSV and data exports have them all.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { HygieneReport } from '../hygiene/types.js';
import { barChart, rateBarChart } from './charts/index.js';
import { int, pct, reportMeta } from './format.js';
import { hygieneTiles } from './tiles.js';
import type { ReportDocument, Section, TableColumn } from './types.js';

/** Rows of each list shown on the page. */
export const listedRows = 100;

const listIntro = (count: number, what: string) =>
  count > listedRows ? `The first ${int(listedRows)} of ${int(count)} ${what}; \`hygiene --format csv\` lists them all.` : `${int(count)} ${what}.`;

const tierShort = { 1: 'email', 2: 'norm. email', 3: 'person', 4: 'account' } as const;

/** Counts are whole: a small count's axis must not tick at 0.5 (shown as "0, 1, 1"). */
function wholeTicks(spec: TopLevelSpec): TopLevelSpec {
  const x = (spec as { encoding?: { x?: { axis?: Record<string, unknown> } } }).encoding?.x;
  if (x?.axis) x.axis = { ...x.axis, tickMinStep: 1 };
  return spec;
}

const survivorWords = { crm: 'the CRM record', complete: 'the most complete', oldest: 'the oldest' } as const;

export const issueColumns = ['list', 'record_type', 'record_id', 'owner_id', 'stage', 'reason', 'related_id'];

/** Every list as one table: a row per flagged record, with why (the `--format csv` output). */
export function hygieneIssues(report: HygieneReport): Record<string, unknown>[] {
  const d = report.duplicates;
  return [
    ...d.pairs.map((p) => ({
      list: 'duplicate',
      record_type: 'lead',
      record_id: p.leadId,
      reason: `tier ${p.tier} ${p.matchedOn}: ${p.key}`,
      related_id: p.survivorId,
    })),
    ...d.accounts
      .filter((a) => !a.isSurvivor)
      .map((a) => ({
        list: 'account_spelling',
        record_type: 'account',
        record_id: a.spelling,
        reason: `tier 4 company_normalised: ${a.key}`,
        related_id: a.survivorSpelling,
      })),
    ...report.completeness.offenders.map((o) => ({
      list: 'missing_fields',
      record_type: o.recordType,
      record_id: o.recordId,
      owner_id: o.ownerId,
      stage: o.rule,
      reason: `missing ${o.missing.join(', ')}`,
    })),
    ...report.stuck.leads.map((s) => ({
      list: 'stuck',
      record_type: 'lead',
      record_id: s.leadId,
      owner_id: s.ownerId,
      stage: s.stage,
      reason: `${s.daysInStage.toFixed(1)} d in stage, ${s.multiple.toFixed(1)}× the median ${s.medianDays.toFixed(1)} d`,
    })),
    ...report.stale.leads.map((s) => ({
      list: 'stale',
      record_type: 'lead',
      record_id: s.leadId,
      owner_id: s.ownerId,
      stage: s.stage,
      reason: s.lastActivityAt ? `last activity ${s.lastActivityAt}` : `no activity since creation ${s.createdAt ?? ''}`.trim(),
    })),
    ...report.unknownStage.leads.map((l) => ({
      list: 'unknown_stage',
      record_type: 'lead',
      record_id: l.leadId,
      owner_id: l.ownerId,
      stage: l.stage,
      reason: l.stageRaw === null ? 'no stage' : `stage value "${l.stageRaw}" maps to no stage`,
    })),
    ...report.unowned.leads.map((l) => ({ list: 'unowned', record_type: 'lead', record_id: l.leadId, stage: l.stage, reason: 'no owner' })),
  ];
}

const leadColumns: TableColumn[] = [
  { key: 'leadId', label: 'Lead', format: 'id' },
  { key: 'stage', label: 'Stage' },
  { key: 'ownerId', label: 'Owner' },
];

function listSection(id: string, heading: string, count: number, what: string, columns: TableColumn[], rows: readonly object[], intro = ''): Section {
  return {
    id,
    heading,
    intro: `${intro}${intro ? ' ' : ''}${listIntro(count, what)}`,
    ...(rows.length ? { table: { columns, rows: rows.slice(0, listedRows).map((r) => ({ ...r })) } } : {}),
  };
}

export function hygieneReportDocument(report: HygieneReport, generatedBy = 'revops-report'): ReportDocument {
  const d = report.duplicates;
  const c = report.completeness;
  const rule = d.survivorRule.map((k) => survivorWords[k]).join(', then ');
  const stageLabel = (stage: string | null) => stage ?? '(none)';
  const sections: Section[] = [
    {
      id: 'duplicates',
      heading: 'Duplicates by tier',
      intro:
        `Each duplicate is counted once, at the first tier that finds it; tier 4 counts company spellings, not leads. ` +
        `Survivor rule: ${rule}; the lowest lead id breaks a tie. CRM systems: ${d.crmSystems.join(', ') || '(none)'}.`,
      chart: wholeTicks(
        barChart({
          rows: d.tiers.map((t) => ({ ...t, tierLabel: `Tier ${t.tier}: ${tierShort[t.tier]}` })),
          x: 'tierLabel',
          y: 'duplicates',
          title: 'Duplicates by tier',
          format: 'int',
          horizontal: true,
        }),
      ),
      table: {
        columns: [
          { key: 'tier', label: 'Tier', format: 'int' },
          { key: 'label', label: 'Matched on' },
          { key: 'clusters', label: 'Clusters', format: 'int' },
          { key: 'duplicates', label: 'Duplicates', format: 'int' },
        ],
        rows: d.tiers.map((t) => ({ ...t })),
      },
    },
    listSection(
      'duplicate-pairs',
      'Duplicate leads and their survivors',
      d.duplicateLeads,
      'duplicate leads',
      [
        { key: 'tier', label: 'Tier', format: 'int' },
        { key: 'matchedOn', label: 'Matched on' },
        { key: 'key', label: 'Key' },
        { key: 'leadId', label: 'Duplicate', format: 'id' },
        { key: 'sourceSystem', label: 'From' },
        { key: 'survivorId', label: 'Survivor', format: 'id' },
        { key: 'survivorSourceSystem', label: 'From' },
      ],
      d.pairs,
    ),
    listSection(
      'account-spellings',
      'One account, several spellings',
      d.accountSpellings,
      'spellings',
      [
        { key: 'key', label: 'Normalised' },
        { key: 'spelling', label: 'Spelling' },
        { key: 'leads', label: 'Leads', format: 'int' },
        { key: 'survivorSpelling', label: 'Keep' },
      ],
      d.accounts,
    ),
    {
      id: 'completeness',
      heading: 'Required fields by stage',
      intro: `Share of records in each rule's scope that have the field, against the ${pct(c.target)} target. ${c.rules.map((r) => `${r.rule}: ${int(r.count)} ${r.scope}`).join('; ')}.`,
      ...(c.fields.some((f) => f.records > 0)
        ? {
            chart: rateBarChart({
              bars: c.fields.map((f) => ({ category: `${f.rule} · ${f.field}`, rate: f.completeness, successes: f.present, trials: f.records })),
              title: 'Completeness by stage and field',
              horizontal: true,
              target: { value: c.target, label: `target ${pct(c.target)}` },
              unit: 'records',
            }),
          }
        : {}),
      table: {
        columns: [
          { key: 'rule', label: 'Stage' },
          { key: 'field', label: 'Field' },
          { key: 'present', label: 'Present', format: 'int' },
          { key: 'records', label: 'Records', format: 'int' },
          { key: 'completeness', label: 'Complete', format: 'pct1' },
        ],
        rows: c.fields.map((f) => ({ ...f })),
      },
    },
    listSection(
      'missing-fields',
      'Records missing a required field',
      c.offenderCount,
      'records',
      [
        { key: 'rule', label: 'Stage' },
        { key: 'recordType', label: 'Record' },
        { key: 'recordId', label: 'Id', format: 'id' },
        { key: 'ownerId', label: 'Owner' },
        { key: 'missingText', label: 'Missing' },
      ],
      c.offenders.map((o) => ({ ...o, missingText: o.missing.join(', ') })),
    ),
    {
      id: 'distribution',
      heading: 'Stage distribution',
      intro:
        `Leads by current stage and time in it. Bottleneck: ${report.distribution.bottleneck ?? 'none, no stage grew'} ` +
        `(the stage whose count grew most per exit between ${report.window.from.slice(0, 10)} and ${report.window.to.slice(0, 10)}).`,
      ...(report.distribution.cells.length
        ? {
            chart: barChart({
              rows: report.distribution.cells,
              x: 'stage',
              y: 'leads',
              color: 'ageBucket',
              title: 'Leads by current stage and time in stage',
              format: 'int',
              colorTitle: 'Time in stage',
            }),
          }
        : {}),
      table: {
        columns: [
          { key: 'stage', label: 'Stage' },
          { key: 'current', label: 'Now', format: 'int' },
          { key: 'entered', label: 'Entered', format: 'int' },
          { key: 'exited', label: 'Exited', format: 'int' },
          { key: 'growth', label: 'Growth', format: 'int' },
          { key: 'medianDays', label: 'Median stay', format: 'days' },
          { key: 'stuck', label: 'Stuck', format: 'int' },
        ],
        rows: report.distribution.flow.map((f) => {
          const m = report.stuck.stages.find((s) => s.stage === f.stage);
          return { ...f, medianDays: m?.medianDays ?? null, stuck: m?.stuck ?? 0 };
        }),
      },
    },
    listSection(
      'stuck',
      'Stuck leads',
      report.stuck.count,
      'stuck leads',
      [...leadColumns, { key: 'daysInStage', label: 'In stage', format: 'days' }, { key: 'medianDays', label: 'Median', format: 'days' }],
      report.stuck.leads,
      `In a stage more than ${report.stuck.multiple}× its median stay; ${report.stuck.excludedStages.join(', ') || 'no stage'} excluded.`,
    ),
    listSection(
      'stale',
      'Archive list',
      report.stale.count,
      'leads',
      [...leadColumns, { key: 'lastActivityAt', label: 'Last activity', format: 'datetime' }],
      report.stale.leads.map((s) => ({ ...s, stage: stageLabel(s.stage) })),
      `No activity or engagement for ${report.stale.months} months.`,
    ),
    listSection(
      'unknown-stage',
      'Leads in an unknown stage',
      report.unknownStage.count,
      'leads',
      [...leadColumns, { key: 'stageRaw', label: 'Stage value' }],
      report.unknownStage.leads,
    ),
    listSection(
      'unowned',
      'Leads without an owner',
      report.unowned.count,
      'leads',
      leadColumns,
      report.unowned.leads.map((l) => ({ ...l, stage: stageLabel(l.stage) })),
    ),
  ];
  return {
    title: 'Data hygiene',
    subtitle: 'Duplicates, required fields, stuck and stale leads, and where the funnel backs up',
    meta: reportMeta(report, generatedBy),
    tiles: hygieneTiles(report),
    warnings: report.warnings,
    sections,
    definitions: [
      {
        term: 'Tiers',
        text: '1: the same email as typed (trimmed). 2: the same email lowercased, without whitespace or +tag, without dots at Gmail. 3: the same full name with the same company email domain (free-mail domains never match) or the same E.164 phone. 4: company names equal once case, punctuation and legal suffixes are removed.',
      },
      { term: 'Duplicate rate', text: 'Leads that are not their cluster’s survivor in tiers 1–3, each counted once, ÷ all lead records.' },
      { term: 'Stuck', text: `Time in the current stage over ${report.stuck.multiple}× the median of that stage’s completed stays.` },
      {
        term: 'Bottleneck',
        text: 'Among stages that grew in the window (entries − exits > 0), the one with the largest growth ÷ exits; growth with no exit ranks first.',
      },
    ],
  };
}
