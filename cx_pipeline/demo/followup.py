"""Closed loop: CRM tasks that follow up negative feedback, plus ordinary sales tasks.

Negative answers (NPS 0-6, post-purchase CSAT 1-2, support CES 1-2) get a call or e-mail
task for a month-dependent share (the follow-up discipline drifts), mostly within 48 hours;
a few tasks are created but never done. Sales tasks (offers for deals) are noise the
follow-up metric must not count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import pools
from .feedback import Answers
from .frames import concat_rows, subset_rows
from .people import Companies, People
from .sales import Deals
from .support_surveys import CesAnswers
from .timeline import DAY, HOUR, NA, Timeline

TASK_TYPES: tuple[str, ...] = ("CALL", "EMAIL", "TODO")
STATUSES: tuple[str, ...] = ("COMPLETED", "NOT_STARTED", "IN_PROGRESS")
PRIORITIES: tuple[str, ...] = ("HIGH", "MEDIUM", "LOW")
SUBJECTS: tuple[str, ...] = (
    "Palautteen seuranta: NPS",
    "Palautteen seuranta: ostokokemus",
    "Palautteen seuranta: asiakaspalvelu",
    *pools.SALES_TASKS,
)


@dataclass(frozen=True)
class Tasks:
    person: np.ndarray
    answer: np.ndarray  # index into Answers, or -1
    subject: np.ndarray
    ttype: np.ndarray
    status: np.ndarray
    priority: np.ndarray
    created: np.ndarray
    due: np.ndarray
    completed: np.ndarray
    owner_id: np.ndarray  # final crm owner id
    modified: np.ndarray


def followup_rates(rng: np.random.Generator, n_months: int) -> np.ndarray:
    """Share of negative feedback followed up, per month: a visible drift around 0.7."""
    m = np.arange(n_months)
    wave = 0.10 * np.sin(2 * np.pi * m / 7.0 + rng.uniform(0, 2 * np.pi))
    walk = np.cumsum(rng.normal(0, 0.02, n_months))
    return np.clip(0.74 + wave + walk - walk.mean(), 0.55, 0.92)


def draw_tasks(
    rng: np.random.Generator,
    tl: Timeline,
    people: People,
    companies: Companies,
    answers: Answers,
    ces: CesAnswers,
    ces_person: np.ndarray,
    deals: Deals,
    sales_owner_ids: np.ndarray,
    cs_owner_ids: np.ndarray,
    rates: np.ndarray,
) -> Tasks:
    neg = np.flatnonzero(answers.negative)
    ces_neg = np.flatnonzero(ces.score <= 2)
    person = np.r_[answers.person[neg], ces_person[ces_neg]]
    at = np.r_[answers.ts[neg], ces.ts[ces_neg]]
    answer = np.r_[neg, np.full(len(ces_neg), -1)]
    subject = np.r_[np.where(answers.survey[neg] == 1, 0, 1), np.full(len(ces_neg), 2)]
    score = np.r_[answers.score[neg], ces.score[ces_neg]]
    k = len(at)

    month = tl.month_idx[tl.day_of(at)]
    followed = rng.random(k) < rates[np.minimum(month, len(rates) - 1)]
    fast = rng.random(k) < 0.86
    delay = np.where(
        fast,
        np.minimum(np.exp(rng.normal(np.log(5 * HOUR), 1.0, k)), 46 * HOUR),
        rng.uniform(2, 10, k) * DAY,
    ).astype(np.int64)
    created = at + delay
    done_at = created + np.exp(rng.normal(np.log(3 * HOUR), 0.9, k)).astype(np.int64)
    never_done = rng.random(k) < 0.08
    keep = followed & (created <= tl.export_ts)
    completed = np.where(~never_done & (done_at <= tl.export_ts), done_at, NA)
    status = np.where(completed != NA, 0, np.where(rng.random(k) < 0.6, 1, 2))
    company = people.company[person]
    owner = np.where(
        company >= 0,
        sales_owner_ids[companies.owner[np.maximum(company, 0)]] if companies.n else 0,
        cs_owner_ids[rng.integers(0, len(cs_owner_ids), k)],
    )
    fb = Tasks(
        person=person,
        answer=answer,
        subject=subject,
        ttype=np.where(rng.random(k) < 0.6, 0, 1),
        status=status,
        priority=np.where(score <= 3, 0, 1),
        created=created,
        due=created + DAY,
        completed=completed,
        owner_id=owner,
        modified=np.where(completed != NA, completed, created),
    )
    fb = subset_rows(fb, keep)

    # Sales tasks around deals.
    d = np.flatnonzero(rng.random(len(deals.created)) < 0.7)
    m = len(d)
    created = deals.created[d] + rng.integers(HOUR, 10 * DAY, m)
    done = created + rng.integers(HOUR, 5 * DAY, m)
    completed = np.where((done <= tl.export_ts) & (rng.random(m) < 0.9), done, NA)
    sales = Tasks(
        person=deals.person[d],
        answer=np.full(m, -1),
        subject=3 + rng.integers(0, len(pools.SALES_TASKS), m),
        ttype=rng.choice(3, m, p=(0.4, 0.4, 0.2)),
        status=np.where(completed != NA, 0, 1),
        priority=rng.choice(3, m, p=(0.2, 0.6, 0.2)),
        created=created,
        due=created + 3 * DAY,
        completed=completed,
        owner_id=sales_owner_ids[deals.owner[d]],
        modified=np.where(completed != NA, completed, created),
    )
    ok = sales.created <= tl.export_ts
    sales = subset_rows(sales, ok)
    return concat_rows(fb, sales)
