/**
 * Duplicates in tiers (docs/hygiene.md): the leads' blocking keys (sql/hygiene/hygiene__contacts),
 * the clusters of tiers 1–3 with their survivors (hygiene__duplicates) and the companies under
 * several spellings, tier 4 (hygiene__accounts). DuckDB groups and ranks; this module shapes rows.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { rate } from '../metrics/wilson.js';
import { timed } from '../timing.js';
import { listLimit, materialise } from './models.js';
import type { AccountSpelling, DuplicatePair, HygieneDuplicates, TierSummary } from './types.js';

export const tierLabels: Record<TierSummary['tier'], string> = {
  1: 'Same email',
  2: 'Same email, normalised',
  3: 'Same person, same company',
  4: 'Same account, two spellings',
};

export async function buildDuplicateModels(wh: Warehouse, config: Config): Promise<void> {
  const { hygiene } = config;
  const survivor = [...hygiene.survivor, 'none', 'none'];
  await timed(
    '  contacts',
    materialise(wh, 'hygiene__contacts', {
      phone_fields: hygiene.phoneFields,
      default_country: hygiene.defaultCountry,
      crm_systems: hygiene.crmSystems,
      survivor_1: survivor[0],
      survivor_2: survivor[1],
      survivor_3: survivor[2],
    }),
  );
  await timed('  duplicates', materialise(wh, 'hygiene__duplicates'));
  await timed('  accounts', materialise(wh, 'hygiene__accounts'));
}

interface PairRow {
  tier: 1 | 2 | 3;
  matched_on: DuplicatePair['matchedOn'];
  match_key: string;
  lead_id: string;
  survivor_id: string;
  source_system: string;
  survivor_source_system: string;
  members: number;
}

export async function duplicatesSection(wh: Warehouse, config: Config): Promise<HygieneDuplicates> {
  await buildDuplicateModels(wh, config);
  const pairs = await wh.all<PairRow>(
    // the first rows first, then their source systems: two joins on the listed rows, not on every duplicate;
    // keys and ids in byte order (collate "C"), as DuckDB sorts text: PostgreSQL's order is the database's collation
    `with listed as (
       select tier, matched_on, match_key, lead_id, survivor_id, members from hygiene__duplicates
       order by tier, matched_on, match_key collate "C", lead_id collate "C" limit $limit
     )
     select d.tier, d.matched_on, d.match_key, d.lead_id, d.survivor_id, c.source_system, s.source_system as survivor_source_system, d.members
     from listed d
     join hygiene__contacts c on c.lead_id = d.lead_id
     join hygiene__contacts s on s.lead_id = d.survivor_id
     order by d.tier, d.matched_on, d.match_key collate "C", d.lead_id collate "C"`,
    { limit: listLimit },
  );
  const tierRows = await wh.all<{ tier: 1 | 2 | 3; clusters: number; duplicates: number }>(
    `select tier, cast(count(distinct (matched_on, match_key)) as integer) as clusters,
            cast(count(*) as integer) as duplicates
     from hygiene__duplicates group by tier order by tier`,
  );
  const totals = await wh.one<{ leads: number; duplicate_leads: number; account_rows: number; account_keys: number; renamed: number }>(
    `select cast((select count(*) from hygiene__contacts) as integer) as leads,
            cast((select count(*) from hygiene__duplicates) as integer) as duplicate_leads,
            cast((select count(*) from hygiene__accounts) as integer) as account_rows,
            cast((select count(distinct match_key) from hygiene__accounts) as integer) as account_keys,
            cast((select count(*) from hygiene__accounts where not is_survivor) as integer) as renamed`,
  );
  const accountRows = await wh.all<{ match_key: string; spelling: string; leads: number; survivor_spelling: string; is_survivor: boolean }>(
    `select match_key, spelling, leads, survivor_spelling, is_survivor from hygiene__accounts order by match_key collate "C", is_survivor desc, spelling collate "C" limit $limit`,
    { limit: listLimit },
  );
  const accounts = accountRows.map(
    (r): AccountSpelling => ({ key: r.match_key, spelling: r.spelling, leads: r.leads, survivorSpelling: r.survivor_spelling, isSurvivor: r.is_survivor }),
  );
  const byTier = new Map(tierRows.map((r) => [r.tier, r]));
  const tiers: TierSummary[] = ([1, 2, 3, 4] as const).map((tier) =>
    tier === 4
      ? { tier, label: tierLabels[tier], clusters: totals?.account_keys ?? 0, duplicates: totals?.renamed ?? 0 }
      : { tier, label: tierLabels[tier], clusters: byTier.get(tier)?.clusters ?? 0, duplicates: byTier.get(tier)?.duplicates ?? 0 },
  );
  const leads = totals?.leads ?? 0;
  const duplicateLeads = totals?.duplicate_leads ?? 0;
  return {
    survivorRule: config.hygiene.survivor,
    crmSystems: config.hygiene.crmSystems,
    leads,
    duplicateLeads,
    duplicateRate: rate(duplicateLeads, leads),
    tiers,
    pairs: pairs.map((r) => ({
      tier: r.tier,
      matchedOn: r.matched_on,
      key: r.match_key,
      leadId: r.lead_id,
      survivorId: r.survivor_id,
      sourceSystem: r.source_system,
      survivorSourceSystem: r.survivor_source_system,
      clusterSize: r.members,
    })),
    accountSpellings: totals?.account_rows ?? 0,
    accounts,
  };
}
