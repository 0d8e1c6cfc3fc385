with

source as (

    {{ dedupe_latest(source('shop', 'order_line_items'), 'id', 'load_date desc') }}

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
