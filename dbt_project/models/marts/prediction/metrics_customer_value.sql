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

year_orders as (

    select evaluation_dates.evaluation_date, orders.order_id, orders.customer_key, orders.amount
    from evaluation_dates
    inner join orders
        on orders.order_date <= evaluation_dates.evaluation_date
        and orders.order_date > {{ dbt.dateadd('day', -window, 'evaluation_dates.evaluation_date') }}

),

year_refunds as (

    select year_orders.evaluation_date, sum(refunds.amount) as refunded
    from year_orders
    inner join refunds
        on year_orders.order_id = refunds.order_id
        and refunds.refund_date <= year_orders.evaluation_date
    group by year_orders.evaluation_date

),

year_revenue as (

    select
        year_orders.evaluation_date,
        sum(year_orders.amount) - coalesce(max(year_refunds.refunded), 0) as net_revenue,
        count(distinct year_orders.customer_key) as customers
    from year_orders
    left join year_refunds on year_orders.evaluation_date = year_refunds.evaluation_date
    group by year_orders.evaluation_date

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
