{#-
    The path to the first purchase of new customers (people whose first counted order is in
    the period, dated by that order's local date):

    - channels_before_first_purchase: mean number of distinct channels among the person's
      CRM touches from the local day var first_purchase_lookback_days (90) before the first
      order's day up to and including the order itself. Only recorded touches count: the
      order is not a touch of its own channel unless an event records it. New customers
      with no recorded touch in the window are left out (untracked, not zero-touch).
    - first_touch_channel_share: per channel (segment_type 'channel'), the share of new
      customers whose earliest recorded touch at or before the first order was on that
      channel, with no lookback limit. New customers with no such touch are left out. The
      'all' row is 100 and carries the base (numerator = denominator = n).
    - online_first_order_share: the share of first orders placed online (channel web).
-#}
with

acquired as (

    select
        customer_key,
        customer_segment,
        first_order_channel,
        first_order_at,
        first_order_date
    from {{ ref('int_customers_acquired') }}

),

crm_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'crm'

),

events as (

    select event_id, contact_id, channel, occurred_at from {{ ref('stg_crm__events') }}
    where channel is not null and is_marketing_touch

),

touches as (

    select
        crm_identities.customer_key,
        events.event_id,
        events.channel,
        events.occurred_at,
        {{ to_local_date('events.occurred_at') }} as touch_date
    from events
    inner join crm_identities on events.contact_id = crm_identities.source_id

),

touches_up_to_first_order as (

    select
        touches.*,
        acquired.first_order_date
    from touches
    inner join acquired
        on touches.customer_key = acquired.customer_key
        and touches.occurred_at <= acquired.first_order_at

),

path_channels as (

    select
        customer_key,
        count(distinct channel) as channel_count
    from touches_up_to_first_order
    where touch_date >= cast(
        {{ dbt.dateadd('day', -1 * var('first_purchase_lookback_days') | int, 'first_order_date') }} as date
    )
    group by customer_key

),

first_touches as (

    select customer_key, channel as first_touch_channel
    from (
        select
            customer_key,
            channel,
            row_number() over (
                partition by customer_key order by occurred_at, event_id
            ) as touch_number
        from touches_up_to_first_order
    ) as ranked
    where touch_number = 1

),

new_customers as (

    select
        acquired.*,
        path_channels.channel_count,
        first_touches.first_touch_channel,
        case when acquired.first_order_channel = 'web' then 1 else 0 end as is_online
    from acquired
    left join path_channels on acquired.customer_key = path_channels.customer_key
    left join first_touches on acquired.customer_key = first_touches.customer_key

),

tracked_paths as (

    select * from new_customers
    where channel_count > 0

),

tracked_first_touches as (

    select * from new_customers
    where first_touch_channel is not null

),

paths_expanded as (

    {{ expand_grains_and_segments('tracked_paths', 'first_order_date', {'channel': 'first_order_channel', 'customer_segment': 'customer_segment'}) }}

),

first_touches_expanded as (

    {{ expand_grains_and_segments('tracked_first_touches', 'first_order_date', {'channel': 'first_touch_channel'}) }}

),

first_orders_expanded as (

    {{ expand_grains_and_segments('new_customers', 'first_order_date', {'customer_segment': 'customer_segment'}) }}

),

path_counts as (

    select
        {{ metric_keys() }},
        sum(channel_count) as channels,
        count(*) as customers
    from paths_expanded
    group by {{ metric_keys() }}

),

first_touch_counts as (

    select
        {{ metric_keys() }},
        count(*) as customers
    from first_touches_expanded
    group by {{ metric_keys() }}

),

first_touch_shares as (

    select
        channel_counts.period_grain,
        channel_counts.period_start,
        channel_counts.segment_type,
        channel_counts.segment_value,
        channel_counts.customers,
        all_counts.customers as tracked_customers
    from first_touch_counts as channel_counts
    inner join first_touch_counts as all_counts
        on channel_counts.period_grain = all_counts.period_grain
        and channel_counts.period_start = all_counts.period_start
        and all_counts.segment_type = 'all'

),

first_order_counts as (

    select
        {{ metric_keys() }},
        sum(is_online) as online_first_orders,
        count(*) as first_orders
    from first_orders_expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'channels_before_first_purchase' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('channels', 'customers') }} as value,
        channels as numerator,
        customers as denominator,
        customers as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from path_counts

    union all

    select
        'first_touch_channel_share' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('customers', 'tracked_customers', 100) }} as value,
        customers as numerator,
        tracked_customers as denominator,
        tracked_customers as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from first_touch_shares

    union all

    select
        'online_first_order_share' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('online_first_orders', 'first_orders', 100) }} as value,
        online_first_orders as numerator,
        first_orders as denominator,
        first_orders as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from first_order_counts

)

select * from final
