/**
 * Lead sources: one key per channel in the simulation, written in each CRM's own vocabulary
 * (HubSpot's "Original Source" labels, Salesforce's LeadSource picklist, our canonical labels).
 * Channels differ in volume and in how good their leads are.
 */
export type SourceKey = 'organic' | 'paid_search' | 'direct' | 'referral' | 'social' | 'email' | 'offline' | 'paid_social' | 'product';

interface SourceInfo {
  key: SourceKey;
  weight: number;
  /** Added to a lead's intent draw: referrals arrive warmer than paid social. */
  intentBoost: number;
  hubspot: string;
  salesforce: string;
  canonical: string;
}

export const SOURCES: readonly SourceInfo[] = [
  { key: 'organic', weight: 0.24, intentBoost: 0, hubspot: 'Organic Search', salesforce: 'Web', canonical: 'Organic Search' },
  { key: 'paid_search', weight: 0.15, intentBoost: 0.05, hubspot: 'Paid Search', salesforce: 'Advertisement', canonical: 'Paid Search' },
  { key: 'direct', weight: 0.1, intentBoost: 0.05, hubspot: 'Direct Traffic', salesforce: 'Web', canonical: 'Direct Traffic' },
  { key: 'referral', weight: 0.07, intentBoost: 0.2, hubspot: 'Referrals', salesforce: 'Partner Referral', canonical: 'Referrals' },
  { key: 'social', weight: 0.08, intentBoost: -0.05, hubspot: 'Social Media', salesforce: 'Social', canonical: 'Social Media' },
  { key: 'email', weight: 0.09, intentBoost: 0, hubspot: 'Email Marketing', salesforce: 'Email', canonical: 'Email Marketing' },
  { key: 'offline', weight: 0.08, intentBoost: 0.05, hubspot: 'Offline Sources', salesforce: 'Trade Show', canonical: 'Events' },
  { key: 'paid_social', weight: 0.07, intentBoost: -0.1, hubspot: 'Paid Social', salesforce: 'Advertisement', canonical: 'Paid Social' },
  { key: 'product', weight: 0.12, intentBoost: 0.05, hubspot: 'Direct Traffic', salesforce: 'Product Signup', canonical: 'Product Signup' },
];

const byKey = new Map(SOURCES.map((s) => [s.key, s]));
export const sourceInfo = (key: SourceKey) => byKey.get(key) as SourceInfo;
export const SOURCE_WEIGHTS = SOURCES.map((s) => s.weight);
