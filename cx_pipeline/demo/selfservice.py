"""Help-centre and chatbot sessions.

Failures are tied to tickets: a help-centre visit shortly before a ticket (the article did
not help) and chatbot conversations handed over to a chat agent. Successes are visits and
bot conversations with no contact after them, and bot-solved questions (more after the bot
upgrade). About 30 % of sessions are anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import pools
from .clock import WEB, sample_hours
from .helpdesk import CHAT_T, BotContained, Plan
from .people import People
from .timeline import DAY, HOUR, MINUTE, NA, Timeline

SESSION_OUTCOMES: tuple[str, ...] = (
    "helpful",
    "not_helpful",
    "no_vote",
    "resolved",
    "handover",
    "abandoned",
    "small_talk",
)
HELPFUL, NOT_HELPFUL, NO_VOTE, RESOLVED, HANDOVER, ABANDONED, SMALL_TALK = range(7)
HELP_CENTER, CHATBOT = 0, 1
SESSION_CHANNELS: tuple[str, ...] = ("help_center", "chatbot")

_REASON_NAMES = [r for r, _ in pools.REASONS]
ARTICLE_POOL = np.array([a for r in _REASON_NAMES for a in pools.ARTICLES[r]])
ARTICLE_START = np.cumsum([0] + [len(pools.ARTICLES[r]) for r in _REASON_NAMES])[:-1]
ARTICLE_COUNT = np.array([len(pools.ARTICLES[r]) for r in _REASON_NAMES])
QUERIES: tuple[str, ...] = tuple(q for r in _REASON_NAMES for q in pools.SEARCH_QUERIES[r])
QUERY_START = np.cumsum([0] + [len(pools.SEARCH_QUERIES[r]) for r in _REASON_NAMES])[:-1]
QUERY_COUNT = np.array([len(pools.SEARCH_QUERIES[r]) for r in _REASON_NAMES])
REASON_W = np.array([0.18, 0.08, 0.07, 0.22, 0.08, 0.2, 0.07, 0.07, 0.03])


@dataclass(frozen=True)
class Sessions:
    person: np.ndarray  # -1 anonymous
    channel: np.ndarray
    start: np.ndarray
    end: np.ndarray
    article: np.ndarray  # NA when none
    query: np.ndarray  # index into QUERIES or -1
    outcome: np.ndarray
    ticket: np.ndarray  # plan index of the handover ticket, or -1


def _article(rng: np.random.Generator, reason: np.ndarray) -> np.ndarray:
    return ARTICLE_POOL[
        ARTICLE_START[reason] + (rng.random(len(reason)) * ARTICLE_COUNT[reason]).astype(np.int64)
    ]


def _query(rng: np.random.Generator, reason: np.ndarray, share: float) -> np.ndarray:
    q = QUERY_START[reason] + (rng.random(len(reason)) * QUERY_COUNT[reason]).astype(np.int64)
    return np.where(rng.random(len(reason)) < share, q, -1)


def draw_sessions(
    rng: np.random.Generator,
    tl: Timeline,
    people: People,
    plan: Plan,
    bot: BotContained,
    upgrade_ts: int,
) -> Sessions:
    parts: list[dict[str, np.ndarray]] = []

    def add(
        person: np.ndarray,
        channel: int,
        start: np.ndarray,
        end: np.ndarray,
        article: np.ndarray,
        query: np.ndarray,
        outcome: np.ndarray,
        ticket: np.ndarray | None = None,
    ) -> None:
        k = len(start)
        parts.append(
            {
                "person": person,
                "channel": np.broadcast_to(channel, (k,)),
                "start": start,
                "end": end,
                "article": article,
                "query": query,
                "outcome": outcome,
                "ticket": np.full(k, -1) if ticket is None else ticket,
            }
        )

    # Help-centre visits that did not prevent a ticket within the next day.
    customer_made = ~plan.outbound & ~plan.via_bot & (plan.channel != CHAT_T)
    t = np.flatnonzero(customer_made & (rng.random(plan.n) < 0.3))
    start = plan.t0[t] - rng.integers(10 * MINUTE, 20 * HOUR, len(t))
    known = rng.random(len(t)) < 0.7
    add(
        np.where(known, plan.person[t], -1),
        HELP_CENTER,
        start,
        start + rng.integers(MINUTE, 8 * MINUTE, len(t)),
        _article(rng, plan.reason[t]),
        _query(rng, plan.reason[t], 0.8),
        np.where(rng.random(len(t)) < 0.55, NOT_HELPFUL, NO_VOTE),
    )

    # Chatbot conversations handed over to an agent: the chat ticket starts as the bot ends.
    t = np.flatnonzero(plan.via_bot)
    add(
        plan.person[t],
        CHATBOT,
        plan.t0[t] - rng.integers(2 * MINUTE, 6 * MINUTE, len(t)),
        plan.t0[t],
        np.full(len(t), NA),
        _query(rng, plan.reason[t], 0.6),
        np.full(len(t), HANDOVER),
        t,
    )

    # Chatbot conversations that solved the question.
    k = len(bot.ts)
    add(
        np.where(rng.random(k) < 0.8, bot.person, -1),
        CHATBOT,
        bot.ts,
        bot.ts + rng.integers(MINUTE, 5 * MINUTE, k),
        np.where(rng.random(k) < 0.5, _article(rng, bot.reason), NA),
        _query(rng, bot.reason, 0.6),
        np.full(k, RESOLVED),
    )

    # Independent visits and bot chats by customers and leads (no ticket follows).
    life = np.maximum(tl.export_ts - people.created, 0) / (30.4 * DAY)
    for channel, rate in ((HELP_CENTER, 0.05), (CHATBOT, 0.011)):
        cnt = rng.poisson(life * rate)
        p = np.repeat(np.arange(people.n), cnt)
        m = len(p)
        day = tl.day_of(
            people.created[p]
            + (rng.random(m) * (tl.export_ts - people.created[p])).astype(np.int64)
        )
        start = np.maximum(tl.at(day, sample_hours(rng, WEB, m)), people.created[p])
        reason = rng.choice(len(REASON_W), m, p=REASON_W)
        if channel == HELP_CENTER:
            outcome = rng.choice([HELPFUL, NO_VOTE, NOT_HELPFUL], m, p=(0.6, 0.3, 0.1))
            article = _article(rng, reason)
        else:
            upgraded = start >= upgrade_ts
            # More people try the upgraded bot: drop part of the pre-upgrade conversations.
            outcome_keep = upgraded | (rng.random(m) < 0.7)
            before = rng.choice([RESOLVED, ABANDONED, SMALL_TALK], m, p=(0.35, 0.3, 0.35))
            after = rng.choice([RESOLVED, ABANDONED, SMALL_TALK], m, p=(0.5, 0.2, 0.3))
            outcome = np.where(upgraded, after, before)
            article = np.where(outcome == RESOLVED, _article(rng, reason), NA)
            start = np.where(outcome_keep, start, NA)
        add(
            np.where(rng.random(m) < 0.68, p, -1),
            channel,
            start,
            start + rng.integers(30, 10 * MINUTE, m),
            article,
            _query(rng, reason, 0.6 if channel == HELP_CENTER else 0.4),
            outcome,
        )

    cols = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    keep = (
        cols["start"] >= tl.start_ts
    )  # NA starts (dropped conversations) fall out here & (cols["end"] <= tl.export_ts)
    return Sessions(**{name: v[keep].astype(np.int64) for name, v in cols.items()})
