with

source as (

    {{ dedupe_latest(source('crm', 'campaigns'), 'id', 'updatedAt desc, load_date desc') }}

),

renamed as (

    select
        id as campaign_id,
        hs_name as campaign_name,
        hs_campaign_status as campaign_status,
        hs_start_date as start_date,
        hs_end_date as end_date,
        channel,
        coalesce(hs_spend_items_sum_amount, 0) as spend_amount,
        hs_budget_items_sum_amount as budget_amount,
        hs_currency_code as currency,
        {{ utc_timestamp('updatedAt') }} as updated_at

    from source

)

select * from renamed
