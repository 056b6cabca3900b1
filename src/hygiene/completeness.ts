/**
 * Required fields by stage (docs/hygiene.md): the config's rules written as cfg_hygiene_required,
 * checked per record in sql/hygiene/hygiene__required.sql, then completeness per rule and field
 * against the target and the records missing a field. DuckDB counts; this module shapes rows.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { rate } from '../metrics/wilson.js';
import { listLimit, materialise } from './models.js';
import type { FieldCompleteness, HygieneCompleteness, MissingFieldsRecord } from './types.js';

const scopeOf = (rule: Config['hygiene']['requiredFields'][number]) =>
  rule.records === 'leads' ? `current stage ${rule.stage}` : `${rule.outcome ?? 'any'} opportunities`;

/** One row per rule, field and source name; values bound, never spliced. */
async function writeRules(wh: Warehouse, config: Config): Promise<void> {
  const stageIds = new Set(config.stages.map((s) => s.id));
  const rows = config.hygiene.requiredFields.flatMap((rule, r) => {
    if (rule.records === 'leads' && !stageIds.has(rule.stage ?? '')) {
      throw usageError(`hygiene.requiredFields: "${rule.name}" names stage "${rule.stage}", which is not a stage of the config`);
    }
    return rule.fields.flatMap((field, f) =>
      field.anyOf.map((source) => ({
        rule_order: r + 1,
        rule: rule.name,
        records: rule.records,
        stage: rule.stage ?? null,
        outcome: rule.outcome ?? 'any',
        field_order: f + 1,
        field: field.label,
        source: source.toLowerCase(),
      })),
    );
  });
  await wh.run(`create or replace temp table cfg_hygiene_required (
    rule_order integer, rule varchar, records varchar, stage varchar, outcome varchar, field_order integer, field varchar, source varchar)`);
  if (rows.length === 0) return;
  const col = (key: keyof (typeof rows)[number]) => rows.map((row) => row[key]);
  await wh.run(
    `insert into cfg_hygiene_required
     select unnest($rule_order), unnest($rule), unnest($records), unnest($stage), unnest($outcome), unnest($field_order), unnest($field), unnest($source)`,
    {
      rule_order: col('rule_order'),
      rule: col('rule'),
      records: col('records'),
      stage: col('stage'),
      outcome: col('outcome'),
      field_order: col('field_order'),
      field: col('field'),
      source: col('source'),
    },
  );
}

export async function completenessSection(wh: Warehouse, config: Config): Promise<HygieneCompleteness> {
  const target = config.hygiene.completenessTarget;
  await writeRules(wh, config);
  await materialise(wh, 'hygiene__required');
  const counts = await wh.all<{ rule_order: number; field_order: number; field: string; records: number; present: number }>(
    `select rule_order, field_order, field, cast(count(*) as integer) as records, cast(count(*) filter (where is_present) as integer) as present
     from hygiene__required group by rule_order, field_order, field order by rule_order, field_order`,
  );
  const scoped = await wh.all<{ rule_order: number; count: number }>(
    `select rule_order, cast(count(distinct (record_type, record_id)) as integer) as count from hygiene__required group by rule_order`,
  );
  const offenders = await wh.all<{ rule: string; record_type: 'lead' | 'opportunity'; record_id: string; owner_id: string | null; missing: string[] }>(
    // ids in byte order (collate "C"), as DuckDB sorts text: PostgreSQL's order is the database's collation
    `select rule, record_type, record_id, any_value(owner_id) as owner_id, array_agg(field order by field_order) as missing
     from hygiene__required where not is_present
     group by rule_order, rule, record_type, record_id order by rule_order, record_id collate "C"
     limit $limit`,
    { limit: listLimit },
  );
  const offenderCount = await wh.one<{ n: number }>(
    `select cast(count(*) as integer) as n from (select distinct rule_order, record_type, record_id from hygiene__required where not is_present) offenders`,
  );
  const rules = config.hygiene.requiredFields;
  const countOf = new Map(scoped.map((s) => [s.rule_order, s.count]));
  const found = new Map(counts.map((c) => [`${c.rule_order}:${c.field_order}`, c]));
  // every configured field is listed, with zero records when nothing is in its scope
  const fields: FieldCompleteness[] = rules.flatMap((rule, r) =>
    rule.fields.map((field, f) => {
      const row = found.get(`${r + 1}:${f + 1}`);
      const records = row?.records ?? 0;
      const present = row?.present ?? 0;
      const completeness = rate(present, records);
      return { rule: rule.name, field: field.label, records, present, completeness, meetsTarget: completeness === null ? null : completeness >= target };
    }),
  );
  const checks = fields.reduce((n, f) => n + f.records, 0);
  return {
    target,
    rules: rules.map((rule, r) => ({ rule: rule.name, records: rule.records, scope: scopeOf(rule), count: countOf.get(r + 1) ?? 0 })),
    fields,
    overall: rate(
      fields.reduce((n, f) => n + f.present, 0),
      checks,
    ),
    fieldsBelowTarget: fields.filter((f) => f.meetsTarget === false).length,
    offenderCount: offenderCount?.n ?? 0,
    offenders: offenders.map(
      (o): MissingFieldsRecord => ({ rule: o.rule, recordType: o.record_type, recordId: o.record_id, ownerId: o.owner_id, missing: o.missing }),
    ),
  };
}
