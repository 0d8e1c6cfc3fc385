"""Which month the report covers: "auto" never reports a month still in progress."""

from datetime import date

import pytest

from cx_pipeline.report.periods import (
    ReportPeriodError,
    add_months,
    last_complete_month,
    resolve_period,
)

AUG, SEP, OCT, NOV = (date(2026, m, 1) for m in (8, 9, 10, 11))


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
    assert last_complete_month(latest_day) == complete


def test_auto_skips_the_month_in_progress() -> None:
    # GIVEN day data up to 3 November and a partial November month row
    # THEN October is the latest complete month
    assert resolve_period("auto", latest_day=date(2026, 11, 3), months=[SEP, OCT, NOV]) == OCT


def test_auto_takes_the_current_month_on_its_last_day() -> None:
    assert resolve_period("auto", latest_day=date(2026, 10, 31), months=[SEP, OCT]) == OCT


def test_auto_falls_back_to_the_latest_month_that_has_data() -> None:
    # October is complete by the calendar but has no month row: September is reported.
    assert resolve_period("auto", latest_day=date(2026, 11, 3), months=[AUG, SEP, NOV]) == SEP


def test_explicit_month_must_exist() -> None:
    assert resolve_period("2026-09", latest_day=date(2026, 11, 3), months=[SEP, OCT]) == SEP
    with pytest.raises(ReportPeriodError, match="no monthly metrics for 2026-12"):
        resolve_period("2026-12", latest_day=date(2026, 11, 3), months=[SEP, OCT])


@pytest.mark.parametrize("bad", ["2026-13", "2026-9", "oct", "2026/10"])
def test_malformed_period_names_the_value(bad: str) -> None:
    with pytest.raises(ReportPeriodError, match=bad):
        resolve_period(bad, latest_day=date(2026, 11, 3), months=[OCT])


def test_auto_without_complete_data_is_an_error() -> None:
    with pytest.raises(ReportPeriodError, match="no day-grain metrics"):
        resolve_period("auto", latest_day=None, months=[OCT])
    with pytest.raises(ReportPeriodError, match="no complete month"):
        resolve_period("auto", latest_day=date(2026, 11, 3), months=[NOV])


def test_add_months() -> None:
    assert add_months(OCT, -12) == date(2025, 10, 1)
    assert add_months(OCT, 3) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
