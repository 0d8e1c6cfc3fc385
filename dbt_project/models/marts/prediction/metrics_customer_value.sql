{#-
    Customer value at each period end t (the data horizon for the running period), segment
    all only (campaign spend has no customer segment):
    - cac: campaign spend allocated to the period / new customers of the period. A
      campaign's spend is spread evenly over its days (start to end, inclusive) and
      rounded to cents per campaign and period, so sums are exact decimals.
    - customer_lifetime_value (seed formula): annual revenue per customer x expected
      relationship years - CAC, with annual revenue per customer = net revenue of the
      counted orders in (t - 365 d, t] (their refunds paid by t netted) / customers with such
      an order, and years = 1 / churn_rate at t (metrics_churn, all), at most
      clv_max_relationship_years.
    - customer_lifetime_value_margin: the same on gross margin (x clv_gross_margin).
    - clv_to_cac_ratio: the margin-based lifetime value before CAC / CAC.
    Null (n/a) where the period has no known spend or no new customer, or where churn or a
    full year of revenue is not yet known.
-#}
{%- set window = var('churn_window_days') -%}
with

orders as (

    select order_id, customer_key, order_date, cast(subtotal_amount as {{ type_money() }}) as amount
    from {{ ref('fct_orders') }}
    where is_counted

),

refunds as (

    select order_id, refund_date, cast(refund_amount as {{ type_money() }}) as amount
    from {{ ref('fct_refunds') }}

),

campaigns as (

    select
        campaign_id,
        start_date,
        end_date,
        cast(spend_amount as {{ type_money() }}) as spend_amount,
        {{ dbt.datediff('start_date', 'end_date', 'day') }} + 1 as campaign_days
    from {{ ref('stg_crm__campaigns') }}
    where spend_amount > 0 and end_date >= start_date

),

evaluated_periods as (

    select period_grain, period_start, evaluation_date, history_start_date
    from {{ ref('int_order_history_periods') }}

),

period_spend as (

    select
        evaluated_periods.period_grain,
        evaluated_periods.period_start,
        sum(
            cast(
                round(
                    campaigns.spend_amount
                    * ({{ dbt.datediff(
                        "case when campaigns.start_date > evaluated_periods.period_start then campaigns.start_date else evaluated_periods.period_start end",
                        "case when campaigns.end_date < evaluated_periods.evaluation_date then campaigns.end_date else evaluated_periods.evaluation_date end",
                        'day'
                    ) }} + 1)
                    / campaigns.campaign_days,
                    2
                ) as {{ type_money() }}
            )
        ) as spend
    from evaluated_periods
    inner join campaigns
        on campaigns.start_date <= evaluated_periods.evaluation_date
        and campaigns.end_date >= evaluated_periods.period_start
    group by evaluated_periods.period_grain, evaluated_periods.period_start

),

new_customers as (

    select
        evaluated_periods.period_grain,
        evaluated_periods.period_start,
        count(*) as new_customers
    from evaluated_periods
    inner join {{ ref('int_customers_acquired') }} as acquired
        on acquired.first_order_date >= evaluated_periods.period_start
        and acquired.first_order_date <= evaluated_periods.evaluation_date
    group by evaluated_periods.period_grain, evaluated_periods.period_start

),

{#- Trailing-year revenue, only where the year lies wholly inside the order history. -#}
evaluation_dates as (

    select distinct evaluation_date
    from evaluated_periods
    where {{ dbt.dateadd('day', -window, 'evaluation_date') }} >= {{ dbt.dateadd('day', -1, 'history_start_date') }}

),

{#-
    Set-based, so the cost grows with the orders, not with orders x evaluation dates: an
    order counts at t while t lies in [order day, order day + W), its refund from the
    later of order and refund day; a customer counts while t lies in the union of their
    orders' intervals (merged into islands). Each interval adds its amount (or 1) at its
    start and takes it away at its end; a running sum over the days gives every t.
-#}
customer_islands as (

    select
        customer_key,
        order_date,
        sum(case when previous_order_date is null or {{ dbt.datediff('previous_order_date', 'order_date', 'day') }} > {{ window }} then 1 else 0 end)
            over (partition by customer_key order by order_date rows between unbounded preceding and current row)
            as island_number
    from (
        select
            customer_key,
            order_date,
            lag(order_date) over (partition by customer_key order by order_date) as previous_order_date
        from (select distinct customer_key, order_date from orders where customer_key is not null) as order_days
    ) as sequenced

),

customer_intervals as (

    select
        min(order_date) as starts_on,
        {{ dbt.dateadd('day', window, 'max(order_date)') }} as ends_before
    from customer_islands
    group by customer_key, island_number

),

refund_intervals as (

    select
        case when refunds.refund_date > orders.order_date then refunds.refund_date else orders.order_date end
            as starts_on,
        {{ dbt.dateadd('day', window, 'orders.order_date') }} as ends_before,
        refunds.amount
    from refunds
    inner join orders on refunds.order_id = orders.order_id

),

deltas as (

    select order_date as change_date, amount as revenue_change, 0 as customers_change
    from orders
    union all
    select {{ dbt.dateadd('day', window, 'order_date') }}, -amount, 0
    from orders
    union all
    select starts_on, -amount, 0
    from refund_intervals
    where starts_on < ends_before
    union all
    select ends_before, amount, 0
    from refund_intervals
    where starts_on < ends_before
    union all
    select starts_on, cast(0 as {{ type_money() }}), 1
    from customer_intervals
    union all
    select ends_before, cast(0 as {{ type_money() }}), -1
    from customer_intervals
    union all
    -- a zero change on every evaluation date, so the running sum has a row there
    select evaluation_date, cast(0 as {{ type_money() }}), 0
    from evaluation_dates

),

running as (

    select
        change_date,
        sum(sum(revenue_change)) over (order by change_date rows between unbounded preceding and current row)
            as net_revenue,
        sum(sum(customers_change)) over (order by change_date rows between unbounded preceding and current row)
            as customers
    from deltas
    group by change_date

),

year_revenue as (

    select evaluation_dates.evaluation_date, running.net_revenue, cast(running.customers as bigint) as customers
    from evaluation_dates
    inner join running on evaluation_dates.evaluation_date = running.change_date
    where running.customers > 0

),

churn as (

    select period_grain, period_start, value as churn_rate
    from {{ ref('metrics_churn') }}
    where segment_type = 'all'

),

combined as (

    select
        evaluated_periods.period_grain,
        evaluated_periods.period_start,
        period_spend.spend,
        coalesce(new_customers.new_customers, 0) as new_customers,
        {{ safe_ratio('period_spend.spend', 'new_customers.new_customers') }} as cac,
        year_revenue.customers as year_customers,
        {{ safe_ratio('year_revenue.net_revenue', 'year_revenue.customers') }} as annual_revenue_per_customer,
        case
            when churn.churn_rate is null then null
            when churn.churn_rate * {{ var('clv_max_relationship_years') }} <= 100
                then {{ var('clv_max_relationship_years') }} * 1.0
            else 100.0 / churn.churn_rate
        end as relationship_years
    from evaluated_periods
    left join period_spend
        on evaluated_periods.period_grain = period_spend.period_grain
        and evaluated_periods.period_start = period_spend.period_start
    left join new_customers
        on evaluated_periods.period_grain = new_customers.period_grain
        and evaluated_periods.period_start = new_customers.period_start
    left join year_revenue on evaluated_periods.evaluation_date = year_revenue.evaluation_date
    left join churn
        on evaluated_periods.period_grain = churn.period_grain
        and evaluated_periods.period_start = churn.period_start

),

valued as (

    select
        combined.*,
        annual_revenue_per_customer * relationship_years as lifetime_revenue,
        annual_revenue_per_customer * {{ var('clv_gross_margin') }} * relationship_years as lifetime_margin
    from combined

),

metrics as (

    select
        'cac' as metric_name,
        period_grain,
        period_start,
        cac as value,
        spend as numerator,
        new_customers as denominator,
        new_customers as n
    from valued
    where spend is not null or new_customers > 0

    union all

    select
        'customer_lifetime_value',
        period_grain,
        period_start,
        lifetime_revenue - cac,
        lifetime_revenue,
        cac,
        year_customers
    from valued
    where lifetime_revenue is not null

    union all

    select
        'customer_lifetime_value_margin',
        period_grain,
        period_start,
        lifetime_margin - cac,
        lifetime_margin,
        cac,
        year_customers
    from valued
    where lifetime_margin is not null

    union all

    select
        'clv_to_cac_ratio',
        period_grain,
        period_start,
        {{ safe_ratio('lifetime_margin', 'cac') }},
        lifetime_margin,
        cac,
        new_customers
    from valued
    where lifetime_margin is not null

),

final as (

    select
        metric_name,
        period_grain,
        period_start,
        'all' as segment_type,
        'all' as segment_value,
        value,
        numerator,
        denominator,
        n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from metrics

)

select * from final
