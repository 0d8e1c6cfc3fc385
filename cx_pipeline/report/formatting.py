"""Locale formatting of report numbers, dates and month names, for Finnish and English.

Written by hand rather than with Babel: the report needs a dozen fixed conventions, and
pinning them here (with tests) keeps the PDF identical across CLDR updates, which change
details such as the Finnish thousands separator between releases.

Conventions (CLDR-like):

- fi: decimal comma, no-break space between thousands, minus sign U+2212, "12,5 %",
  "1 234 €", "lokakuu 2026", "31.10.2026", "klo 6.05".
- en: decimal point, comma between thousands, hyphen-minus, "12.5%", "€1,234",
  "October 2026", "31 October 2026", "06:05".

Rounding is half away from zero on the shortest decimal form of the float (so 0.125 shows
as 0.13 and 2.675 as 2.68, as a reader checking by hand expects). A missing value
(None or NaN) shows as an en dash.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from cx_pipeline.periods import Period

EN_DASH = "\u2013"
MISSING = EN_DASH  # a value that does not exist for the period
NBSP = "\u00a0"


class _Locale:
    def __init__(
        self,
        *,
        decimal: str,
        group: str,
        minus: str,
        percent: str,
        pp: str,
        months: tuple[str, ...],
        month_abbr: tuple[str, ...],
    ) -> None:
        self.decimal = decimal
        self.group = group
        self.minus = minus
        self.percent = percent  # suffix after the number
        self.pp = pp  # percentage points: the unit of a change in a percentage
        self.months = months
        self.month_abbr = month_abbr


_LOCALES = {
    "fi": _Locale(
        decimal=",",
        group=NBSP,
        minus="\u2212",
        percent=f"{NBSP}%",
        pp=f"{NBSP}%-yks.",
        months=(
            "tammikuu",
            "helmikuu",
            "maaliskuu",
            "huhtikuu",
            "toukokuu",
            "kesäkuu",
            "heinäkuu",
            "elokuu",
            "syyskuu",
            "lokakuu",
            "marraskuu",
            "joulukuu",
        ),
        month_abbr=(
            "tammi",
            "helmi",
            "maalis",
            "huhti",
            "touko",
            "kesä",
            "heinä",
            "elo",
            "syys",
            "loka",
            "marras",
            "joulu",
        ),
    ),
    "en": _Locale(
        decimal=".",
        group=",",
        minus="-",
        percent="%",
        pp=f"{NBSP}pp",
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        month_abbr=(
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ),
    ),
}

# Display precision per catalog unit. Minutes: whole minutes from 100 up (185 min), one
# decimal below (12.4 min), because handling times are short and response times long.
# Ratio: a plain number such as an AUC (0.91) or CLV:CAC (3.25).
_DECIMALS = {"points": 1, "percent": 1, "per_100": 1, "count": 0, "eur": 0, "mean": 2, "ratio": 2}


def _locale(language: str) -> _Locale:
    try:
        return _LOCALES[language]
    except KeyError:
        raise ValueError(f"no number format for language '{language}' (known: fi, en)") from None


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def round_half_up(value: float, decimals: int) -> Decimal:
    """The value rounded as a reader would by hand (half away from zero)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def unit_decimals(value: float | None, unit: str) -> int:
    if unit == "minutes":
        return 0 if value is not None and abs(value) >= 99.95 else 1
    try:
        return _DECIMALS[unit]
    except KeyError:
        raise ValueError(f"unknown metric unit '{unit}'") from None


def format_number(
    value: float | None, language: str, decimals: int = 0, *, signed: bool = False
) -> str:
    """12345.67 -> "12 345,7" (fi) / "12,345.7" (en); signed adds "+" to positive values.

    A value that rounds to zero has no sign: "-0.04" at one decimal is "0.0".
    """
    if is_missing(value):
        return MISSING
    loc = _locale(language)
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # drops the sign of -0.0
    sign = loc.minus if rounded < 0 else ("+" if signed and rounded > 0 else "")
    text = f"{abs(rounded):.{decimals}f}"
    integer, _, fraction = text.partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    body = loc.group.join(groups)
    if fraction:
        body = f"{body}{loc.decimal}{fraction}"
    return f"{sign}{body}"


def format_percent(
    value: float | None, language: str, decimals: int = 1, *, signed: bool = False
) -> str:
    """A value already in percent (12.5 -> "12,5 %" / "12.5%")."""
    if is_missing(value):
        return MISSING
    return format_number(value, language, decimals, signed=signed) + _locale(language).percent


def format_eur(
    value: float | None, language: str, decimals: int = 0, *, signed: bool = False
) -> str:
    """1234 -> "1 234 €" (fi) / "€1,234" (en); negative: minus first in both ("-€1,234")."""
    if is_missing(value):
        return MISSING
    number = format_number(value, language, decimals, signed=signed)
    if language == "fi":
        return f"{number}{NBSP}€"
    sign = number[0] if number[0] in "+-" else ""
    return f"{sign}€{number[len(sign) :]}"


def format_minutes(value: float | None, language: str, *, signed: bool = False) -> str:
    if is_missing(value):
        return MISSING
    return format_number(value, language, unit_decimals(value, "minutes"), signed=signed) + (
        f"{NBSP}min"
    )


def format_metric(
    value: float | None, unit: str, language: str, *, whole_if_integral: bool = False
) -> str:
    """A metric value in its catalog unit; whole_if_integral shows a target of 80 as "80 %"
    rather than "80,0 %"."""
    if is_missing(value):
        return MISSING
    decimals = unit_decimals(value, unit)
    if whole_if_integral and float(value).is_integer():
        decimals = 0
    if unit == "percent":
        return format_percent(value, language, decimals)
    if unit == "eur":
        return format_eur(value, language, decimals)
    if unit == "minutes":
        return format_number(value, language, decimals) + f"{NBSP}min"
    return format_number(value, language, decimals)


def format_change(
    delta: float | None, unit: str, language: str, decimals: int | None = None
) -> str:
    """A difference between two values of a metric, always signed; a change in a
    percentage is in percentage points ("+2,5 %-yks." / "+2.5 pp"). `decimals` defaults to
    the unit's; pass the precision of the compared values, so 270 min -> 252 min is
    "-18 min", not "-18,0 min"."""
    if is_missing(delta):
        return MISSING
    if decimals is None:
        decimals = unit_decimals(delta, unit)
    number = format_number(delta, language, decimals, signed=True)
    if unit == "percent":
        return number + _locale(language).pp
    if unit == "eur":
        return format_eur(delta, language, decimals, signed=True)
    if unit == "minutes":
        return f"{number}{NBSP}min"
    return number


def format_margin(margin: float | None, unit: str, language: str) -> str:
    """A 95 % margin of error as "±4,1" (points) or "±2,3 %-yks." (a percentage)."""
    if is_missing(margin):
        return MISSING
    decimals = unit_decimals(margin, unit)
    suffix = _locale(language).pp if unit == "percent" else ""
    return f"±{format_number(margin, language, decimals)}{suffix}"


def format_count(value: float | None, language: str) -> str:
    return format_number(value, language, 0)


def month_name(month: date, language: str) -> str:
    return _locale(language).months[month.month - 1]


def month_abbr(month: date, language: str) -> str:
    return _locale(language).month_abbr[month.month - 1]


def format_month(month: date, language: str) -> str:
    """The report period: "lokakuu 2026" / "October 2026"."""
    return f"{month_name(month, language)} {month.year}"


def format_period(period: Period, language: str) -> str:
    """The report period: "lokakuu 2026" / "October 2026", or "viikko 43/2026" / "week 43,
    2026"."""
    if period.grain == "month":
        return format_month(period.start, language)
    year, week, _ = period.start.isocalendar()
    return f"viikko {week}/{year}" if language == "fi" else f"week {week}, {year}"


def period_abbr(period: Period, language: str) -> str:
    """A chart axis label: "loka" / "Oct", or "vk 43" / "W43"."""
    if period.grain == "month":
        return month_abbr(period.start, language)
    week = period.start.isocalendar()[1]
    return f"vk{NBSP}{week}" if language == "fi" else f"W{week}"


def format_date(day: date | None, language: str) -> str:
    if day is None:
        return MISSING
    if language == "fi":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day} {month_name(day, language)} {day.year}"


def format_date_range(start: date, end: date, language: str) -> str:
    """An en dash between the dates: unspaced in Finnish ("1.10.2025-31.10.2026" with the
    dash), spaced in English."""
    joiner = EN_DASH if language == "fi" else f" {EN_DASH} "
    return f"{format_date(start, language)}{joiner}{format_date(end, language)}"


def _utc_offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_datetime(moment: datetime, language: str) -> str:
    """An aware timestamp in its own zone, with the UTC offset so readers abroad can place
    it: "1.11.2026 klo 6.05 (UTC+2)" / "1 November 2026, 06:05 (UTC+2)"."""
    if moment.tzinfo is None:
        raise ValueError("format_datetime needs an aware datetime")
    zone = _utc_offset(moment)
    if language == "fi":
        return f"{format_date(moment.date(), 'fi')} klo {moment.hour}.{moment:%M} ({zone})"
    return f"{format_date(moment.date(), language)}, {moment:%H:%M} ({zone})"
