{#-
    return_rate and refund_rate per order cohort: of the counted orders placed in the period
    (local order date), the share with goods returned (a refund that restocks items) and the
    share with money refunded (any refund: full, partial or goodwill). A refund counts for
    its order's period whenever it is paid, so a later refund restates the order's period;
    the period is mature once the catalog's window_days (the return-policy window) has
    passed after its end.
-#}
with

orders as (

    select order_id, order_channel, customer_segment, order_date
    from {{ ref('fct_orders') }}
    where is_counted

),

refunds as (

    select order_id, is_restock, refund_amount from {{ ref('fct_refunds') }}

),

order_refund_flags as (

    select
        order_id,
        max(case when is_restock then 1 else 0 end) as is_returned,
        max(case when refund_amount > 0 then 1 else 0 end) as is_refunded
    from refunds
    group by order_id

),

order_cohorts as (

    select
        orders.*,
        coalesce(order_refund_flags.is_returned, 0) as is_returned,
        coalesce(order_refund_flags.is_refunded, 0) as is_refunded
    from orders
    left join order_refund_flags on orders.order_id = order_refund_flags.order_id

),

expanded as (

    {{ expand_grains_and_segments('order_cohorts', 'order_date', {'channel': 'order_channel', 'customer_segment': 'customer_segment'}) }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as orders,
        sum(is_returned) as returned_orders,
        sum(is_refunded) as refunded_orders
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'return_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('returned_orders', 'orders', 100) }} as value,
        returned_orders as numerator,
        orders as denominator,
        orders as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

    union all

    select
        'refund_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('refunded_orders', 'orders', 100) }} as value,
        refunded_orders as numerator,
        orders as denominator,
        orders as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

)

select * from final
