with

source as (

    {{ dedupe_latest(source('crm', 'tasks'), 'hs_object_id', 'hs_lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as task_id,
        hs_task_subject as task_subject,
        hs_task_type as task_type,
        hs_task_status as task_status,
        hs_task_priority as task_priority,
        hubspot_owner_id as owner_id,
        associated_contact_id as contact_id,
        associated_feedback_submission_id as submission_id,
        {{ utc_timestamp('hs_createdate') }} as created_at,
        {{ utc_timestamp('hs_timestamp') }} as due_at,
        {{ utc_timestamp('hs_task_completion_date') }} as completed_at,
        {{ utc_timestamp('hs_lastmodifieddate') }} as updated_at

    from source

)

select * from renamed
