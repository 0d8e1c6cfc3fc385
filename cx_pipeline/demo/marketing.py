"""Marketing touches (CRM events): the multichannel path to the first order.

A buyer's first touch is mostly the website (~80 %); before the first order they touch on
average ~2.6 distinct channels, always including the channel the order is placed through
(a store visit for a store purchase, a call for a phone order). Leads touch fewer channels,
customers keep receiving e-mails and visiting after their first order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .org import CH, TOUCH_CHANNELS, Org
from .people import DRAFT_CH, POS_CH, People
from .timeline import DAY, MINUTE, NA, Timeline

EVENT_TYPES: tuple[str, ...] = (
    "e_visited_page",
    "e_opened_marketing_email",
    "e_social_engagement",
    "e_clicked_ad",
    "e_visited_store",
    "e_called",
    "e_chat",
    "e_attended_event",
)
SURVEY_SENT = "e_feedback_survey_sent"  # a survey e-mailed to the contact (not a touch)
FIRST_TOUCH_P = np.array([0.80, 0.02, 0.05, 0.05, 0.04, 0.01, 0.01, 0.02])
EXTRA_W = np.array([0.10, 0.25, 0.20, 0.20, 0.10, 0.07, 0.10, 0.08])
AFTER_W = np.array([0.30, 0.45, 0.12, 0.03, 0.05, 0.0, 0.0, 0.05])
DISTINCT_P = np.array([0.06, 0.36, 0.44, 0.14])  # 1..4 distinct channels before first order

SOURCES: tuple[str, ...] = (
    "ORGANIC_SEARCH",
    "PAID_SEARCH",
    "DIRECT_TRAFFIC",
    "SOCIAL_MEDIA",
    "EMAIL_MARKETING",
    "REFERRALS",
    "OFFLINE",
    "PAID_SOCIAL",
)


@dataclass(frozen=True)
class Touches:
    person: np.ndarray
    ts: np.ndarray
    channel: np.ndarray
    campaign: np.ndarray


def _topk_channels(
    rng: np.random.Generator, weights: np.ndarray, excluded: np.ndarray, k: int
) -> np.ndarray:
    """k distinct channels per row by weight (Gumbel top-k), never an excluded one."""
    n = excluded.shape[0]
    keys = np.log(weights)[None, :] + rng.gumbel(size=(n, len(weights)))
    keys[excluded] = -np.inf
    return np.argsort(-keys, axis=1)[:, :k]


def draw_touches(
    rng: np.random.Generator, tl: Timeline, org: Org, people: People, active_until: np.ndarray
) -> tuple[Touches, np.ndarray]:
    """All touches of the chunk's people; returns them and the analytics-source code per person."""
    n = people.n
    first_ch = rng.choice(len(TOUCH_CHANNELS), size=n, p=FIRST_TOUCH_P)
    conv = people.converted(tl)
    buyer = people.buyer
    horizon = np.where(buyer & conv, people.f, np.minimum(people.t1 + 90 * DAY, tl.export_ts))
    horizon = np.where(buyer & ~conv, tl.export_ts, horizon)

    persons, stamps, chans = [np.arange(n)], [people.t1], [first_ch]

    # The order channel's own touch, just before the first order.
    order_ch = np.select(
        [people.first_channel == POS_CH, people.first_channel == DRAFT_CH],
        [CH["store"], CH["phone"]],
        CH["web"],
    )
    has_order = buyer & conv
    idx = np.flatnonzero(has_order)
    persons.append(idx)
    just_before = people.f[idx] - rng.integers(2 * MINUTE, 45 * MINUTE, len(idx))
    stamps.append(np.maximum(just_before, people.t1[idx] + 1))  # the first touch stays first
    chans.append(order_ch[idx])

    # Extra distinct channels between the first touch and the first order (or the horizon).
    k = np.where(
        buyer, rng.choice(4, size=n, p=DISTINCT_P) + 1, rng.choice(3, size=n, p=(0.4, 0.4, 0.2)) + 1
    )
    forced = np.zeros((n, len(TOUCH_CHANNELS)), dtype=bool)
    forced[np.arange(n), first_ch] = True
    forced[idx, order_ch[idx]] = True
    m = np.maximum(k - forced.sum(axis=1), 0)
    extra = _topk_channels(rng, EXTRA_W, forced, 3)
    span = np.maximum(horizon - people.t1, 60)
    for j in range(3):
        sel = np.flatnonzero(m > j)
        persons.append(sel)
        stamps.append(people.t1[sel] + (rng.random(len(sel)) * span[sel]).astype(np.int64))
        chans.append(extra[sel, j])

    # Repeat touches on channels already in the path (another page visit, another e-mail).
    reps = rng.poisson(np.where(buyer, 1.6, 0.8))
    rp = np.repeat(np.arange(n), reps)
    pool = np.where(forced, 1.0, 0.0)
    pool[np.arange(n)[:, None], extra] = np.where(m[:, None] > np.arange(3)[None, :], 1.0, 0.0)
    pool[np.arange(n), first_ch] = 1.0
    cum = np.cumsum(pool[rp], axis=1)
    pick = (rng.random(len(rp))[:, None] * cum[:, -1:] >= cum).sum(axis=1)
    persons.append(rp)
    stamps.append(people.t1[rp] + (rng.random(len(rp)) * span[rp]).astype(np.int64))
    chans.append(pick)

    # After the first order: newsletters, visits, events, until a while after churning.
    after_span = np.where(
        has_order, np.maximum(np.minimum(active_until + 60 * DAY, tl.export_ts) - people.f, 0), 0
    )
    cnt = rng.poisson(after_span / (30.4 * DAY) * 0.45)
    ap = np.repeat(np.arange(n), cnt)
    persons.append(ap)
    stamps.append(people.f[ap] + (rng.random(len(ap)) * after_span[ap]).astype(np.int64))
    chans.append(rng.choice(len(TOUCH_CHANNELS), size=len(ap), p=AFTER_W / AFTER_W.sum()))

    person = np.concatenate(persons)
    ts = np.concatenate(stamps)
    channel = np.concatenate(chans).astype(np.int64)
    keep = ts <= tl.export_ts
    person, ts, channel = person[keep], ts[keep], channel[keep]
    day = tl.day_of(ts)
    campaign = org.campaign_lookup[channel, day]
    # Only paid-search visits carry a campaign among web visits.
    web_paid = (channel == CH["web"]) & (rng.random(len(ts)) < 0.3)
    campaign = np.where((channel != CH["web"]) | web_paid, campaign, NA)
    first_campaign = campaign[:n][keep[:n]] if keep[:n].all() else np.full(n, NA)

    source = _analytics_source(rng, first_ch, first_campaign)
    people.first_touch_channel[:] = first_ch
    return Touches(person, ts, channel, campaign), source


def _analytics_source(
    rng: np.random.Generator, first_ch: np.ndarray, campaign: np.ndarray
) -> np.ndarray:
    n = len(first_ch)
    web = rng.choice([0, 2, 5], size=n, p=(0.55, 0.3, 0.15))  # organic, direct, referral
    web = np.where(campaign != NA, 1, web)  # a paid-search click
    by_channel = np.array(
        [-1, 4, 3, 7, 6, 6, 2, 6]
    )  # email, social, ads, store, phone, chat, event
    src = np.where(first_ch == CH["web"], web, by_channel[first_ch])
    return np.where(rng.random(n) < 0.02, -1, src)  # a few contacts with an unknown source
