/** Every export shape the loader knows, and the choice of one for a file's header. */
import { dataError } from '../../errors.js';
import { matchScore, resolveColumns } from '../columns.js';
import { canonicalFormats } from './canonical.js';
import { fivetranFormats, isFivetranDump } from './fivetran.js';
import { hubspotFormats } from './hubspot.js';
import { hubspotCalls, hubspotEmails } from './hubspotEngagements.js';
import { salesforceFormats } from './salesforce.js';
import type { Crm, FormatSpec } from './types.js';

export const allFormats: FormatSpec[] = [...hubspotFormats, hubspotCalls, hubspotEmails, ...salesforceFormats, ...fivetranFormats, ...canonicalFormats];

export function detectFormat(path: string, header: string[], crm: Crm | 'auto', formats = allFormats): FormatSpec {
  const fivetran = isFivetranDump(header);
  if (crm === 'fivetran' && !fivetran) {
    throw dataError(`${path}: --crm fivetran, but the header has no _fivetran_ column`);
  }
  const candidates = formats.filter((f) => crm === 'auto' || crm === 'fivetran' || f.crm === crm);
  let best: FormatSpec | undefined;
  let bestScore = 0;
  for (const spec of candidates) {
    const score = matchScore(spec, header);
    if (score > bestScore) {
      best = spec;
      bestScore = score;
    }
  }
  if (best) return fivetran ? { ...best, crm: 'fivetran', variant: `fivetran_${best.variant.replace(/_ui$/, '')}` } : best;
  const ranked = candidates
    .map((spec) => ({ spec, missing: resolveColumns(spec, header).missing }))
    .sort((a, b) => a.missing.length - b.missing.length);
  // Our own leads.csv is always named: it is the way in for a CRM we do not know.
  const canonicalLeads = ranked.find((r) => r.spec.variant === 'canonical_leads');
  const closest = [...ranked.slice(0, 2), ...(canonicalLeads && !ranked.slice(0, 2).includes(canonicalLeads) ? [canonicalLeads] : [])]
    .map(({ spec, missing }) => `${spec.variant} needs ${missing.map((m) => `"${m}"`).join(', ')}`);
  throw dataError(
    `${path}: no known export format matches this header` +
      (crm === 'auto' ? '' : ` (--crm ${crm})`) +
      `; columns found: ${header.map((h) => `"${h}"`).join(', ') || '(none)'}; closest: ${closest.join('; ')}. ` +
      `Use --mapping FILE to name the columns (docs/formats.md).`,
  );
}
