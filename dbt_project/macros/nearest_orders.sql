{#-
    Each interaction with its customer's nearest counted orders on either side:
    previous_order_at (the latest order at or before occurred_at) and next_order_at (the
    first order after it); null when there is none or the customer key is null.
    `interactions` and `orders` are CTE names: interactions need interaction_id,
    customer_key and occurred_at; orders need customer_key and created_at.
-#}
{% macro nearest_orders(interactions, orders) -%}
    {{ return(adapter.dispatch('nearest_orders', 'cx_pipeline')(interactions, orders)) }}
{%- endmacro %}

{#- Every interaction against all its customer's orders, then the nearest per side. -#}
{% macro default__nearest_orders(interactions, orders) -%}
    select
        {{ interactions }}.*,
        nearest.previous_order_at,
        nearest.next_order_at
    from {{ interactions }}
    left join (
        select
            {{ interactions }}.interaction_id,
            max(
                case when {{ orders }}.created_at <= {{ interactions }}.occurred_at
                    then {{ orders }}.created_at end
            ) as previous_order_at,
            min(
                case when {{ orders }}.created_at > {{ interactions }}.occurred_at
                    then {{ orders }}.created_at end
            ) as next_order_at
        from {{ interactions }}
        inner join {{ orders }} on {{ interactions }}.customer_key = {{ orders }}.customer_key
        group by {{ interactions }}.interaction_id
    ) as nearest
        on {{ interactions }}.interaction_id = nearest.interaction_id
{%- endmacro %}

{#-
    DuckDB's as-of joins find the nearest order by a sort-merge per customer, without the
    interactions-by-orders join and its group by over string ids (a quarter faster at 10M
    orders; the sort of the wide interaction rows is most of what is left).
-#}
{% macro duckdb__nearest_orders(interactions, orders) -%}
    select
        {{ interactions }}.*,
        previous_orders.created_at as previous_order_at,
        next_orders.created_at as next_order_at
    from {{ interactions }}
    asof left join {{ orders }} as previous_orders
        on {{ interactions }}.customer_key = previous_orders.customer_key
        and {{ interactions }}.occurred_at >= previous_orders.created_at
    asof left join {{ orders }} as next_orders
        on {{ interactions }}.customer_key = next_orders.customer_key
        and {{ interactions }}.occurred_at < next_orders.created_at
{%- endmacro %}
