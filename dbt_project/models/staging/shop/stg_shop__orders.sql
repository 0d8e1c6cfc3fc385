{#- Incremental: a partitioned run re-reads only the orders that changed in its days (with
    their lines, the biggest source tables; the others are rebuilt). -#}
{{ config(materialized='incremental', unique_key='order_id', incremental_strategy='delete+insert') }}

with

source as (

    {{ latest_changed_in_window(source('shop', 'orders'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as order_id,
        name as order_name,
        lower(trim(email)) as email,
        customer_id,
        source_name,
        case
            when source_name = 'pos' then 'store'
            when source_name = 'shopify_draft_order' then 'phone'
            else 'web'
        end as order_channel,
        financial_status,
        fulfillment_status,
        cancel_reason,
        cancelled_at is not null as is_cancelled,
        coalesce(test, false) as is_test,
        location_id,
        currency,
        total_line_items_price as gross_amount,
        coalesce(total_discounts, 0) as discount_amount,
        subtotal_price as subtotal_amount,
        total_tax as tax_amount,
        total_shipping_price as shipping_amount,
        total_price as total_amount,
        {{ utc_timestamp('created_at') }} as created_at,
        {{ utc_timestamp('processed_at') }} as processed_at,
        {{ utc_timestamp('cancelled_at') }} as cancelled_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed
