/** The hygiene report's export tables: the summaries, and every list as a table of its own. */
import type { HygieneReport } from '../hygiene/types.js';
import { inferTable } from './inferTable.js';
import type { ExportTable } from './types.js';

export function hygieneExportTables(json: unknown): ExportTable[] {
  const r = json as HygieneReport;
  const lead = ['leadId', 'stage', 'stageRaw', 'createdAt', 'ownerId'];
  return [
    inferTable('tiers', r.duplicates.tiers),
    inferTable('duplicates', r.duplicates.pairs, ['tier', 'matchedOn', 'key', 'leadId', 'survivorId', 'sourceSystem', 'survivorSourceSystem', 'clusterSize']),
    inferTable('account_spellings', r.duplicates.accounts, ['key', 'spelling', 'leads', 'survivorSpelling', 'isSurvivor']),
    inferTable('completeness', r.completeness.fields, ['rule', 'field', 'records', 'present', 'completeness', 'meetsTarget']),
    inferTable('missing_fields', r.completeness.offenders, ['rule', 'recordType', 'recordId', 'ownerId', 'missing']),
    inferTable('stage_medians', r.stuck.stages, ['stage', 'completedStays', 'medianDays', 'current', 'stuck']),
    inferTable('stuck', r.stuck.leads, ['leadId', 'stage', 'enteredAt', 'daysInStage', 'medianDays', 'multiple', 'ownerId']),
    inferTable('stale', r.stale.leads, ['leadId', 'stage', 'lastActivityAt', 'createdAt', 'ownerId']),
    inferTable('unknown_stage', r.unknownStage.leads, lead),
    inferTable('unowned', r.unowned.leads, lead),
    inferTable('stage_ages', r.distribution.cells, ['stage', 'ageBucket', 'leads']),
    inferTable('stage_flow', r.distribution.flow, ['stage', 'entered', 'exited', 'growth', 'growthPerExit', 'current']),
  ];
}
