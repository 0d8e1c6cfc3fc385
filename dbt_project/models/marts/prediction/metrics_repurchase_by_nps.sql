{#-
    repurchase_rate_by_nps_group: of the relationship-NPS respondents of the period (the
    latest answer per respondent, as for nps), the share with a counted order placed after
    the answer and within the catalog's window_days (180) of the answer date; segment
    nps_group (promoter 9-10, passive 7-8, detractor 0-6) checks that NPS predicts, and
    segment all is the respondents' overall rate, the baseline the groups are read against.
    Respondents are people here (orders are placed by people), answers without a customer
    key cannot be followed and are out. Wilson 95 % margin of error.
-#}
with

catalog as (

    select window_days from {{ ref('metric_catalog') }}
    where metric_name = 'repurchase_rate_by_nps_group'

),

answers as (

    select
        answer_id,
        customer_key,
        customer_segment,
        score,
        case
            when score >= 9 then 'promoter'
            when score >= 7 then 'passive'
            else 'detractor'
        end as nps_group,
        answered_at,
        answered_date
    from {{ ref('fct_survey_answers') }}
    where survey_type = 'NPS'
        and survey_level = 'relationship'
        and score is not null
        and customer_key is not null

),

expanded as (

    {{ expand_grains_and_segments('answers', 'answered_date', {'nps_group': 'nps_group', 'customer_segment': 'customer_segment'}) }}

),

latest_per_respondent as (

    {{ latest_answer_per_respondent('expanded') }}

),

{#- A respondent's group is that of the answer that counts for the period (the latest). -#}
counted_answers as (

    select latest_per_respondent.*
    from latest_per_respondent
    inner join latest_per_respondent as overall
        on overall.segment_type = 'all'
        and latest_per_respondent.period_grain = overall.period_grain
        and latest_per_respondent.period_start = overall.period_start
        and latest_per_respondent.answer_id = overall.answer_id

),

orders as (

    select customer_key, created_at, order_date
    from {{ ref('fct_orders') }}
    where is_counted

),

repurchases as (

    select distinct answers.answer_id
    from answers
    cross join catalog
    inner join orders
        on answers.customer_key = orders.customer_key
        and orders.created_at > answers.answered_at
        and orders.order_date <= {{ dbt.dateadd('day', 'catalog.window_days', 'answers.answered_date') }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as respondents,
        sum(case when repurchases.answer_id is not null then 1 else 0 end) as repurchasers
    from counted_answers
    left join repurchases on counted_answers.answer_id = repurchases.answer_id
    group by {{ metric_keys() }}

),

final as (

    select
        'repurchase_rate_by_nps_group' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('repurchasers', 'respondents', 100) }} as value,
        repurchasers as numerator,
        respondents as denominator,
        respondents as n,
        {{ wilson_margin_of_error('repurchasers', 'respondents') }} as margin_of_error
    from counted

)

select * from final
