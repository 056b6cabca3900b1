/**
 * The default lifecycle: the seven stages of the RevOps framework (docs/defaults.md) and the
 * CRM values that mean each one. Raw values are matched after `normalizeStageValue`, so HubSpot's
 * internal `marketingqualifiedlead` and its label "Marketing Qualified Lead" are the same key.
 */
export interface StageDefinition {
  id: string;
  label: string;
  aliases: string[];
}

/** Lead states outside the forward funnel: leaving the funnel without advancing. */
export const exitStates = ['recycled', 'disqualified', 'other'] as const;
export type ExitState = (typeof exitStates)[number];

export const defaultStages: StageDefinition[] = [
  { id: 'subscriber', label: 'Subscriber', aliases: ['subscriber', 'Became a Subscriber'] },
  {
    id: 'lead',
    label: 'Lead',
    // Salesforce: a new, not yet worked lead
    aliases: ['lead', 'new', 'open', 'Open - Not Contacted', 'Became a Lead'],
  },
  {
    id: 'mql',
    label: 'MQL',
    // Salesforce: a lead in sales' hands being worked
    aliases: ['mql', 'marketingqualifiedlead', 'Marketing Qualified Lead', 'working', 'Working - Contacted'],
  },
  {
    id: 'sql',
    label: 'SQL',
    aliases: ['sql', 'salesqualifiedlead', 'Sales Qualified Lead', 'qualified', 'converted', 'Closed - Converted'],
  },
  { id: 'opportunity', label: 'Opportunity', aliases: ['opportunity', 'opp'] },
  { id: 'customer', label: 'Customer', aliases: ['customer', 'closed won', 'closedwon'] },
  { id: 'evangelist', label: 'Evangelist', aliases: ['evangelist', 'advocate'] },
];

export const defaultExitStateAliases: Record<ExitState, string[]> = {
  recycled: ['recycled', 'nurturing', 'nurture', 'Recycled MQL'],
  disqualified: ['disqualified', 'unqualified', 'rejected', 'Closed - Not Converted', 'bad timing'],
  other: ['other', 'Other Lifecycle Stage'],
};

/** Lowercase, letters and digits only: "Marketing Qualified Lead" → "marketingqualifiedlead". */
export function normalizeStageValue(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The SQL twin of normalizeStageValue, used by the staging models. */
export const normalizeStageValueSql = (column: string) => `regexp_replace(lower(${column}), '[^\\p{L}\\p{N}]+', '', 'g')`;
