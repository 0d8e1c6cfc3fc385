"""Which calendar month a report covers, and month arithmetic (pure functions)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date


class ReportPeriodError(ValueError):
    """The warehouse has no data for the requested (or any complete) month."""


def add_months(month: date, months: int) -> date:
    """The first day of the month `months` after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def parse_month(text: str) -> date:
    """ "2026-10" -> date(2026, 10, 1)."""
    try:
        year, month = text.split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError
        return date(int(year), int(month), 1)
    except ValueError:
        raise ReportPeriodError(f"report period must be 'auto' or YYYY-MM, got '{text}'") from None


def month_key(month: date) -> str:
    return f"{month:%Y-%m}"


def last_complete_month(latest_day: date) -> date:
    """The latest month whose every day has data: the month of `latest_day` when that is
    the month's last day, else the month before it."""
    month = latest_day.replace(day=1)
    return month if latest_day == month_end(month) else add_months(month, -1)


def resolve_period(setting: str, *, latest_day: date | None, months: Iterable[date]) -> date:
    """The first day of the month to report on.

    `setting` is "auto" or "YYYY-MM"; `latest_day` is the latest day-grain period in the
    metrics table (the day the data reaches); `months` are the month-grain periods that
    exist. "auto" is the latest existing month not after `last_complete_month(latest_day)`:
    a month still in progress is never reported as if it were complete.
    """
    available = sorted(set(months))
    if setting != "auto":
        wanted = parse_month(setting)
        if wanted not in available:
            raise ReportPeriodError(
                f"no monthly metrics for {month_key(wanted)} in the warehouse"
                + (
                    f" (months present: {month_key(available[0])} … {month_key(available[-1])})"
                    if available
                    else ""
                )
            )
        return wanted
    if latest_day is None:
        raise ReportPeriodError(
            "the warehouse has no day-grain metrics: cannot tell which "
            "month is complete (set report.period to YYYY-MM)"
        )
    cutoff = last_complete_month(latest_day)
    complete = [month for month in available if month <= cutoff]
    if not complete:
        raise ReportPeriodError(
            f"no complete month of metrics yet: data reaches {latest_day.isoformat()}"
        )
    return complete[-1]
