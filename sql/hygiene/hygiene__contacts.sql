-- hygiene__contacts: one row per lead record, with the normalised keys duplicates are blocked on
-- and the survivor rank. Parameters: $phone_fields (lead fields holding a phone, in order),
-- $default_country (ISO code or NULL), $crm_systems (source systems that are the CRM),
-- $survivor_1..3 ('crm' | 'complete' | 'oldest' | 'none': the survivor rule's order).
-- Every key is computed once per lead: matching is a group-by on a key, never a comparison of pairs.
-- Only what the duplicate and account models and the report read is kept: the table is written
-- and read once per run, and every column it carries costs at 1M leads.
with
-- the free-mail domains: a shared domain there says nothing about a shared company
free_mail as (
    select domain from (values
        ('gmail.com'), ('googlemail.com'), ('yahoo.com'), ('yahoo.co.uk'), ('hotmail.com'), ('hotmail.co.uk'), ('outlook.com'),
        ('live.com'), ('msn.com'), ('icloud.com'), ('me.com'), ('mac.com'), ('aol.com'), ('proton.me'), ('protonmail.com'),
        ('gmx.de'), ('gmx.net'), ('web.de'), ('yandex.ru'), ('mail.ru'), ('qq.com'), ('163.com')
    ) as t(domain)
),

-- country (name or ISO code, normalised like stages: lowercase letters only) → ISO code and calling code
countries as (
    select * from (values
        ('us', 'US', '1'), ('usa', 'US', '1'), ('unitedstates', 'US', '1'), ('unitedstatesofamerica', 'US', '1'),
        ('ca', 'CA', '1'), ('canada', 'CA', '1'),
        ('gb', 'GB', '44'), ('uk', 'GB', '44'), ('unitedkingdom', 'GB', '44'), ('greatbritain', 'GB', '44'), ('england', 'GB', '44'),
        ('ie', 'IE', '353'), ('ireland', 'IE', '353'),
        ('de', 'DE', '49'), ('germany', 'DE', '49'), ('deutschland', 'DE', '49'),
        ('at', 'AT', '43'), ('austria', 'AT', '43'), ('ch', 'CH', '41'), ('switzerland', 'CH', '41'),
        ('fr', 'FR', '33'), ('france', 'FR', '33'), ('es', 'ES', '34'), ('spain', 'ES', '34'),
        ('it', 'IT', '39'), ('italy', 'IT', '39'), ('nl', 'NL', '31'), ('netherlands', 'NL', '31'),
        ('be', 'BE', '32'), ('belgium', 'BE', '32'), ('se', 'SE', '46'), ('sweden', 'SE', '46'),
        ('dk', 'DK', '45'), ('denmark', 'DK', '45'), ('no', 'NO', '47'), ('norway', 'NO', '47'),
        ('fi', 'FI', '358'), ('finland', 'FI', '358'), ('pl', 'PL', '48'), ('poland', 'PL', '48'),
        ('pt', 'PT', '351'), ('portugal', 'PT', '351'), ('au', 'AU', '61'), ('australia', 'AU', '61'),
        ('nz', 'NZ', '64'), ('newzealand', 'NZ', '64'), ('in', 'IN', '91'), ('india', 'IN', '91'),
        ('jp', 'JP', '81'), ('japan', 'JP', '81'), ('sg', 'SG', '65'), ('singapore', 'SG', '65'),
        ('br', 'BR', '55'), ('brazil', 'BR', '55'), ('mx', 'MX', '52'), ('mexico', 'MX', '52')
    ) as t(country_key, iso, calling_code)
),

-- the phone of the leads that have one, with what E.164 needs of it: an extension dropped, its digits,
-- and whether it was written international (+ or the 00 exit code)
phones as (
    select
        lead_id,
        phone,
        -- (whitespace and digits spelled out: RE2's \s and \d are ASCII, PostgreSQL's follow the locale)
        regexp_replace(regexp_replace(lower(phone), '[\t\n\f\r ]*(ext\.?|extension|x)[\t\n\f\r ]*[0-9]+[\t\n\f\r ]*$', ''), '[^0-9]', '', 'g') as phone_digits,
        starts_with(trim(phone), '+') as phone_international,
        starts_with(trim(phone), '00') as phone_exit_code
    from (
        select lead_id, arg_min(value, list_position($phone_fields, field)) as phone
        from lead_fields
        where list_contains($phone_fields, field) and trim(value) <> ''
        group by lead_id
    ) first_phone
),

-- per lead with exported fields: how many (for the survivor rule) and the calling code of its country
field_counts as (
    select counted.lead_id, counted.fields, countries.calling_code
    from (
        select lead_id, count(*) as fields, any_value(value) filter (where field = 'country') as country
        from lead_fields
        where trim(value) <> ''
        group by lead_id
    ) counted
    left join countries on countries.country_key = regexp_replace(lower(counted.country), '[^a-z]+', '', 'g')
),

-- the survivor rank, sorted on the rule's criteria alone and joined back by lead id: a sort that
-- carried every key column cost several times more
ranked as (
    select
        leads.lead_id,
        row_number() over (order by
            case $survivor_1 when 'crm' then case when is_crm then 0 else 1 end when 'complete' then -filled_fields
                 when 'oldest' then coalesce(epoch(created_at), 1e18) else 0 end,
            case $survivor_2 when 'crm' then case when is_crm then 0 else 1 end when 'complete' then -filled_fields
                 when 'oldest' then coalesce(epoch(created_at), 1e18) else 0 end,
            case $survivor_3 when 'crm' then case when is_crm then 0 else 1 end when 'complete' then -filled_fields
                 when 'oldest' then coalesce(epoch(created_at), 1e18) else 0 end,
            -- the lowest lead id in byte order, as DuckDB sorts text (PostgreSQL's order is the database's collation)
            lead_id collate "C"
        ) as survivor_rank
    from (
        select
            leads.lead_id,
            leads.created_at,
            list_contains($crm_systems, leads.source_system) as is_crm,
            -- completeness for the survivor rule: non-blank columns plus exported fields
            (case when nullif(trim(leads.email), '') is not null then 1 else 0 end)
            + (case when nullif(trim(leads.first_name), '') is not null then 1 else 0 end)
            + (case when nullif(trim(leads.last_name), '') is not null then 1 else 0 end)
            + (case when nullif(trim(leads.company), '') is not null then 1 else 0 end)
            + (case when nullif(trim(leads.account_id), '') is not null then 1 else 0 end)
            + (case when nullif(trim(leads.source), '') is not null then 1 else 0 end)
            + (case when nullif(trim(leads.owner_id), '') is not null then 1 else 0 end)
            + (case when leads.created_at is not null then 1 else 0 end)
            + coalesce(field_counts.fields, 0) as filled_fields
        from leads
        left join field_counts on field_counts.lead_id = leads.lead_id
    ) leads
),

keyed as (
    select
        leads.lead_id,
        leads.source_system,
        -- the company as written, trimmed: a spelling of tier 4 (hygiene__accounts normalises each spelling once)
        trim(leads.company) as company_spelling,
        nullif(trim(leads.email), '') as email_exact,
        -- lowercase, no whitespace anywhere (a pasted address keeps stray spaces), nor the invisible
        -- characters copy and paste brings: no-break space, zero-width space and joiners, word joiner, BOM
        -- (as chr(): RE2 writes them \x{…}, PostgreSQL \u…; the whitespace is RE2's \s, ASCII only)
        nullif(regexp_replace(
            lower(leads.email),
            '[\t\n\f\r ' || chr(160) || chr(8203) || '-' || chr(8205) || chr(8288) || chr(65279) || ']+', '', 'g'
        ), '') as email_lower,
        case when nullif(trim(leads.first_name), '') is not null and nullif(trim(leads.last_name), '') is not null then
            nullif(trim(regexp_replace(strip_accents(lower(leads.first_name || ' ' || leads.last_name)), '[^a-z]+', ' ', 'g')), '')
        end as name_norm,
        coalesce(field_counts.calling_code, (select calling_code from countries where country_key = lower($default_country))) as calling_code,
        phones.phone is not null as has_phone,
        phones.phone_digits,
        phones.phone_international,
        phones.phone_exit_code
    from leads
    left join phones on phones.lead_id = leads.lead_id
    left join field_counts on field_counts.lead_id = leads.lead_id
),

emails as (
    select
        *,
        split_part(email_lower, '@', 1) as local_part,
        case when split_part(email_lower, '@', 2) = 'googlemail.com' then 'gmail.com' else split_part(email_lower, '@', 2) end as domain
    from keyed
),

normalised as (
    select
        *,
        case when email_lower like '%_@_%' then
            -- +tag off every address; dots off the local part at Gmail only (Gmail ignores them)
            (case when domain = 'gmail.com' then replace(split_part(local_part, '+', 1), '.', '') else split_part(local_part, '+', 1) end)
            || '@' || domain
        end as email_norm,
        case
            when not has_phone then null
            when phone_international then '+' || phone_digits
            when phone_exit_code then '+' || substr(phone_digits, 3)
            when calling_code = '1' and length(phone_digits) = 10 then '+1' || phone_digits
            when calling_code = '1' and length(phone_digits) = 11 and starts_with(phone_digits, '1') then '+' || phone_digits
            when calling_code = '1' then null
            when calling_code is not null then '+' || calling_code || regexp_replace(phone_digits, '^0', '')
        end as phone_candidate
    from emails
),

final as (
    select
        lead_id,
        source_system,
        company_spelling,
        email_exact,
        email_norm,
        name_norm,
        case when email_norm is not null and domain not in (select domain from free_mail) then domain end as company_domain,
        -- E.164: + and 8 to 15 digits
        case when regexp_full_match(phone_candidate, '\+[1-9][0-9]{7,14}') then phone_candidate end as phone_e164,
        ranked.survivor_rank
    from normalised
    join ranked using (lead_id)
)

select * from final
