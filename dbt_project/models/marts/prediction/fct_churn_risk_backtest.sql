{#-
    The churn-risk backtest: the customers of snapshot as_of - h scored by model 'backtest'
    (trained on the snapshot h days earlier, whose labels were known by then) next to what
    happened in the h days after: is_churned = no counted order. metrics_churn_risk turns it
    into the AUC.
-#}
with

features as (

    select * from {{ ref('fct_churn_risk_features') }}
    where snapshot_role = 'backtest_test'

),

weights as (

    select * from {{ ref('fct_churn_risk_weights') }}

),

scored as (

    {{ churn_risk_score('features', 'weights', 'backtest') }}

),

final as (

    select
        snapshot_date,
        customer_key,
        customer_segment,
        {%- for feature in churn_risk_features() %}
        {{ feature }},
        {%- endfor %}
        churn_score,
        1.0 / (1.0 + exp(-churn_score)) as churn_probability,
        is_churned
    from scored

)

select * from final
