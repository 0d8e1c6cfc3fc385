{#-
    new_customers and repeat_purchase_rate, by the local date of the first counted order.

    A new customer is a person whose first counted order (cancelled and test orders out,
    guest checkouts matched by e-mail) is in the period. Of them, repeat_purchase_rate is
    the share whose second counted order falls within the catalog's window_days (90) of the
    first, in calendar days on the reporting time zone's calendar: day 90 counts, day 91
    does not; a second order on the same day counts. Segments follow the first order.
-#}
with

acquired as (

    select
        customer_key,
        customer_segment,
        first_order_channel,
        first_order_date,
        second_order_date
    from {{ ref('int_customers_acquired') }}

),

repeat_window as (

    select window_days from {{ ref('metric_catalog') }}
    where metric_name = 'repeat_purchase_rate'

),

new_customers as (

    select
        acquired.*,
        case
            when acquired.second_order_date
                <= {{ dbt.dateadd('day', 'repeat_window.window_days', 'acquired.first_order_date') }}
                then 1
            else 0
        end as is_repeat
    from acquired
    cross join repeat_window

),

expanded as (

    {{ expand_grains_and_segments('new_customers', 'first_order_date', {'channel': 'first_order_channel', 'customer_segment': 'customer_segment'}) }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as customers,
        sum(is_repeat) as repeat_customers
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'new_customers' as metric_name,
        {{ metric_keys() }},
        customers as value,
        customers as numerator,
        cast(null as {{ dbt.type_bigint() }}) as denominator,
        customers as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

    union all

    select
        'repeat_purchase_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('repeat_customers', 'customers', 100) }} as value,
        repeat_customers as numerator,
        customers as denominator,
        customers as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

)

select * from final
