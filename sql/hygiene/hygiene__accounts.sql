-- hygiene__accounts: tier 4, one row per spelling of a company that appears under two or more
-- spellings once normalised (case, accents, punctuation, whitespace and legal suffixes Inc, LLC,
-- Ltd, GmbH, S.A., AG, BV, Corp, Co, … removed: hygiene__contacts.company_norm). The surviving
-- spelling is the company of the account's lead that ranks first under the survivor rule.
with contacts as (
    select company_norm, company_spelling, survivor_rank from hygiene__contacts where company_norm is not null and company_spelling <> ''
),

spellings as (
    select company_norm, company_spelling as spelling, cast(count(*) as integer) as leads, min(survivor_rank) as best_rank
    from contacts
    group by company_norm, company_spelling
),

accounts as (
    select company_norm, cast(count(*) as integer) as spellings, cast(sum(leads) as integer) as leads, arg_min(spelling, best_rank) as survivor_spelling
    from spellings
    group by company_norm
    having count(*) > 1
),

final as (
    select
        accounts.company_norm as match_key,
        accounts.spellings,
        accounts.leads as account_leads,
        accounts.survivor_spelling,
        spellings.spelling,
        spellings.leads,
        spellings.spelling = accounts.survivor_spelling as is_survivor
    from accounts
    join spellings using (company_norm)
)

select * from final
