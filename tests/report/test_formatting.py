"""Locale formats, with the expected strings written out by hand.

NB = no-break space (Finnish thousands separator and before % / € / min); the Finnish
minus is U+2212, the English one a hyphen-minus.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cx_pipeline.report import formatting as fmt

NB = "\u00a0"
MINUS = "\u2212"
DASH = "\u2013"  # en dash: a missing value
HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize(
    ("value", "decimals", "fi", "en"),
    [
        (1234567.891, 2, f"1{NB}234{NB}567,89", "1,234,567.89"),
        (1234, 0, f"1{NB}234", "1,234"),
        (999, 0, "999", "999"),
        (-12.5, 1, f"{MINUS}12,5", "-12.5"),
        (-1234.5, 1, f"{MINUS}1{NB}234,5", "-1,234.5"),
        (0, 1, "0,0", "0.0"),
        (-0.04, 1, "0,0", "0.0"),  # rounds to zero: no minus sign
        (2.675, 2, "2,68", "2.68"),  # half up on the decimal form, not on the binary float
        (0.125, 2, "0,13", "0.13"),
        (71.25, 1, "71,3", "71.3"),
        (-2.5, 0, f"{MINUS}3", "-3"),  # half away from zero
        (999.5, 0, f"1{NB}000", "1,000"),
        (12_345_678_901.0, 0, f"12{NB}345{NB}678{NB}901", "12,345,678,901"),
    ],
)
def test_format_number(value: float, decimals: int, fi: str, en: str) -> None:
    assert fmt.format_number(value, "fi", decimals) == fi
    assert fmt.format_number(value, "en", decimals) == en


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_missing_values_are_an_en_dash(missing: float | None) -> None:
    assert fmt.format_number(missing, "fi", 1) == DASH
    assert fmt.format_percent(missing, "en") == DASH
    assert fmt.format_eur(missing, "fi") == DASH
    assert fmt.format_metric(missing, "minutes", "en") == DASH
    assert fmt.format_change(missing, "percent", "fi") == DASH
    assert fmt.format_margin(missing, "points", "en") == DASH


def test_signed_numbers() -> None:
    assert fmt.format_number(4.5, "fi", 1, signed=True) == "+4,5"
    assert fmt.format_number(-4.5, "fi", 1, signed=True) == f"{MINUS}4,5"
    assert fmt.format_number(0.0, "en", 1, signed=True) == "0.0"


def test_percent() -> None:
    assert fmt.format_percent(12.5, "fi") == f"12,5{NB}%"
    assert fmt.format_percent(12.5, "en") == "12.5%"
    assert fmt.format_percent(-0.35, "fi") == f"{MINUS}0,4{NB}%"
    assert fmt.format_percent(100, "en", 0) == "100%"


def test_euros() -> None:
    assert fmt.format_eur(1234567.4, "fi") == f"1{NB}234{NB}567{NB}€"
    assert fmt.format_eur(1234567.4, "en") == "€1,234,567"
    assert fmt.format_eur(-1234, "fi") == f"{MINUS}1{NB}234{NB}€"
    assert fmt.format_eur(-1234, "en") == "-€1,234"
    assert fmt.format_eur(0, "en") == "€0"


def test_minutes_whole_from_100_one_decimal_below() -> None:
    assert fmt.format_minutes(252.4, "fi") == f"252{NB}min"
    assert fmt.format_minutes(12.44, "fi") == f"12,4{NB}min"
    assert fmt.format_minutes(12.44, "en") == f"12.4{NB}min"
    assert fmt.format_minutes(99.96, "en") == f"100{NB}min"  # not "100.0 min"
    assert fmt.format_minutes(0, "fi") == f"0,0{NB}min"


@pytest.mark.parametrize(
    ("value", "unit", "fi", "en"),
    [
        (32.5, "points", "32,5", "32.5"),
        (-7.0, "points", f"{MINUS}7,0", "-7.0"),
        (82.44, "percent", f"82,4{NB}%", "82.4%"),
        (8.25, "per_100", "8,3", "8.3"),
        (30512.0, "count", f"30{NB}512", "30,512"),
        (2.7149, "mean", "2,71", "2.71"),
        (0.9059, "ratio", "0,91", "0.91"),
        (22.2219, "ratio", "22,22", "22.22"),
        (252.4, "minutes", f"252{NB}min", f"252{NB}min"),
        (1234567.4, "eur", f"1{NB}234{NB}567{NB}€", "€1,234,567"),
    ],
)
def test_format_metric_by_unit(value: float, unit: str, fi: str, en: str) -> None:
    assert fmt.format_metric(value, unit, "fi") == fi
    assert fmt.format_metric(value, unit, "en") == en


def test_whole_targets_drop_their_decimals() -> None:
    assert fmt.format_metric(80.0, "percent", "fi", whole_if_integral=True) == f"80{NB}%"
    assert fmt.format_metric(30.0, "points", "en", whole_if_integral=True) == "30"
    assert fmt.format_metric(7.5, "per_100", "en", whole_if_integral=True) == "7.5"


def test_changes_are_signed_and_percentages_change_in_points() -> None:
    assert fmt.format_change(-2.6, "percent", "fi") == f"{MINUS}2,6{NB}%-yks."
    assert fmt.format_change(-2.6, "percent", "en") == f"-2.6{NB}pp"
    assert fmt.format_change(4.5, "points", "en") == "+4.5"
    assert fmt.format_change(0.0, "points", "fi") == "0,0"
    assert fmt.format_change(-18.0, "minutes", "fi", 0) == f"{MINUS}18{NB}min"
    assert fmt.format_change(134567.0, "eur", "en") == "+€134,567"
    assert fmt.format_change(134567.0, "eur", "fi") == f"+134{NB}567{NB}€"


def test_margins_of_error() -> None:
    assert fmt.format_margin(4.1, "points", "fi") == "±4,1"
    assert fmt.format_margin(2.34, "percent", "en") == f"±2.3{NB}pp"
    assert fmt.format_margin(2.34, "percent", "fi") == f"±2,3{NB}%-yks."


def test_months_and_dates() -> None:
    october = date(2026, 10, 1)
    assert fmt.format_month(october, "fi") == "lokakuu 2026"
    assert fmt.format_month(october, "en") == "October 2026"
    assert fmt.format_month(date(2026, 6, 1), "fi") == "kesäkuu 2026"
    assert fmt.month_abbr(october, "fi") == "loka"
    assert fmt.month_abbr(october, "en") == "Oct"
    assert fmt.format_date(date(2026, 10, 31), "fi") == "31.10.2026"
    assert fmt.format_date(date(2026, 10, 31), "en") == "31 October 2026"
    assert fmt.format_date(None, "en") == DASH
    start, end = date(2025, 11, 1), date(2026, 10, 31)
    assert fmt.format_date_range(start, end, "fi") == f"1.11.2025{DASH}31.10.2026"
    assert fmt.format_date_range(start, end, "en") == f"1 November 2025 {DASH} 31 October 2026"


def test_timestamps_carry_their_utc_offset() -> None:
    winter = datetime(2026, 11, 4, 6, 5, tzinfo=HELSINKI)
    summer = datetime(2026, 7, 1, 14, 30, tzinfo=HELSINKI)
    assert fmt.format_datetime(winter, "fi") == "4.11.2026 klo 6.05 (UTC+2)"
    assert fmt.format_datetime(winter, "en") == "4 November 2026, 06:05 (UTC+2)"
    assert fmt.format_datetime(summer, "fi") == "1.7.2026 klo 14.30 (UTC+3)"
    assert fmt.format_datetime(datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")), "en") == (
        "1 January 2026, 00:00 (UTC)"
    )
    with pytest.raises(ValueError, match="aware"):
        fmt.format_datetime(datetime(2026, 1, 1), "fi")


def test_unknown_language_and_unit_are_errors() -> None:
    with pytest.raises(ValueError, match="'sv'"):
        fmt.format_number(1.0, "sv")
    with pytest.raises(ValueError, match="'hours'"):
        fmt.format_metric(1.0, "hours", "fi")
