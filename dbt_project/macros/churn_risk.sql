{#- The binned features of the churn-risk model (columns of fct_churn_risk_features). -#}
{% macro churn_risk_features() -%}
    {{ return(['recency_bin', 'frequency_bin', 'monetary_bin', 'nps_group', 'csat_group', 'contacts_bin']) }}
{%- endmacro %}

{#-
    Naive-Bayes churn score of each row of `features` with the weights of `model_name` in
    `weights` (fct_churn_risk_weights): log prior odds + the log-likelihood ratio of each
    feature's bin (0 for a bin unseen in training), added in a fixed order so a re-run
    gives the same float. Probability = 1 / (1 + exp(-score)).
-#}
{% macro churn_risk_score(features, weights, model_name) -%}
select
    {{ features }}.*,
    round(
        prior.log_likelihood_ratio
        {%- for feature in churn_risk_features() %}
        + coalesce(w_{{ feature }}.log_likelihood_ratio, 0)
        {%- endfor %},
        9
    ) as churn_score
from {{ features }}
inner join {{ weights }} as prior
    on prior.model_name = '{{ model_name }}' and prior.feature = 'prior'
{%- for feature in churn_risk_features() %}
left join {{ weights }} as w_{{ feature }}
    on w_{{ feature }}.model_name = '{{ model_name }}'
    and w_{{ feature }}.feature = '{{ feature }}'
    and w_{{ feature }}.bin = {{ features }}.{{ feature }}
{%- endfor %}
{%- endmacro %}
