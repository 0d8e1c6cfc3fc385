"""Turning latent experience into survey answers, and comment codes matching their tone."""

from __future__ import annotations

import numpy as np

from . import pools

NEG, NEU, POS = 0, 1, 2
COMMENTS: tuple[str, ...] = (
    pools.COMMENTS_NEGATIVE + pools.COMMENTS_NEUTRAL + pools.COMMENTS_POSITIVE
)
_OFFSETS = (
    0,
    len(pools.COMMENTS_NEGATIVE),
    len(pools.COMMENTS_NEGATIVE) + len(pools.COMMENTS_NEUTRAL),
)
_SIZES = (len(pools.COMMENTS_NEGATIVE), len(pools.COMMENTS_NEUTRAL), len(pools.COMMENTS_POSITIVE))
MEETING_COMMENTS: tuple[str, ...] = (
    pools.COMMENTS_MEETING_NEGATIVE + pools.COMMENTS_NEUTRAL[:4] + pools.COMMENTS_MEETING_POSITIVE
)
_M_OFFSETS = (0, len(pools.COMMENTS_MEETING_NEGATIVE), len(pools.COMMENTS_MEETING_NEGATIVE) + 4)
_M_SIZES = (len(pools.COMMENTS_MEETING_NEGATIVE), 4, len(pools.COMMENTS_MEETING_POSITIVE))


def five_point(latent: np.ndarray, cuts: tuple[float, float, float, float]) -> np.ndarray:
    """1..5 from a latent score and four ascending cut points."""
    return 1 + np.searchsorted(np.array(cuts), latent, side="right")


def nps_score(latent: np.ndarray) -> np.ndarray:
    return np.clip(np.round(8.35 + 1.75 * latent), 0, 10).astype(np.int64)


def tone_of_five(score: np.ndarray) -> np.ndarray:
    return np.where(score <= 2, NEG, np.where(score == 3, NEU, POS))


def tone_of_nps(score: np.ndarray) -> np.ndarray:
    return np.where(score <= 6, NEG, np.where(score <= 8, NEU, POS))


def comment_codes(
    rng: np.random.Generator, tone: np.ndarray, share: float, meeting: bool = False
) -> np.ndarray:
    """Index into COMMENTS (or MEETING_COMMENTS) for a share of answers, else -1."""
    offsets = np.array(_M_OFFSETS if meeting else _OFFSETS)
    sizes = np.array(_M_SIZES if meeting else _SIZES)
    code = offsets[tone] + (rng.random(len(tone)) * sizes[tone]).astype(np.int64)
    return np.where(rng.random(len(tone)) < share, code, -1)
