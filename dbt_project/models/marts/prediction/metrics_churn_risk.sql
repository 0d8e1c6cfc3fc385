{#-
    How well the churn-risk score ranks, and what the risk is worth. churn_risk_auc: the
    backtest's area under the ROC curve by the Mann-Whitney rank formula (average ranks for
    ties), with the Hanley-McNeil 95 % margin; churn_risk_base_rate: the share of the tested
    customers who did churn (what a score has to beat); revenue_at_risk: net revenue of the
    last churn_window_days of the customers in the high risk band at the data horizon.
    All are snapshots known at the data horizon, so each grain has one row: the period
    that holds the horizon.
-#}
with

horizon as (

    select as_of_date from {{ ref('int_data_horizon') }}

),

periods as (

    select
        grains.period_grain,
        {{ period_start('grains.period_grain', 'horizon.as_of_date') }} as period_start
    from horizon
    cross join ({{ grain_values() }}) as grains

),

backtest as (

    select 'all' as segment_type, 'all' as segment_value, churn_score, is_churned
    from {{ ref('fct_churn_risk_backtest') }}
    union all
    select 'customer_segment', customer_segment, churn_score, is_churned
    from {{ ref('fct_churn_risk_backtest') }}

),

ranked as (

    select
        segment_type,
        segment_value,
        is_churned,
        {#- Average rank of a tie: the first rank + (tie size - 1) / 2. -#}
        rank() over (partition by segment_type, segment_value order by churn_score)
        + (count(*) over (partition by segment_type, segment_value, churn_score) - 1) / 2.0
            as score_rank
    from backtest

),

rank_sums as (

    select
        segment_type,
        segment_value,
        count(*) as n,
        sum(is_churned) as churned,
        sum(1 - is_churned) as retained,
        sum(case when is_churned = 1 then score_rank else 0 end) as churned_rank_sum
    from ranked
    group by segment_type, segment_value

),

auc as (

    select
        rank_sums.*,
        churned_rank_sum - churned * (churned + 1) / 2.0 as mann_whitney_u,
        churned * retained as pairs,
        case when churned * retained > 0
            then (churned_rank_sum - churned * (churned + 1) / {{ float_literal('2.0') }}) / (churned * retained)
        end as auc_value
    from rank_sums

),

at_risk as (

    select
        'all' as segment_type,
        'all' as segment_value,
        sum(case when risk_band = 'high' then net_revenue_last_year else 0 end) as revenue,
        sum(case when risk_band = 'high' then 1 else 0 end) as customers
    from {{ ref('fct_customer_churn_risk') }}
    union all
    select
        'customer_segment',
        customer_segment,
        sum(case when risk_band = 'high' then net_revenue_last_year else 0 end),
        sum(case when risk_band = 'high' then 1 else 0 end)
    from {{ ref('fct_customer_churn_risk') }}
    group by customer_segment

),

metrics as (

    select
        'churn_risk_auc' as metric_name,
        segment_type,
        segment_value,
        auc_value as value,
        mann_whitney_u as numerator,
        pairs as denominator,
        n,
        {#- Hanley-McNeil standard error of the AUC. -#}
        case when pairs > 0 then
            {{ float_literal('1.96') }} * sqrt(
                (
                    auc_value * (1 - auc_value)
                    + (churned - 1) * (auc_value / (2 - auc_value) - auc_value * auc_value)
                    + (retained - 1) * (2 * auc_value * auc_value / (1 + auc_value) - auc_value * auc_value)
                ) / pairs
            )
        end as margin_of_error
    from auc

    union all

    select
        'churn_risk_base_rate',
        segment_type,
        segment_value,
        {{ safe_ratio('churned', 'n', 100) }},
        churned,
        n,
        n,
        {{ wilson_margin_of_error('churned', 'n') }}
    from auc

    union all

    select
        'revenue_at_risk',
        segment_type,
        segment_value,
        revenue,
        revenue,
        cast(null as {{ dbt.type_bigint() }}),
        customers,
        cast(null as {{ dbt.type_float() }})
    from at_risk

),

final as (

    select
        metrics.metric_name,
        periods.period_grain,
        periods.period_start,
        metrics.segment_type,
        metrics.segment_value,
        metrics.value,
        metrics.numerator,
        metrics.denominator,
        metrics.n,
        metrics.margin_of_error
    from metrics
    cross join periods

)

select * from final
