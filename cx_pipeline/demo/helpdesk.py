"""Support tickets: why and when customers contact, and how each ticket is worked.

Contacts are tied to the journey: pre-purchase questions before a first order (or from
leads), where-is-my-order 1-10 days after a parcel order, return and defect contacts around
refunds, invoices for B2B, contract talks for B2B accounts. After the delivery-partner
change (``change_ts``) parcels are slower: more where-is-my-order and delivery problems,
and the web-shop team answers more slowly under the load. ``plan_tickets`` draws each
ticket's whole life (first reply, customer replies, hold, solve, reopen, close) as arrays;
``ticket_events`` turns a plan into the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .clock import OFFICE, SUPPORT_WRITTEN, business_day, sample_hours
from .commerce import DAMAGED, RETURN, Orders, Refunds
from .frames import subset_rows
from .org import GROUP_B2B, GROUP_MYYMALA, GROUP_SPEED, GROUP_VERKKO, Org
from .people import DRAFT_CH, LEAD, POS_CH, WEB_CH, People
from .timeline import DAY, HOUR, MINUTE, NA, Timeline, add_business_seconds, next_business_open

CHANNELS: tuple[str, ...] = ("web", "email", "chat", "voice")
WEB_T, EMAIL_T, CHAT_T, VOICE_T = 0, 1, 2, 3
(
    PRODUCT_Q,
    STOCK,
    PRICING,
    WISMO,
    DELIVERY,
    RETURN_R,
    INVOICE,
    DEFECT,
    B2B_CONTRACT,
) = range(9)
PRE_PURCHASE = (PRODUCT_Q, STOCK, PRICING)

# Channel mix (web form, e-mail, chat, phone) per contact reason.
CHANNEL_P = np.array(
    [
        [0.20, 0.25, 0.40, 0.15],  # product_question
        [0.15, 0.20, 0.40, 0.25],  # stock_availability
        [0.20, 0.35, 0.35, 0.10],  # pricing
        [0.30, 0.35, 0.25, 0.10],  # where_is_my_order
        [0.30, 0.40, 0.15, 0.15],  # delivery_problem
        [0.35, 0.40, 0.15, 0.10],  # return_refund
        [0.15, 0.65, 0.05, 0.15],  # invoice_payment
        [0.35, 0.40, 0.10, 0.15],  # product_defect
        [0.10, 0.60, 0.00, 0.30],  # b2b_contract
    ]
)
ROUNDS_P = {  # 0..3 extra customer/agent exchanges
    "written": (0.45, 0.33, 0.15, 0.07),
    "chat": (0.55, 0.30, 0.11, 0.04),
    "voice": (0.78, 0.18, 0.04, 0.0),
}


@dataclass(frozen=True)
class Requests:
    person: np.ndarray
    ts: np.ndarray
    reason: np.ndarray
    channel: np.ndarray
    order: np.ndarray  # local order index or -1
    outbound: np.ndarray
    repeat_of: np.ndarray  # index of the ticket this is a repeat contact for, or -1
    via_bot: np.ndarray  # a chat that began with the chatbot and was handed over

    @property
    def n(self) -> int:
        return len(self.ts)


@dataclass(frozen=True)
class BotContained:
    """Chatbot conversations that solved the question (no ticket)."""

    person: np.ndarray
    ts: np.ndarray
    reason: np.ndarray


@dataclass(frozen=True)
class Plan:
    person: np.ndarray
    t0: np.ndarray
    reason: np.ndarray
    channel: np.ndarray
    order: np.ndarray
    outbound: np.ndarray
    repeat_of: np.ndarray
    via_bot: np.ndarray
    group: np.ndarray
    agent1: np.ndarray  # agent index (Org) of the first reply
    agent2: np.ndarray  # final assignee
    reassigned: np.ndarray
    deleted: np.ndarray
    unanswered: np.ndarray
    t_assign: np.ndarray
    t_r1: np.ndarray
    w_r1: np.ndarray
    hold: np.ndarray
    t_hold_end: np.ndarray
    w_hold: np.ndarray
    rounds: np.ndarray
    t_c: np.ndarray  # (n, 3) customer replies
    t_a: np.ndarray  # (n, 3) agent replies
    w_a: np.ndarray  # (n, 3)
    t_solve1: np.ndarray
    reopen: np.ndarray
    t_ro: np.ndarray
    t_ra: np.ndarray
    w_ra: np.ndarray
    t_solve: np.ndarray  # final solve
    t_close: np.ndarray
    t_delete: np.ndarray

    @property
    def n(self) -> int:
        return len(self.t0)

    @property
    def frt_hours(self) -> np.ndarray:
        return (self.t_r1 - self.t0) / HOUR

    @property
    def bad(self) -> np.ndarray:
        """An experience that hurts the relationship: slow, reopened, long or ignored."""
        answered = ~self.unanswered & ~self.deleted
        return (
            (answered & (self.frt_hours > 24)) | self.reopen | (self.rounds >= 3) | self.unanswered
        )


def _ticket_times(
    rng: np.random.Generator, tl: Timeline, anchor: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    """A realistic local time on the anchor's day: phone and chat in service hours, written
    contacts around the clock but mostly in the day, half of weekend mail waits to Monday."""
    day = tl.day_of(anchor)
    n = len(day)
    live = (channel == CHAT_T) | (channel == VOICE_T)
    weekend_wait = ~tl.business[day] & (rng.random(n) < 0.4)
    day = np.where(live | weekend_wait, business_day(rng, tl, day), day)
    sec = np.where(live, sample_hours(rng, OFFICE, n), sample_hours(rng, SUPPORT_WRITTEN, n))
    return tl.at(day, sec)


def draw_requests(
    rng: np.random.Generator,
    tl: Timeline,
    people: People,
    orders: Orders,
    refunds: Refunds,
    change_ts: int,
) -> Requests:
    parts: list[tuple[np.ndarray, ...]] = []  # (person, anchor, reason, order, outbound, before)
    never = np.iinfo(np.int64).max

    def add(
        person: np.ndarray,
        anchor: np.ndarray,
        reason: np.ndarray | int,
        order: np.ndarray | None = None,
        outbound: np.ndarray | None = None,
        before: np.ndarray | None = None,
    ) -> None:
        k = len(person)
        parts.append(
            (
                person,
                anchor,
                np.broadcast_to(reason, (k,)).astype(np.int64),
                np.full(k, -1) if order is None else order,
                np.zeros(k, bool) if outbound is None else outbound,
                np.full(k, never) if before is None else before,
            )
        )

    real = (orders.person >= 0) & ~orders.test & (orders.cancelled_at == NA)
    parcel = real & (orders.channel != POS_CH)
    after = orders.ts >= change_ts
    n = orders.n

    p = np.where(after, 0.12, 0.05) * np.where(orders.b2b, 0.6, 1.0)
    o = np.flatnonzero(parcel & (rng.random(n) < p))
    wait = np.minimum(1 + rng.gamma(2.0, 1.6, len(o)), 9.5)
    add(orders.person[o], orders.ts[o] + (wait * DAY).astype(np.int64), WISMO, o)

    p = np.where(after, 0.024, 0.010)
    o = np.flatnonzero(parcel & (rng.random(n) < p))
    add(orders.person[o], orders.delivered_at[o] + rng.integers(HOUR, 3 * DAY, len(o)), DELIVERY, o)

    p = np.select([orders.b2b, orders.channel == DRAFT_CH], [0.035, 0.03], 0.003)
    o = np.flatnonzero(real & (rng.random(n) < p))
    add(orders.person[o], orders.ts[o] + rng.integers(5 * DAY, 25 * DAY, len(o)), INVOICE, o)

    # Proactive agent-created contacts: payment reminders and delay notices (outbound).
    p = np.where(orders.b2b, 0.012, 0.0) + np.where(after & (orders.channel == WEB_CH), 0.004, 0.0)
    o = np.flatnonzero(real & (rng.random(n) < p))
    reason = np.where(orders.b2b[o], INVOICE, DELIVERY)
    add(
        orders.person[o],
        orders.ts[o] + rng.integers(2 * DAY, 20 * DAY, len(o)),
        reason,
        o,
        np.ones(len(o), bool),
    )

    ref_person = orders.person[refunds.order]
    named = ref_person >= 0
    r = np.flatnonzero(named & (refunds.kind == RETURN) & (rng.random(len(named)) < 0.28))
    shift = rng.integers(-3 * DAY, 5 * DAY, len(r))
    anchor = np.maximum(refunds.created[r] + shift, orders.ts[refunds.order[r]] + DAY)
    add(ref_person[r], anchor, RETURN_R, refunds.order[r])
    r = np.flatnonzero(named & (refunds.kind == DAMAGED) & (rng.random(len(named)) < 0.55))
    anchor = np.maximum(
        refunds.created[r] - rng.integers(2 * HOUR, 2 * DAY, len(r)),
        orders.ts[refunds.order[r]] + HOUR,
    )
    add(ref_person[r], anchor, DEFECT, refunds.order[r])
    o = np.flatnonzero(real & (rng.random(n) < 0.003))
    add(orders.person[o], orders.ts[o] + rng.integers(10 * DAY, 60 * DAY, len(o)), DEFECT, o)

    # Pre-purchase questions: before the first order, before some repeat orders, from leads.
    pre_reason = lambda k: rng.choice(PRE_PURCHASE, size=k, p=(0.5, 0.3, 0.2))  # noqa: E731
    b = np.flatnonzero(people.buyer & (rng.random(people.n) < 0.1))
    lo = np.maximum(people.f[b] - 10 * DAY, people.created[b] + 10 * MINUTE)
    anchor = lo + (rng.random(len(b)) * np.maximum(people.f[b] - HOUR - lo, 0)).astype(np.int64)
    add(b, anchor, pre_reason(len(b)), before=people.f[b] - 10 * MINUTE)
    o = np.flatnonzero(real & ~orders.first & (rng.random(n) < 0.010))
    anchor = orders.ts[o] - rng.integers(HOUR, 5 * DAY, len(o))
    add(orders.person[o], anchor, pre_reason(len(o)), before=orders.ts[o] - 10 * MINUTE)
    lead = np.flatnonzero((people.kind == LEAD) & (rng.random(people.n) < 0.06))
    add(lead, people.t1[lead] + rng.integers(HOUR, 60 * DAY, len(lead)), pre_reason(len(lead)))

    bb = np.flatnonzero(people.b2b & people.converted(tl) & (rng.random(people.n) < 0.3))
    add(
        bb,
        people.f[bb]
        + (rng.random(len(bb)) * np.maximum(tl.export_ts - people.f[bb], 0)).astype(np.int64),
        B2B_CONTRACT,
    )

    person = np.concatenate([p_[0] for p_ in parts]).astype(np.int64)
    anchor = np.concatenate([p_[1] for p_ in parts]).astype(np.int64)
    reason = np.concatenate([p_[2] for p_ in parts])
    order = np.concatenate([p_[3] for p_ in parts]).astype(np.int64)
    outbound = np.concatenate([p_[4] for p_ in parts])
    before = np.concatenate([p_[5] for p_ in parts]).astype(np.int64)
    k = len(person)
    cum = np.cumsum(CHANNEL_P[reason], axis=1)
    channel = (rng.random(k)[:, None] > cum).sum(axis=1)
    channel = np.where(outbound, EMAIL_T, channel)
    ts = np.where(outbound, next_business_open(tl, anchor), _ticket_times(rng, tl, anchor, channel))
    # Questions stay before the order they precede and after the contact record exists:
    # move whole days (keeping the time of day), else fall back to an e-mail at the anchor.
    earliest = people.created[person] + 5 * MINUTE
    ts = np.where(ts > before, ts - np.ceil((ts - before) / DAY).astype(np.int64) * DAY, ts)
    ts = np.where(ts < earliest, ts + np.ceil((earliest - ts) / DAY).astype(np.int64) * DAY, ts)
    live = (channel == CHAT_T) | (channel == VOICE_T)
    misfit = (ts > before) | (live & ~tl.business[tl.day_of(ts)])
    ts = np.where(misfit, np.maximum(np.minimum(anchor, before), earliest), ts)
    channel = np.where(misfit & live, EMAIL_T, channel)
    keep = ts <= tl.export_ts
    return Requests(
        person=person[keep],
        ts=ts[keep],
        reason=reason[keep],
        channel=channel[keep],
        order=order[keep],
        outbound=outbound[keep],
        repeat_of=np.full(int(keep.sum()), -1),
        via_bot=np.zeros(int(keep.sum()), bool),
    )


def chatbot_filter(
    rng: np.random.Generator, tl: Timeline, req: Requests, upgrade_ts: int
) -> tuple[Requests, BotContained]:
    """Chats start with the bot. The bot solves some (more after its upgrade); a few of those
    come back by e-mail within two days (the bot only thought it solved them)."""
    chat = (req.channel == CHAT_T) & ~req.outbound
    via_bot = chat & (rng.random(req.n) < 0.65)
    p_contain = np.where(req.ts >= upgrade_ts, 0.55, 0.15)
    contained = via_bot & (rng.random(req.n) < p_contain)
    comeback = contained & (rng.random(req.n) < 0.12)
    bot = BotContained(
        person=req.person[contained],
        ts=req.ts[contained] - rng.integers(2 * MINUTE, 6 * MINUTE, int(contained.sum())),
        reason=req.reason[contained],
    )
    ts = np.where(comeback, req.ts + rng.integers(2 * HOUR, 48 * HOUR, req.n), req.ts)
    channel = np.where(comeback, EMAIL_T, req.channel)
    keep = (~contained | comeback) & (ts <= tl.export_ts)
    out = replace(req, ts=ts, channel=channel, via_bot=via_bot & ~contained)
    return subset_rows(out, keep), bot


def _lognormal(
    rng: np.random.Generator, median: np.ndarray | float, sigma: float, n: int
) -> np.ndarray:
    return np.exp(np.log(median) + sigma * rng.standard_normal(n))


def plan_tickets(
    rng: np.random.Generator,
    tl: Timeline,
    org: Org,
    people: People,
    orders: Orders,
    req: Requests,
    change_ts: int,
) -> Plan:
    n = req.n
    ch = req.channel
    t0 = req.ts
    written = (ch == WEB_T) | (ch == EMAIL_T)
    b2b = people.b2b[req.person]
    at_store = (req.order >= 0) & (orders.channel[np.maximum(req.order, 0)] == POS_CH)
    group = np.select(
        [b2b, (req.reason == STOCK) | at_store], [GROUP_B2B, GROUP_MYYMALA], GROUP_VERKKO
    )
    agent1 = _agent_in_group(rng, org, group)
    month = tl.month[tl.day_of(t0)]
    load = np.where((t0 >= change_ts) & (group == GROUP_VERKKO), 2.6, 1.0) * np.where(
        np.isin(month, [11, 12]), 1.25, 1.0
    )
    speed = org.agent_speed[agent1] * GROUP_SPEED[group] * load

    outbound = req.outbound
    deleted = ~outbound & (rng.random(n) < 0.006)
    unanswered = ~outbound & ~deleted & (rng.random(n) < 0.02)

    frt_written = _lognormal(rng, 1.3 * HOUR * speed, 0.95, n)
    t_r1 = np.select(
        [outbound, written, ch == CHAT_T],
        [
            t0,
            add_business_seconds(tl, t0, frt_written),
            t0 + _lognormal(rng, 85.0 * speed, 0.7, n).astype(np.int64) + 5,
        ],
        t0 + rng.integers(20, 90, n),
    )
    t_assign = np.where(
        written & ~outbound,
        np.maximum(t0 + MINUTE, t_r1 - rng.integers(MINUTE, 15 * MINUTE, n)),
        t0 + rng.integers(0, 15, n),
    )
    t_assign = np.minimum(t_assign, t_r1)
    work_scale = np.where(b2b, 1.2, 1.0)
    w_r1 = (
        np.select(
            [ch == VOICE_T, ch == CHAT_T],
            [rng.integers(180, 900, n), _lognormal(rng, 200.0, 0.5, n)],
            _lognormal(rng, 360.0, 0.6, n),
        )
        * work_scale
    )

    hold = written & ~outbound & np.isin(req.reason, (WISMO, DELIVERY)) & (rng.random(n) < 0.3)
    hold_start = t_r1 + (rng.uniform(1.0, 3.0, n) * DAY).astype(np.int64)
    t_hold_end = np.where(hold, add_business_seconds(tl, hold_start, np.zeros(n)), NA)
    w_hold = rng.integers(120, 300, n).astype(float)

    rounds = np.select(
        [written, ch == CHAT_T],
        [rng.choice(4, n, p=ROUNDS_P["written"]), rng.choice(4, n, p=ROUNDS_P["chat"])],
        rng.choice(4, n, p=ROUNDS_P["voice"]),
    )
    rounds = np.where(outbound, rng.choice(2, n, p=(0.35, 0.65)), rounds)
    rounds = np.where(req.reason == B2B_CONTRACT, np.minimum(rounds + 1, 3), rounds)

    t_prev = np.where(hold, t_hold_end, t_r1)
    t_c = np.full((n, 3), NA, dtype=np.int64)
    t_a = np.full((n, 3), NA, dtype=np.int64)
    w_a = np.zeros((n, 3))
    for k in range(3):
        act = rounds > k
        cust = np.select(
            [written, ch == CHAT_T],
            [_lognormal(rng, 4.0 * HOUR, 1.0, n), rng.uniform(30, 150, n)],
            rng.uniform(20, 60, n),
        ).astype(np.int64)
        c = t_prev + cust
        agent_written = add_business_seconds(tl, c, _lognormal(rng, 1.4 * HOUR * speed, 0.8, n))
        a = np.select(
            [written, ch == CHAT_T],
            [agent_written, c + rng.integers(30, 180, n)],
            c + rng.integers(15, 60, n),
        )
        t_c[:, k] = np.where(act, c, NA)
        t_a[:, k] = np.where(act, a, NA)
        w_a[:, k] = (
            np.select(
                [ch == VOICE_T, ch == CHAT_T],
                [rng.integers(60, 300, n), _lognormal(rng, 150.0, 0.5, n)],
                _lognormal(rng, 240.0, 0.6, n),
            )
            * work_scale
        )
        t_prev = np.where(act, a, t_prev)

    idle_outbound = outbound & (rounds == 0)
    t_solve1 = np.where(
        idle_outbound,
        add_business_seconds(tl, t0 + 3 * DAY, np.zeros(n)),
        t_prev + rng.integers(1, 120, n),
    )
    bad_so_far = ((t_r1 - t0) > 24 * HOUR) | (rounds >= 3)
    reopen = ~outbound & (rng.random(n) < np.where(bad_so_far, 0.09, 0.04))
    t_ro = t_solve1 + np.minimum(_lognormal(rng, 1.2 * DAY, 0.8, n), 3.5 * DAY).astype(np.int64)
    t_ra = add_business_seconds(tl, t_ro, _lognormal(rng, 1.5 * HOUR * speed, 0.8, n))
    t_ra = np.where(ch == CHAT_T, np.maximum(t_ra, t_ro + 60), t_ra)
    w_ra = _lognormal(rng, 300.0, 0.5, n) * work_scale
    t_solve = np.where(reopen, t_ra + rng.integers(30, 300, n), t_solve1)
    t_close = t_solve + 4 * DAY + rng.integers(0, 2 * HOUR, n)

    later_agent = hold | (rounds > 0) | reopen
    reassigned = later_agent & ~outbound & (rng.random(n) < 0.1)
    agent2 = np.where(reassigned, _agent_in_group(rng, org, group), agent1)
    reassigned &= agent2 != agent1
    t_delete = t0 + rng.integers(5 * MINUTE, 6 * HOUR, n)

    return Plan(
        person=req.person,
        t0=t0,
        reason=req.reason,
        channel=ch,
        order=req.order,
        outbound=outbound,
        repeat_of=req.repeat_of,
        via_bot=req.via_bot,
        group=group,
        agent1=agent1,
        agent2=agent2,
        reassigned=reassigned,
        deleted=deleted,
        unanswered=unanswered,
        t_assign=t_assign,
        t_r1=t_r1,
        w_r1=w_r1,
        hold=hold,
        t_hold_end=t_hold_end,
        w_hold=w_hold,
        rounds=rounds,
        t_c=t_c,
        t_a=t_a,
        w_a=w_a,
        t_solve1=t_solve1,
        reopen=reopen,
        t_ro=t_ro,
        t_ra=t_ra,
        w_ra=w_ra,
        t_solve=t_solve,
        t_close=t_close,
        t_delete=t_delete,
    )


def _agent_in_group(rng: np.random.Generator, org: Org, group: np.ndarray) -> np.ndarray:
    out = np.empty(len(group), dtype=np.int64)
    for g in range(3):
        sel = np.flatnonzero(group == g)
        members = np.flatnonzero(org.agent_group == g)
        out[sel] = members[rng.integers(0, len(members), len(sel))]
    return out


def repeat_requests(rng: np.random.Generator, tl: Timeline, plan: Plan) -> Requests:
    """Customers who contact again within days of a solve (more often after a bad experience)."""
    solved = ~plan.deleted & ~plan.unanswered & ~plan.outbound & (plan.t_solve <= tl.export_ts)
    p = np.where(plan.bad, 0.16, 0.05)
    idx = np.flatnonzero(solved & (rng.random(plan.n) < p))
    k = len(idx)
    channel = rng.choice(4, k, p=(0.25, 0.4, 0.2, 0.15))
    anchor = plan.t_solve[idx] + rng.integers(2 * HOUR, 6 * DAY, k)
    ts = _ticket_times(rng, tl, anchor, channel)
    ts = np.where(ts < plan.t_solve[idx] + HOUR, ts + DAY, ts)
    live = (channel == CHAT_T) | (channel == VOICE_T)
    channel = np.where(live & ~tl.business[tl.day_of(ts)], EMAIL_T, channel)
    keep = ts <= tl.export_ts
    return Requests(
        person=plan.person[idx][keep],
        ts=ts[keep],
        reason=plan.reason[idx][keep],
        channel=channel[keep],
        order=plan.order[idx][keep],
        outbound=np.zeros(int(keep.sum()), bool),
        repeat_of=idx[keep],
        via_bot=np.zeros(int(keep.sum()), bool),
    )
