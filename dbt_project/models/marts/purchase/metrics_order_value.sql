{#-
    average_order_value: the mean basket of counted orders (cancelled and test orders out),
    order subtotals after discounts, excluding tax and shipping / orders, by order date.
    Refunds are not netted: they belong to the period they are paid in (revenue), so a
    month's order value does not change as its returns come in. Money is summed as decimal.
-#}
with

orders as (

    select
        order_channel,
        customer_segment,
        order_date,
        cast(subtotal_amount as {{ type_money() }}) as amount
    from {{ ref('fct_orders') }}
    where is_counted

),

expanded as (

    {{ expand_grains_and_segments('orders', 'order_date', {'channel': 'order_channel', 'customer_segment': 'customer_segment'}) }}

),

counted as (

    select
        {{ metric_keys() }},
        sum(amount) as order_amount,
        count(*) as orders
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'average_order_value' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('order_amount', 'orders') }} as value,
        order_amount as numerator,
        orders as denominator,
        orders as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

)

select * from final
