{#-
    Churn risk of every current customer (a counted order in the churn_window_days up to
    the data horizon): the probability of no counted order in the next
    churn_risk_horizon_days, from model 'current' (fct_churn_risk_weights). Risk band by
    rank: the top decile is high, the next two deciles medium, the rest low (ties broken
    by customer key, so the bands are stable between re-runs).
-#}
with

features as (

    select * from {{ ref('fct_churn_risk_features') }}
    where snapshot_role = 'current'

),

weights as (

    select * from {{ ref('fct_churn_risk_weights') }}

),

scored as (

    {{ churn_risk_score('features', 'weights', 'current') }}

),

ranked as (

    select
        scored.*,
        ntile(10) over (order by churn_score desc, customer_key) as risk_decile
    from scored

),

final as (

    select
        snapshot_date as scored_date,
        customer_key,
        customer_segment,
        recency_days,
        orders_in_window as orders_last_year,
        net_revenue_in_window as net_revenue_last_year,
        nps_group,
        csat_group,
        contacts_90d,
        {#- nps_group and csat_group are features too: selected once, above. -#}
        {%- for feature in churn_risk_features() if feature not in ['nps_group', 'csat_group'] %}
        {{ feature }},
        {%- endfor %}
        churn_score,
        1.0 / (1.0 + exp(-churn_score)) as churn_probability,
        risk_decile,
        case
            when risk_decile = 1 then 'high'
            when risk_decile <= 3 then 'medium'
            else 'low'
        end as risk_band
    from ranked

)

select * from final
