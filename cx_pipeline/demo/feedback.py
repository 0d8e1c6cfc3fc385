"""CRM survey answers: relationship NPS, perception, post-purchase CSAT, sales-meeting pulse.

NPS is sent continuously: about a month after the first order and then every 3-4 months
while the customer still buys, so every month has answers and nobody is asked more than
about once a quarter. Its score follows the latent satisfaction, drops after a bad support
experience in the previous half year, and for everybody after the delivery-partner change.

Every NPS and post-purchase survey sent is also recorded as a send (a CRM event), answered
or not, so response rates can be computed; about 30 % of post-purchase surveys are answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .commerce import DAMAGED, Orders, Refunds
from .helpdesk import DELIVERY, WISMO, Plan
from .org import SURVEY_MEETING, SURVEY_NPS, SURVEY_PERCEPTION, SURVEY_PURCHASE
from .people import POS_CH, People
from .sales import COMPLETED, Meetings
from .scoring import (
    COMMENTS,
    MEETING_COMMENTS,
    comment_codes,
    five_point,
    nps_score,
    tone_of_five,
    tone_of_nps,
)
from .timeline import DAY, HOUR, NA, Timeline

OBJECT_TYPES: tuple[str, ...] = ("CONTACT", "ORDER", "MEETING")
CONTACT, ORDER, MEETING = range(3)
SURVEY_CHANNELS: tuple[str, ...] = ("EMAIL", "WEB", "LINK")
ALL_COMMENTS: tuple[str, ...] = COMMENTS + MEETING_COMMENTS


@dataclass(frozen=True)
class Answers:
    survey: np.ndarray
    person: np.ndarray
    ts: np.ndarray
    score: np.ndarray
    comment: np.ndarray  # index into scoring.COMMENTS / MEETING_COMMENTS
    object_type: np.ndarray
    object_index: np.ndarray  # person, order or meeting index
    channel: np.ndarray

    @property
    def negative(self) -> np.ndarray:
        nps = (self.survey == SURVEY_NPS) & (self.score <= 6)
        return nps | ((self.survey == SURVEY_PURCHASE) & (self.score <= 2))


@dataclass(frozen=True)
class Sends:
    """Surveys sent by e-mail (NPS, post-purchase CSAT), answered or not."""

    survey: np.ndarray
    person: np.ndarray
    ts: np.ndarray


POST_PURCHASE_OFFER_ONLY = 0.23  # of the orders not answering: sent but never answered
SEND_LAG_STORE = HOUR  # survey e-mail after a store purchase
SEND_LAG_DELIVERY = 6 * HOUR  # survey e-mail after delivery


def recent_bad(person: np.ndarray, ts: np.ndarray, plan: Plan, window: int) -> np.ndarray:
    """Whether the person had a bad support experience in (ts - window, ts]."""
    bad = plan.bad
    span = np.int64(1) << 34
    keys = np.sort(plan.person[bad].astype(np.int64) * span + plan.t_solve[bad])
    q = person.astype(np.int64) * span
    hi = np.searchsorted(keys, q + ts, side="right")
    lo = np.searchsorted(keys, q + ts - window, side="right")
    return hi > lo


def draw_answers(
    rng: np.random.Generator,
    tl: Timeline,
    people: People,
    orders: Orders,
    refunds: Refunds,
    plan: Plan,
    meetings: Meetings,
    change_ts: int,
    sales_quality: np.ndarray,
) -> tuple[Answers, Sends]:
    parts: list[Answers] = []
    # A child stream for the unanswered sends, so the answers drawn stay as they were.
    send_rng = rng.spawn(1)[0]

    # Relationship NPS, each customer at most about once a quarter while buying.
    conv = np.flatnonzero(people.converted(tl))
    last_order = np.full(people.n, NA)
    named = orders.person >= 0
    np.maximum.at(last_order, orders.person[named], orders.ts[named])
    waves = 8
    gaps = np.c_[rng.uniform(20, 40, (len(conv), 1)), rng.uniform(90, 125, (len(conv), waves - 1))]
    send = people.f[conv][:, None] + (np.cumsum(gaps, axis=1) * DAY).astype(np.int64)
    stop = np.minimum(last_order[conv] + 365 * DAY, tl.export_ts)[:, None]
    answer = send + (rng.exponential(1.2, send.shape) * DAY).astype(np.int64) + HOUR
    p_answer = np.where(people.b2b[conv], 0.3, 0.25)[:, None]
    sent = send <= stop
    ok = sent & (answer <= tl.export_ts) & (rng.random(send.shape) < p_answer)
    send_rows, _ = np.nonzero(sent)
    nps_sends = Sends(np.full(len(send_rows), SURVEY_NPS), conv[send_rows], send[sent])
    rows, _ = np.nonzero(ok)
    person = conv[rows]
    ts = answer[ok]
    latent = (
        0.85 * people.s[person]
        + 0.45 * rng.standard_normal(len(ts))
        - 0.9 * recent_bad(person, ts, plan, 180 * DAY)
        - 0.35 * (ts >= change_ts)
    )
    score = nps_score(latent)
    parts.append(
        _answers(
            SURVEY_NPS,
            person,
            ts,
            score,
            comment_codes(rng, tone_of_nps(score), 0.3),
            CONTACT,
            person,
            0,
        )
    )

    # Perception survey early in the relationship (web pop-up after the first visits).
    p = np.flatnonzero(rng.random(people.n) < 0.16)
    ts = people.created[p] + (rng.uniform(0.5, 30, len(p)) * DAY).astype(np.int64)
    ok = ts <= tl.export_ts
    p, ts = p[ok], ts[ok]
    score = five_point(
        0.5 * people.s[p] + 0.7 * rng.standard_normal(len(p)), (-1.5, -0.8, -0.1, 0.75)
    )
    parts.append(
        _answers(
            SURVEY_PERCEPTION,
            p,
            ts,
            score,
            comment_codes(rng, tone_of_five(score), 0.3),
            CONTACT,
            p,
            1,
        )
    )

    # Post-purchase CSAT, after the store visit or after delivery.
    real = (orders.person >= 0) & ~orders.test & (orders.cancelled_at == NA)
    answering = real & (rng.random(orders.n) < 0.09)
    o = np.flatnonzero(answering)
    store = orders.channel[o] == POS_CH
    base = np.where(store, orders.ts[o], orders.delivered_at[o])
    offered = answering | (real & (send_rng.random(orders.n) < POST_PURCHASE_OFFER_ONLY))
    so = np.flatnonzero(offered)
    s_store = orders.channel[so] == POS_CH
    s_base = np.where(s_store, orders.ts[so], orders.delivered_at[so])
    s_ts = s_base + np.where(s_store, SEND_LAG_STORE, SEND_LAG_DELIVERY)
    s_ok = (s_base != NA) & (s_ts <= tl.export_ts)
    purchase_sends = Sends(
        np.full(int(s_ok.sum()), SURVEY_PURCHASE), orders.person[so[s_ok]], s_ts[s_ok]
    )
    ts = base + np.where(
        store, rng.integers(2 * HOUR, 2 * DAY, len(o)), rng.integers(12 * HOUR, 5 * DAY, len(o))
    )
    ok = ts <= tl.export_ts
    o, ts = o[ok], ts[ok]
    trouble = np.zeros(orders.n, bool)
    linked = plan.order >= 0
    trouble[plan.order[linked & np.isin(plan.reason, (WISMO, DELIVERY))]] = True
    damaged = np.zeros(orders.n, bool)
    damaged[refunds.order[refunds.kind == DAMAGED]] = True
    person = orders.person[o]
    latent = (
        0.5 * people.s[person]
        + 0.55 * rng.standard_normal(len(o))
        - 1.0 * trouble[o]
        - 1.2 * damaged[o]
        - 0.35 * ((orders.ts[o] >= change_ts) & ~store[ok])
    )
    score = five_point(latent, (-1.5, -0.9, -0.35, 0.25))
    parts.append(
        _answers(
            SURVEY_PURCHASE,
            person,
            ts,
            score,
            comment_codes(rng, tone_of_five(score), 0.3),
            ORDER,
            o,
            0,
        )
    )

    # Sales-meeting pulse on half of the completed meetings.
    m = np.flatnonzero((meetings.outcome == COMPLETED) & (rng.random(len(meetings.start)) < 0.5))
    ts = meetings.end[m] + rng.integers(HOUR, 2 * DAY, len(m))
    ok = ts <= tl.export_ts
    m, ts = m[ok], ts[ok]
    parts.append(_meeting_answers(rng, people, meetings, m, ts, sales_quality))

    answers = Answers(
        **{f: np.concatenate([getattr(a, f) for a in parts]) for f in Answers.__dataclass_fields__}
    )
    sends = Sends(
        **{
            f: np.concatenate([getattr(nps_sends, f), getattr(purchase_sends, f)]).astype(np.int64)
            for f in Sends.__dataclass_fields__
        }
    )
    return answers, sends


def _answers(
    survey: int,
    person: np.ndarray,
    ts: np.ndarray,
    score: np.ndarray,
    comment: np.ndarray,
    otype: int,
    oidx: np.ndarray,
    channel: int,
) -> Answers:
    k = len(ts)
    return Answers(
        survey=np.full(k, survey),
        person=np.asarray(person, dtype=np.int64),
        ts=ts,
        score=np.asarray(score, dtype=np.int64),
        comment=comment,
        object_type=np.full(k, otype),
        object_index=np.asarray(oidx, dtype=np.int64),
        channel=np.full(k, channel),
    )


def _meeting_answers(
    rng: np.random.Generator,
    people: People,
    meetings: Meetings,
    m: np.ndarray,
    ts: np.ndarray,
    sales_quality: np.ndarray,
) -> Answers:
    person = meetings.person[m]
    latent = (
        sales_quality[meetings.owner[m]]
        + 0.35 * people.s[person]
        + 0.6 * rng.standard_normal(len(m))
    )
    score = five_point(latent, (-1.6, -1.0, -0.35, 0.45))
    code = comment_codes(rng, tone_of_five(score), 0.3, meeting=True)
    comment = np.where(code >= 0, code + len(COMMENTS), -1)  # meeting pool follows the general one
    return _answers(SURVEY_MEETING, person, ts, score, comment, MEETING, m, 2)
