"""One metric's row in the report: its value, the change against the previous period and
the same period a year earlier, and whether each is good, target status, and the
small-sample and maturity rules of METRICS.md (pure functions)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from cx_pipeline.periods import Period
from cx_pipeline.report import formatting as fmt

Assessment = Literal["good", "bad", "flat", "neutral"]
TargetStatus = Literal["met", "missed", "none"]


def as_date(value: Any) -> date:
    if isinstance(value, datetime):  # also pandas.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_float(value: Any) -> float | None:
    return None if value is None else float(value)


def assess_change(delta: float | None, direction: str) -> Assessment | None:
    """Whether a (displayed, rounded) change is an improvement, given the metric's direction."""
    if delta is None:
        return None
    if delta == 0:
        return "flat"
    if direction not in ("higher_is_better", "lower_is_better"):
        raise ValueError(f"unknown metric direction '{direction}'")
    improved = delta > 0 if direction == "higher_is_better" else delta < 0
    return "good" if improved else "bad"


def target_status(
    value: float | None,
    target: float | None,
    direction: str,
    *,
    reliable: bool = True,
) -> TargetStatus:
    """ "met" / "missed", or "none" without a value, without a target, or when the value is
    not reliable (small sample or still immature): such a value gets no red/green status."""
    if value is None or target is None or not reliable:
        return "none"
    met = value >= target if direction == "higher_is_better" else value <= target
    return "met" if met else "missed"


def is_significant_change(
    delta: float | None, margin: float | None, previous_margin: float | None
) -> bool | None:
    """METRICS.md: a change is significant when |delta| > 1.96 x sqrt(SE1^2 + SE2^2). With
    SE = margin of error / 1.96 that is |delta| > sqrt(margin1^2 + margin2^2). None when
    either value has no margin (a census, not a sample): there is nothing to test."""
    if delta is None or margin is None or previous_margin is None:
        return None
    return abs(delta) > math.sqrt(margin**2 + previous_margin**2)


def _displayed(value: float | None, unit: str) -> float | None:
    """The value at the precision the reader sees, so a 29.96 shown as "30.0" meets a
    target of 30 and a change shown as "0.0" is not called an improvement."""
    if value is None:
        return None
    return float(fmt.round_half_up(value, fmt.unit_decimals(value, unit)))


def _change(value: float | None, base: float | None, unit: str) -> tuple[float | None, int | None]:
    """The change as the reader sees it, as precise as the less rounded of the two values."""
    if value is None or base is None:
        return None, None
    decimals = max(fmt.unit_decimals(value, unit), fmt.unit_decimals(base, unit))
    return float(fmt.round_half_up(value - base, decimals)), decimals


def kpi_row(
    metric: Mapping[str, Any],
    current: Mapping[str, Any] | None,
    previous: Mapping[str, Any] | None,
    language: str,
    year_ago: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    unit, direction = metric["unit"], metric["direction"]
    value = _displayed(as_float((current or {}).get("value")), unit)
    previous_value = _displayed(as_float((previous or {}).get("value")), unit)
    is_low_sample = bool((current or {}).get("is_low_sample") or False)
    # A missing maturity flag means the metric has no window, so it is mature.
    is_mature = (current or {}).get("is_mature") is not False
    previous_reliable = (
        previous is not None
        and not previous.get("is_low_sample")
        and previous.get("is_mature") is not False
    )
    reliable = current is not None and not is_low_sample and is_mature

    delta, decimals = _change(value, previous_value, unit)
    assessment = assess_change(delta, direction)
    if assessment in ("good", "bad") and not (reliable and previous_reliable):
        assessment = "neutral"  # a change to or from a small sample is noise, not news
    arrow = None if delta is None else "up" if delta > 0 else "down" if delta < 0 else "flat"

    year_ago_value = _displayed(as_float((year_ago or {}).get("value")), unit)
    year_delta, year_decimals = _change(value, year_ago_value, unit)
    year_reliable = (
        year_ago is not None
        and not year_ago.get("is_low_sample")
        and year_ago.get("is_mature") is not False
    )
    year_assessment = assess_change(year_delta, direction)
    if year_assessment in ("good", "bad") and not (reliable and year_reliable):
        year_assessment = "neutral"

    target = as_float(metric.get("target"))
    n = (current or {}).get("n")
    margin = as_float((current or {}).get("margin_of_error"))
    significant = is_significant_change(
        delta, margin, as_float((previous or {}).get("margin_of_error"))
    )
    return {
        "metric_name": metric["metric_name"],
        "label": metric[f"label_{language}"],
        "unit": unit,
        "direction": direction,
        "value": value,
        "value_text": fmt.format_metric(value, unit, language),
        "previous_value": previous_value,
        "previous_text": fmt.format_metric(previous_value, unit, language),
        "change": delta,
        "change_text": fmt.format_change(delta, unit, language, decimals),
        "change_arrow": arrow,
        "change_assessment": assessment,
        "is_significant": significant,
        "year_ago_value": year_ago_value,
        "year_ago_text": fmt.format_metric(year_ago_value, unit, language),
        "change_vs_year": year_delta,
        "change_vs_year_text": fmt.format_change(year_delta, unit, language, year_decimals),
        "change_vs_year_assessment": year_assessment,
        "target": target,
        "target_text": fmt.format_metric(target, unit, language, whole_if_integral=True),
        "target_status": target_status(value, target, direction, reliable=reliable),
        "n": None if n is None else int(n),
        "n_text": fmt.format_count(None if n is None else float(n), language),
        "margin_of_error": margin,
        "margin_text": "" if margin is None else fmt.format_margin(margin, unit, language),
        "is_low_sample": is_low_sample,
        "is_mature": is_mature,
    }


def kpi_for_period(
    metric: Mapping[str, Any],
    by_metric: Mapping[str, Mapping[date, Mapping[str, Any]]],
    period: Period,
    language: str,
) -> dict[str, Any]:
    """`metric`'s row for `period`, compared with the previous period and a year ago."""
    rows = by_metric.get(metric["metric_name"], {})
    return kpi_row(
        metric,
        rows.get(period.start),
        rows.get(period.shift(-1).start),
        language,
        rows.get(period.year_ago.start),
    )
