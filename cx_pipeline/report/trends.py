"""A metric's last TREND_PERIODS periods as chart points (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from cx_pipeline.periods import Period
from cx_pipeline.report import formatting as fmt
from cx_pipeline.report.kpi import as_float

TREND_PERIODS = 12


def trend_points(
    by_start: Mapping[date, Mapping[str, Any]], period: Period, language: str
) -> list[dict[str, Any]]:
    """The metric's last TREND_PERIODS periods up to `period`, oldest first; a period
    without a row has value None. `year` is set where an axis should name the year: on the
    first point and where the year turns."""
    shown = [period.shift(-offset) for offset in range(TREND_PERIODS - 1, -1, -1)]
    years = [p.start.isocalendar()[0] if p.grain == "week" else p.start.year for p in shown]
    points = []
    for i, (each, year) in enumerate(zip(shown, years, strict=True)):
        row = by_start.get(each.start) or {}
        points.append(
            {
                "start": each.start,
                "abbr": fmt.period_abbr(each, language),
                "year": year if i == 0 or years[i - 1] != year else None,
                "value": as_float(row.get("value")),
                "margin_of_error": as_float(row.get("margin_of_error")),
                "is_low_sample": bool(row.get("is_low_sample") or False),
            }
        )
    return points


def build_trend(
    metric: Mapping[str, Any],
    by_start: Mapping[date, Mapping[str, Any]],
    period: Period,
    language: str,
) -> dict[str, Any]:
    points = trend_points(by_start, period, language)
    return {
        "metric_name": metric["metric_name"],
        "label": metric[f"label_{language}"],
        "unit": metric["unit"],
        "target": as_float(metric.get("target")),
        "points": points,
    }
