{#-
    One row per solved ticket of a known customer: the customer's next contact on any
    channel (fct_customer_contacts: tickets, CRM calls and chats) after the ticket's first
    and after its final solve. A reopen of the same ticket is not a contact; a new ticket
    about the same issue is. Feeds first-contact resolution (after the first solve) and
    repeat contacts (after the final solve).
-#}
with

solved as (

    select ticket_id, customer_key, first_solved_at, last_solved_at
    from {{ ref('fct_tickets') }}
    where first_solved_at is not null and customer_key is not null

),

contacts as (

    select contact_id, ticket_id, customer_key, contacted_at
    from {{ ref('fct_customer_contacts') }}

),

after_first_solve as (

    select solved.ticket_id, min(contacts.contacted_at) as next_contact_at
    from solved
    inner join contacts
        on solved.customer_key = contacts.customer_key
        and contacts.contacted_at > solved.first_solved_at
        and coalesce(contacts.ticket_id, -1) <> solved.ticket_id
    group by solved.ticket_id

),

after_final_solve as (

    select solved.ticket_id, min(contacts.contacted_at) as next_contact_at
    from solved
    inner join contacts
        on solved.customer_key = contacts.customer_key
        and contacts.contacted_at > solved.last_solved_at
        and coalesce(contacts.ticket_id, -1) <> solved.ticket_id
    group by solved.ticket_id

),

final as (

    select
        solved.ticket_id,
        solved.customer_key,
        solved.first_solved_at,
        solved.last_solved_at,
        after_first_solve.next_contact_at as next_contact_after_first_solve_at,
        after_final_solve.next_contact_at as next_contact_after_final_solve_at
    from solved
    left join after_first_solve on solved.ticket_id = after_first_solve.ticket_id
    left join after_final_solve on solved.ticket_id = after_final_solve.ticket_id

)

select * from final
