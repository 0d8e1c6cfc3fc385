"""The floor: five headline figures of one month by one hand-written DuckDB query.

The query reads the raw landing zone directly (no dbt, no staging tables), the way a person
would answer "how many orders, how much revenue, ..." with SQL alone. It is the yardstick for
the pipeline: how fast the same figures come without it, and a check that the pipeline's
figures are what the definitions (METRICS.md, the metric catalog) say they are.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

FIGURES = ("orders", "revenue", "contacts_per_100_orders", "first_response_time_median", "nps")

# Counts compare exactly; the rest to a relative tolerance.
COUNT_FIGURES = frozenset({"orders"})
RELATIVE_TOLERANCE = 1e-9

# Placeholders {shop_orders}, {helpdesk_tickets}, ... become read_parquet() calls over every
# load date; $tz, $month_start and $month_end are bound parameters.
FLOOR_SQL = """
with

-- The landing zone keeps every load date and exports repeat rows: the latest copy of a
-- record by its last-modified column wins, ties to the later load date.
orders as (
    select * from {shop_orders}
    qualify row_number() over (partition by id order by updated_at desc, load_date desc) = 1
),

refunds as (
    -- Refunds carry no updated_at; processed_at is their last-modified column.
    select * from {shop_refunds}
    qualify row_number() over (partition by id order by processed_at desc, load_date desc) = 1
),

tickets as (
    select * from {helpdesk_tickets}
    qualify row_number() over (partition by id order by updated_at desc, load_date desc) = 1
),

ticket_events as (
    select * from {helpdesk_ticket_events}
    qualify row_number() over (partition by id order by created_at desc, load_date desc) = 1
),

users as (
    select * from {helpdesk_users}
    qualify row_number() over (partition by id order by updated_at desc, load_date desc) = 1
),

contacts as (
    select * from {crm_contacts}
    qualify row_number() over (
        partition by hs_object_id order by lastmodifieddate desc, load_date desc
    ) = 1
),

submissions as (
    select * from {crm_feedback_submissions}
    qualify row_number() over (
        partition by hs_object_id order by hs_lastmodifieddate desc, load_date desc
    ) = 1
),

surveys as (
    select * from {crm_feedback_surveys}
    qualify row_number() over (
        partition by hs_object_id order by hs_lastmodifieddate desc, load_date desc
    ) = 1
),

-- Purchase: cancelled and test orders are out everywhere, also as the order of a refund.
counted_orders as (
    select id, created_at, subtotal_price
    from orders
    where cancelled_at is null and not coalesce(test, false)
),

month_orders as (
    select count(*) as orders, sum(cast(subtotal_price as decimal(18, 2))) as order_sales
    from counted_orders
    where cast(timezone($tz, created_at) as date) >= $month_start
        and cast(timezone($tz, created_at) as date) < $month_end
),

-- Refunds are dated by the refund (processed, else created), whatever the order's month.
month_refunds as (
    select count(*) as refunds, coalesce(sum(cast(refunds.amount as decimal(18, 2))), 0) as refunded
    from refunds
    inner join counted_orders on refunds.order_id = counted_orders.id
    where cast(timezone($tz, coalesce(refunds.processed_at, refunds.created_at)) as date)
            >= $month_start
        and cast(timezone($tz, coalesce(refunds.processed_at, refunds.created_at)) as date)
            < $month_end
),

-- Usage: deleted, spam and merged-into tickets are out everywhere.
live_tickets as (
    select *
    from tickets
    where status <> 'deleted'
        and not coalesce(list_contains(tags, 'spam'), false)
        and not coalesce(list_contains(tags, 'closed_by_merge'), false)
),

agents as (
    select id from users where role in ('agent', 'admin')
),

comments as (
    select
        ticket_events.ticket_id,
        ticket_events.created_at,
        agents.id is not null as is_by_agent,
        coalesce(ticket_events.public, false) as is_public,
        coalesce(ticket_events.via, '') = 'rule' as is_automatic,
        row_number() over (
            partition by ticket_events.ticket_id
            order by ticket_events.created_at, ticket_events.id
        ) as comment_number
    from ticket_events
    left join agents on ticket_events.author_id = agents.id
    where ticket_events.event_type = 'Comment'
),

-- A reply is a public comment by a human agent; automatic (trigger) comments do not count.
first_replies as (
    select ticket_id, min(created_at) as first_reply_at
    from comments
    where is_by_agent and is_public and not is_automatic
    group by ticket_id
),

month_tickets as (
    select
        live_tickets.id,
        live_tickets.created_at,
        first_replies.first_reply_at,
        -- Outbound: an agent submitted it for someone else and wrote the first comment.
        -- Unknown (null) is neither outbound nor a customer contact, as in the pipeline.
        submitters.id is not null
        and live_tickets.submitter_id <> live_tickets.requester_id
        and coalesce(first_comments.is_by_agent, false) as is_agent_created
    from live_tickets
    left join agents as submitters on live_tickets.submitter_id = submitters.id
    left join comments as first_comments
        on live_tickets.id = first_comments.ticket_id and first_comments.comment_number = 1
    left join first_replies on live_tickets.id = first_replies.ticket_id
    where cast(timezone($tz, live_tickets.created_at) as date) >= $month_start
        and cast(timezone($tz, live_tickets.created_at) as date) < $month_end
),

month_contacts as (
    select
        count(*) filter (where not is_agent_created) as customer_tickets,
        -- Whole seconds (second boundaries crossed), then minutes; unanswered tickets out.
        quantile_cont(
            date_diff('second', created_at, first_reply_at) / 60.0, 0.5
        ) filter (where not is_agent_created and first_reply_at is not null) as frt_median
    from month_tickets
),

-- Prediction: relationship-survey NPS answers of the month.
nps_answers as (
    select
        'crm:' || cast(submissions.hs_object_id as varchar) as answer_id,
        submissions.hs_contact_id as contact_id,
        submissions.hs_response_value as score,
        submissions.hs_submission_timestamp as answered_at
    from submissions
    inner join surveys on submissions.hs_survey_id = surveys.hs_object_id
    where surveys.hs_survey_type = 'NPS'
        and surveys.cx_survey_level = 'relationship'
        and submissions.hs_response_value is not null
        and cast(timezone($tz, submissions.hs_submission_timestamp) as date) >= $month_start
        and cast(timezone($tz, submissions.hs_submission_timestamp) as date) < $month_end
),

-- A person is their normalised e-mail (so duplicate CRM contacts are one person), else
-- the contact itself.
people as (
    select
        hs_object_id as contact_id,
        coalesce(nullif(lower(trim(email)), ''), 'crm:' || cast(hs_object_id as varchar))
            as person,
        associatedcompanyid as company_id
    from contacts
),

-- A B2B person answers for the account: any of the person's contacts with a company.
person_accounts as (
    select person, max(company_id) as company_id
    from people
    where company_id is not null
    group by person
),

respondents as (
    select
        nps_answers.*,
        -- An answer without a known contact is its own respondent.
        coalesce(
            'account:' || cast(person_accounts.company_id as varchar),
            people.person,
            nps_answers.answer_id
        ) as respondent
    from nps_answers
    left join people on nps_answers.contact_id = people.contact_id
    left join person_accounts on people.person = person_accounts.person
),

latest_answers as (
    select score
    from respondents
    qualify row_number() over (
        partition by respondent order by answered_at desc, answer_id desc
    ) = 1
),

month_nps as (
    select
        100.0 * (count(*) filter (where score >= 9) - count(*) filter (where score <= 6))
            / nullif(count(*), 0) as nps
    from latest_answers
)

-- A month with nothing to count has no figure (null), as the pipeline then writes no row.
select
    nullif(month_orders.orders, 0) as orders,
    case
        when month_orders.orders + month_refunds.refunds > 0
            then cast(coalesce(month_orders.order_sales, 0) - month_refunds.refunded as double)
    end as revenue,
    100.0 * month_contacts.customer_tickets / nullif(month_orders.orders, 0)
        as contacts_per_100_orders,
    month_contacts.frt_median as first_response_time_median,
    month_nps.nps
from month_orders, month_refunds, month_contacts, month_nps
"""

SOURCES = {
    "shop_orders": ("shop", "orders"),
    "shop_refunds": ("shop", "refunds"),
    "helpdesk_tickets": ("helpdesk", "tickets"),
    "helpdesk_ticket_events": ("helpdesk", "ticket_events"),
    "helpdesk_users": ("helpdesk", "users"),
    "crm_contacts": ("crm", "contacts"),
    "crm_feedback_submissions": ("crm", "feedback_submissions"),
    "crm_feedback_surveys": ("crm", "feedback_surveys"),
}


def _next_month(month_start: date) -> date:
    if month_start.month == 12:
        return date(month_start.year + 1, 1, 1)
    return date(month_start.year, month_start.month + 1, 1)


def _read_parquet(landing_root: Path, system: str, table: str) -> str:
    pattern = f"{landing_root.resolve()}/{system}/{table}/load_date=*/*.parquet"
    quoted = pattern.replace("'", "''")
    # union_by_name: a column added later is null in older files instead of an error.
    return f"read_parquet('{quoted}', hive_partitioning = true, union_by_name = true)"


def _as_float(value: float | None) -> float:
    # SQL null (a figure without a population) becomes NaN, so the result stays all floats.
    return math.nan if value is None else float(value)


def floor_sql(landing_root: Path) -> str:
    """The floor query with its landing-zone paths filled in."""
    tables = {
        name: _read_parquet(landing_root, system, table)
        for name, (system, table) in SOURCES.items()
    }
    return FLOOR_SQL.format(**tables)


def floor_figures(
    landing_root: Path, month_start: date, timezone: str = "Europe/Helsinki"
) -> dict[str, float]:
    """The five figures of the month starting `month_start`, straight from the landing zone.

    A figure with nothing to count (no orders, no answered ticket, no answer) is NaN.
    """
    if month_start.day != 1:
        raise ValueError(f"month_start must be the first day of a month, not {month_start}")
    ZoneInfo(timezone)  # fail early on a zone name DuckDB would reject less clearly
    with duckdb.connect() as con:
        row = con.execute(
            floor_sql(landing_root),
            {"tz": timezone, "month_start": month_start, "month_end": _next_month(month_start)},
        ).fetchone()
    assert row is not None  # aggregates over single-row CTEs: always one row
    return {name: _as_float(value) for name, value in zip(FIGURES, row, strict=True)}


def pipeline_figures(warehouse: Path, month_start: date) -> dict[str, float]:
    """The same five figures as the built warehouse reports them (NaN where it has no row)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select metric_name, value
            from fct_cx_metrics
            where metric_name in (select unnest($names))
                and period_grain = 'month'
                and period_start = $month_start
                and segment_type = 'all'
            """,
            {"names": list(FIGURES), "month_start": month_start},
        ).fetchall()
    found = {name: _as_float(value) for name, value in rows}
    return {name: found.get(name, math.nan) for name in FIGURES}


def compare(floor: dict[str, float], pipeline: dict[str, float]) -> list[str]:
    """One line per figure that differs: exactly for counts, else beyond 1e-9 relative."""
    differences = []
    for name in FIGURES:
        a, b = floor.get(name, math.nan), pipeline.get(name, math.nan)
        if math.isnan(a) and math.isnan(b):
            continue
        if name in COUNT_FIGURES:
            same = a == b
        else:
            same = math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=0.0)
        if not same:
            differences.append(f"{name}: floor {a!r} != pipeline {b!r}")
    return differences
