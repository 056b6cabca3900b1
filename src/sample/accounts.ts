/**
 * The sample's account-based (ABM) list: a few target accounts by tier, written as a lead column
 * (HubSpot "ABM Tier", canonical `abm_tier`) on every contact of the account, as a RevOps team
 * syncs its target-account list into the CRM. Salesforce keeps it on the Account, which the Data
 * Export's Lead file does not carry, so Salesforce leads have no tier.
 */
import type { Company } from './people.js';

/** Company index → tier: the first accounts are the ones with the most contacts. */
const TIERS = new Map<number, 1 | 2 | 3>([
  [0, 1],
  [7, 1],
  [1, 2],
  [5, 2],
  [3, 3],
  [11, 3],
]);

export const abmTier = (company: Company): string => {
  const tier = TIERS.get(company.index);
  return tier === undefined ? '' : `Tier ${tier}`;
};
