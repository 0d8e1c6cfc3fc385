"""Which month or ISO week the report covers: "auto" never reports a period in progress."""

from datetime import date

import pytest

from cx_pipeline.periods import (
    Period,
    ReportPeriodError,
    add_months,
    last_complete,
    parse_period,
    resolve_period,
)

AUG, SEP, OCT, NOV = (date(2026, m, 1) for m in (8, 9, 10, 11))
# ISO weeks of October 2026: W43 is Mon 19 - Sun 25 October, W44 Mon 26 October - Sun 1 Nov.
W42, W43, W44 = date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26)


def _month(setting: str, latest_day: date | None, months: list[date]) -> Period:
    return resolve_period(setting, grain="month", latest_day=latest_day, starts=months)


@pytest.mark.parametrize(
    ("latest_day", "complete"),
    [
        (date(2026, 10, 31), OCT),  # the month's last day: the month is complete
        (date(2026, 10, 30), SEP),
        (date(2026, 11, 1), OCT),
        (date(2026, 11, 3), OCT),
        (date(2024, 2, 29), date(2024, 2, 1)),  # leap day is February's last
        (date(2026, 2, 28), date(2026, 2, 1)),
        (date(2026, 1, 15), date(2025, 12, 1)),  # across the year
    ],
)
def test_last_complete_month(latest_day: date, complete: date) -> None:
    assert last_complete("month", latest_day) == Period("month", complete)


@pytest.mark.parametrize(
    ("latest_day", "complete"),
    [
        (date(2026, 10, 25), W43),  # a Sunday ends its week
        (date(2026, 10, 31), W43),  # Saturday: W44 is still in progress
        (date(2026, 10, 26), W43),
        (date(2026, 11, 1), W44),
        (date(2027, 1, 3), date(2026, 12, 28)),  # 3 Jan 2027 ends ISO week 2026-W53
    ],
)
def test_last_complete_week(latest_day: date, complete: date) -> None:
    assert last_complete("week", latest_day) == Period("week", complete)


def test_auto_skips_the_month_in_progress() -> None:
    # GIVEN day data up to 3 November and a partial November month row
    # THEN October is the latest complete month
    assert _month("auto", date(2026, 11, 3), [SEP, OCT, NOV]) == Period("month", OCT)


def test_auto_takes_the_current_month_on_its_last_day() -> None:
    assert _month("auto", date(2026, 10, 31), [SEP, OCT]) == Period("month", OCT)


def test_auto_falls_back_to_the_latest_month_that_has_data() -> None:
    # October is complete by the calendar but has no month row: September is reported.
    assert _month("auto", date(2026, 11, 3), [AUG, SEP, NOV]) == Period("month", SEP)


def test_auto_week_skips_the_week_in_progress() -> None:
    period = resolve_period(
        "auto", grain="week", latest_day=date(2026, 10, 31), starts=[W42, W43, W44]
    )
    assert period == Period("week", W43)
    assert period.key == "2026-W43"
    assert period.end == date(2026, 10, 25)


def test_explicit_period_must_exist() -> None:
    assert _month("2026-09", date(2026, 11, 3), [SEP, OCT]) == Period("month", SEP)
    with pytest.raises(ReportPeriodError, match="no monthly metrics for 2026-12"):
        _month("2026-12", date(2026, 11, 3), [SEP, OCT])
    week = resolve_period("2026-W42", grain="week", latest_day=None, starts=[W42])
    assert week == Period("week", W42)
    with pytest.raises(ReportPeriodError, match="no weekly metrics for 2026-W44"):
        resolve_period("2026-W44", grain="week", latest_day=None, starts=[W42])


@pytest.mark.parametrize(
    "bad", ["2026-13", "2026-9", "oct", "2026/10", "2026-W54", "2025-W53", "2026-w43"]
)
def test_malformed_period_names_the_value(bad: str) -> None:
    # 2025 has 52 ISO weeks, so 2025-W53 does not exist.
    with pytest.raises(ReportPeriodError, match=bad):
        parse_period(bad)


def test_auto_without_complete_data_is_an_error() -> None:
    with pytest.raises(ReportPeriodError, match="no day-grain metrics"):
        _month("auto", None, [OCT])
    with pytest.raises(ReportPeriodError, match="no complete month"):
        _month("auto", date(2026, 11, 3), [NOV])


def test_period_arithmetic() -> None:
    assert add_months(OCT, -12) == date(2025, 10, 1)
    assert add_months(OCT, 3) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert Period("month", OCT).year_ago == Period("month", date(2025, 10, 1))
    assert Period("month", OCT).end == date(2026, 10, 31)
    # 52 weeks back from 2026-W43 is 2025-W43 (Mon 20 October 2025).
    assert Period("week", W43).year_ago.key == "2025-W43"
    assert Period("week", date(2026, 12, 28)).shift(1) == Period("week", date(2027, 1, 4))
    assert parse_period("2026-W01").start == date(2025, 12, 29)  # ISO week 1 holds 4 January


def test_a_period_must_start_where_its_grain_starts() -> None:
    with pytest.raises(ValueError, match="Monday"):
        Period("week", date(2026, 10, 20))
    with pytest.raises(ValueError, match="first day"):
        Period("month", date(2026, 10, 2))
