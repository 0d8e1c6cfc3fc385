"""One chunk of customers: draw their whole story, then lay it out as contract tables.

The story runs in causal order: people -> orders -> support contacts and how they went ->
(bad experiences cost later orders) -> touches, surveys, sales, follow-ups. Ids are taken
from the shared ``IdCursor`` in time order, so they are unique across chunks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import dirt, pools
from .commerce import (
    CANCEL_REASONS,
    REFUND_NOTES,
    RETURN,
    SOURCE_NAMES,
    Lines,
    Orders,
    Refunds,
    customer_behaviour,
    draw_orders,
    drop_orders,
)
from .feedback import ALL_COMMENTS, OBJECT_TYPES, SURVEY_CHANNELS, Answers, Sends, draw_answers
from .followup import PRIORITIES, STATUSES, SUBJECTS, TASK_TYPES, Tasks, draw_tasks
from .frames import Codes, concat_rows, const, make_table, nullable, pick, subset_rows
from .helpdesk import (
    B2B_CONTRACT,
    CHANNELS,
    DEFECT,
    DELIVERY,
    WISMO,
    Plan,
    chatbot_filter,
    draw_requests,
    plan_tickets,
    repeat_requests,
)
from .ids import ID_BASE, ORDER_NUMBER_BASE, IdCursor
from .marketing import EVENT_TYPES, SOURCES, SURVEY_SENT, Touches, draw_touches
from .org import CH, SURVEYS, TOUCH_CHANNELS, Org
from .people import ACCOUNT, DRAFT_CH, Companies, People, draw_people
from .sales import OUTCOMES, STAGES, Deals, Meetings, draw_sales
from .scoring import tone_of_five, tone_of_nps
from .selfservice import QUERIES, SESSION_CHANNELS, SESSION_OUTCOMES, Sessions, draw_sessions
from .support_surveys import CesAnswers, CesOffers, Ratings, draw_support_surveys, late_rating
from .ticket_events import (
    AUDIT_EVENT_TYPES,
    F_ASSIGNEE,
    FIELDS,
    REQUESTER,
    TICKET_STATUSES,
    VIA,
    EventLog,
    build_events,
    is_solved,
    value_strings,
)
from .timeline import DAY, HOUR, MINUTE, NA, Timeline

REASON_NAMES: tuple[str, ...] = tuple(r for r, _ in pools.REASONS)
SUBJECT_POOL: tuple[str, ...] = tuple(s for r in REASON_NAMES for s in pools.SUBJECTS[r])
SUBJECT_START = np.cumsum([0] + [len(pools.SUBJECTS[r]) for r in REASON_NAMES])[:-1]
SUBJECT_COUNT = np.array([len(pools.SUBJECTS[r]) for r in REASON_NAMES])
TAGS: tuple[str, ...] = (
    *REASON_NAMES,
    "verkkokauppa",
    "myymalat",
    "b2b",
    "chatbot_handover",
    "proaktiivinen",
)
LIFECYCLE: tuple[str, ...] = ("customer", "lead", "subscriber", "marketingqualifiedlead")
BAD_ORDER_DROP = 0.4  # share of later orders lost after a bad support experience
OLDER_COPY_SHARE = 0.002


@dataclass(frozen=True)
class Context:
    tl: Timeline
    org: Org
    change_ts: int  # delivery-partner change
    upgrade_ts: int  # chatbot upgrade
    followup_rates: np.ndarray


@dataclass(frozen=True)
class Story:
    people: People
    companies: Companies
    orders: Orders
    lines: Lines
    refunds: Refunds
    plan: Plan
    log: EventLog
    touches: Touches
    source: np.ndarray
    ratings: Ratings
    ces: CesAnswers
    ces_offers: CesOffers
    sessions: Sessions
    meetings: Meetings
    deals: Deals
    answers: Answers
    sends: Sends
    tasks: Tasks
    late_ratings: int


def draw_story(rng: np.random.Generator, ctx: Context, n: int, p0: int, first_chunk: bool) -> Story:
    tl, org = ctx.tl, ctx.org
    people, companies = draw_people(rng, tl, n, p0, len(org.sales_owner_ids))
    cust = customer_behaviour(rng, tl, people)
    orders, lines, refunds = draw_orders(
        rng,
        tl,
        people,
        cust,
        org.variants,
        org.category_variants,
        ctx.change_ts,
        2 if first_chunk else 0,
    )
    req = draw_requests(rng, tl, people, orders, refunds, ctx.change_ts)
    req, bot = chatbot_filter(rng, tl, req, ctx.upgrade_ts)
    plan = plan_tickets(rng, tl, org, people, orders, req, ctx.change_ts)
    again = repeat_requests(rng, tl, plan)
    plan = concat_rows(plan, plan_tickets(rng, tl, org, people, orders, again, ctx.change_ts))

    # A bad support experience costs part of the customer's later orders.
    first_bad = np.full(people.n, np.iinfo(np.int64).max)
    bad = plan.bad
    np.minimum.at(
        first_bad,
        plan.person[bad],
        np.where(plan.unanswered[bad], plan.t0[bad] + 3 * DAY, plan.t_solve[bad]),
    )
    owner = np.maximum(orders.person, 0)
    lost = (orders.person >= 0) & ~orders.first & (orders.ts > first_bad[owner])
    lost &= rng.random(orders.n) < BAD_ORDER_DROP
    orders, lines, refunds, remap = drop_orders(orders, lines, refunds, ~lost)
    linked = plan.order >= 0
    new_order = np.where(linked, remap[np.maximum(plan.order, 0)], -1)
    still = ~linked | (new_order >= 0)
    plan = replace(subset_rows(plan, still), order=new_order[still])

    touches, source = draw_touches(rng, tl, org, people, cust.active_until)
    log = build_events(rng, tl, org, plan)
    ratings, ces, ces_offers = draw_support_surveys(rng, tl, org, people, plan, log, ctx.change_ts)
    late = 0
    if first_chunk:
        ratings, late = late_rating(ratings, tl, rng)
    sessions = draw_sessions(rng, tl, people, plan, bot, ctx.upgrade_ts)
    meetings, deals = draw_sales(rng, tl, people, companies, len(org.sales_owner_ids))
    answers, sends = draw_answers(
        rng, tl, people, orders, refunds, plan, meetings, ctx.change_ts, org.sales_quality
    )
    tasks = draw_tasks(
        rng, tl, people, companies, answers, ces, plan.person[ces.ticket], deals,
        org.sales_owner_ids, org.cs_owner_ids, ctx.followup_rates,
    )  # fmt: skip
    return Story(
        people, companies, orders, lines, refunds, plan, log, touches, source, ratings, ces,
        ces_offers, sessions, meetings, deals, answers, sends, tasks, late,
    )  # fmt: skip


def _ids(cursor: IdCursor, key: str, sort_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids in time order: (id per row in original position, row order for output)."""
    order = np.argsort(sort_key, kind="stable")
    ids = np.empty(len(order), dtype=np.int64)
    ids[order] = cursor.take(key, len(order)) + np.arange(len(order))
    return ids, order


def _lookup(ids: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """ids[idx] with NA where idx < 0 (or ids is NA)."""
    idx = np.asarray(idx, dtype=np.int64)
    if len(ids) == 0:
        return np.full(len(idx), NA)
    return np.where(idx >= 0, ids[np.maximum(idx, 0)], NA)


def build_tables(
    rng: np.random.Generator, ctx: Context, story: Story, cursor: IdCursor, first_chunk: bool
) -> tuple[dict[str, pa.Table], Counter]:
    tl, org = ctx.tl, ctx.org
    st = story
    pp, cc, orders, plan, log = st.people, st.companies, st.orders, st.plan, st.log
    counts: Counter = Counter()
    out: dict[str, pa.Table] = {}
    full_name = pc.binary_join_element_wise(
        pick(pools.FIRST_NAMES, pp.first), pick(pools.LAST_NAMES, pp.last), " "
    )

    # ---------------------------------------------------------------- ids
    contact_id, contact_order = _ids(cursor, "crm/contacts", pp.created)
    company_id, company_order = _ids(cursor, "crm/companies", cc.created)
    person_company = _lookup(company_id, pp.company)
    account = np.flatnonzero((pp.kind == ACCOUNT) & pp.converted(tl))
    cust_created = pp.f[account] - rng.integers(0, 15 * MINUTE, len(account))
    cid, corder = _ids(cursor, "shop/customers", cust_created)
    customer_id = np.full(pp.n, NA)
    customer_id[account] = cid
    order_id, order_order = _ids(cursor, "shop/orders", orders.ts)
    ticket_id, ticket_order = _ids(cursor, "helpdesk/tickets", plan.t0)

    # Helpdesk end-users: everybody who wrote a ticket or used self-service signed in.
    first_seen = np.full(pp.n, np.iinfo(np.int64).max)
    np.minimum.at(first_seen, plan.person, plan.t0)
    known = st.sessions.person >= 0
    np.minimum.at(first_seen, st.sessions.person[known], st.sessions.start[known])
    hd = np.flatnonzero(first_seen < np.iinfo(np.int64).max)
    hd_created = first_seen[hd] - rng.integers(0, 5 * MINUTE, len(hd))
    uid, uorder = _ids(cursor, "helpdesk/users", hd_created)
    user_id = np.full(pp.n, NA)
    user_id[hd] = uid
    requester = user_id[plan.person]

    # ---------------------------------------------------------------- CRM
    conv = pp.converted(tl)
    stage = np.where(conv, 0, rng.choice([1, 2, 3], pp.n, p=(0.5, 0.3, 0.2)))
    modified = np.minimum(
        np.where(conv, pp.f + rng.integers(60, HOUR, pp.n), pp.created + HOUR), tl.export_ts
    )
    contacts = make_table(
        "crm/contacts",
        pp.n,
        order=contact_order,
        hs_object_id=contact_id,
        email=pp.email["crm"],
        firstname=Codes(pools.FIRST_NAMES, pp.first),
        lastname=Codes(pools.LAST_NAMES, pp.last),
        phone=pp.phone,
        city=Codes([c[0] for c in pools.CITIES], pp.city),
        lifecyclestage=Codes(LIFECYCLE, stage),
        hs_analytics_source=Codes(SOURCES, st.source),
        associatedcompanyid=person_company,
        createdate=pp.created,
        lastmodifieddate=modified,
    )
    counts["null_analytics_source", "crm/contacts"] += int((st.source < 0).sum())
    counts["email_variants", "crm/contacts"] += int((pp.email_dirty == 0).sum())
    # Older copies: customers exported once more as they were before their first order.
    pos = np.empty(pp.n, dtype=np.int64)
    pos[contact_order] = np.arange(pp.n)
    cand = np.flatnonzero(conv)
    idx = pos[_sample(rng, cand, OLDER_COPY_SHARE, first_chunk)]
    contacts, k = dirt.add_older_copies(
        contacts,
        idx,
        {
            "lifecyclestage": const("lead", len(idx)),
            "lastmodifieddate": contacts.column("createdate").take(pa.array(idx)).combine_chunks(),
        },
    )
    counts["older_copies", "crm/contacts"] += k
    contacts, k = dirt.add_duplicates(rng, contacts)
    counts["exact_duplicates", "crm/contacts"] += k
    out["crm/contacts"] = contacts

    out["crm/companies"] = make_table(
        "crm/companies",
        cc.n,
        order=company_order,
        hs_object_id=company_id,
        name=cc.name,
        domain=cc.domain,
        industry=cc.industry,
        city=Codes([c[0] for c in pools.CITIES], cc.city),
        numberofemployees=cc.employees,
        hubspot_owner_id=org.sales_owner_ids[cc.owner] if cc.n else np.zeros(0, np.int64),
        createdate=cc.created,
        hs_lastmodifieddate=cc.modified,
    )

    # Marketing touches and survey sends (e-mailed NPS and post-purchase surveys).
    tch, sd = st.touches, st.sends
    n_sends = len(sd.ts)
    ev_ts = np.r_[tch.ts, sd.ts]
    eid, eorder = _ids(cursor, "crm/events", ev_ts)
    out["crm/events"] = make_table(
        "crm/events",
        len(eid),
        order=eorder,
        id=eid,
        objectType=const("CONTACT", len(eid)),
        objectId=contact_id[np.r_[tch.person, sd.person]],
        eventType=Codes(
            (*EVENT_TYPES, SURVEY_SENT), np.r_[tch.channel, np.full(n_sends, len(EVENT_TYPES))]
        ),
        occurredAt=ev_ts,
        hs_channel=Codes(TOUCH_CHANNELS, np.r_[tch.channel, np.full(n_sends, CH["email"])]),
        hs_campaign_id=np.r_[tch.campaign, np.full(n_sends, NA)],
        hs_survey_id=np.r_[np.full(len(tch.ts), NA), sd.survey],
    )

    mt = st.meetings
    meeting_id, morder = _ids(cursor, "crm/meetings", mt.start)
    company_names = cc.name.take(pa.array(mt.company)) if cc.n else pa.array([], pa.string())
    out["crm/meetings"] = make_table(
        "crm/meetings",
        len(meeting_id),
        order=morder,
        hs_object_id=meeting_id,
        hs_meeting_title=pc.binary_join_element_wise(
            pick(pools.MEETING_TITLES, mt.title), company_names, ": "
        ),
        hs_meeting_start_time=mt.start,
        hs_meeting_end_time=mt.end,
        hs_meeting_outcome=Codes(OUTCOMES, mt.outcome),
        hubspot_owner_id=org.sales_owner_ids[mt.owner],
        associated_contact_id=contact_id[mt.person],
        associated_company_id=_lookup(company_id, mt.company),
        hs_lastmodifieddate=mt.modified,
    )

    dl = st.deals
    deal_id, dorder = _ids(cursor, "crm/deals", dl.created)
    deal_company = cc.name.take(pa.array(dl.company)) if cc.n else pa.array([], pa.string())
    out["crm/deals"] = make_table(
        "crm/deals",
        len(deal_id),
        order=dorder,
        hs_object_id=deal_id,
        dealname=pc.binary_join_element_wise(deal_company, pick(pools.DEAL_NAMES, dl.name), ": "),
        amount=dl.amount,
        dealstage=Codes(STAGES, dl.stage),
        pipeline=const("default", len(deal_id)),
        createdate=dl.created,
        closedate=dl.close,
        hubspot_owner_id=org.sales_owner_ids[dl.owner],
        associated_company_id=_lookup(company_id, dl.company),
        associated_contact_id=contact_id[dl.person],
        hs_lastmodifieddate=dl.modified,
    )

    an = st.answers
    sub_id, sorder = _ids(cursor, "crm/feedback_submissions", an.ts)
    nps = an.survey == 1
    sentiment = np.where(nps, tone_of_nps(an.score), 3 + tone_of_five(np.maximum(an.score, 1)))
    object_id = np.full(len(sub_id), NA)
    for code, ids in enumerate((contact_id, order_id, meeting_id)):
        sel = an.object_type == code
        object_id[sel] = ids[an.object_index[sel]]
    subs = make_table(
        "crm/feedback_submissions",
        len(sub_id),
        order=sorder,
        hs_object_id=sub_id,
        hs_survey_id=an.survey,
        hs_survey_name=Codes([s[1] for s in SURVEYS], an.survey - 1),
        hs_survey_type=Codes([s[2] for s in SURVEYS], an.survey - 1),
        hs_survey_channel=Codes(SURVEY_CHANNELS, an.channel),
        hs_response_value=an.score,
        hs_sentiment=Codes(
            ("Detractor", "Passive", "Promoter", "Negative", "Neutral", "Positive"), sentiment
        ),
        hs_content=Codes(ALL_COMMENTS, an.comment),
        hs_submission_timestamp=an.ts,
        hs_contact_id=contact_id[an.person],
        associated_object_type=Codes(OBJECT_TYPES, an.object_type),
        associated_object_id=object_id,
        hs_lastmodifieddate=an.ts,
    )
    subs, k = dirt.add_duplicates(rng, subs)
    counts["exact_duplicates", "crm/feedback_submissions"] += k
    out["crm/feedback_submissions"] = subs

    tk = st.tasks
    task_id, torder = _ids(cursor, "crm/tasks", tk.created)
    out["crm/tasks"] = make_table(
        "crm/tasks",
        len(task_id),
        order=torder,
        hs_object_id=task_id,
        hs_task_subject=Codes(SUBJECTS, tk.subject),
        hs_task_type=Codes(TASK_TYPES, tk.ttype),
        hs_task_status=Codes(STATUSES, tk.status),
        hs_task_priority=Codes(PRIORITIES, tk.priority),
        hs_createdate=tk.created,
        hs_timestamp=tk.due,
        hs_task_completion_date=tk.completed,
        hubspot_owner_id=tk.owner_id,
        associated_contact_id=contact_id[tk.person],
        associated_feedback_submission_id=_lookup(sub_id, tk.answer),
        hs_lastmodifieddate=tk.modified,
    )

    # ---------------------------------------------------------------- helpdesk
    users = make_table(
        "helpdesk/users",
        len(hd),
        order=uorder,
        id=uid,
        name=full_name.take(pa.array(hd)),
        email=pp.email["helpdesk"].take(pa.array(hd)),
        role=const("end-user", len(hd)),
        organization_id=person_company[hd],
        created_at=hd_created,
        updated_at=np.minimum(hd_created + rng.integers(MINUTE, 30 * DAY, len(hd)), tl.export_ts),
    )
    out["helpdesk/users"] = users
    counts["email_variants", "helpdesk/users"] += int((pp.email_dirty[hd] == 2).sum())

    out["helpdesk/tickets"] = _tickets_table(
        rng,
        ctx,
        st,
        ticket_id,
        ticket_order,
        order_id,
        requester,
        person_company,
        counts,
        first_chunk,
    )
    out["helpdesk/ticket_events"] = _events_table(
        cursor, org, log, ticket_id, requester, counts, first_chunk
    )

    rt = st.ratings
    rid, rorder = _ids(cursor, "helpdesk/satisfaction_ratings", rt.created)
    score = np.where(rt.rating < 0, 0, np.where(rt.rating >= 4, 1, 2))
    out["helpdesk/satisfaction_ratings"] = make_table(
        "helpdesk/satisfaction_ratings",
        len(rid),
        order=rorder,
        id=rid,
        ticket_id=ticket_id[rt.ticket],
        requester_id=requester[rt.ticket],
        assignee_id=org.agent_user_ids[plan.agent2[rt.ticket]],
        group_id=org.group_ids[plan.group[rt.ticket]],
        score=Codes(("offered", "good", "bad"), score),
        rating=nullable(rt.rating, rt.rating > 0),
        comment=Codes(ALL_COMMENTS, rt.comment),
        reason=Codes(pools.SUPPORT_BAD_REASONS, rt.reason),
        created_at=rt.created,
        updated_at=rt.updated,
    )
    counts["late_records", "helpdesk/satisfaction_ratings"] += st.late_ratings

    # Every CES offer; the score is null until answered (like an offered rating).
    ce = st.ces_offers
    ces_id, ceorder = _ids(cursor, "helpdesk/ces_responses", ce.created)
    out["helpdesk/ces_responses"] = make_table(
        "helpdesk/ces_responses",
        len(ces_id),
        order=ceorder,
        id=ces_id,
        ticket_id=ticket_id[ce.ticket],
        requester_id=requester[ce.ticket],
        score=nullable(ce.score, ce.score > 0),
        comment=Codes(ALL_COMMENTS, ce.comment),
        created_at=ce.created,
        updated_at=ce.updated,
    )

    ss = st.sessions
    ssid, ssorder = _ids(cursor, "helpdesk/self_service_sessions", ss.start)
    out["helpdesk/self_service_sessions"] = make_table(
        "helpdesk/self_service_sessions",
        len(ssid),
        order=ssorder,
        id=ssid,
        user_id=_lookup(user_id, ss.person),
        channel=Codes(SESSION_CHANNELS, ss.channel),
        started_at=ss.start,
        ended_at=ss.end,
        article_id=ss.article,
        search_query=Codes(QUERIES, ss.query),
        outcome=Codes(SESSION_OUTCOMES, ss.outcome),
        handover_ticket_id=_lookup(ticket_id, ss.ticket),
        updated_at=ss.end,
    )

    # ---------------------------------------------------------------- shop
    order_counts = np.bincount(orders.person[orders.person >= 0], minlength=pp.n)
    vip = order_counts >= max(6, np.quantile(order_counts[account], 0.95) if len(account) else 6)
    ctags = np.select([pp.b2b & vip, pp.b2b, vip], [2, 0, 1], -1)[account]
    last_order = np.full(pp.n, NA)
    named = orders.person >= 0
    np.maximum.at(last_order, orders.person[named], orders.ts[named])
    state = rng.choice(3, len(account), p=(0.93, 0.03, 0.04))
    customers = make_table(
        "shop/customers",
        len(account),
        order=corder,
        id=cid,
        email=pp.email["shop"].take(pa.array(account)),
        first_name=Codes(pools.FIRST_NAMES, pp.first[account]),
        last_name=Codes(pools.LAST_NAMES, pp.last[account]),
        phone=pp.phone.take(pa.array(account)),
        default_address_city=Codes([c[0] for c in pools.CITIES], pp.city[account]),
        tags=Codes(("B2B", "VIP", "B2B, VIP"), ctags),
        company=pc.if_else(
            pa.array(pp.b2b[account]),
            cc.name.take(pa.array(np.maximum(pp.company[account], 0)))
            if cc.n
            else pa.nulls(len(account), pa.string()),
            pa.nulls(len(account), pa.string()),
        ),
        accepts_marketing=rng.random(len(account)) < 0.55,
        state=Codes(("enabled", "disabled", "invited"), state),
        created_at=cust_created,
        updated_at=np.minimum(
            np.maximum(last_order[account], cust_created) + rng.integers(60, HOUR, len(account)),
            tl.export_ts,
        ),
    )
    out["shop/customers"] = customers
    counts["null_phone", "shop/customers"] += int(
        pc.sum(customers.column("phone").is_null()).as_py() or 0
    )
    counts["email_variants", "shop/customers"] += int((pp.email_dirty[account] == 1).sum())

    out["shop/orders"] = _orders_table(
        rng, ctx, st, order_id, order_order, customer_id, counts, first_chunk
    )

    ln = st.lines
    lorder = np.lexsort((np.arange(len(ln.order)), order_id[ln.order]))
    line_id = np.empty(len(lorder), dtype=np.int64)
    line_id[lorder] = cursor.take("shop/order_line_items", len(lorder)) + np.arange(len(lorder))
    var = org.variants
    vi = pa.array(ln.variant)
    out["shop/order_line_items"] = make_table(
        "shop/order_line_items",
        len(line_id),
        order=lorder,
        id=line_id,
        order_id=order_id[ln.order],
        product_id=var["product_id"][ln.variant],
        variant_id=var["variant_id"][ln.variant],
        sku=var["sku"].take(vi),
        title=var["title"].take(vi),
        product_type=var["product_type"].take(vi),
        vendor=var["vendor"].take(vi),
        quantity=ln.qty,
        price=ln.price,
        total_discount=ln.discount,
    )

    rf = st.refunds
    refund_id, rforder = _ids(cursor, "shop/refunds", rf.created)
    out["shop/refunds"] = make_table(
        "shop/refunds",
        len(refund_id),
        order=rforder,
        id=refund_id,
        order_id=order_id[rf.order],
        created_at=rf.created,
        processed_at=rf.processed,
        note=Codes(REFUND_NOTES, rf.kind),
        restock=rf.kind == RETURN,
        amount=rf.amount,
    )
    return out, counts


def _sample(
    rng: np.random.Generator, cand: np.ndarray, share: float, at_least_one: bool
) -> np.ndarray:
    if len(cand) == 0:
        return cand
    k = int(rng.binomial(len(cand), share))
    k = max(k, 1) if at_least_one else k
    return np.sort(rng.choice(cand, size=min(k, len(cand)), replace=False))


def _tickets_table(
    rng: np.random.Generator,
    ctx: Context,
    st: Story,
    ticket_id: np.ndarray,
    ticket_order: np.ndarray,
    order_id: np.ndarray,
    requester: np.ndarray,
    person_company: np.ndarray,
    counts: Counter,
    first_chunk: bool,
) -> pa.Table:
    org, plan, log = ctx.org, st.plan, st.log
    n = plan.n
    # Assignee: the last assignment visible at the export moment.
    is_asg = log.field == F_ASSIGNEE
    a_tk, a_val = log.ticket[is_asg], log.value[is_asg]
    a_last = np.r_[a_tk[1:] != a_tk[:-1], True] if len(a_tk) else np.zeros(0, bool)
    assignee = np.full(n, NA)
    assignee[a_tk[a_last]] = a_val[a_last]

    channel = np.where(rng.random(n) < 0.01, -1, plan.channel)
    reason = np.where(rng.random(n) < 0.015, -1, plan.reason)
    counts["null_via_channel", "helpdesk/tickets"] += int((channel < 0).sum())
    counts["null_contact_reason", "helpdesk/tickets"] += int((reason < 0).sum())

    ttype = np.select(
        [
            plan.outbound,
            np.isin(plan.reason, (WISMO, DELIVERY, DEFECT)),
            plan.reason == B2B_CONTRACT,
        ],
        [3, 1, 0],
        np.where(rng.random(n) < 0.03, 2, 0),
    )
    priority = np.select(
        [
            rng.random(n) < 0.02,
            np.isin(plan.group, [2]) & (rng.random(n) < 0.3),
            plan.reason == DEFECT,
        ],
        [0, 1, 1],
        np.where(rng.random(n) < 0.1, 3, 2),
    )
    subj = SUBJECT_START[plan.reason] + (rng.random(n) * SUBJECT_COUNT[plan.reason]).astype(
        np.int64
    )
    has_order = plan.order >= 0
    number = _lookup(order_id, plan.order) - ID_BASE["shop/orders"] + ORDER_NUMBER_BASE
    suffix = pc.binary_join_element_wise(
        " (tilaus #", pa.array(number, mask=~has_order).cast(pa.string()), ")", ""
    )
    subject = pc.binary_join_element_wise(pick(SUBJECT_POOL, subj), pc.fill_null(suffix, ""), "")

    # Tags: contact reason, team, chatbot handover, proactive contact.
    codes = np.full((n, 4), -1)
    codes[:, 0] = reason
    codes[:, 1] = len(REASON_NAMES) + plan.group
    codes[:, 2] = np.where(plan.via_bot, len(REASON_NAMES) + 3, -1)
    codes[:, 3] = np.where(plan.outbound, len(REASON_NAMES) + 4, -1)
    valid = codes >= 0
    offsets = np.r_[0, np.cumsum(valid.sum(axis=1))].astype(np.int32)
    tags = pa.ListArray.from_arrays(pa.array(offsets), pick(TAGS, codes[valid]))

    submitter = np.where(plan.outbound, org.agent_user_ids[plan.agent1], requester)
    status = log.status
    table = make_table(
        "helpdesk/tickets",
        n,
        order=ticket_order,
        id=ticket_id,
        created_at=plan.t0,
        updated_at=log.updated,
        via_channel=Codes(CHANNELS, channel),
        status=Codes(TICKET_STATUSES, status),
        type=Codes(("question", "incident", "problem", "task"), ttype),
        priority=Codes(("urgent", "high", "normal", "low"), priority),
        subject=subject,
        requester_id=requester,
        submitter_id=submitter,
        assignee_id=assignee,
        group_id=org.group_ids[plan.group],
        organization_id=person_company[plan.person],
        tags=tags,
        custom_contact_reason=Codes(REASON_NAMES, reason),
        custom_order_id=_lookup(order_id, plan.order),
    )

    # Older copies: a solved ticket exported once more as it was when first answered.
    pos = np.empty(n, dtype=np.int64)
    pos[ticket_order] = np.arange(n)
    cand = np.flatnonzero(
        is_solved(status) & (plan.t_r1 < log.updated) & ~plan.outbound & ~plan.unanswered
    )
    pick_idx = _sample(rng, cand, OLDER_COPY_SHARE, first_chunk)
    table, k = dirt.add_older_copies(
        table,
        pos[pick_idx],
        {"status": const("open", len(pick_idx)), "updated_at": pa.array(plan.t_r1[pick_idx])},
    )
    counts["older_copies", "helpdesk/tickets"] += k
    table, k = dirt.add_duplicates(rng, table)
    counts["exact_duplicates", "helpdesk/tickets"] += k
    return table


def _events_table(
    cursor: IdCursor,
    org: Org,
    log: EventLog,
    ticket_id: np.ndarray,
    requester: np.ndarray,
    counts: Counter,
    first_chunk: bool,
) -> pa.Table:
    n = len(log.ts)
    # Events of a ticket together, tickets in id order, each ticket's events in time order.
    order = np.lexsort((np.arange(n), ticket_id[log.ticket]))
    ids = cursor.take("helpdesk/ticket_events", n) + np.arange(n)
    author = np.where(log.author == REQUESTER, requester[log.ticket], log.author)
    table = make_table(
        "helpdesk/ticket_events",
        n,
        order=order,
        id=np.zeros(n, dtype=np.int64),
        ticket_id=ticket_id[log.ticket],
        created_at=log.ts,
        author_id=author,
        via=Codes(VIA, log.via),
        event_type=Codes(AUDIT_EVENT_TYPES, log.etype),
        public=pa.array(log.public == 1, mask=log.public < 0),
        field_name=Codes(FIELDS, log.field),
        previous_value=value_strings(log.prev_kind, log.prev),
        value=value_strings(log.value_kind, log.value),
    )
    table = table.set_column(0, "id", pa.array(ids))
    if first_chunk and n > 10:
        # One event written out of time order: a later event of a ticket comes first.
        ts = table.column("created_at").to_numpy()
        tk = table.column("ticket_id").to_numpy()
        cand = np.flatnonzero((tk[1:] == tk[:-1]) & (ts[1:] > ts[:-1]))
        if len(cand):
            table = dirt.swap_adjacent(table, int(cand[len(cand) // 2]))
            counts["out_of_order_events", "helpdesk/ticket_events"] += 1
    return table


def _orders_table(
    rng: np.random.Generator,
    ctx: Context,
    st: Story,
    order_id: np.ndarray,
    order_order: np.ndarray,
    customer_id: np.ndarray,
    counts: Counter,
    first_chunk: bool,
) -> pa.Table:
    tl = ctx.tl
    o, pp, rf = st.orders, st.people, st.refunds
    n = o.n
    has_person = o.person >= 0
    person = np.maximum(o.person, 0)
    cust = np.where(has_person, customer_id[person], NA)
    email = pc.if_else(
        pa.array(has_person),
        pp.email["shop"].take(pa.array(person)),
        pa.nulls(n, pa.string()),
    )
    email = pc.if_else(pa.array(o.test), const(f"testi@{pools.COMPANY_DOMAIN}", n), email)
    counts["null_email", "shop/orders"] += int(pc.sum(email.is_null()).as_py() or 0)
    counts["guest_orders", "shop/orders"] += int((has_person & (cust == NA)).sum())
    counts["test_orders", "shop/orders"] += int(o.test.sum())

    refunded = np.zeros(n, dtype=np.int64)
    refunded[rf.order] = rf.amount
    refund_at = np.full(n, NA)
    refund_at[rf.order] = rf.processed
    cancelled = o.cancelled_at != NA
    pending = o.b2b & (o.channel == DRAFT_CH) & (o.ts > tl.export_ts - 14 * DAY)
    fin = np.select(
        [cancelled, refunded >= o.subtotal, refunded > 0, pending & ~o.test],
        [4, 2, 3, 1],
        0,
    )
    processed = np.minimum(
        o.ts
        + np.select(
            [o.channel == 0, o.channel == DRAFT_CH],
            [rng.integers(1, 10, n), rng.integers(60, 600, n)],
            0,
        ),
        tl.export_ts,
    )
    updated = np.maximum.reduce([processed, o.cancelled_at, o.fulfilled_at, refund_at])
    updated = np.minimum(updated + rng.integers(0, 120, n), tl.export_ts)
    late = 0
    if first_chunk:
        # One order from an earlier month changed on the last day (arrives late).
        cut = tl.month_start_ts(tl.n_months - 1) - 5 * DAY
        cand = np.flatnonzero((o.ts < cut) & ~cancelled & (refunded == 0) & has_person & ~o.test)
        if len(cand):
            updated[cand[0]] = tl.day_start[tl.n_days - 1] + 10 * HOUR + int(rng.integers(0, HOUR))
            late = 1
    counts["late_records", "shop/orders"] += late

    tag = np.select([o.b2b & o.black_friday, o.b2b, o.black_friday], [2, 0, 1], -1)
    number = order_id - ID_BASE["shop/orders"] + ORDER_NUMBER_BASE
    loc = np.array([s[0] for s in pools.STORES])
    table = make_table(
        "shop/orders",
        n,
        order=order_order,
        id=order_id,
        name=pc.binary_join_element_wise("#", pa.array(number).cast(pa.string()), ""),
        email=email,
        customer_id=cust,
        created_at=o.ts,
        processed_at=processed,
        updated_at=updated,
        cancelled_at=o.cancelled_at,
        cancel_reason=Codes(CANCEL_REASONS, o.cancel_reason),
        financial_status=Codes(
            ("paid", "pending", "refunded", "partially_refunded", "voided"), fin
        ),
        fulfillment_status=Codes(("fulfilled",), np.where(o.fulfilled_at != NA, 0, -1)),
        source_name=Codes(SOURCE_NAMES, o.channel),
        currency=const("EUR", n),
        total_line_items_price=o.tlip,
        total_discounts=o.discounts,
        subtotal_price=o.subtotal,
        total_tax=o.tax,
        total_shipping_price=o.shipping,
        total_price=o.total,
        test=o.test,
        location_id=np.where(o.store >= 0, loc[np.maximum(o.store, 0)], NA),
        tags=Codes(("B2B", "black-friday", "B2B, black-friday"), tag),
    )

    # Older copies: refunded orders exported once more as they were before the refund.
    pos = np.empty(n, dtype=np.int64)
    pos[order_order] = np.arange(n)
    cand = np.flatnonzero(refunded > 0)
    idx = _sample(rng, cand, OLDER_COPY_SHARE * 5, first_chunk)
    before = np.where(o.fulfilled_at[idx] != NA, o.fulfilled_at[idx], processed[idx])
    table, k = dirt.add_older_copies(
        table,
        pos[idx],
        {
            "financial_status": const("paid", len(idx)),
            "updated_at": pa.array(np.minimum(before, updated[idx] - 1)),
        },
    )
    counts["older_copies", "shop/orders"] += k
    table, k = dirt.add_duplicates(rng, table)
    counts["exact_duplicates", "shop/orders"] += k
    return table
