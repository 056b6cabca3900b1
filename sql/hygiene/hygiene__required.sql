-- hygiene__required: one row per (record in a rule's scope, required field), with whether the
-- record has it. Reads cfg_hygiene_required (the config's rules: one row per rule, field and
-- source name, written by src/hygiene/completeness.ts). A field is present when any of its
-- sources holds a non-blank value: a column of the record's table (leads: email, first_name,
-- last_name, company, account_id, source, owner_id, lead_status; opportunities: name, amount,
-- currency, owner_id, pipeline, close_date, loss_reason, account_id), else an exported field of
-- that name (lead_fields, opportunity_fields).
-- Scope: a leads rule takes leads whose current stage (dim_leads) is its stage; an opportunities
-- rule takes every deal (outcome any), or the open, won or lost ones (stg_opportunities).
with rules as (
    select distinct rule_order, rule, records, stage, outcome from cfg_hygiene_required
),

fields as (
    select distinct rule_order, field_order, field from cfg_hygiene_required
),

-- every column a rule may name, one row per (record, column): a union, not UNPIVOT, which
-- PostgreSQL lacks (and DuckDB plans as the same scans)
lead_values as (
    select lead_id as record_id, 'email' as source, email as value from leads
    union all select lead_id, 'first_name', first_name from leads
    union all select lead_id, 'last_name', last_name from leads
    union all select lead_id, 'company', company from leads
    union all select lead_id, 'account_id', account_id from leads
    union all select lead_id, 'source', source from leads
    union all select lead_id, 'owner_id', owner_id from leads
    union all select lead_id, 'lead_status', lead_status from leads
    union all select lead_id, field, value from lead_fields
),

opportunity_values as (
    select opportunity_id as record_id, 'name' as source, name as value from opportunities
    union all select opportunity_id, 'amount', cast(amount as varchar) from opportunities
    union all select opportunity_id, 'currency', currency from opportunities
    union all select opportunity_id, 'owner_id', owner_id from opportunities
    union all select opportunity_id, 'pipeline', pipeline from opportunities
    union all select opportunity_id, 'close_date', cast(close_date as varchar) from opportunities
    union all select opportunity_id, 'loss_reason', loss_reason from opportunities
    union all select opportunity_id, 'account_id', account_id from opportunities
    union all select opportunity_id, field, value from opportunity_fields
),

in_scope as (
    select rules.rule_order, 'lead' as record_type, dim_leads.lead_id as record_id, dim_leads.owner_id
    from rules
    join dim_leads on dim_leads.current_stage = rules.stage
    where rules.records = 'leads'
    union all
    select rules.rule_order, 'opportunity', deals.opportunity_id, deals.owner_id
    from rules
    join stg_opportunities as deals
        on rules.outcome = 'any'
        or (rules.outcome = 'open' and not coalesce(deals.is_closed, false))
        or (rules.outcome = 'won' and coalesce(deals.is_won, false))
        or (rules.outcome = 'lost' and coalesce(deals.is_closed, false) and not coalesce(deals.is_won, false))
    where rules.records = 'opportunities'
),

present as (
    select distinct cfg.rule_order, cfg.field_order, 'lead' as record_type, v.record_id
    from cfg_hygiene_required cfg
    join lead_values v on v.source = cfg.source
    where cfg.records = 'leads' and trim(v.value) <> ''
    union
    select distinct cfg.rule_order, cfg.field_order, 'opportunity', v.record_id
    from cfg_hygiene_required cfg
    join opportunity_values v on v.source = cfg.source
    where cfg.records = 'opportunities' and trim(v.value) <> ''
),

final as (
    select
        in_scope.rule_order,
        rules.rule,
        fields.field_order,
        fields.field,
        in_scope.record_type,
        in_scope.record_id,
        in_scope.owner_id,
        present.record_id is not null as is_present
    from in_scope
    join rules using (rule_order)
    join fields using (rule_order)
    left join present
        on present.rule_order = in_scope.rule_order
        and present.field_order = fields.field_order
        and present.record_type = in_scope.record_type
        and present.record_id = in_scope.record_id
)

select * from final
