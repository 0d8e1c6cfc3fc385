"""Support CSAT (satisfaction ratings) and CES on solved tickets.

A rating is offered at the (latest) solve; ~30 % answer, most within a day, a few weeks
later. CES is offered with every rating, and an offer stays a row with no score until it
is answered (as an offered rating has no rating). Both scores fall with a slow first
reply, reopens and long back-and-forth, and after the delivery-partner change for
delivery contacts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import pools
from .helpdesk import CHAT_T, DELIVERY, VOICE_T, WISMO, Plan
from .org import Org
from .people import People
from .scoring import comment_codes, five_point, tone_of_five
from .ticket_events import EventLog, is_solved
from .timeline import DAY, HOUR, Timeline


@dataclass(frozen=True)
class Ratings:
    ticket: np.ndarray
    created: np.ndarray
    updated: np.ndarray
    rating: np.ndarray  # 1..5 or -1 when only offered
    comment: np.ndarray
    reason: np.ndarray


@dataclass(frozen=True)
class CesAnswers:
    ticket: np.ndarray
    ts: np.ndarray
    score: np.ndarray
    comment: np.ndarray


@dataclass(frozen=True)
class CesOffers:
    """Every CES survey offered: answered ones carry the score, the others -1."""

    ticket: np.ndarray
    created: np.ndarray
    updated: np.ndarray
    score: np.ndarray  # 1..5 or -1 when only offered
    comment: np.ndarray


def _answer_delay(rng: np.random.Generator, n: int) -> np.ndarray:
    u = rng.random(n)
    days = np.select(
        [u < 0.85, u < 0.97],
        [np.minimum(rng.exponential(0.8, n), 7.0), rng.uniform(1, 7, n)],
        rng.uniform(7, 28, n),
    )
    return (days * DAY).astype(np.int64) + 60


def _experience(plan: Plan, people: People, org: Org, change_ts: int) -> np.ndarray:
    frt_h = np.clip(plan.frt_hours, 0, None)
    delivery_pain = np.isin(plan.reason, (WISMO, DELIVERY)) & (plan.t0 >= change_ts)
    live = (plan.channel == CHAT_T) | (plan.channel == VOICE_T)
    return (
        0.55 * people.s[plan.person]
        + org.agent_quality[plan.agent2]
        - 0.45 * np.log1p(frt_h / 2.0)
        - 0.9 * plan.reopen
        - 0.3 * np.maximum(plan.rounds - 1, 0)
        - 0.8 * delivery_pain
        + 0.2 * live
    )


def draw_support_surveys(
    rng: np.random.Generator,
    tl: Timeline,
    org: Org,
    people: People,
    plan: Plan,
    log: EventLog,
    change_ts: int,
) -> tuple[Ratings, CesAnswers, CesOffers]:
    eligible = ~plan.outbound & ~plan.deleted & is_solved(log.status)
    offered = np.where(plan.t_solve <= tl.export_ts, plan.t_solve, plan.t_solve1)
    idx = np.flatnonzero(eligible & (offered <= tl.export_ts))
    exp = _experience(plan, people, org, change_ts)[idx]
    k = len(idx)

    answer_at = offered[idx] + _answer_delay(rng, k)
    answered = (rng.random(k) < 0.33) & (answer_at <= tl.export_ts)
    latent = exp + 1.6 + rng.normal(0, 0.8, k)
    rating = np.where(answered, five_point(latent, (-1.2, -0.55, 0.0, 0.55)), -1)
    tone = tone_of_five(np.maximum(rating, 1))
    comment = np.where(answered, comment_codes(rng, tone, 0.35), -1)
    bad = answered & (rating <= 3)
    reason = np.where(
        bad & (rng.random(k) < 0.7), rng.integers(0, len(pools.SUPPORT_BAD_REASONS), k), -1
    )
    ratings = Ratings(
        ticket=idx,
        created=offered[idx],
        updated=np.where(answered, answer_at, offered[idx]),
        rating=rating,
        comment=comment,
        reason=reason,
    )

    c_sel = rng.random(k) < 0.25
    c_at = offered[idx] + _answer_delay(rng, k)
    c_ok = c_sel & (c_at <= tl.export_ts)
    frt_h = np.clip(plan.frt_hours[idx], 0, None)
    ease = (
        0.35 * people.s[plan.person[idx]]
        + 0.9
        - 0.4 * plan.rounds[idx]
        - 0.8 * plan.reopen[idx]
        - 0.25 * np.log1p(frt_h / 2.0)
        + 0.3 * (plan.channel[idx] == CHAT_T)
        + rng.normal(0, 0.8, k)
    )
    score = five_point(ease, (-1.0, -0.45, 0.05, 0.6))
    ces = CesAnswers(
        ticket=idx[c_ok],
        ts=c_at[c_ok],
        score=score[c_ok],
        comment=comment_codes(rng, tone_of_five(score[c_ok]), 0.2),
    )
    offer_comment = np.full(k, -1)
    offer_comment[c_ok] = ces.comment
    offers = CesOffers(
        ticket=idx,
        created=offered[idx],
        updated=np.where(c_ok, c_at, offered[idx]),
        score=np.where(c_ok, score, -1),
        comment=offer_comment,
    )
    return ratings, ces, offers


def late_rating(ratings: Ratings, tl: Timeline, rng: np.random.Generator) -> tuple[Ratings, int]:
    """One rating offered in an earlier month that arrives on the last day (late data)."""
    last_day = tl.day_start[tl.n_days - 1]
    month0 = tl.month_start_ts(tl.n_months - 1)
    cand = np.flatnonzero((ratings.created < month0 - 3 * DAY) & (ratings.rating == -1))
    if len(cand) == 0:
        return ratings, 0
    i = int(cand[-1])
    updated = ratings.updated.copy()
    rating = ratings.rating.copy()
    updated[i] = last_day + 12 * HOUR + int(rng.integers(0, HOUR))
    rating[i] = 2
    return (
        Ratings(ratings.ticket, ratings.created, updated, rating, ratings.comment, ratings.reason),
        1,
    )
