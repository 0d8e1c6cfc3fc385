{#-
    Contacts per 100 orders: customer-initiated helpdesk tickets created / orders x 100 in the
    same period. Agent-created outbound tickets are not customer contacts. The segment
    purchase_phase splits the tickets into pre- and post-purchase contacts by the journey
    rule of fct_interactions (contact reason, else timing against the customer's orders)
    over all orders of the period, so the phases add up to the all row.
-#}
with

tickets as (

    select customer_segment, occurred_date as created_date, purchase_phase
    from {{ ref('fct_interactions') }}
    where interaction_type = 'ticket' and is_customer_initiated

),

orders as (

    select customer_segment, order_date from {{ ref('fct_orders') }}
    where is_counted

),

tickets_expanded as (

    {{ expand_grains_and_segments('tickets', 'created_date', {'customer_segment': 'customer_segment', 'purchase_phase': 'purchase_phase'}) }}

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

{#- Every period with orders gets both phases (zero when no such ticket); 'unknown'
    (tickets without a customer) only where it occurs. -#}
phases as (

    select 'pre_purchase' as purchase_phase
    union all
    select 'post_purchase'

),

phase_orders as (

    select
        order_counts.period_grain,
        order_counts.period_start,
        'purchase_phase' as segment_type,
        phases.purchase_phase as segment_value,
        order_counts.order_count
    from order_counts
    cross join phases
    where order_counts.segment_type = 'all'

    union all

    select
        order_counts.period_grain,
        order_counts.period_start,
        ticket_counts.segment_type,
        ticket_counts.segment_value,
        order_counts.order_count
    from ticket_counts
    inner join order_counts
        on ticket_counts.period_grain = order_counts.period_grain
        and ticket_counts.period_start = order_counts.period_start
        and order_counts.segment_type = 'all'
    where ticket_counts.segment_type = 'purchase_phase'
        and ticket_counts.segment_value not in ('pre_purchase', 'post_purchase')

),

denominators as (

    select {{ metric_keys() }}, order_count
    from order_counts

    union all

    select {{ metric_keys() }}, order_count
    from phase_orders

),

final as (

    select
        'contacts_per_100_orders' as metric_name,
        denominators.period_grain,
        denominators.period_start,
        denominators.segment_type,
        denominators.segment_value,
        {{ safe_ratio('coalesce(ticket_counts.ticket_count, 0)', 'denominators.order_count', 100) }} as value,
        coalesce(ticket_counts.ticket_count, 0) as numerator,
        denominators.order_count as denominator,
        denominators.order_count as n,
        cast(null as {{ type_double() }}) as margin_of_error
    from denominators
    left join ticket_counts
        on denominators.period_grain = ticket_counts.period_grain
        and denominators.period_start = ticket_counts.period_start
        and denominators.segment_type = ticket_counts.segment_type
        and denominators.segment_value = ticket_counts.segment_value

)

select * from final
