{#-
    churn_rate at date t, W = churn_window_days: of the customers with a counted order in
    (t - 2W, t - W], the share with no counted order in (t - W, t]. t is the period end (the
    data horizon for the period still running), so a period's value is final when it ends.
    Before two full windows of history exist the base window is cut by the history start:
    t is reported only once at least churn_min_base_days of its base window lie inside the
    order history, and then counts the customers seen in that part.
-#}
{%- set window = var('churn_window_days') -%}
with

orders as (

    select distinct customer_key, customer_segment, order_date
    from {{ ref('fct_orders') }}
    where is_counted

),

evaluated_periods as (

    select period_grain, period_start, evaluation_date, history_start_date as start_date
    from {{ ref('int_order_history_periods') }}

),

{#- Days of the base window (t - 2W, t - W] on or after the history start. -#}
evaluation_dates as (

    select distinct evaluation_date
    from evaluated_periods
    where {{ dbt.datediff(
        "case when " ~ dbt.dateadd('day', -2 * window, 'evaluation_date') ~ " < " ~ dbt.dateadd('day', -1, 'start_date')
        ~ " then " ~ dbt.dateadd('day', -1, 'start_date') ~ " else " ~ dbt.dateadd('day', -2 * window, 'evaluation_date') ~ " end",
        dbt.dateadd('day', -window, 'evaluation_date'),
        'day'
    ) }} >= {{ var('churn_min_base_days') }}

),

customer_status as (

    select
        evaluation_dates.evaluation_date,
        orders.customer_key,
        max(orders.customer_segment) as customer_segment,
        max(case when orders.order_date <= {{ dbt.dateadd('day', -window, 'evaluation_dates.evaluation_date') }} then 1 else 0 end) as is_in_base,
        max(case when orders.order_date > {{ dbt.dateadd('day', -window, 'evaluation_dates.evaluation_date') }} then 1 else 0 end) as is_retained
    from evaluation_dates
    inner join orders
        on orders.order_date <= evaluation_dates.evaluation_date
        and orders.order_date > {{ dbt.dateadd('day', -2 * window, 'evaluation_dates.evaluation_date') }}
    group by evaluation_dates.evaluation_date, orders.customer_key

),

base as (

    select evaluation_date, 'all' as segment_type, 'all' as segment_value, is_retained
    from customer_status
    where is_in_base = 1
    union all
    select evaluation_date, 'customer_segment', customer_segment, is_retained
    from customer_status
    where is_in_base = 1

),

counted as (

    select
        evaluation_date,
        segment_type,
        segment_value,
        count(*) as base_customers,
        sum(1 - is_retained) as churned_customers
    from base
    group by evaluation_date, segment_type, segment_value

),

final as (

    select
        'churn_rate' as metric_name,
        evaluated_periods.period_grain,
        evaluated_periods.period_start,
        counted.segment_type,
        counted.segment_value,
        {{ safe_ratio('counted.churned_customers', 'counted.base_customers', 100) }} as value,
        counted.churned_customers as numerator,
        counted.base_customers as denominator,
        counted.base_customers as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from evaluated_periods
    inner join counted on evaluated_periods.evaluation_date = counted.evaluation_date

)

select * from final
