{#-
    new_leads and lead_to_customer_rate, by the date the lead was created.

    A lead is a person (customer_key) with a CRM contact; the lead is created when the
    person's first contact record is. A person who had already placed a counted order when
    the contact was created is an existing customer, not a lead. A lead converts when the
    first counted order falls within the catalog's window_days (90) of the lead's creation,
    in calendar days on the reporting time zone's calendar: day 90 counts, day 91 does not.
-#}
with

contacts as (

    select contact_id, created_at from {{ ref('stg_crm__contacts') }}
    where created_at is not null

),

crm_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'crm'

),

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

acquired as (

    select customer_key, first_order_at, first_order_date from {{ ref('int_customers_acquired') }}

),

conversion_window as (

    select window_days from {{ ref('metric_catalog') }}
    where metric_name = 'lead_to_customer_rate'

),

people_in_crm as (

    select
        crm_identities.customer_key,
        min(contacts.created_at) as lead_created_at
    from contacts
    inner join crm_identities on contacts.contact_id = crm_identities.source_id
    group by crm_identities.customer_key

),

leads as (

    select
        people_in_crm.customer_key,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        people_in_crm.lead_created_at,
        {{ to_local_date('people_in_crm.lead_created_at') }} as lead_created_date,
        acquired.first_order_at,
        acquired.first_order_date
    from people_in_crm
    left join customers on people_in_crm.customer_key = customers.customer_key
    left join acquired on people_in_crm.customer_key = acquired.customer_key
    where acquired.first_order_at is null
        or acquired.first_order_at > people_in_crm.lead_created_at

),

leads_converted as (

    select
        leads.*,
        case
            when leads.first_order_date
                <= {{ dbt.dateadd('day', 'conversion_window.window_days', 'leads.lead_created_date') }}
                then 1
            else 0
        end as is_converted
    from leads
    cross join conversion_window

),

expanded as (

    {{ expand_grains_and_segments('leads_converted', 'lead_created_date', {'customer_segment': 'customer_segment'}) }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as leads,
        sum(is_converted) as converted_leads
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'new_leads' as metric_name,
        {{ metric_keys() }},
        leads as value,
        leads as numerator,
        cast(null as {{ dbt.type_bigint() }}) as denominator,
        leads as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

    union all

    select
        'lead_to_customer_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('converted_leads', 'leads', 100) }} as value,
        converted_leads as numerator,
        leads as denominator,
        leads as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

)

select * from final
