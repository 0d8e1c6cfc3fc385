"""Which period a report covers, a calendar month or an ISO week, and period arithmetic
(pure functions)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Grain = Literal["month", "week"]
GRAINS: tuple[Grain, ...] = ("month", "week")

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


class ReportPeriodError(ValueError):
    """The warehouse has no data for the requested (or any complete) period."""


def add_months(month: date, months: int) -> date:
    """The first day of the month `months` after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month (start on the 1st) or an ISO week (start on Monday)."""

    grain: Grain
    start: date

    def __post_init__(self) -> None:
        if self.grain not in GRAINS:
            raise ValueError(f"period grain must be one of {GRAINS}, got '{self.grain}'")
        if self.grain == "month" and self.start.day != 1:
            raise ValueError(f"a month starts on its first day, got {self.start}")
        if self.grain == "week" and self.start.isoweekday() != 1:
            raise ValueError(f"an ISO week starts on a Monday, got {self.start}")

    def shift(self, periods: int) -> Period:
        if self.grain == "month":
            return Period("month", add_months(self.start, periods))
        return Period("week", self.start + timedelta(weeks=periods))

    @property
    def end(self) -> date:
        """The period's last day."""
        if self.grain == "month":
            return month_end(self.start)
        return self.start + timedelta(days=6)

    @property
    def key(self) -> str:
        """ "2026-10" or "2026-W43": the report's file name and CLI spelling."""
        if self.grain == "month":
            return f"{self.start:%Y-%m}"
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def year_ago(self) -> Period:
        """The same period a year earlier: the same month, or the week 52 weeks back (the
        same ISO week number except after a 53-week year, and always the same weekdays)."""
        return self.shift(-12 if self.grain == "month" else -52)


def month_key(month: date) -> str:
    return Period("month", month.replace(day=1)).key


def parse_period(text: str) -> Period:
    """ "2026-10" -> that month; "2026-W43" -> that ISO week."""
    if match := _MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return Period("month", date(year, month, 1))
    elif match := _WEEK.fullmatch(text):
        try:
            return Period("week", date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            pass
    raise ReportPeriodError(f"report period must be 'auto', YYYY-MM or YYYY-Www, got '{text}'")


def last_complete(grain: Grain, latest_day: date) -> Period:
    """The latest period whose every day has data: the period of `latest_day` when that is
    the period's last day, else the one before it."""
    if grain == "month":
        current = Period("month", latest_day.replace(day=1))
    else:
        current = Period("week", latest_day - timedelta(days=latest_day.isoweekday() - 1))
    return current if latest_day == current.end else current.shift(-1)


def resolve_period(
    setting: str, *, grain: Grain, latest_day: date | None, starts: Iterable[date]
) -> Period:
    """The period to report on.

    `setting` is "auto", "YYYY-MM" or "YYYY-Www" (an explicit period brings its own grain);
    `latest_day` is the latest day-grain period in the metrics table (the day the data
    reaches); `starts` are the period starts of `grain` that exist. "auto" is the latest
    existing period not after `last_complete(grain, latest_day)`: a period still in
    progress is never reported as if it were complete.
    """
    available = sorted(set(starts))
    if setting != "auto":
        wanted = parse_period(setting)
        if wanted.grain != grain:
            raise ValueError(f"{setting} is a {wanted.grain}, but the periods given are {grain}s")
        if wanted.start not in available:
            present = (
                f" ({grain}s present: {Period(grain, available[0]).key} … "
                f"{Period(grain, available[-1]).key})"
                if available
                else ""
            )
            raise ReportPeriodError(
                f"no {grain}ly metrics for {wanted.key} in the warehouse{present}"
            )
        return wanted
    if latest_day is None:
        raise ReportPeriodError(
            f"the warehouse has no day-grain metrics: cannot tell which {grain} is complete "
            "(set report.period to YYYY-MM or YYYY-Www)"
        )
    cutoff = last_complete(grain, latest_day)
    complete = [start for start in available if start <= cutoff.start]
    if not complete:
        raise ReportPeriodError(
            f"no complete {grain} of metrics yet: data reaches {latest_day.isoformat()}"
        )
    return Period(grain, complete[-1])
