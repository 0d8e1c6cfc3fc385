{#-
    The churn-risk model's inputs: one row per snapshot date and current customer (a
    counted order in the churn_window_days up to the snapshot) with binned features known
    at the snapshot and, where already known, the label: no counted order in the
    churn_risk_horizon_days after it. Three snapshots, h = the horizon: as_of - 2h (trains
    the backtest model), as_of - h (tests it, and trains the current model) and as_of (the
    current customers scored, no label yet). Fixed bin edges, so a bin means the same at
    every snapshot.
-#}
{%- set horizon = var('churn_risk_horizon_days') -%}
{%- set active = var('churn_window_days') -%}
with

horizon as (

    select as_of_date from {{ ref('int_data_horizon') }}

),

snapshots as (

    select 'backtest_train' as snapshot_role, cast({{ dbt.dateadd('day', -2 * horizon, 'as_of_date') }} as date) as snapshot_date from horizon
    union all
    select 'backtest_test', cast({{ dbt.dateadd('day', -horizon, 'as_of_date') }} as date) from horizon
    union all
    select 'current', as_of_date from horizon

),

orders as (

    select order_id, customer_key, customer_segment, order_date, cast(subtotal_amount as {{ type_money() }}) as subtotal_amount
    from {{ ref('fct_orders') }}
    where is_counted

),

refunds as (

    select order_id, refund_date, cast(refund_amount as {{ type_money() }}) as refund_amount from {{ ref('fct_refunds') }}

),

order_facts as (

    select
        snapshots.snapshot_role,
        snapshots.snapshot_date,
        orders.customer_key,
        max(orders.customer_segment) as customer_segment,
        max(orders.order_date) as last_order_date,
        count(*) as orders_in_window,
        sum(orders.subtotal_amount) as gross_in_window
    from snapshots
    inner join orders
        on orders.order_date <= snapshots.snapshot_date
        and orders.order_date > {{ dbt.dateadd('day', -active, 'snapshots.snapshot_date') }}
    group by snapshots.snapshot_role, snapshots.snapshot_date, orders.customer_key

),

{#- Refunds paid by the snapshot are netted against the window's orders. -#}
refund_facts as (

    select
        snapshots.snapshot_date,
        orders.customer_key,
        sum(refunds.refund_amount) as refunded_in_window
    from snapshots
    inner join orders
        on orders.order_date <= snapshots.snapshot_date
        and orders.order_date > {{ dbt.dateadd('day', -active, 'snapshots.snapshot_date') }}
    inner join refunds
        on orders.order_id = refunds.order_id
        and refunds.refund_date <= snapshots.snapshot_date
    group by snapshots.snapshot_date, orders.customer_key

),

later_orders as (

    select
        snapshots.snapshot_date,
        orders.customer_key,
        count(*) as orders_after
    from snapshots
    inner join orders
        on orders.order_date > snapshots.snapshot_date
        and orders.order_date <= {{ dbt.dateadd('day', horizon, 'snapshots.snapshot_date') }}
    group by snapshots.snapshot_date, orders.customer_key

),

surveys as (

    select
        snapshots.snapshot_date,
        answers.customer_key,
        answers.survey_type,
        answers.score,
        answers.scale_min,
        answers.scale_max,
        row_number() over (
            partition by snapshots.snapshot_date, answers.customer_key, answers.survey_type
            order by answers.answered_at desc, answers.answer_id desc
        ) as answer_number
    from snapshots
    inner join {{ ref('fct_survey_answers') }} as answers
        on answers.answered_date <= snapshots.snapshot_date
        and answers.answered_date > {{ dbt.dateadd('day', -active, 'snapshots.snapshot_date') }}
    where answers.customer_key is not null
        and answers.score is not null
        and (
            (answers.survey_type = 'NPS' and answers.survey_level = 'relationship')
            or answers.survey_type = 'CSAT'
        )

),

latest_surveys as (

    select
        snapshot_date,
        customer_key,
        max(
            case
                when survey_type <> 'NPS' then null
                when score >= 9 then 'promoter'
                when score >= 7 then 'passive'
                else 'detractor'
            end
        ) as nps_group,
        {#- The survey's own scale: top two points satisfied, bottom two dissatisfied. -#}
        max(
            case
                when survey_type <> 'CSAT' then null
                when score >= scale_max - 1 then 'satisfied'
                when score <= scale_min + 1 then 'dissatisfied'
                else 'neutral'
            end
        ) as csat_group
    from surveys
    where answer_number = 1
    group by snapshot_date, customer_key

),

contacts as (

    select
        snapshots.snapshot_date,
        contacts.customer_key,
        count(*) as contacts_90d
    from snapshots
    inner join {{ ref('fct_customer_contacts') }} as contacts
        on contacts.contacted_date <= snapshots.snapshot_date
        and contacts.contacted_date > {{ dbt.dateadd('day', -90, 'snapshots.snapshot_date') }}
    group by snapshots.snapshot_date, contacts.customer_key

),

joined as (

    select
        order_facts.snapshot_role,
        order_facts.snapshot_date,
        order_facts.customer_key,
        order_facts.customer_segment,
        {{ dbt.datediff('order_facts.last_order_date', 'order_facts.snapshot_date', 'day') }} as recency_days,
        order_facts.orders_in_window,
        order_facts.gross_in_window - coalesce(refund_facts.refunded_in_window, 0) as net_revenue_in_window,
        coalesce(latest_surveys.nps_group, 'none') as nps_group,
        coalesce(latest_surveys.csat_group, 'none') as csat_group,
        coalesce(contacts.contacts_90d, 0) as contacts_90d,
        case
            when order_facts.snapshot_role = 'current' then null
            when later_orders.orders_after is null then 1
            else 0
        end as is_churned
    from order_facts
    left join refund_facts
        on order_facts.snapshot_date = refund_facts.snapshot_date
        and order_facts.customer_key = refund_facts.customer_key
    left join later_orders
        on order_facts.snapshot_date = later_orders.snapshot_date
        and order_facts.customer_key = later_orders.customer_key
    left join latest_surveys
        on order_facts.snapshot_date = latest_surveys.snapshot_date
        and order_facts.customer_key = latest_surveys.customer_key
    left join contacts
        on order_facts.snapshot_date = contacts.snapshot_date
        and order_facts.customer_key = contacts.customer_key

),

final as (

    select
        joined.*,
        case
            when recency_days <= 30 then '0-30'
            when recency_days <= 60 then '31-60'
            when recency_days <= 90 then '61-90'
            when recency_days <= 180 then '91-180'
            else '181+'
        end as recency_bin,
        case
            when orders_in_window = 1 then '1'
            when orders_in_window = 2 then '2'
            when orders_in_window <= 5 then '3-5'
            when orders_in_window <= 11 then '6-11'
            else '12+'
        end as frequency_bin,
        case
            when net_revenue_in_window < 50 then '<50'
            when net_revenue_in_window < 200 then '50-200'
            when net_revenue_in_window < 1000 then '200-1000'
            when net_revenue_in_window < 5000 then '1000-5000'
            else '5000+'
        end as monetary_bin,
        case
            when contacts_90d = 0 then '0'
            when contacts_90d = 1 then '1'
            else '2+'
        end as contacts_bin
    from joined

)

select * from final
