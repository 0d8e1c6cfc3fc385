{#-
    The long metrics table the report reads: one row per metric, period grain, period and
    segment. Journey stage, sample-size floor and maturity window come from the catalog.
-#}
{%- set metric_models = [
    'metrics_nps',
    'metrics_support_surveys',
    'metrics_ticket_handling',
    'metrics_orders',
    'metrics_contact_rate',
    'metrics_order_value',
    'metrics_new_customers',
    'metrics_returns',
    'metrics_purchase_csat',
    'metrics_sales_meetings',
    'metrics_leads',
    'metrics_customer_acquisition',
    'metrics_perception_survey',
    'metrics_closed_loop',
    'metrics_feedback_themes',
    'metrics_contact_reasons',
    'metrics_self_service',
    'metrics_survey_response',
    'metrics_repurchase_by_nps',
    'metrics_churn',
    'metrics_customer_value',
    'metrics_churn_risk',
    'metrics_detractor_drivers',
    'metrics_ticket_resolution',
    'metrics_ticket_backlog',
] -%}

with

unioned as (

    {%- for model in metric_models %}
    select
        metric_name,
        period_grain,
        period_start,
        segment_type,
        segment_value,
        cast(value as {{ type_double() }}) as value,
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        cast(n as {{ dbt.type_bigint() }}) as n,
        cast(margin_of_error as {{ type_double() }}) as margin_of_error
    from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

catalog as (

    select metric_name, journey_stage, min_sample, window_days from {{ ref('metric_catalog') }}

),

horizon as (

    select as_of_date from {{ ref('int_data_horizon') }}

),

final as (

    select
        unioned.metric_name,
        catalog.journey_stage,
        unioned.period_grain,
        unioned.period_start,
        unioned.segment_type,
        unioned.segment_value,
        unioned.value,
        unioned.numerator,
        unioned.denominator,
        unioned.n,
        unioned.margin_of_error,
        unioned.n < catalog.min_sample as is_low_sample,
        {{ dbt.dateadd('day', 'catalog.window_days', period_end('unioned.period_grain', 'unioned.period_start')) }}
            <= horizon.as_of_date as is_mature

    from unioned
    left join catalog on unioned.metric_name = catalog.metric_name
    cross join horizon

)

select * from final
