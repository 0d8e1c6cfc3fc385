"""People of one chunk: buyers with a shop account, guest buyers, CRM-only leads, and the
B2B companies some buyers work for. Each person has a latent satisfaction ``s`` that later
drives ordering, churn and survey answers, and e-mail addresses per system (mostly equal,
a few with different case or surrounding whitespace).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import pools
from .clock import WEB, office_times, sample_hours, store_times, web_times
from .frames import pick
from .timeline import DAY, HOUR, NA, Timeline

ACCOUNT, GUEST, LEAD = 0, 1, 2
PERSONS_PER_SCALE = 7_600  # buyers with an account, guest buyers and leads at scale 1
KIND_P = (0.685, 0.045, 0.27)
B2B_SHARE = 0.15  # of buyers with an account
EMAIL_DIRT_P = 0.04  # one system holds the address with other case or whitespace
SYSTEMS = ("crm", "shop", "helpdesk")

FIRST_ORDER_CHANNEL_P = {  # web, pos, draft (phone) for the first order
    "b2c_store_city": (0.15, 0.77, 0.08),
    "b2c_other_city": (0.30, 0.60, 0.10),
    "b2b": (0.20, 0.35, 0.45),
}
WEB_CH, POS_CH, DRAFT_CH = 0, 1, 2


@dataclass(frozen=True)
class Companies:
    n: int
    name: pa.Array
    domain: pa.Array
    industry: pa.Array
    city: np.ndarray
    employees: np.ndarray
    owner: np.ndarray  # salesperson index into Org.sales_owner_ids
    created: np.ndarray
    modified: np.ndarray


@dataclass(frozen=True)
class People:
    n: int
    pid: np.ndarray  # global person index (unique across chunks)
    kind: np.ndarray
    b2b: np.ndarray
    company: np.ndarray  # local company index or -1
    s: np.ndarray  # latent satisfaction, N(0, 1)
    city: np.ndarray
    first: np.ndarray
    last: np.ndarray
    email: dict[str, pa.Array]  # per system: crm, shop, helpdesk
    email_dirty: np.ndarray  # index into SYSTEMS of the system with a variant, or -1
    phone: pa.Array
    created: np.ndarray  # CRM createdate
    t1: np.ndarray  # first marketing touch
    first_touch_channel: np.ndarray  # filled by marketing (touch channel code)
    f: np.ndarray  # first order instant (buyers; may lie after the export => not converted)
    first_channel: np.ndarray  # web/pos/draft of the first order
    store: np.ndarray  # preferred store index

    @property
    def buyer(self) -> np.ndarray:
        return self.kind != LEAD

    def converted(self, tl: Timeline) -> np.ndarray:
        return self.buyer & (self.f <= tl.export_ts)


def acquisition_weights(tl: Timeline) -> np.ndarray:
    """Daily density of first touches: a launch wave of existing store customers, then growth."""
    d = np.arange(tl.n_days)
    launch = np.exp(-d / 25.0)
    steady = np.exp(0.03 * d / 30.4) * (0.7 + 0.3 * np.isin(tl.month[d], [3, 4, 5, 9, 10, 11]))
    w = 0.4 * launch / launch.sum() + 0.6 * steady / steady.sum()
    return w / w.sum()


def _lags(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds from first touch to first order: most within weeks, a tail past 90 days."""
    u = rng.random(n)
    days = np.select(
        [u < 0.5, u < 0.84, u < 0.93],
        [rng.exponential(6.0, n), rng.uniform(5, 60, n), rng.uniform(60, 88, n)],
        rng.uniform(90, 180, n),
    )
    return (days * DAY).astype(np.int64)


def draw_people(
    rng: np.random.Generator, tl: Timeline, n: int, p0: int, n_sales: int
) -> tuple[People, Companies]:
    kind = rng.choice(3, size=n, p=KIND_P)
    b2b = (kind == ACCOUNT) & (rng.random(n) < B2B_SHARE)
    s = rng.normal(0.0, 1.0, n)
    city_w = np.array([c[1] for c in pools.CITIES])
    city = rng.choice(len(city_w), size=n, p=city_w / city_w.sum())
    first = rng.integers(0, len(pools.FIRST_NAMES), n)
    # Common surnames are more common (Zipf-like weights).
    last_w = 1.0 / (np.arange(len(pools.LAST_NAMES)) + 4.0)
    last = rng.choice(len(last_w), size=n, p=last_w / last_w.sum())

    acq = acquisition_weights(tl)
    day = rng.choice(tl.n_days, size=n, p=acq)
    t1 = tl.at(day, sample_hours(rng, WEB, n))
    # The contact record exists a little before the first tracked touch (a form, a cookie).
    created = t1 - (rng.random(n) * np.minimum(36 * HOUR, t1 - tl.start_ts)).astype(np.int64)

    company, companies = _companies(rng, tl, b2b, city, created, n_sales, p0)
    city = np.where(company >= 0, companies.city[np.maximum(company, 0)], city)

    store_of_city = np.array([c[2] for c in pools.CITIES])
    store_city = np.isin(city, [st[2] for st in pools.STORES])
    store = np.where(
        rng.random(n) < 0.85, store_of_city[city], rng.integers(0, len(pools.STORES), n)
    )

    probs = np.select(
        [b2b[:, None], store_city[:, None]],
        [np.array(FIRST_ORDER_CHANNEL_P["b2b"]), np.array(FIRST_ORDER_CHANNEL_P["b2c_store_city"])],
        np.array(FIRST_ORDER_CHANNEL_P["b2c_other_city"]),
    )
    first_channel = (rng.random(n)[:, None] > np.cumsum(probs, axis=1)).sum(axis=1)
    first_channel = np.where(kind == GUEST, WEB_CH, first_channel)  # guest checkout is online
    f = _first_orders(rng, tl, t1, first_channel)
    f = np.where(kind == LEAD, NA, f)

    pid = p0 + np.arange(n)
    email, dirty = _emails(rng, pid, first, last, company, companies)
    phone_ok = rng.random(n) >= 0.08
    phone = pc.binary_join_element_wise(
        "+358 ",
        pick(("40", "41", "44", "45", "50"), rng.integers(0, 5, n)),
        " ",
        pa.array(rng.integers(1_000_000, 9_999_999, n)).cast(pa.string()),
        "",
    )
    phone = pc.if_else(pa.array(phone_ok), phone, pa.nulls(n, pa.string()))

    people = People(
        n=n,
        pid=pid,
        kind=kind,
        b2b=b2b,
        company=company,
        s=s,
        city=city,
        first=first,
        last=last,
        email=email,
        email_dirty=dirty,
        phone=phone,
        created=created,
        t1=t1,
        first_touch_channel=np.zeros(n, dtype=np.int64),
        f=f,
        first_channel=first_channel,
        store=store,
    )
    return people, companies


def _first_orders(
    rng: np.random.Generator, tl: Timeline, t1: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    n = len(t1)
    raw = t1 + _lags(rng, n)
    day = np.minimum(tl.day_of(raw), len(tl.day_start) - 3)
    ts = np.select(
        [channel == WEB_CH, channel == POS_CH],
        [web_times(rng, tl, day), store_times(rng, tl, day)],
        office_times(rng, tl, day),
    )
    # Same-day buyers: the order follows the first touch (a store or phone order a day later).
    early = ts < t1 + 300
    web = early & (channel == WEB_CH)
    ts[web] = t1[web] + 300 + rng.integers(0, 2 * HOUR, web.sum())
    other = early & ~web
    ts[other] += np.ceil((t1[other] + 300 - ts[other]) / DAY).astype(np.int64) * DAY
    return ts


def _companies(
    rng: np.random.Generator,
    tl: Timeline,
    b2b: np.ndarray,
    city: np.ndarray,
    created: np.ndarray,
    n_sales: int,
    p0: int,
) -> tuple[np.ndarray, Companies]:
    members = np.flatnonzero(b2b)
    company = np.full(len(b2b), -1, dtype=np.int64)
    sizes: list[int] = []
    left = len(members)
    while left > 0:  # loop over companies only (a few thousand per chunk at most)
        size = int(min(left, min(6, rng.geometric(0.55))))
        sizes.append(size)
        left -= size
    nc = len(sizes)
    company[members] = np.repeat(np.arange(nc), sizes)
    heads = members[np.r_[0, np.cumsum(sizes)[:-1]]] if nc else members[:0]
    word = rng.integers(0, len(pools.COMPANY_WORDS), nc)
    ckind = rng.integers(0, len(pools.COMPANY_KINDS), nc)
    form = rng.integers(0, len(pools.COMPANY_FORMS), nc)
    names = pa.array(
        [
            f"{pools.COMPANY_WORDS[w]} {pools.COMPANY_KINDS[k][0]} {pools.COMPANY_FORMS[f]}"
            for w, k, f in zip(word, ckind, form, strict=True)
        ],
        pa.string(),
    )
    domains = pa.array(
        [
            f"{pools.ascii_fold(pools.COMPANY_WORDS[w])}{pools.ascii_fold(pools.COMPANY_KINDS[k][0])}"
            f"-{p0 + h}.example"
            for w, k, h in zip(word, ckind, heads, strict=True)
        ],
        pa.string(),
    )
    first_created = np.full(nc, np.iinfo(np.int64).max)
    np.minimum.at(first_created, company[members], created[members])
    ccreated = first_created - (
        rng.random(nc) * np.minimum(5 * DAY, first_created - tl.start_ts)
    ).astype(np.int64)
    companies = Companies(
        n=nc,
        name=names,
        domain=domains,
        industry=pa.array([pools.COMPANY_KINDS[k][1] for k in ckind], pa.string()),
        city=city[heads],
        employees=np.round(np.exp(rng.normal(3.2, 1.1, nc))).astype(np.int64) + 1,
        owner=rng.integers(0, n_sales, nc),
        created=ccreated,
        modified=np.minimum(ccreated + rng.integers(DAY, 200 * DAY, nc), tl.export_ts),
    )
    return company, companies


def _emails(
    rng: np.random.Generator,
    pid: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    company: np.ndarray,
    companies: Companies,
) -> tuple[dict[str, pa.Array], np.ndarray]:
    n = len(pid)
    fa = pa.array([pools.ascii_fold(x) for x in pools.FIRST_NAMES]).take(pa.array(first))
    la = pa.array([pools.ascii_fold(x) for x in pools.LAST_NAMES]).take(pa.array(last))
    num = pa.array(pid).cast(pa.string())
    initial = pc.utf8_slice_codeunits(fa, 0, 1)
    domain = pick(("example.fi", "example.com", "example.net"), rng.choice(3, n, p=(0.6, 0.3, 0.1)))
    patterns = [
        pc.binary_join_element_wise(fa, ".", la, num, ""),
        pc.binary_join_element_wise(fa, num, ""),
        pc.binary_join_element_wise(initial, la, num, ""),
        pc.binary_join_element_wise(la, ".", fa, num, ""),
    ]
    local = pc.choose(pa.array(rng.choice(4, n, p=(0.5, 0.15, 0.2, 0.15))), *patterns)
    b2c = pc.binary_join_element_wise(local, "@", domain, "")
    # Company staff: firstname.lastname@company domain; the person number keeps them unique.
    cdomain = companies.domain.take(pa.array(np.maximum(company, 0))) if companies.n else domain
    key = company * 10_000 + first * 100 + last
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    clash = pa.array(counts[inverse] > 1)  # namesakes in one company get a number
    b2b = pc.if_else(
        clash,
        pc.binary_join_element_wise(fa, ".", la, num, "@", cdomain, ""),
        pc.binary_join_element_wise(fa, ".", la, "@", cdomain, ""),
    )
    canonical = pc.if_else(pa.array(company >= 0), b2b, b2c)

    dirty = np.where(rng.random(n) < EMAIL_DIRT_P, rng.integers(0, 3, n), -1)
    style = rng.integers(0, 4, n)
    variant = pc.choose(
        pa.array(style),
        pc.utf8_capitalize(canonical),
        pc.utf8_upper(canonical),
        pc.binary_join_element_wise(" ", canonical, ""),
        pc.binary_join_element_wise(pc.utf8_capitalize(canonical), "  ", ""),
    )
    emails = {
        system: pc.if_else(pa.array(dirty == k), variant, canonical)
        for k, system in enumerate(SYSTEMS)
    }
    return emails, dirty
