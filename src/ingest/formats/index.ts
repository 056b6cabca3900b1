/**
 * Every export shape the loader knows, and the choice of one for a file: its header, and the ids
 * of a few sample records. A choice is made only when it is clear; a weak or ambiguous match is an
 * error that names the candidates and how to choose (`--input-format NAME` or `--mapping FILE`).
 */
import { dataError, usageError } from '../../errors.js';
import { matchScore, resolveColumns } from '../columns.js';
import { canonicalFormats } from './canonical.js';
import { canonicalOpportunityEvents, hubspotDealPropertyHistory, hubspotDealStage, salesforceOpportunityFieldHistory } from './dealHistory.js';
import { fivetranFormats, isFivetranDump } from './fivetran.js';
import { hubspotFormats } from './hubspot.js';
import { hubspotCalls, hubspotEmails } from './hubspotEngagements.js';
import { salesforceFormats } from './salesforce.js';
import { salesforceIdEvidence, salesforceKeyPrefixes } from './salesforceObjects.js';
import type { Crm, FormatSpec } from './types.js';

export const allFormats: FormatSpec[] = [
  ...hubspotFormats,
  hubspotCalls,
  hubspotEmails,
  hubspotDealPropertyHistory,
  hubspotDealStage,
  ...salesforceFormats,
  salesforceOpportunityFieldHistory,
  ...fivetranFormats,
  ...canonicalFormats,
  canonicalOpportunityEvents,
];

/** A spec as read from a Fivetran dump: same columns, reported under Fivetran's name. */
const asFivetran = (spec: FormatSpec): FormatSpec => ({ ...spec, crm: 'fivetran', variant: `fivetran_${spec.variant.replace(/_ui$/, '')}` });

/** The spec `--input-format NAME` names: a variant as the load summary shows it. */
export function formatByName(name: string, formats = allFormats): FormatSpec {
  const spec = formats.find((f) => f.variant === name) ?? formats.map(asFivetran).find((f) => f.variant === name && f.crm === 'fivetran');
  if (spec) return spec;
  throw usageError(
    `--input-format ${name} is not a known export format; formats: ${formats.map((f) => f.variant).join(', ')} ` +
      `(a Fivetran dump of one: fivetran_<name>, e.g. fivetran_salesforce_user)`,
  );
}

/** Candidates closer than this many matched columns are too close to tell apart (unless one reads all the other does). */
const clearMargin = 2;

export function detectFormat(path: string, header: string[], crm: Crm | 'auto', sample: string[][] = [], formats = allFormats): FormatSpec {
  const fivetran = isFivetranDump(header);
  if (crm === 'fivetran' && !fivetran) {
    throw dataError(`${path}: --crm fivetran, but the header has no _fivetran_ column`);
  }
  let candidates = formats.filter((f) => crm === 'auto' || crm === 'fivetran' || f.crm === crm);
  const ids = salesforceIdEvidence(header, sample);
  if (ids) {
    // Salesforce ids are never another CRM's: only Salesforce specs, of the prefix's object if known
    const what = ids.known ? `Salesforce ${ids.known.label} ids (prefix ${ids.prefix})` : 'Salesforce record ids';
    if (ids.known && !ids.known.object) {
      throw dataError(
        `${path}: the "${ids.header}" column holds ${what}; revops-report does not load Salesforce ${ids.known.label} records ` +
          `(it loads ${Object.entries(salesforceKeyPrefixes)
            .filter(([, o]) => o.object)
            .map(([p, o]) => `${o.label} ${p}`)
            .join(', ')}). ` +
          `Use --mapping FILE to load it as one of the canonical tables (docs/formats.md).`,
      );
    }
    candidates = candidates.filter((f) => f.crm === 'salesforce' && (!ids.known || f.object === ids.known.object || ids.known.also?.includes(f.object)));
    if (candidates.length === 0) throw dataError(`${path}: the "${ids.header}" column holds ${what}, but --crm ${crm} was given`);
  }
  const ranked = candidates
    .map((spec) => ({ spec, score: matchScore(spec, header) }))
    .filter((r) => r.score >= 0)
    .sort((a, b) => b.score - a.score);
  const [best] = ranked;
  if (!best) {
    const note = ids
      ? ` (the "${ids.header}" column holds ${ids.known ? `Salesforce ${ids.known.label} ids` : 'Salesforce ids'}, so only those formats were tried)`
      : '';
    throw noFormat(path, header, crm, candidates, note);
  }
  const name = (spec: FormatSpec) => (fivetran ? asFivetran(spec) : spec).variant;
  const matched = (spec: FormatSpec) => {
    const res = resolveColumns({ ...spec, keepExtraFieldsFor: undefined }, header);
    return [...res.logical.map((l) => l.header), ...res.patterns.map((p) => p.header)];
  };
  const choose = `Choose with --input-format NAME, or name the columns with --mapping FILE (docs/formats.md).`;
  // a close candidate is a rival only if it reads a column the best one leaves out
  const bestColumns = new Set(matched(best.spec));
  const close = ranked.filter((r) => r !== best && best.score - r.score < clearMargin && matched(r.spec).some((h) => !bestColumns.has(h)));
  if (close.length > 0) {
    close.unshift(best);
    throw dataError(
      `${path}: the header fits more than one export format: ` +
        close.map((r) => `${name(r.spec)} (${r.score} columns: ${quoted(matched(r.spec))})`).join('; ') +
        `. ${choose}`,
    );
  }
  const named = header.filter((h) => h.trim() !== '').length;
  if (!ids && best.score <= 2 && best.score * 2 < named && !namesCanonicalKey(best.spec, header)) {
    throw dataError(
      `${path}: a weak match: only ${best.score} of ${named} columns (${quoted(matched(best.spec))}) fit ${name(best.spec)} ` +
        `(${best.spec.description}), too few to be sure. If it is that export, load it with --input-format ${name(best.spec)}; ` +
        `otherwise name the columns with --mapping FILE (docs/formats.md).`,
    );
  }
  return fivetran ? asFivetran(best.spec) : best.spec;
}

/**
 * Our own canonical file, named by its key column exactly (`lead_id`, `opportunity_id`): not a
 * guess even when most columns are extra fields, which such a file keeps as fields.
 */
function namesCanonicalKey(spec: FormatSpec, header: string[]): boolean {
  if (spec.crm !== 'canonical' || !spec.keepExtraFieldsFor) return false;
  const key = spec.keepExtraFieldsFor;
  return header.some((h) => h.trim().toLowerCase() === key);
}

const quoted = (headers: string[]) => headers.map((h) => `"${h}"`).join(', ');

function noFormat(path: string, header: string[], crm: Crm | 'auto', candidates: FormatSpec[], note: string) {
  const ranked = candidates.map((spec) => ({ spec, missing: resolveColumns(spec, header).missing })).sort((a, b) => a.missing.length - b.missing.length);
  // Our own leads.csv is always named: it is the way in for a CRM we do not know.
  const canonicalLeads = ranked.find((r) => r.spec.variant === 'canonical_leads');
  const closest = [...ranked.slice(0, 2), ...(canonicalLeads && !ranked.slice(0, 2).includes(canonicalLeads) ? [canonicalLeads] : [])].map(
    ({ spec, missing }) => `${spec.variant} needs ${quoted(missing)}`,
  );
  return dataError(
    `${path}: no known export format matches this header` +
      (crm === 'auto' ? '' : ` (--crm ${crm})`) +
      note +
      `; columns found: ${quoted(header) || '(none)'}; closest: ${closest.join('; ')}. ` +
      `Use --mapping FILE to name the columns (docs/formats.md).`,
  );
}
