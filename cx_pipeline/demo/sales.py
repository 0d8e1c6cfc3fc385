"""B2B sales: meetings with company contacts and deals, owned by salespeople.

Meetings fall on business days in office hours; those after the export moment are still
SCHEDULED. Salespeople differ in how useful customers find their meetings (pulse survey).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import pools
from .clock import business_day
from .people import Companies, People
from .timeline import DAY, HOUR, MINUTE, Timeline

OUTCOMES: tuple[str, ...] = ("COMPLETED", "NO_SHOW", "CANCELED", "RESCHEDULED", "SCHEDULED")
COMPLETED, NO_SHOW, CANCELED, RESCHEDULED, SCHEDULED = range(5)
STAGES: tuple[str, ...] = (
    "closedwon", "closedlost", "appointmentscheduled", "qualifiedtobuy",
    "presentationscheduled", "decisionmakerboughtin", "contractsent",
)  # fmt: skip
WON, LOST = 0, 1


@dataclass(frozen=True)
class Meetings:
    company: np.ndarray
    person: np.ndarray
    owner: np.ndarray  # salesperson index
    start: np.ndarray
    end: np.ndarray
    outcome: np.ndarray
    title: np.ndarray
    modified: np.ndarray


@dataclass(frozen=True)
class Deals:
    company: np.ndarray
    person: np.ndarray
    owner: np.ndarray
    created: np.ndarray
    close: np.ndarray
    stage: np.ndarray
    amount: np.ndarray  # cents
    name: np.ndarray  # index into pools.DEAL_NAMES
    modified: np.ndarray


def _member(rng: np.random.Generator, people: People, company: np.ndarray) -> np.ndarray:
    """A random contact person of each company (members are consecutive in the chunk)."""
    members = np.flatnonzero(people.company >= 0)
    comp = people.company[members]
    first = np.searchsorted(comp, company)
    count = np.searchsorted(comp, company, side="right") - first
    return members[first + (rng.random(len(company)) * count).astype(np.int64)]


def draw_sales(
    rng: np.random.Generator, tl: Timeline, people: People, companies: Companies, n_sales: int
) -> tuple[Meetings, Deals]:
    nc = companies.n
    horizon = tl.export_ts + 30 * DAY
    span = np.maximum(horizon - companies.created - 3 * DAY, DAY)
    cnt = rng.poisson(span / (2.2 * 30.4 * DAY)) + 1
    c = np.repeat(np.arange(nc), cnt)
    m = len(c)
    raw = companies.created[c] + 3 * DAY + (rng.random(m) * span[c]).astype(np.int64)
    day = business_day(rng, tl, tl.day_of(raw))
    start = tl.at(day, (9 + rng.integers(0, 13, m) * 0.5) * HOUR)
    end = start + rng.choice([30, 45, 60], m) * MINUTE
    owner = np.where(rng.random(m) < 0.9, companies.owner[c], rng.integers(0, n_sales, m))
    outcome = rng.choice(4, m, p=(0.75, 0.07, 0.10, 0.08))
    outcome = np.where(start > tl.export_ts, SCHEDULED, outcome)
    booked = start - rng.integers(2 * DAY, 20 * DAY, m)
    modified = np.where(outcome == SCHEDULED, booked, end + rng.integers(10 * MINUTE, 2 * DAY, m))
    keep = booked <= tl.export_ts
    modified = np.minimum(modified, tl.export_ts)
    meetings = Meetings(
        company=c[keep],
        person=_member(rng, people, c[keep]),
        owner=owner[keep],
        start=start[keep],
        end=end[keep],
        outcome=outcome[keep],
        title=rng.integers(0, len(pools.MEETING_TITLES), int(keep.sum())),
        modified=modified[keep],
    )

    span = np.maximum(tl.export_ts - companies.created, DAY)
    dcnt = rng.poisson(0.4 + span / (5 * 30.4 * DAY))
    dc = np.repeat(np.arange(nc), dcnt)
    k = len(dc)
    created = companies.created[dc] + (rng.random(k) * span[dc]).astype(np.int64)
    close = created + (rng.uniform(15, 100, k) * DAY).astype(np.int64)
    closed = close <= tl.export_ts
    s = people.s[_member(rng, people, dc)] if k else np.zeros(0)
    won = rng.random(k) < 0.55 + 0.08 * s
    stage = np.where(closed, np.where(won, WON, LOST), rng.integers(2, len(STAGES), k))
    size = (companies.employees[dc] / 25.0) ** 0.3
    amount = (np.round(np.exp(rng.normal(np.log(6_000), 0.8, k)) * size / 100) * 100 * 100).astype(
        np.int64
    )
    modified = np.where(closed, close, created + rng.integers(HOUR, 20 * DAY, k))
    deals = Deals(
        company=dc,
        person=_member(rng, people, dc),
        owner=companies.owner[dc],
        created=created,
        close=close,
        stage=stage,
        amount=amount,
        name=rng.integers(0, len(pools.DEAL_NAMES), k),
        modified=np.minimum(modified, tl.export_ts),
    )
    return meetings, deals
