/**
 * A Salesforce record id names its object in its first three characters (the key prefix), so the
 * `Id` column of a few sample records tells a Salesforce export from any other CRM's, and which
 * object it holds, even when the header alone does not (a Data Export `User.csv` has `Email` and
 * no `Name`, which once made it look like HubSpot contacts).
 */
import { toSalesforceId18 } from '../salesforceIds.js';
import type { CanonicalObject } from './types.js';
import { headerKey } from './types.js';

interface SalesforceObject {
  label: string;
  /** the canonical table its export loads into; none: no spec reads this object */
  object?: CanonicalObject;
  /** other tables exports with this prefix load into (field history ids share one prefix) */
  also?: CanonicalObject[];
}

export const salesforceKeyPrefixes: Record<string, SalesforceObject> = {
  '00Q': { label: 'Lead', object: 'leads' },
  '005': { label: 'User', object: 'owners' },
  '00T': { label: 'Task', object: 'activities' },
  '006': { label: 'Opportunity', object: 'opportunities' },
  '017': { label: 'field history (LeadHistory, OpportunityFieldHistory)', object: 'field_history', also: ['opportunity_events'] },
  '008': { label: 'OpportunityHistory', object: 'opportunity_stage_events' },
  '003': { label: 'Contact' },
  '001': { label: 'Account' },
  '00U': { label: 'Event' },
  '00G': { label: 'Queue' },
};

/** 15 or 18 letters and digits, both present; an 18-character id with an unknown prefix must carry its checksum. */
export function isSalesforceId(value: string): boolean {
  if (!/^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(value) || !/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return value.length === 15 || value.slice(0, 3) in salesforceKeyPrefixes || toSalesforceId18(value.slice(0, 15)) === value;
}

export interface SalesforceIdEvidence {
  /** the header of the id column */
  header: string;
  prefix?: string;
  known?: SalesforceObject;
}

/**
 * Salesforce ids in the `Id` column of every sampled record that has one: the file is a
 * Salesforce export, of the prefix's object when all share one. Undefined when there is no such
 * column, no value to look at, or a value that is not a Salesforce id.
 */
export function salesforceIdEvidence(header: string[], sample: string[][]): SalesforceIdEvidence | undefined {
  const index = header.findIndex((h) => headerKey(h) === 'id');
  if (index < 0) return undefined;
  const values = sample.map((record) => record[index] ?? '').filter((v) => v !== '');
  if (values.length === 0 || !values.every(isSalesforceId)) return undefined;
  const prefixes = new Set(values.map((v) => v.slice(0, 3)));
  const prefix = prefixes.size === 1 ? [...prefixes][0]! : undefined;
  return { header: header[index]!, prefix, known: prefix ? salesforceKeyPrefixes[prefix] : undefined };
}
