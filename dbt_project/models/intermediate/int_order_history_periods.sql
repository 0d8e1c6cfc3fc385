{#-
    Every period (each grain of var metric_grains) from the first order to the data horizon,
    with the date a stock-like metric is measured at: the period's last day, or the data
    horizon for the period still running. Churn and customer value are measured at these
    dates.
-#}
with

bounds as (

    select
        (select min(order_date) from {{ ref('fct_orders') }}) as start_date,
        as_of_date as end_date
    from {{ ref('int_data_horizon') }}

),

periods as (

    {{ period_grid('bounds') }}

),

final as (

    select
        periods.period_grain,
        periods.period_start,
        case
            when {{ period_end('periods.period_grain', 'periods.period_start') }} < bounds.end_date
                then {{ period_end('periods.period_grain', 'periods.period_start') }}
            else bounds.end_date
        end as evaluation_date,
        bounds.start_date as history_start_date
    from periods
    cross join bounds

)

select * from final
