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

{#-
    Set-based, so the cost grows with the orders, not with orders x evaluation dates. A
    customer is in the base at t while t lies in [d + W, d + 2W) for one of their order
    days d (the union of those intervals, merged into islands), and churned at t when
    the last order day up to t is such a d: t in [d + W, min(d + 2W, next order day)).
    Each interval adds +1 at its start and -1 at its end; a running sum over the days
    gives the counts at every t.
-#}
sequenced as (

    select
        customer_key,
        customer_segment,
        order_date,
        lag(order_date) over (partition by customer_key order by order_date) as previous_order_date,
        lead(order_date) over (partition by customer_key order by order_date) as next_order_date
    from orders

),

islands as (

    select
        customer_key,
        customer_segment,
        order_date,
        sum(
            case
                when previous_order_date is null
                    or {{ dbt.datediff('previous_order_date', 'order_date', 'day') }} > {{ window }} then 1
                else 0
            end
        ) over (partition by customer_key order by order_date rows between unbounded preceding and current row)
            as island_number
    from sequenced

),

base_intervals as (

    select
        customer_segment,
        {{ dbt.dateadd('day', window, 'min(order_date)') }} as starts_on,
        {{ dbt.dateadd('day', 2 * window, 'max(order_date)') }} as ends_before
    from islands
    group by customer_key, customer_segment, island_number

),

churn_intervals as (

    select
        customer_segment,
        {{ dbt.dateadd('day', window, 'order_date') }} as starts_on,
        case
            when next_order_date is not null
                and next_order_date < {{ dbt.dateadd('day', 2 * window, 'order_date') }}
                then next_order_date
            else {{ dbt.dateadd('day', 2 * window, 'order_date') }}
        end as ends_before
    from sequenced
    where next_order_date is null or next_order_date > {{ dbt.dateadd('day', window, 'order_date') }}

),

deltas as (

    select customer_segment, starts_on as change_date, 1 as base_change, 0 as churned_change
    from base_intervals
    union all
    select customer_segment, ends_before, -1, 0
    from base_intervals
    union all
    select customer_segment, starts_on, 0, 1
    from churn_intervals
    union all
    select customer_segment, ends_before, 0, -1
    from churn_intervals

),

segmented_deltas as (

    select 'all' as segment_type, 'all' as segment_value, change_date, base_change, churned_change
    from deltas
    union all
    select 'customer_segment', customer_segment, change_date, base_change, churned_change
    from deltas
    union all
    -- a zero change on every evaluation date, so the running sum has a row there
    select segments.segment_type, segments.segment_value, evaluation_dates.evaluation_date, 0, 0
    from evaluation_dates
    cross join (
        select distinct 'all' as segment_type, 'all' as segment_value from orders
        union all
        select distinct 'customer_segment', customer_segment from orders
    ) as segments

),

daily_changes as (

    select
        segment_type,
        segment_value,
        change_date,
        sum(base_change) as base_change,
        sum(churned_change) as churned_change
    from segmented_deltas
    group by segment_type, segment_value, change_date

),

running as (

    select
        segment_type,
        segment_value,
        change_date,
        sum(base_change) over (
            partition by segment_type, segment_value order by change_date
            rows between unbounded preceding and current row
        ) as base_customers,
        sum(churned_change) over (
            partition by segment_type, segment_value order by change_date
            rows between unbounded preceding and current row
        ) as churned_customers
    from daily_changes

),

counted as (

    select
        running.change_date as evaluation_date,
        running.segment_type,
        running.segment_value,
        cast(running.base_customers as bigint) as base_customers,
        cast(running.churned_customers as bigint) as churned_customers
    from running
    inner join evaluation_dates on running.change_date = evaluation_dates.evaluation_date
    where running.base_customers > 0

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
