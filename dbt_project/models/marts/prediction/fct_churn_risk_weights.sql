{#-
    The trained churn-risk models: naive Bayes on binned features. For each feature and bin,
    the Laplace-smoothed share of the churned and of the retained customers of the training
    snapshot in that bin; the weight is the log of their ratio. Model 'backtest' trains on
    snapshot as_of - 2h and is tested on as_of - h; model 'current' trains on as_of - h
    (the latest snapshot with known labels) and scores the customers at as_of. Row
    feature = 'prior' holds the log odds of churn in training.
-#}
with

features as (

    select * from {{ ref('fct_churn_risk_features') }}
    where snapshot_role in ('backtest_train', 'backtest_test')

),

training as (

    select
        case snapshot_role when 'backtest_train' then 'backtest' else 'current' end as model_name,
        features.*
    from features

),

unpivoted as (

    {%- for feature in churn_risk_features() %}
    select model_name, '{{ feature }}' as feature, {{ feature }} as bin, is_churned from training
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

bin_counts as (

    select
        model_name,
        feature,
        bin,
        sum(is_churned) as churned,
        sum(1 - is_churned) as retained
    from unpivoted
    group by model_name, feature, bin

),

totals as (

    select
        model_name,
        sum(is_churned) as churned,
        sum(1 - is_churned) as retained
    from training
    group by model_name

),

feature_bins as (

    select model_name, feature, count(*) as bins
    from bin_counts
    group by model_name, feature

),

weights as (

    select
        bin_counts.model_name,
        bin_counts.feature,
        bin_counts.bin,
        bin_counts.churned,
        bin_counts.retained,
        ln((bin_counts.churned + 1.0) / (totals.churned + feature_bins.bins))
        - ln((bin_counts.retained + 1.0) / (totals.retained + feature_bins.bins)) as log_likelihood_ratio
    from bin_counts
    inner join totals on bin_counts.model_name = totals.model_name
    inner join feature_bins
        on bin_counts.model_name = feature_bins.model_name
        and bin_counts.feature = feature_bins.feature

),

final as (

    select * from weights

    union all

    select
        model_name,
        'prior',
        'all',
        churned,
        retained,
        ln((churned + 0.5) / (retained + 0.5))
    from totals

)

select * from final
