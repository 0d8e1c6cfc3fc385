"""Orders, line items and refunds.

Repeat orders are a Poisson process per customer, thinned by the daily demand curve
(growth, November-December peak with Black Friday, summer dip). The rate and the
customer lifetime grow with the latent satisfaction ``s``: happier customers buy more
often and churn later. Money is integer cents: line sums, discounts, 25.5 % VAT on the
subtotal and shipping add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import pools
from .clock import demand_weights, office_times, store_times, web_times
from .frames import subset_rows
from .people import DRAFT_CH, GUEST, POS_CH, WEB_CH, People
from .timeline import DAY, HOUR, MINUTE, NA, Timeline

VAT = 0.255
SOURCE_NAMES: tuple[str, ...] = ("web", "pos", "shopify_draft_order")
CANCEL_REASONS: tuple[str, ...] = ("customer", "inventory", "declined", "fraud", "other")
REFUND_NOTES: tuple[str, ...] = ("return", "damaged", "goodwill")
RETURN, DAMAGED, GOODWILL = 0, 1, 2
CATEGORY_W = np.array([0.26, 0.25, 0.18, 0.19, 0.12])


@dataclass(frozen=True)
class Customers:
    """Per-person ordering behaviour (buyers only meaningful)."""

    one_timer: np.ndarray
    rate: np.ndarray  # repeat orders per day
    active_until: np.ndarray  # churn instant (or the export moment)


@dataclass(frozen=True)
class Orders:
    person: np.ndarray  # -1 for walk-in store customers and test orders
    ts: np.ndarray
    channel: np.ndarray
    store: np.ndarray  # store index or -1
    b2b: np.ndarray
    first: np.ndarray
    test: np.ndarray
    black_friday: np.ndarray
    cancelled_at: np.ndarray
    cancel_reason: np.ndarray
    fulfilled_at: np.ndarray
    delivered_at: np.ndarray
    tlip: np.ndarray  # total line items price, cents
    discounts: np.ndarray
    subtotal: np.ndarray
    tax: np.ndarray
    shipping: np.ndarray
    total: np.ndarray

    @property
    def n(self) -> int:
        return len(self.ts)


@dataclass(frozen=True)
class Lines:
    order: np.ndarray
    variant: np.ndarray
    qty: np.ndarray
    price: np.ndarray
    discount: np.ndarray


@dataclass(frozen=True)
class Refunds:
    order: np.ndarray
    created: np.ndarray
    processed: np.ndarray
    kind: np.ndarray
    amount: np.ndarray


def customer_behaviour(rng: np.random.Generator, tl: Timeline, people: People) -> Customers:
    n = people.n
    s = people.s
    p_once = np.where(people.b2b, 0.08, 1 / (1 + np.exp(0.45 + 0.8 * s)))
    p_once = np.where(people.kind == GUEST, np.maximum(p_once, 0.6), p_once)
    one_timer = rng.random(n) < p_once
    rate = np.where(
        people.b2b,
        1.2 / 30.4 * rng.gamma(2.0, 0.5, n) * np.exp(0.2 * s),
        0.8 / 30.4 * rng.gamma(1.3, 1 / 1.3, n) * np.exp(0.3 * s),
    )
    life = np.where(people.b2b, 800.0, 420.0 * np.exp(0.5 * s)) * rng.exponential(1.0, n)
    until = np.where(one_timer, people.f, people.f + (life * DAY).astype(np.int64))
    until = np.where(people.buyer, np.minimum(until, tl.export_ts), NA)
    return Customers(one_timer=one_timer, rate=rate, active_until=until)


def _repeat_channel(rng: np.random.Generator, people: People, person: np.ndarray) -> np.ndarray:
    store_city = np.isin(people.city[person], [st[2] for st in pools.STORES])
    b2b = people.b2b[person]
    u = rng.random(len(person))
    web_p = np.select([b2b, store_city], [0.40, 0.42], 0.60)
    pos_p = np.select([b2b, store_city], [0.20, 0.53], 0.33)
    ch = np.where(u < web_p, WEB_CH, np.where(u < web_p + pos_p, POS_CH, DRAFT_CH))
    return np.where(people.kind[person] == GUEST, WEB_CH, ch)


def _times(
    rng: np.random.Generator, tl: Timeline, day: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    return np.select(
        [channel == WEB_CH, channel == POS_CH],
        [web_times(rng, tl, day), store_times(rng, tl, day)],
        office_times(rng, tl, day),
    )


def draw_orders(
    rng: np.random.Generator,
    tl: Timeline,
    people: People,
    cust: Customers,
    catalogue: dict,
    category_variants: list[np.ndarray],
    change_ts: int,
    with_test_orders: int,
) -> tuple[Orders, Lines, Refunds]:
    w = demand_weights(tl)
    wmax = float(w.max())
    conv = np.flatnonzero(people.converted(tl))

    # Repeat-order candidates, thinned by the demand curve.
    f_day = tl.day_of(people.f[conv])
    end_day = np.minimum(tl.day_of(cust.active_until[conv]), tl.n_days - 1)
    span = np.maximum(end_day - f_day, 0)
    cnt = rng.poisson(cust.rate[conv] * wmax * span * (~cust.one_timer[conv]))
    rp = np.repeat(np.arange(len(conv)), cnt)
    day = f_day[rp] + 1 + (rng.random(len(rp)) * span[rp]).astype(np.int64)
    ok = (day <= end_day[rp]) & (rng.random(len(rp)) < w[np.minimum(day, tl.n_days - 1)] / wmax)
    rp, day = rp[ok], day[ok]
    rperson = conv[rp]
    rchannel = _repeat_channel(rng, people, rperson)
    rts = _times(rng, tl, day, rchannel)
    late = rts <= people.f[rperson]  # never before the first order: a later day instead
    rts[late] += np.ceil((people.f[rperson[late]] + HOUR - rts[late]) / DAY).astype(np.int64) * DAY

    person = np.concatenate([conv, rperson])
    ts = np.concatenate([people.f[conv], rts])
    channel = np.concatenate([people.first_channel[conv], rchannel])
    first = np.r_[np.ones(len(conv), bool), np.zeros(len(rperson), bool)]

    # Walk-in store customers who never identify themselves, and staff test orders.
    n_walk = rng.poisson(0.03 * len(ts))
    wday = rng.choice(tl.n_days, size=n_walk, p=w / w.sum())
    n_test = rng.poisson(len(ts) / 5000) + with_test_orders
    tday = rng.integers(0, tl.n_days, n_test)
    person = np.r_[person, np.full(n_walk + n_test, -1)]
    ts = np.r_[ts, store_times(rng, tl, wday), web_times(rng, tl, tday)]
    channel = np.r_[channel, np.full(n_walk, POS_CH), np.full(n_test, WEB_CH)]
    first = np.r_[first, np.zeros(n_walk + n_test, bool)]
    test = np.r_[np.zeros(len(ts) - n_test, bool), np.ones(n_test, bool)]
    keep = ts <= tl.export_ts
    person, ts, channel, first, test = (
        person[keep],
        ts[keep],
        channel[keep],
        first[keep],
        test[keep],
    )
    n = len(ts)

    has_person = person >= 0
    b2b = has_person & people.b2b[np.maximum(person, 0)]
    pref_store = people.store[np.maximum(person, 0)]
    store = np.where(
        channel == POS_CH,
        np.where(has_person, pref_store, rng.integers(0, len(pools.STORES), n)),
        -1,
    )
    oday = tl.day_of(ts)
    bf = tl.black_friday[oday]

    lines = _lines(rng, tl, oday, b2b, channel, test, bf, catalogue, category_variants)
    tlip = np.bincount(lines.order, weights=lines.price * lines.qty, minlength=n).astype(np.int64)
    disc = np.bincount(lines.order, weights=lines.discount, minlength=n).astype(np.int64)
    subtotal = tlip - disc
    tax = np.floor(subtotal * VAT + 0.5).astype(np.int64)
    shipping = np.select(
        [(channel == WEB_CH) & ~b2b, channel == DRAFT_CH],
        [np.where(subtotal >= 7_900, 0, 590), np.where(subtotal >= 30_000, 0, 1_490)],
        0,
    )
    shipping = np.where(test, 0, shipping)

    # Cancellations (mostly web and phone orders, within two days).
    p_cancel = np.where(channel == POS_CH, 0.003, 0.025)
    cancelled = rng.random(n) < p_cancel
    cancelled_at = ts + np.exp(rng.normal(np.log(3 * HOUR), 1.0, n)).astype(np.int64).clip(
        60, 2 * DAY
    )
    cancelled &= cancelled_at <= tl.export_ts
    cancelled_at = np.where(cancelled, cancelled_at, NA)
    reason = np.where(cancelled, rng.choice(5, n, p=(0.5, 0.2, 0.15, 0.05, 0.1)), -1)

    # Fulfilment: store sales at once; parcels slower after the delivery-partner change.
    after = ts >= change_ts
    ship_delay = (
        np.where(channel == DRAFT_CH, rng.uniform(0.5, 4, n), rng.uniform(0.2, 2.5, n)) * DAY
    )
    fulfilled = np.where(channel == POS_CH, ts, ts + ship_delay.astype(np.int64))
    transit = np.where(after, rng.uniform(2, 7, n), rng.uniform(1, 3.5, n)) * DAY
    delivered = np.where(channel == POS_CH, ts, fulfilled + transit.astype(np.int64))
    fulfilled = np.where(cancelled | (fulfilled > tl.export_ts), NA, fulfilled)

    orders = Orders(
        person=person,
        ts=ts,
        channel=channel,
        store=store,
        b2b=b2b,
        first=first,
        test=test,
        black_friday=bf,
        cancelled_at=cancelled_at,
        cancel_reason=reason,
        fulfilled_at=fulfilled,
        delivered_at=delivered,
        tlip=tlip,
        discounts=disc,
        subtotal=subtotal,
        tax=tax,
        shipping=shipping,
        total=subtotal + tax + shipping,
    )
    refunds = _refunds(rng, tl, orders, lines, change_ts)
    return orders, lines, refunds


def _lines(
    rng: np.random.Generator,
    tl: Timeline,
    oday: np.ndarray,
    b2b: np.ndarray,
    channel: np.ndarray,
    test: np.ndarray,
    bf: np.ndarray,
    catalogue: dict,
    category_variants: list[np.ndarray],
) -> Lines:
    n = len(oday)
    k = np.where(
        b2b, 1 + rng.poisson(1.8, n), 1 + rng.poisson(np.where(channel == POS_CH, 0.35, 0.6), n)
    )
    k = np.where(test, 1, np.minimum(k, np.where(b2b, 12, 7)))
    order = np.repeat(np.arange(n), k)
    month = tl.month[oday][order]
    cw = np.tile(CATEGORY_W, (len(order), 1))
    cw[:, 4] *= np.where(month == 12, 2.8, np.where(month == 11, 1.6, 1.0))
    cw[:, 0] *= np.where(np.isin(month, [11, 12]), 1.3, 1.0)
    cw[:, 2] *= np.where(np.isin(month, [5, 6, 7, 8]), 1.6, 1.0)
    cw[:, 3] *= np.where(np.isin(month, [10, 11, 12, 1, 2]), 1.3, 1.0)
    cum = np.cumsum(cw, axis=1)
    cat = (rng.random(len(order))[:, None] * cum[:, -1:] >= cum).sum(axis=1)
    variant = np.empty(len(order), dtype=np.int64)
    for c, members in enumerate(category_variants):
        sel = np.flatnonzero(cat == c)
        zipf = np.cumsum(1.0 / (np.arange(len(members)) + 3.0))
        variant[sel] = members[np.searchsorted(zipf, rng.random(len(sel)) * zipf[-1], side="right")]
    b2b_line = b2b[order]
    qty = np.where(
        b2b_line,
        np.minimum(rng.geometric(0.22, len(order)), 40),
        rng.choice([1, 2, 3], len(order), p=(0.86, 0.11, 0.03)),
    )
    price = catalogue["price"][variant]
    # Order-level discount codes: Black Friday, post-Christmas sale, B2B contract prices.
    p_disc = np.select([b2b, bf], [0.7, 0.65], 0.12)
    has = rng.random(n) < p_disc
    pct = np.select(
        [b2b, bf],
        [rng.choice([8, 10, 12, 15], n), rng.choice([20, 30, 40], n)],
        rng.choice([10, 15, 20, 25, 30], n),
    )
    pct = np.where(has & ~test, pct, 0)[order]
    discount = np.floor(price * qty * pct / 100 + 0.5).astype(np.int64)
    return Lines(
        order=order, variant=variant, qty=qty.astype(np.int64), price=price, discount=discount
    )


def _refunds(
    rng: np.random.Generator, tl: Timeline, orders: Orders, lines: Lines, change_ts: int
) -> Refunds:
    n = orders.n
    eligible = (orders.cancelled_at == NA) & ~orders.test & (orders.subtotal > 0)
    after = orders.ts >= change_ts
    p = np.select([orders.channel == WEB_CH, orders.channel == DRAFT_CH], [0.10, 0.05], 0.045)
    p = np.where(orders.b2b, p * 0.7, p) + np.where(after & (orders.channel != POS_CH), 0.015, 0)
    has = eligible & (rng.random(n) < p)
    idx = np.flatnonzero(has)
    u = rng.random(len(idx))
    damaged_p = np.where(after[idx] & (orders.channel[idx] != POS_CH), 0.40, 0.25)
    kind = np.where(u < damaged_p, DAMAGED, np.where(u < damaged_p + 0.15, GOODWILL, RETURN))

    # A refunded line: a random line of the order (damage refunds one unit of it).
    first_line = np.searchsorted(lines.order, idx)
    n_lines = np.searchsorted(lines.order, idx, side="right") - first_line
    li = first_line + (rng.random(len(idx)) * n_lines).astype(np.int64)
    line_net = lines.price[li] * lines.qty[li] - lines.discount[li]
    unit_net = line_net // np.maximum(lines.qty[li], 1)
    sub = orders.subtotal[idx]
    full = rng.random(len(idx)) < 0.35
    goodwill = np.maximum(500, np.round(sub * rng.uniform(0.05, 0.2, len(idx)) / 100) * 100).astype(
        np.int64
    )
    amount = np.select(
        [kind == RETURN, kind == DAMAGED],
        [np.where(full, sub, line_net), unit_net],
        goodwill,
    )
    amount = np.clip(amount, 100, sub)

    base = np.where(orders.channel[idx] == POS_CH, orders.ts[idx], orders.delivered_at[idx])
    delay = np.select(
        [kind == RETURN, kind == DAMAGED],
        [rng.uniform(1, 25, len(idx)), rng.uniform(0.5, 8, len(idx))],
        rng.uniform(2, 20, len(idx)),
    )
    created = base + (delay * DAY).astype(np.int64)
    processed = created + rng.integers(MINUTE, 2 * DAY, len(idx))
    ok = processed <= tl.export_ts
    return Refunds(
        order=idx[ok],
        created=created[ok],
        processed=processed[ok],
        kind=kind[ok],
        amount=amount[ok],
    )


def drop_orders(
    orders: Orders, lines: Lines, refunds: Refunds, keep: np.ndarray
) -> tuple[Orders, Lines, Refunds, np.ndarray]:
    """Keep a subset of orders with their lines and refunds; returns old -> new index (-1)."""
    remap = np.full(orders.n, -1, dtype=np.int64)
    remap[keep] = np.arange(int(keep.sum()))
    lk = keep[lines.order]
    rk = keep[refunds.order]
    new_lines = subset_rows(lines, lk)
    new_lines = replace(new_lines, order=remap[new_lines.order])
    new_refunds = subset_rows(refunds, rk)
    new_refunds = replace(new_refunds, order=remap[new_refunds.order])
    return subset_rows(orders, keep), new_lines, new_refunds, remap
