-- hygiene__accounts: tier 4, one row per spelling of a company that appears under two or more
-- spellings once normalised (case, accents, punctuation, whitespace and legal suffixes Inc, LLC,
-- Ltd, GmbH, S.A., AG, BV, Corp, Co, … removed). The surviving spelling is the company of the
-- account's lead that ranks first under the survivor rule.
-- Each spelling (the company trimmed, hygiene__contacts.company_spelling) is normalised once, not
-- once per lead: accounts repeat across leads, and the regexps are most of the cost. The key of
-- a spelling is the key of its company as written, since spaces at either end never reach it.
with spellings as (
    select company_spelling as spelling, cast(count(*) as integer) as leads, min(survivor_rank) as best_rank
    from hygiene__contacts
    where company_spelling <> ''
    group by company_spelling
),

normalised as (
    select
        -- "Acme, Inc." → "acme": dots dropped (S.A. → sa), other punctuation a space, legal suffixes off the end
        -- (the suffix pattern is anchored at the end, so it matches once: no 'g')
        nullif(trim(regexp_replace(
            regexp_replace(replace(strip_accents(lower(spelling)), '.', ''), '[^a-z0-9]+', ' ', 'g'),
            '(\s(inc|incorporated|llc|ltd|limited|gmbh|sa|ag|bv|corp|corporation|co|company|plc))+\s*$', '')), '') as company_norm,
        spelling,
        leads,
        best_rank
    from spellings
),

accounts as (
    select company_norm, cast(count(*) as integer) as spellings, cast(sum(leads) as integer) as leads, arg_min(spelling, best_rank) as survivor_spelling
    from normalised
    where company_norm is not null
    group by company_norm
    having count(*) > 1
),

final as (
    select
        accounts.company_norm as match_key,
        accounts.spellings,
        accounts.leads as account_leads,
        accounts.survivor_spelling,
        normalised.spelling,
        normalised.leads,
        normalised.spelling = accounts.survivor_spelling as is_survivor
    from accounts
    join normalised using (company_norm)
)

select * from final
