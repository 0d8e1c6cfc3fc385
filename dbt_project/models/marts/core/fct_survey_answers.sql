{#-
    One row per survey answer from every system: CRM surveys (relationship NPS, perception,
    post-purchase CSAT, sales-meeting pulse) and the helpdesk's CSAT and CES. The answer
    scale is an attribute of each survey, never a constant.
-#}
with

crm_answers as (

    select * from {{ ref('stg_crm__feedback_submissions') }}

),

surveys as (

    select * from {{ ref('stg_crm__feedback_surveys') }}

),

crm_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'crm'

),

helpdesk_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'helpdesk'

),

ratings as (

    {#- The latest answered rating per ticket counts (a re-rated ticket keeps its last word). -#}
    select * from (
        select
            ratings.*,
            row_number() over (
                partition by ticket_id order by updated_at desc, satisfaction_rating_id desc
            ) as rating_number
        from {{ ref('stg_helpdesk__satisfaction_ratings') }} as ratings
        where is_answered
    ) as ranked
    where rating_number = 1

),

ces as (

    select * from {{ ref('stg_helpdesk__ces_responses') }}
    where is_answered

),

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

unioned as (

    select
        {{ dbt.concat(["'crm:'", "cast(crm_answers.submission_id as " ~ dbt.type_string() ~ ")"]) }} as answer_id,
        'crm' as source_system,
        crm_answers.survey_id,
        surveys.survey_name,
        surveys.survey_type,
        surveys.survey_level,
        surveys.journey_stage,
        surveys.scale_min,
        surveys.scale_max,
        crm_answers.response_value as score,
        crm_answers.comment_text,
        crm_answers.submitted_at as answered_at,
        crm_identities.customer_key,
        crm_answers.associated_object_type,
        crm_answers.associated_object_id,
        cast(null as {{ dbt.type_bigint() }}) as ticket_id
    from crm_answers
    inner join surveys on crm_answers.survey_id = surveys.survey_id
    left join crm_identities on crm_answers.contact_id = crm_identities.source_id

    union all

    select
        {{ dbt.concat(["'helpdesk_csat:'", "cast(ratings.satisfaction_rating_id as " ~ dbt.type_string() ~ ")"]) }},
        'helpdesk',
        cast(null as {{ dbt.type_bigint() }}),
        'Support CSAT',
        'CSAT',
        'touchpoint',
        'usage',
        1,
        5,
        ratings.rating,
        ratings.comment_text,
        ratings.updated_at,
        helpdesk_identities.customer_key,
        'TICKET',
        ratings.ticket_id,
        ratings.ticket_id
    from ratings
    left join helpdesk_identities on ratings.requester_id = helpdesk_identities.source_id

    union all

    select
        {{ dbt.concat(["'helpdesk_ces:'", "cast(ces.ces_response_id as " ~ dbt.type_string() ~ ")"]) }},
        'helpdesk',
        cast(null as {{ dbt.type_bigint() }}),
        'Support CES',
        'CES',
        'touchpoint',
        'usage',
        1,
        5,
        ces.score,
        ces.comment_text,
        ces.answered_at,
        helpdesk_identities.customer_key,
        'TICKET',
        ces.ticket_id,
        ces.ticket_id
    from ces
    left join helpdesk_identities on ces.requester_id = helpdesk_identities.source_id

),

final as (

    select
        unioned.*,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        {{ to_local_date('unioned.answered_at') }} as answered_date

    from unioned
    left join customers on unioned.customer_key = customers.customer_key

)

select * from final
