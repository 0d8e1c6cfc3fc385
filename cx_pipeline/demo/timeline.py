"""The demo calendar: local (Europe/Helsinki) days of the data window as arrays.

Every generated instant is an int64 count of UTC seconds. Days are indexed from the first
local day of the window; the arrays run ``PAD_DAYS`` past the end so that follow-up events
can be computed and then censored at the export moment (the end of the last local day).
A day's UTC offset is taken at local noon, so local-to-UTC conversion is exact except in
the small hours of the two DST-change nights, which nothing in the demo depends on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

TZ = ZoneInfo("Europe/Helsinki")
DAY = 86_400
HOUR = 3_600
MINUTE = 60
PAD_DAYS = 120
NA = np.iinfo(np.int64).min  # null sentinel for int64 ids and timestamps

SUPPORT_OPEN = 8 * HOUR  # customer service Mon-Fri 08-16 local, holidays closed
SUPPORT_CLOSE = 16 * HOUR


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    n_days: int  # days inside the window
    day_start: np.ndarray  # UTC second of each local midnight, len n_days + PAD_DAYS + 1
    weekday: np.ndarray  # 0 = Monday
    holiday: np.ndarray  # Finnish public holiday (support closed)
    store_closed: np.ndarray  # days the shops do not open
    business: np.ndarray  # support open that day
    month_idx: np.ndarray  # calendar months since the window's first month
    month: np.ndarray  # 1..12
    mday: np.ndarray  # day of month 1..31
    black_friday: np.ndarray  # Black Friday .. Cyber Monday
    export_ts: int  # last second of the data (end of the last local day)
    start_ts: int

    @property
    def n_months(self) -> int:
        return int(self.month_idx[self.n_days - 1]) + 1

    def day_of(self, ts: np.ndarray) -> np.ndarray:
        """Local day index of UTC instants (clipped to the arrays)."""
        d = np.searchsorted(self.day_start, ts, side="right") - 1
        return np.clip(d, 0, len(self.day_start) - 2)

    def local_seconds(self, ts: np.ndarray) -> np.ndarray:
        return ts - self.day_start[self.day_of(ts)]

    def at(self, day: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """UTC instant of a local day index and local seconds after midnight."""
        return self.day_start[day] + seconds.astype(np.int64)

    def month_start_ts(self, k: int) -> int:
        """UTC instant of the local midnight starting month k of the window."""
        idx = np.flatnonzero(self.month_idx == k)
        return int(self.day_start[idx[0]]) if len(idx) else self.export_ts + 1


def window_start(end: date, months: int) -> date:
    month0 = end.year * 12 + end.month - 1 - (months - 1)
    return date(month0 // 12, month0 % 12 + 1, 1)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def finnish_holidays(year: int) -> dict[date, str]:
    """Public holidays and de facto days off (Midsummer Eve, Christmas Eve)."""
    eas = easter(year)
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    all_saints = next(
        date(year, 10, 31) + timedelta(days=k)
        for k in range(7)
        if (date(year, 10, 31) + timedelta(days=k)).weekday() == 5
    )
    return {
        date(year, 1, 1): "uudenvuodenpäivä",
        date(year, 1, 6): "loppiainen",
        eas - timedelta(days=2): "pitkäperjantai",
        eas: "pääsiäispäivä",
        eas + timedelta(days=1): "toinen pääsiäispäivä",
        date(year, 5, 1): "vappu",
        eas + timedelta(days=39): "helatorstai",
        eas + timedelta(days=49): "helluntai",
        midsummer_eve: "juhannusaatto",
        midsummer_eve + timedelta(days=1): "juhannuspäivä",
        all_saints: "pyhäinpäivä",
        date(year, 12, 6): "itsenäisyyspäivä",
        date(year, 12, 24): "jouluaatto",
        date(year, 12, 25): "joulupäivä",
        date(year, 12, 26): "tapaninpäivä",
    }


def _black_friday(year: int) -> date:
    first_thu = next(date(year, 11, d) for d in range(1, 8) if date(year, 11, d).weekday() == 3)
    return first_thu + timedelta(days=22)


def build_timeline(end: date, months: int) -> Timeline:
    start = window_start(end, months)
    n_days = (end - start).days + 1
    days = [start + timedelta(days=k) for k in range(n_days + PAD_DAYS + 1)]
    holidays: dict[date, str] = {}
    for year in range(start.year, days[-1].year + 1):
        holidays.update(finnish_holidays(year))
    closed_names = {"joulupäivä", "pääsiäispäivä", "juhannuspäivä"}
    # Offset at local noon: exact for every wall-clock time except the DST-change small hours.
    offsets = np.array(
        [datetime(d.year, d.month, d.day, 12, tzinfo=TZ).utcoffset().total_seconds() for d in days],
        dtype=np.int64,
    )
    naive = np.array(
        [int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()) for d in days],
        dtype=np.int64,
    )
    day_start = naive - offsets
    weekday = np.array([d.weekday() for d in days], dtype=np.int8)
    holiday = np.array([d in holidays for d in days])
    store_closed = np.array([holidays.get(d) in closed_names for d in days])
    month_idx = np.array([(d.year - start.year) * 12 + d.month - start.month for d in days])
    bf = {
        _black_friday(y) + timedelta(days=k)
        for y in range(start.year, end.year + 2)
        for k in (0, 1, 2, 3)
    }
    return Timeline(
        start=start,
        end=end,
        n_days=n_days,
        day_start=day_start,
        weekday=weekday,
        holiday=holiday,
        store_closed=store_closed,
        business=(weekday < 5) & ~holiday,
        month_idx=month_idx.astype(np.int64),
        month=np.array([d.month for d in days], dtype=np.int8),
        mday=np.array([d.day for d in days], dtype=np.int8),
        black_friday=np.array([d in bf for d in days]),
        export_ts=int(day_start[n_days]) - 1,
        start_ts=int(day_start[0]),
    )


def next_business_open(tl: Timeline, ts: np.ndarray) -> np.ndarray:
    """The instant itself when support is open, else the next opening."""
    day = tl.day_of(ts)
    sec = ts - tl.day_start[day]
    out = ts.copy()
    todo = ~(tl.business[day] & (sec >= SUPPORT_OPEN) & (sec < SUPPORT_CLOSE))
    # Before opening on a business day: that morning; otherwise the next business morning.
    early = todo & tl.business[day] & (sec < SUPPORT_OPEN)
    out[early] = tl.day_start[day[early]] + SUPPORT_OPEN
    rest = todo & ~early
    if rest.any():
        nxt = _next_business_day(tl, day[rest] + 1)
        out[rest] = tl.day_start[nxt] + SUPPORT_OPEN
    return out


def _next_business_day(tl: Timeline, day: np.ndarray) -> np.ndarray:
    last = len(tl.business) - 2
    day = np.minimum(day, last)
    for _ in range(20):  # at most a long holiday weekend plus slack
        closed = ~tl.business[day] & (day < last)
        if not closed.any():
            break
        day = np.where(closed, day + 1, day)
    return day


def add_business_seconds(tl: Timeline, ts: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Walk ``seconds`` of support opening hours forward from ``ts`` (vectorised)."""
    cur = next_business_open(tl, ts.astype(np.int64))
    left = np.maximum(seconds, 0).astype(np.int64)
    out = cur.copy()
    active = np.ones(len(cur), dtype=bool)
    last = len(tl.business) - 2
    for _ in range(400):
        if not active.any():
            break
        idx = np.flatnonzero(active)
        day = tl.day_of(cur[idx])
        room = tl.day_start[day] + SUPPORT_CLOSE - cur[idx]
        fits = left[idx] <= room
        out[idx[fits]] = cur[idx[fits]] + left[idx[fits]]
        active[idx[fits]] = False
        go = idx[~fits]
        left[go] -= room[~fits]
        nxt = _next_business_day(tl, np.minimum(day[~fits] + 1, last))
        cur[go] = tl.day_start[nxt] + SUPPORT_OPEN
        stuck = nxt >= last
        out[go[stuck]] = cur[go[stuck]]
        active[go[stuck]] = False
    return out
