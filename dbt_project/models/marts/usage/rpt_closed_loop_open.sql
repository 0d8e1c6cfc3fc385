{#-
    The report's closed-loop list: negative answers still without a follow-up by a person,
    oldest first. Customer keys only (pseudonymous); the owner looks the contact up in the
    CRM, so no name or e-mail leaves the warehouse.
-#}
with

open_answers as (

    select
        customer_key,
        customer_segment,
        survey_name,
        feedback_type,
        score,
        scale_max,
        answered_at,
        answered_date,
        age_hours,
        age_days,
        is_overdue
    from {{ ref('fct_negative_feedback') }}
    where follow_up_status = 'open'

),

final as (

    select
        open_answers.*,
        row_number() over (order by answered_at, customer_key, survey_name) as list_position
    from open_answers

)

select * from final
