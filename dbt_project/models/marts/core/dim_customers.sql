with

identities as (

    select * from {{ ref('int_customer_identities') }}

),

customers as (

    select
        customer_key,
        max(email) as email,
        max(case when source_system = 'shop' then source_id end) as shop_customer_id,
        max(case when source_system = 'crm' then source_id end) as crm_contact_id,
        max(case when source_system = 'helpdesk' then source_id end) as helpdesk_user_id,
        case when {{ dbt.bool_or('is_b2b') }} then 'B2B' else 'B2C' end as customer_segment,
        count(distinct source_system) as system_count

    from identities
    group by customer_key

)

select * from customers
