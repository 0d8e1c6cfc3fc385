{#-
    Contacts per 100 orders: customer-initiated helpdesk tickets created / orders x 100 in the
    same period. Agent-created outbound tickets are not customer contacts.
-#}
with

tickets as (

    select customer_segment, created_date from {{ ref('fct_tickets') }}
    where not is_agent_created

),

orders as (

    select customer_segment, order_date from {{ ref('fct_orders') }}
    where is_counted

),

tickets_expanded as (

    {{ expand_grains_and_segments('tickets', 'created_date', {'customer_segment': 'customer_segment'}) }}

),

orders_expanded as (

    {{ expand_grains_and_segments('orders', 'order_date', {'customer_segment': 'customer_segment'}) }}

),

ticket_counts as (

    select {{ metric_keys() }}, count(*) as ticket_count
    from tickets_expanded
    group by {{ metric_keys() }}

),

order_counts as (

    select {{ metric_keys() }}, count(*) as order_count
    from orders_expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'contacts_per_100_orders' as metric_name,
        order_counts.period_grain,
        order_counts.period_start,
        order_counts.segment_type,
        order_counts.segment_value,
        {{ safe_ratio('coalesce(ticket_counts.ticket_count, 0)', 'order_counts.order_count', 100) }} as value,
        coalesce(ticket_counts.ticket_count, 0) as numerator,
        order_counts.order_count as denominator,
        order_counts.order_count as n,
        cast(null as double) as margin_of_error
    from order_counts
    left join ticket_counts
        on order_counts.period_grain = ticket_counts.period_grain
        and order_counts.period_start = ticket_counts.period_start
        and order_counts.segment_type = ticket_counts.segment_type
        and order_counts.segment_value = ticket_counts.segment_value

)

select * from final
