{#-
    The date up to which every system has data: the earliest of each system's latest local
    date. Windowed metrics are mature only when their window closes before it.
-#}
with

latest as (

    select max(order_date) as latest_date from {{ ref('fct_orders') }}
    union all
    select max(created_date) from {{ ref('fct_tickets') }}
    union all
    select max({{ to_local_date('submitted_at') }}) from {{ ref('stg_crm__feedback_submissions') }}

)

select min(latest_date) as as_of_date from latest
