{#-
    The closed loop: one row per negative survey answer (NPS detractor, CSAT or CES bottom
    box, read from each survey's own scale) with its first follow-up by a person, the
    follow-up status and the answer's age at the data horizon. A follow-up is a completed
    contact, not a plan: a CRM task counts when completed by its owner, a meeting when held.
    Customer keys only: the open rows are the report's closed-loop list, without names.
-#}
{%- set subject_keywords = var('closed_loop_task_subject_keywords') -%}
{%- set task_types = var('closed_loop_task_types') -%}
{%- set match_days = var('closed_loop_match_days') -%}
with

answers as (

    select
        answer_id,
        source_system,
        survey_id,
        survey_name,
        lower(survey_type) as feedback_type,
        survey_level,
        journey_stage,
        customer_key,
        customer_segment,
        score,
        scale_min,
        scale_max,
        ticket_id,
        answered_at,
        answered_date,
        {{ answer_tone('score', 'scale_min', 'scale_max', 'survey_type') }} as tone
    from {{ ref('fct_survey_answers') }}
    where survey_type in ('NPS', 'CSAT', 'CES')

),

negative as (

    select * from answers
    where tone = 'negative'

),

catalog as (

    select metric_name, window_days from {{ ref('metric_catalog') }}

),

windows as (

    select
        max(case when metric_name = 'negative_feedback_follow_up_rate' then window_days end)
            as follow_up_days,
        max(case when metric_name = 'recovery_rate' then window_days end) as recovery_days
    from catalog

),

horizon as (

    select
        as_of_date,
        {{ from_local_timestamp(
            'cast(' ~ dbt.dateadd('day', 1, 'as_of_date') ~ ' as ' ~ dbt.type_timestamp() ~ ')'
        ) }} as horizon_at
    from {{ ref('int_data_horizon') }}

),

crm_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'crm'

),

{#- Completed, owned tasks of a contact type; ownerless (automated) ones never count. -#}
tasks as (

    select
        tasks.task_id,
        tasks.submission_id,
        tasks.task_type,
        tasks.created_at,
        tasks.completed_at,
        crm_identities.customer_key,
        (
            {%- for keyword in subject_keywords %}
            {{ text_for_matching('tasks.task_subject') }} like '% {{ keyword }}%'
            {%- if not loop.last %} or{% endif %}
            {%- endfor %}
        ) as is_about_feedback
    from {{ ref('stg_crm__tasks') }} as tasks
    left join crm_identities on tasks.contact_id = crm_identities.source_id
    where tasks.completed_at is not null
        and tasks.owner_id is not null
        and upper(tasks.task_type) in ({% for task_type in task_types %}'{{ task_type }}'{% if not loop.last %}, {% endif %}{% endfor %})

),

meetings as (

    select
        meetings.meeting_id,
        meetings.started_at,
        crm_identities.customer_key
    from {{ ref('stg_crm__meetings') }} as meetings
    inner join crm_identities on meetings.contact_id = crm_identities.source_id
    where meetings.meeting_outcome = 'COMPLETED' and meetings.owner_id is not null

),

first_comments as (

    select ticket_id, via
    from (
        select
            ticket_id,
            via,
            row_number() over (partition by ticket_id order by created_at, ticket_event_id) as comment_number
        from {{ ref('stg_helpdesk__ticket_events') }}
        where event_type = 'Comment'
    ) as ranked
    where comment_number = 1

),

{#- Outbound tickets an agent opened for the customer; a trigger's e-mail is no follow-up. -#}
agent_tickets as (

    select tickets.ticket_id, tickets.customer_key, tickets.created_at
    from {{ ref('fct_tickets') }} as tickets
    left join first_comments on tickets.ticket_id = first_comments.ticket_id
    where tickets.is_agent_created
        and tickets.customer_key is not null
        and coalesce(first_comments.via, '') <> 'rule'

),

contacts as (

    {# A task linked to the answer, whenever it is completed. #}
    select
        negative.answer_id,
        tasks.completed_at as follow_up_at,
        {{ dbt.concat(["'task_'", "lower(tasks.task_type)"]) }} as follow_up_type,
        cast(tasks.task_id as {{ dbt.type_string() }}) as follow_up_source_id
    from negative
    inner join tasks
        on negative.answer_id = {{ dbt.concat(["'crm:'", "cast(tasks.submission_id as " ~ dbt.type_string() ~ ")"]) }}
    where tasks.completed_at >= negative.answered_at

    union all

    {# An unlinked task about feedback, created for the customer in the match window. #}
    select
        negative.answer_id,
        tasks.completed_at,
        {{ dbt.concat(["'task_'", "lower(tasks.task_type)"]) }},
        cast(tasks.task_id as {{ dbt.type_string() }})
    from negative
    inner join tasks
        on negative.customer_key = tasks.customer_key
        and tasks.created_at >= negative.answered_at
        and tasks.created_at <= {{ dbt.dateadd('day', match_days, 'negative.answered_at') }}
    where tasks.submission_id is null and tasks.is_about_feedback

    union all

    select
        negative.answer_id,
        meetings.started_at,
        'meeting',
        cast(meetings.meeting_id as {{ dbt.type_string() }})
    from negative
    inner join meetings
        on negative.customer_key = meetings.customer_key
        and meetings.started_at >= negative.answered_at
        and meetings.started_at <= {{ dbt.dateadd('day', match_days, 'negative.answered_at') }}

    union all

    select
        negative.answer_id,
        agent_tickets.created_at,
        'ticket',
        cast(agent_tickets.ticket_id as {{ dbt.type_string() }})
    from negative
    inner join agent_tickets
        on negative.customer_key = agent_tickets.customer_key
        and agent_tickets.created_at >= negative.answered_at
        and agent_tickets.created_at <= {{ dbt.dateadd('day', match_days, 'negative.answered_at') }}

),

first_contacts as (

    select answer_id, follow_up_at, follow_up_type, follow_up_source_id
    from (
        select
            contacts.*,
            row_number() over (
                partition by answer_id order by follow_up_at, follow_up_type, follow_up_source_id
            ) as contact_number
        from contacts
    ) as ranked
    where contact_number = 1

),

followed_up as (

    select
        negative.*,
        first_contacts.follow_up_at,
        first_contacts.follow_up_type,
        first_contacts.follow_up_source_id,
        {{ dbt.datediff('negative.answered_at', 'first_contacts.follow_up_at', 'second') }}
            as follow_up_seconds
    from negative
    left join first_contacts on negative.answer_id = first_contacts.answer_id

),

{#- After the follow-up, within the recovery window of the answer: a non-negative answer to
    any closed-loop survey, or a counted order. -#}
recovery_events as (

    select customer_key, answered_at as event_at
    from answers
    where tone in ('neutral', 'positive') and customer_key is not null

    union all

    select customer_key, created_at
    from {{ ref('fct_orders') }}
    where is_counted and customer_key is not null

),

recoveries as (

    select
        followed_up.answer_id,
        min(recovery_events.event_at) as recovered_at
    from followed_up
    cross join windows
    inner join recovery_events
        on followed_up.customer_key = recovery_events.customer_key
        and recovery_events.event_at > followed_up.follow_up_at
        and recovery_events.event_at <= {{ dbt.dateadd('day', 'windows.recovery_days', 'followed_up.answered_at') }}
    group by followed_up.answer_id

),

final as (

    select
        followed_up.answer_id,
        followed_up.source_system,
        followed_up.survey_id,
        followed_up.survey_name,
        followed_up.feedback_type,
        followed_up.survey_level,
        followed_up.journey_stage,
        followed_up.customer_key,
        followed_up.customer_segment,
        followed_up.ticket_id,
        followed_up.score,
        followed_up.scale_min,
        followed_up.scale_max,
        followed_up.answered_at,
        followed_up.answered_date,
        followed_up.follow_up_at,
        followed_up.follow_up_type,
        followed_up.follow_up_source_id,
        followed_up.follow_up_seconds,
        followed_up.follow_up_seconds / 60.0 as follow_up_minutes,
        case
            when followed_up.follow_up_at is null then 'open'
            when followed_up.follow_up_seconds <= windows.follow_up_days * 86400 then 'followed_up_within_48h'
            else 'followed_up_late'
        end as follow_up_status,
        followed_up.follow_up_at is null
        and {{ dbt.dateadd('day', 'windows.follow_up_days', 'followed_up.answered_at') }} < horizon.horizon_at
            as is_overdue,
        recoveries.recovered_at,
        recoveries.recovered_at is not null as is_recovered,
        horizon.horizon_at,
        {{ dbt.datediff('followed_up.answered_at', 'horizon.horizon_at', 'hour') }} as age_hours,
        {{ dbt.datediff('followed_up.answered_date', 'horizon.as_of_date', 'day') }} as age_days

    from followed_up
    cross join windows
    cross join horizon
    left join recoveries on followed_up.answer_id = recoveries.answer_id

)

select * from final
