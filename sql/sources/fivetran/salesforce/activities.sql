-- activities from Fivetran's Salesforce `task`, as the loader reads Task: a call when type or
-- task_subtype is Call, an email for Email or ListEmail, a meeting for type Meeting, else other;
-- the direction from call_type (default outbound); at completed_date_time, else created_date;
-- ListEmail (mass email) is automated. The lead is who_id (a lead 00Q… or a contact 003…).
with tasks as (
    select
        task.id::text as activity_id,
        task.who_id::text as lead_id,
        row_json.r ->> 'owner_id' as owner_id,
        row_json.r ->> 'subject' as subject,
        lower(row_json.r ->> 'type') as type,
        lower(row_json.r ->> 'task_subtype') as subtype,
        lower(row_json.r ->> 'call_type') as call_type,
        coalesce(fivetran_instant(row_json.r ->> 'completed_date_time'), fivetran_instant(task.created_date)) as occurred_at
    from task
    cross join lateral (select to_jsonb(task) as r) row_json
    where not fivetran_deleted(row_json.r ->> 'is_deleted')
      and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
      and task.created_date is not null
)

select
    activity_id,
    lead_id,
    owner_id,
    case when subtype = 'call' or type = 'call' then 'call'
         when subtype in ('email', 'listemail') or type = 'email' then 'email'
         when type = 'meeting' then 'meeting' else 'other' end as type,
    coalesce(call_type, 'outbound') as direction,
    occurred_at,
    coalesce(subtype = 'listemail', false) as automated,
    subject,
    4 as load_id,
    null::integer as source_row
from tasks
