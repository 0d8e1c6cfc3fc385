"""Realistic local times of day (Europe/Helsinki) for orders, tickets and touches, and the
daily demand curve (growth, seasonality, Black Friday)."""

from __future__ import annotations

import numpy as np

from .timeline import DAY, HOUR, Timeline

# Relative activity per local hour 0..23.
WEB = np.array(
    [.4, .25, .15, .1, .1, .2, .5, 1, 1.5, 1.8, 2, 2, 2.1, 2, 2, 2, 2.1, 2.3, 2.6, 3, 3.2, 3, 2, 1]
)  # fmt: skip
STORE_WEEKDAY = np.zeros(24)
STORE_WEEKDAY[10:20] = [1, 1.3, 1.6, 1.5, 1.4, 1.5, 1.8, 2, 1.8, 1.2]
STORE_SATURDAY = np.zeros(24)
STORE_SATURDAY[10:18] = [1.2, 1.6, 1.8, 1.8, 1.7, 1.5, 1.2, 0.8]
STORE_SUNDAY = np.zeros(24)
STORE_SUNDAY[12:18] = [1.2, 1.5, 1.5, 1.3, 1.0, 0.7]
OFFICE = np.zeros(24)
OFFICE[8:16] = [1.2, 2, 2.2, 1.8, 1.4, 1.9, 1.8, 1.3]
SUPPORT_WRITTEN = np.array(
    [.2, .1, .1, .1, .1, .2, .5, 1.2, 2, 2.3, 2.3, 2.2, 2, 2.1, 2.1, 2, 1.6, 1.3, 1.2, 1.2, 1.1,
     1, .7, .4]
)  # fmt: skip

SEASON = np.array(
    [0, 0.85, 0.85, 0.95, 1, 1, 0.85, 0.75, 0.9, 1, 1.05, 1.4, 1.55]
)  # by month 1..12
WEEKDAY = np.array([1, 0.95, 0.95, 1, 1.1, 1.15, 0.85])


def sample_hours(rng: np.random.Generator, profile: np.ndarray, n: int) -> np.ndarray:
    """Local seconds after midnight drawn from an hourly profile."""
    cdf = np.cumsum(profile)
    hour = np.searchsorted(cdf, rng.random(n) * cdf[-1], side="right")
    return hour * HOUR + rng.integers(0, HOUR, n)


def next_open_day(closed: np.ndarray, day: np.ndarray) -> np.ndarray:
    last = len(closed) - 1
    day = np.minimum(day, last)
    for _ in range(10):
        shut = closed[day] & (day < last)
        if not shut.any():
            break
        day = np.where(shut, day + 1, day)
    return day


def store_times(rng: np.random.Generator, tl: Timeline, day: np.ndarray) -> np.ndarray:
    day = next_open_day(tl.store_closed, day)
    wd = tl.weekday[day]
    n = len(day)
    sec = np.select(
        [wd < 5, wd == 5],
        [sample_hours(rng, STORE_WEEKDAY, n), sample_hours(rng, STORE_SATURDAY, n)],
        sample_hours(rng, STORE_SUNDAY, n),
    )
    return tl.at(day, sec)


def business_day(rng: np.random.Generator, tl: Timeline, day: np.ndarray) -> np.ndarray:
    """The day itself if support/office is open, else one of the next few business days
    (so a weekend's work does not all land on Monday morning)."""
    closed = ~tl.business
    moved = closed[np.minimum(day, len(closed) - 1)]
    out = next_open_day(closed, day)
    extra = np.where(moved, rng.choice(4, len(day), p=(0.45, 0.25, 0.18, 0.12)), 0)
    for k in range(3):
        step = extra > k
        out = np.where(step, next_open_day(closed, out + 1), out)
    return out


def office_times(rng: np.random.Generator, tl: Timeline, day: np.ndarray) -> np.ndarray:
    day = business_day(rng, tl, day)
    return tl.at(day, sample_hours(rng, OFFICE, len(day)))


def web_times(rng: np.random.Generator, tl: Timeline, day: np.ndarray) -> np.ndarray:
    return tl.at(day, sample_hours(rng, WEB, len(day)))


def demand_weights(tl: Timeline) -> np.ndarray:
    """Relative order demand per day of the window (mean 1)."""
    d = np.arange(tl.n_days)
    w = np.exp(0.02 * d / 30.4) * SEASON[tl.month[d]] * WEEKDAY[tl.weekday[d]]
    w = np.where(tl.black_friday[d], w * 2.8, w)
    md = tl.mday[d]
    december = tl.month[d] == 12
    w = np.where(december & (md <= 20), w * 1.15, w)
    w = np.where(december & (md >= 24) & (md <= 26), w * 0.35, w)
    return w / w.mean()


def spread(rng: np.random.Generator, lo_days: float, hi_days: float, n: int) -> np.ndarray:
    return (rng.uniform(lo_days, hi_days, n) * DAY).astype(np.int64)
