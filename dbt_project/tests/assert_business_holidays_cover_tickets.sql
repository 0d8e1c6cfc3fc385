{{ config(severity='warn') }}
{#-
    Warns when tickets were created in a year the seed business_holidays does not cover
    (it ships 2020-2030): their business minutes would ignore that year's holidays. Extend
    the seed. An empty seed (a 24/7 desk) warns about nothing.
-#}
with

covered_years as (

    select
        min({{ dbt.date_trunc('year', 'date') }}) as first_year,
        max({{ dbt.date_trunc('year', 'date') }}) as last_year
    from {{ ref('business_holidays') }}

),

tickets as (

    select ticket_id, created_date
    from {{ ref('fct_tickets') }}

),

final as (

    select tickets.ticket_id, tickets.created_date
    from tickets
    cross join covered_years
    where {{ dbt.date_trunc('year', 'tickets.created_date') }} < covered_years.first_year
        or {{ dbt.date_trunc('year', 'tickets.created_date') }} > covered_years.last_year

)

select * from final
