{#- Incremental: a partitioned run re-reads only the lines of the orders that changed in its
    days (with orders, the biggest source tables; the others are rebuilt). -#}
{{ config(materialized='incremental', unique_key='line_item_id', incremental_strategy='delete+insert') }}

with

source as (

    {{ latest_changed_in_window(source('shop', 'order_line_items'), 'id', 'load_date desc') }}

),

renamed as (

    select
        id as line_item_id,
        order_id,
        product_id,
        variant_id,
        sku,
        title as product_title,
        product_type as product_category,
        vendor,
        quantity,
        price as unit_price,
        coalesce(total_discount, 0) as discount_amount,
        price * quantity - coalesce(total_discount, 0) as net_line_amount

    from source

)

select * from renamed
