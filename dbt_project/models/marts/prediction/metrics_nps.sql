{#-
    NPS: % promoters (9-10) - % detractors (0-6) on the 0-10 recommend question, with the
    adjusted-Wald 95 % margin of error. Survey levels are never blended: the segments all
    and customer_segment are the relationship survey (the company-wide NPS); the segment
    survey_level gives each level (relationship, journey, touchpoint) on its own. One answer
    per respondent per period and level, the latest; a B2B respondent answers for the
    account, so the account's latest answer is the one that counts.
-#}
with

accounts as (

    select
        identities.customer_key,
        max(contacts.company_id) as company_id
    from {{ ref('int_customer_identities') }} as identities
    inner join {{ ref('stg_crm__contacts') }} as contacts
        on identities.source_id = contacts.contact_id
    where identities.source_system = 'crm' and contacts.company_id is not null
    group by identities.customer_key

),

answers as (

    select
        answers.answer_id,
        {#- The respondent: the B2B account, else the person (latest_answer_per_respondent
            keeps one answer per customer_key). -#}
        case
            when accounts.company_id is not null
                then {{ dbt.concat(["'account:'", "cast(accounts.company_id as " ~ dbt.type_string() ~ ")"]) }}
            else answers.customer_key
        end as customer_key,
        answers.customer_segment,
        answers.survey_level,
        answers.score,
        answers.answered_at,
        answers.answered_date
    from {{ ref('fct_survey_answers') }} as answers
    left join accounts on answers.customer_key = accounts.customer_key
    where answers.survey_type = 'NPS' and answers.score is not null

),

expanded as (

    {{ expand_grains_and_segments('answers', 'answered_date', {'customer_segment': 'customer_segment', 'survey_level': 'survey_level'}) }}

),

one_level as (

    select * from expanded
    where segment_type = 'survey_level' or survey_level = 'relationship'

),

latest_per_respondent as (

    {{ latest_answer_per_respondent('one_level') }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as n,
        sum(case when score >= 9 then 1 else 0 end) as promoters,
        sum(case when score <= 6 then 1 else 0 end) as detractors
    from latest_per_respondent
    group by {{ metric_keys() }}

),

final as (

    select
        'nps' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('promoters - detractors', 'n', 100) }} as value,
        promoters - detractors as numerator,
        n as denominator,
        n,
        {{ nps_margin_of_error('promoters', 'detractors', 'n') }} as margin_of_error
    from counted

)

select * from final
