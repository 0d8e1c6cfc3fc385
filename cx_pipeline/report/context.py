"""The report's context: plain data in, one plain dict out (no I/O, no rendering).

`build_context` is the only public function. Everything a reader sees as a number is
formatted here, so templates only place strings, and this module is where the report's
decisions live and are tested: month-over-month change and whether it is good, target
status, and the small-sample and maturity rules of METRICS.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from cx_pipeline.report import formatting as fmt
from cx_pipeline.report.closed_loop_section import METRICS as CLOSED_LOOP_METRICS
from cx_pipeline.report.closed_loop_section import build_closed_loop_section
from cx_pipeline.report.findings import Demand, OpenFeedback, build_findings
from cx_pipeline.report.periods import add_months, month_end, month_key
from cx_pipeline.report.prediction_section import build_prediction_section
from cx_pipeline.report.rows import Rows, records
from cx_pipeline.report.service_section import build_service_section

Assessment = Literal["good", "bad", "flat", "neutral"]
TargetStatus = Literal["met", "missed", "none"]

TREND_MONTHS = 12
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):  # also pandas.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _float(value: Any) -> float | None:
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


def _kpi_row(
    metric: Mapping[str, Any],
    current: Mapping[str, Any] | None,
    previous: Mapping[str, Any] | None,
    language: str,
    year_ago: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    unit, direction = metric["unit"], metric["direction"]
    value = _displayed(_float((current or {}).get("value")), unit)
    previous_value = _displayed(_float((previous or {}).get("value")), unit)
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

    year_ago_value = _displayed(_float((year_ago or {}).get("value")), unit)
    year_delta, year_decimals = _change(value, year_ago_value, unit)
    year_reliable = (
        year_ago is not None
        and not year_ago.get("is_low_sample")
        and year_ago.get("is_mature") is not False
    )
    year_assessment = assess_change(year_delta, direction)
    if year_assessment in ("good", "bad") and not (reliable and year_reliable):
        year_assessment = "neutral"

    target = _float(metric.get("target"))
    n = (current or {}).get("n")
    margin = _float((current or {}).get("margin_of_error"))
    significant = is_significant_change(
        delta, margin, _float((previous or {}).get("margin_of_error"))
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


def _trend(
    metric: Mapping[str, Any],
    by_month: Mapping[date, Mapping[str, Any]],
    period: date,
    language: str,
) -> dict[str, Any]:
    points = []
    for offset in range(TREND_MONTHS - 1, -1, -1):
        month = add_months(period, -offset)
        row = by_month.get(month) or {}
        points.append(
            {
                "month": month,
                "month_abbr": fmt.month_abbr(month, language),
                "value": _float(row.get("value")),
                "margin_of_error": _float(row.get("margin_of_error")),
                "is_low_sample": bool(row.get("is_low_sample") or False),
            }
        )
    return {
        "metric_name": metric["metric_name"],
        "label": metric[f"label_{language}"],
        "unit": metric["unit"],
        "target": _float(metric.get("target")),
        "points": points,
    }


def _demand(row: Mapping[str, Any] | None, language: str) -> Demand | None:
    """The top contact-reason x stage cell: `row` has stage, reason, contacts and total."""
    if not row or not row.get("total"):
        return None
    share = 100.0 * float(row["contacts"]) / float(row["total"])
    return Demand(
        stage=str(row["stage"]),
        reason=str(row["reason"]),
        contacts=int(row["contacts"]),
        share_text=fmt.format_metric(share, "percent", language),
    )


def _appendix(
    catalog_rows: Sequence[Mapping[str, Any]], shown: Sequence[str], language: str
) -> list[dict[str, str]]:
    """Each metric the report shows, in order of appearance, with its catalog formula,
    target and minimum sample."""
    by_name = {m["metric_name"]: m for m in catalog_rows}
    rows, seen = [], set()
    for name in shown:
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        metric = by_name[name]
        target = _float(metric.get("target"))
        minimum = metric.get("min_sample") or 0
        rows.append(
            {
                "label": metric[f"label_{language}"],
                "formula": metric.get(f"formula_{language}") or fmt.MISSING,
                "target": fmt.format_metric(
                    target, metric["unit"], language, whole_if_integral=True
                ),
                "min_sample": fmt.format_count(float(minimum), language)
                if minimum
                else fmt.MISSING,
            }
        )
    return rows


def _min_sample_text(headline: Sequence[Mapping[str, Any]], language: str) -> str:
    sizes = sorted({int(m["min_sample"]) for m in headline if (m.get("min_sample") or 0) > 0})
    return " / ".join(fmt.format_count(size, language) for size in sizes) or fmt.MISSING


def build_context(
    catalog: Rows,
    metrics: Rows,
    *,
    period: date,
    language: str,
    labels: Mapping[str, Any],
    company_name: str,
    brand_colour: str,
    generated_at: datetime,
    timezone: str,
    trend_metrics: Sequence[str] = ("nps",),
    demand: Mapping[str, Any] | None = None,
    open_feedback: OpenFeedback | None = None,
    service_rows: Rows = (),
    closed_loop_open: Rows = (),
    closed_loop_metrics: Rows = (),
    prediction_rows: Rows = (),
    repurchase_rows: Rows = (),
    repurchase_month: date | None = None,
) -> dict[str, Any]:
    """The whole report as plain data.

    `catalog`: metric_catalog rows; `metrics`: month-grain, whole-company rows of
    fct_cx_metrics (the report month, the 11 before it for the trend, and the month a year
    earlier for the year-over-year change); `demand` and `open_feedback` feed the
    findings, `service_rows` the customer-service page, `closed_loop_open` (the open
    negative answers) and `closed_loop_metrics` the closed-loop page, `prediction_rows`,
    `repurchase_rows` and `repurchase_month` the prediction page; `labels`: the
    language's i18n mapping; `generated_at`: aware, or naive meaning UTC.
    """
    if not _HEX_COLOUR.fullmatch(brand_colour):
        # It goes into CSS, where HTML escaping protects nothing: allow only a colour.
        raise ValueError(f"report.brand_colour must look like #1f4e79, got '{brand_colour}'")
    period = period.replace(day=1)
    catalog_rows = records(catalog)
    by_metric: dict[str, dict[date, dict[str, Any]]] = {}
    for row in records(metrics):
        by_metric.setdefault(row["metric_name"], {})[_as_date(row["period_start"])] = row

    headline = sorted(
        (m for m in catalog_rows if (m.get("headline_order") or 0) > 0),
        key=lambda m: int(m["headline_order"]),
    )
    previous_month, year_ago_month = add_months(period, -1), add_months(period, -12)
    kpis = [
        _kpi_row(
            metric,
            by_metric.get(metric["metric_name"], {}).get(period),
            by_metric.get(metric["metric_name"], {}).get(previous_month),
            language,
            by_metric.get(metric["metric_name"], {}).get(year_ago_month),
        )
        for metric in headline
    ]
    findings = build_findings(
        kpis, demand=_demand(demand, language), open_feedback=open_feedback, labels=labels
    )

    catalog_by_name = {m["metric_name"]: m for m in catalog_rows}
    unknown = [name for name in trend_metrics if name not in catalog_by_name]
    if unknown:
        raise ValueError(f"trend metric(s) not in the metric catalog: {', '.join(unknown)}")
    trends = [
        _trend(catalog_by_name[name], by_metric.get(name, {}), period, language)
        for name in trend_metrics
    ]

    # The data the report shows: from the year-ago comparison month (before the trend
    # window, which includes the previous month) to the report month.
    window_start = year_ago_month
    months_shown = [m for rows in by_metric.values() for m in rows if window_start <= m <= period]
    first_month = min(months_shown, default=period)
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=UTC)
    local_generated_at = generated_at.astimezone(ZoneInfo(timezone))
    placeholders = {"min_sample": _min_sample_text(headline, language), "timezone": timezone}

    service = build_service_section(catalog_rows, service_rows, language=language)
    prediction = build_prediction_section(
        catalog_rows,
        prediction_rows,
        repurchase_rows,
        repurchase_month=repurchase_month,
        language=language,
        labels=labels,
    )
    shown = [
        *(k["metric_name"] for k in kpis),
        *trend_metrics,
        *service["metric_names"],
        *CLOSED_LOOP_METRICS,
        *(row["metric_name"] for row in prediction["values"]),
        "repurchase_rate_by_nps_group",
        "detractor_drivers",
    ]
    return {
        "language": language,
        "t": labels,
        "company_name": company_name,
        "brand_colour": brand_colour,
        "period": {
            "key": month_key(period),
            "start": period,
            "label": fmt.format_month(period, language),
        },
        "generated_at": local_generated_at.isoformat(timespec="seconds"),
        "generated_at_text": fmt.format_datetime(local_generated_at, language),
        "coverage_text": fmt.format_date_range(first_month, month_end(period), language),
        "kpis": kpis,
        "findings": findings,
        "service": service,
        "prediction": prediction,
        "closed_loop": build_closed_loop_section(
            catalog_rows,
            closed_loop_open,
            closed_loop_metrics,
            language=language,
            labels=labels,
        ),
        "trends": trends,
        "appendix": _appendix(catalog_rows, shown, language),
        "method_paragraphs": [
            str(text).format_map(placeholders) for text in labels["method"]["paragraphs"]
        ],
    }
