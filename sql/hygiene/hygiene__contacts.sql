-- hygiene__contacts: one row per lead record, with the normalised keys duplicates are blocked on
-- and the survivor rank. Parameters: $phone_fields (lead fields holding a phone, in order),
-- $default_country (ISO code or NULL), $crm_systems (source systems that are the CRM),
-- $survivor_1..3 ('crm' | 'complete' | 'oldest' | 'none': the survivor rule's order).
-- Every key is computed once per lead: matching is a group-by on a key, never a comparison of pairs.
with leads as (
    select * from leads
),

-- the free-mail domains: a shared domain there says nothing about a shared company
free_mail as (
    select unnest([
        'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'hotmail.co.uk', 'outlook.com',
        'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com',
        'gmx.de', 'gmx.net', 'web.de', 'yandex.ru', 'mail.ru', 'qq.com', '163.com'
    ]) as domain
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

phones as (
    select lead_id, arg_min(value, list_position($phone_fields, field)) as phone
    from lead_fields
    where list_contains($phone_fields, field) and trim(value) <> ''
    group by lead_id
),

field_counts as (
    select lead_id, count(*) as fields, any_value(value) filter (where field = 'country') as country
    from lead_fields
    where trim(value) <> ''
    group by lead_id
),

keyed as (
    select
        leads.lead_id,
        leads.source_system,
        leads.email,
        leads.first_name,
        leads.last_name,
        leads.company,
        leads.created_at,
        phones.phone,
        nullif(trim(leads.email), '') as email_exact,
        -- lowercase, no whitespace anywhere (a pasted address keeps stray spaces), nor the invisible
        -- characters copy and paste brings: no-break space, zero-width space and joiners, word joiner, BOM
        nullif(regexp_replace(lower(leads.email), '[\s\x{00A0}\x{200B}-\x{200D}\x{2060}\x{FEFF}]+', '', 'g'), '') as email_lower,
        nullif(trim(regexp_replace(strip_accents(lower(coalesce(leads.first_name, '') || ' ' || coalesce(leads.last_name, ''))), '[^a-z]+', ' ', 'g')), '') as name_norm,
        nullif(trim(leads.first_name), '') is not null and nullif(trim(leads.last_name), '') is not null as has_full_name,
        -- "Acme, Inc." → "acme": dots dropped (S.A. → sa), other punctuation a space, legal suffixes off the end
        nullif(trim(regexp_replace(
            regexp_replace(regexp_replace(strip_accents(lower(coalesce(leads.company, ''))), '\.', '', 'g'), '[^a-z0-9]+', ' ', 'g'),
            '(\s(inc|incorporated|llc|ltd|limited|gmbh|sa|ag|bv|corp|corporation|co|company|plc))+\s*$', '', 'g')), '') as company_norm,
        coalesce(countries.calling_code, default_country.calling_code) as calling_code,
        -- completeness for the survivor rule: non-blank columns plus exported fields
        (case when nullif(trim(leads.email), '') is not null then 1 else 0 end)
        + (case when nullif(trim(leads.first_name), '') is not null then 1 else 0 end)
        + (case when nullif(trim(leads.last_name), '') is not null then 1 else 0 end)
        + (case when nullif(trim(leads.company), '') is not null then 1 else 0 end)
        + (case when nullif(trim(leads.account_id), '') is not null then 1 else 0 end)
        + (case when nullif(trim(leads.source), '') is not null then 1 else 0 end)
        + (case when nullif(trim(leads.owner_id), '') is not null then 1 else 0 end)
        + (case when leads.created_at is not null then 1 else 0 end)
        + coalesce(field_counts.fields, 0) as filled_fields,
        list_contains($crm_systems, leads.source_system) as is_crm
    from leads
    left join phones on phones.lead_id = leads.lead_id
    left join field_counts on field_counts.lead_id = leads.lead_id
    left join countries on countries.country_key = regexp_replace(lower(field_counts.country), '[^a-z]+', '', 'g')
    left join countries as default_country on default_country.country_key = lower($default_country)
),

emails as (
    select
        *,
        split_part(email_lower, '@', 1) as local_part,
        case when split_part(email_lower, '@', 2) = 'googlemail.com' then 'gmail.com' else split_part(email_lower, '@', 2) end as domain
    from keyed
),

phones_e164 as (
    select
        *,
        regexp_replace(regexp_replace(lower(coalesce(phone, '')), '\s*(ext\.?|extension|x)\s*\d+\s*$', ''), '[^0-9]', '', 'g') as phone_digits,
        starts_with(trim(coalesce(phone, '')), '+') as phone_international,
        starts_with(trim(coalesce(phone, '')), '00') as phone_exit_code
    from emails
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
            when phone_international then '+' || phone_digits
            when phone_exit_code then '+' || substr(phone_digits, 3)
            when calling_code = '1' and length(phone_digits) = 10 then '+1' || phone_digits
            when calling_code = '1' and length(phone_digits) = 11 and starts_with(phone_digits, '1') then '+' || phone_digits
            when calling_code = '1' then null
            when calling_code is not null then '+' || calling_code || regexp_replace(phone_digits, '^0', '')
        end as phone_candidate
    from phones_e164
),

final as (
    select
        lead_id,
        source_system,
        email,
        first_name,
        last_name,
        company,
        phone,
        created_at,
        email_exact,
        email_norm,
        case when has_full_name then name_norm end as name_norm,
        case when email_norm is not null and domain not in (select domain from free_mail) then domain end as company_domain,
        -- E.164: + and 8 to 15 digits
        case when regexp_full_match(phone_candidate, '\+[1-9][0-9]{7,14}') then phone_candidate end as phone_e164,
        company_norm,
        is_crm,
        filled_fields,
        row_number() over (order by
            case $survivor_1 when 'crm' then case when is_crm then 0 else 1 end when 'complete' then -filled_fields
                 when 'oldest' then coalesce(epoch(created_at), 1e18) else 0 end,
            case $survivor_2 when 'crm' then case when is_crm then 0 else 1 end when 'complete' then -filled_fields
                 when 'oldest' then coalesce(epoch(created_at), 1e18) else 0 end,
            case $survivor_3 when 'crm' then case when is_crm then 0 else 1 end when 'complete' then -filled_fields
                 when 'oldest' then coalesce(epoch(created_at), 1e18) else 0 end,
            lead_id
        ) as survivor_rank
    from normalised
)

select * from final
