{#-
    Every identity a person has in the three systems, keyed by one customer_key: a hash of
    the normalised e-mail, so the same person in CRM, helpdesk and shop (guest checkouts
    included) meets under one key. Identities without an e-mail stay on their own.
-#}
with

shop_customers as (

    select 'shop' as source_system, customer_id as source_id, email, is_b2b
    from {{ ref('stg_shop__customers') }}

),

crm_contacts as (

    select 'crm' as source_system, contact_id as source_id, email, company_id is not null as is_b2b
    from {{ ref('stg_crm__contacts') }}

),

helpdesk_users as (

    select
        'helpdesk' as source_system,
        user_id as source_id,
        email,
        organization_id is not null as is_b2b
    from {{ ref('stg_helpdesk__users') }}
    where not is_agent

),

unioned as (

    select * from shop_customers
    union all
    select * from crm_contacts
    union all
    select * from helpdesk_users

),

keyed as (

    select
        source_system,
        source_id,
        nullif(email, '') as email,
        is_b2b,
        {{ customer_key("nullif(email, '')", 'source_system', 'source_id') }} as customer_key
    from unioned

)

select * from keyed
