{#-
    Helpdesk survey metrics: support CSAT (top box 4-5 of 1-5, latest rating per ticket,
    dated by the ticket's final solve) and CES (share of 4-5 answers on the 1-5 'easy' scale,
    dated by the answer), each with the Wilson 95 % margin of error. Segments: all, channel,
    customer_segment, and the ticket's team and final assignee (agent).
-#}
{%- set segments = usage_segments({
    'channel': 'channel',
    'customer_segment': 'customer_segment',
    'team': 'team_name',
    'agent': 'agent_name',
}) -%}

with

answers as (

    select * from {{ ref('fct_survey_answers') }}
    where source_system = 'helpdesk' and score is not null

),

tickets as (

    select ticket_id, channel, team_name, assignee_name, last_solved_date
    from {{ ref('fct_tickets') }}

),

csat as (

    select
        answers.customer_segment,
        coalesce(tickets.channel, 'unknown') as channel,
        coalesce(tickets.team_name, 'unknown') as team_name,
        coalesce(tickets.assignee_name, 'unassigned') as agent_name,
        coalesce(tickets.last_solved_date, answers.answered_date) as anchor_date,
        case when answers.score >= answers.scale_max - 1 then 1 else 0 end as is_top_box
    from answers
    left join tickets on answers.ticket_id = tickets.ticket_id
    where answers.survey_type = 'CSAT'

),

ces as (

    select
        answers.customer_segment,
        coalesce(tickets.channel, 'unknown') as channel,
        coalesce(tickets.team_name, 'unknown') as team_name,
        coalesce(tickets.assignee_name, 'unassigned') as agent_name,
        answers.answered_date as anchor_date,
        case when answers.score >= answers.scale_max - 1 then 1 else 0 end as is_top_box
    from answers
    left join tickets on answers.ticket_id = tickets.ticket_id
    where answers.survey_type = 'CES'

),

csat_expanded as (

    {{ expand_grains_and_segments('csat', 'anchor_date', segments) }}

),

ces_expanded as (

    {{ expand_grains_and_segments('ces', 'anchor_date', segments) }}

),

counted as (

    select 'support_csat' as metric_name, {{ metric_keys() }}, sum(is_top_box) as top_box, count(*) as n
    from csat_expanded
    group by {{ metric_keys() }}

    union all

    select 'customer_effort_score' as metric_name, {{ metric_keys() }}, sum(is_top_box), count(*)
    from ces_expanded
    group by {{ metric_keys() }}

),

final as (

    select
        metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('top_box', 'n', 100) }} as value,
        top_box as numerator,
        n as denominator,
        n,
        {{ wilson_margin_of_error('top_box', 'n') }} as margin_of_error
    from counted

)

select * from final
