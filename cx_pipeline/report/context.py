"""The report's context: plain data in, one plain dict out (no I/O, no rendering).

`build_context` is the only public function. Everything a reader sees as a number is
formatted here, so templates only place strings, and this module is where the report's
decisions live and are tested: month-over-month change and whether it is good, target
status, and the small-sample and maturity rules of METRICS.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cx_pipeline.periods import Period
from cx_pipeline.report import formatting as fmt
from cx_pipeline.report.closed_loop_section import METRICS as CLOSED_LOOP_METRICS
from cx_pipeline.report.closed_loop_section import build_closed_loop_section
from cx_pipeline.report.findings import Demand, OpenFeedback, build_findings
from cx_pipeline.report.kpi import as_date, as_float, kpi_for_period
from cx_pipeline.report.prediction_section import build_prediction_section
from cx_pipeline.report.quality_section import build_quality_section
from cx_pipeline.report.rows import Rows, records
from cx_pipeline.report.service_section import build_service_section
from cx_pipeline.report.stage_section import stage_sections
from cx_pipeline.report.trends import build_trend, trend_points

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


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
    catalog_rows: Sequence[Mapping[str, Any]],
    shown: Sequence[str],
    language: str,
    period_rows: Mapping[str, Mapping[str, Any]],
) -> list[dict[str, str]]:
    """Each metric the report shows, in order of appearance, with its catalog formula,
    target and minimum sample, and its whole-company sample size in the report period
    (`period_rows`: metric name -> row)."""
    by_name = {m["metric_name"]: m for m in catalog_rows}
    rows, seen = [], set()
    for name in shown:
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        metric = by_name[name]
        target = as_float(metric.get("target"))
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
                "n": fmt.format_count(as_float((period_rows.get(name) or {}).get("n")), language),
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
    period: Period,
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
    segment_rows: Rows = (),
    freshness: Rows = (),
    horizon: date | None = None,
    logo: str | None = None,
) -> dict[str, Any]:
    """The whole report as plain data.

    `catalog`: metric_catalog rows; `metrics`: month-grain, whole-company rows of
    fct_cx_metrics (the report month, the 11 before it for the trend, and the month a year
    earlier for the year-over-year change); `demand` and `open_feedback` feed the
    findings, `service_rows` the customer-service page, `closed_loop_open` (the open
    negative answers) and `closed_loop_metrics` the closed-loop page, `prediction_rows`,
    `repurchase_rows` and `repurchase_month` the prediction page, `segment_rows` (the
    period's segment rows of stage_section.segment_metrics()) the perception and purchase
    pages; `freshness` (rpt_source_freshness) and `horizon` (the date every system has data
    up to) the cover's freshness and the data-quality notes; `logo` (a data: URL) the
    cover; `labels`: the
    language's i18n mapping; `generated_at`: aware, or naive meaning UTC.
    """
    if not _HEX_COLOUR.fullmatch(brand_colour):
        # It goes into CSS, where HTML escaping protects nothing: allow only a colour.
        raise ValueError(f"report.brand_colour must look like #1f4e79, got '{brand_colour}'")
    catalog_rows = records(catalog)
    by_metric: dict[str, dict[date, dict[str, Any]]] = {}
    for row in records(metrics):
        by_metric.setdefault(row["metric_name"], {})[as_date(row["period_start"])] = row

    headline = sorted(
        (m for m in catalog_rows if (m.get("headline_order") or 0) > 0),
        key=lambda m: int(m["headline_order"]),
    )
    # Each headline KPI with its tile's sparkline: the last TREND_PERIODS periods.
    kpis = [
        {
            **kpi_for_period(metric, by_metric, period, language),
            "sparkline": trend_points(by_metric.get(metric["metric_name"], {}), period, language),
        }
        for metric in headline
    ]
    findings = build_findings(
        kpis,
        demand=_demand(demand, language),
        open_feedback=open_feedback,
        labels=labels,
        language=language,
    )

    catalog_by_name = {m["metric_name"]: m for m in catalog_rows}
    unknown = [name for name in trend_metrics if name not in catalog_by_name]
    if unknown:
        raise ValueError(f"trend metric(s) not in the metric catalog: {', '.join(unknown)}")
    trends = [
        build_trend(catalog_by_name[name], by_metric.get(name, {}), period, language)
        for name in trend_metrics
    ]

    # The data the report shows: from the year-ago comparison period (before the trend
    # window, which includes the previous period) to the report period.
    window_start = period.year_ago.start
    starts = [s for rows in by_metric.values() for s in rows if window_start <= s <= period.start]
    first_start = min(starts, default=period.start)
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=UTC)
    local_generated_at = generated_at.astimezone(ZoneInfo(timezone))
    grain_labels = labels["grain"][period.grain]
    placeholders = {
        "min_sample": _min_sample_text(headline, language),
        "timezone": timezone,
        "grain_adverb": grain_labels["adverb"],
    }

    service = build_service_section(catalog_rows, service_rows, language=language)
    prediction = build_prediction_section(
        catalog_rows,
        prediction_rows,
        repurchase_rows,
        repurchase_month=repurchase_month,
        language=language,
        labels=labels,
    )
    stages = stage_sections(
        catalog_by_name, by_metric, segment_rows, period=period, language=language
    )
    shown = [
        *(k["metric_name"] for k in kpis),
        *(name for stage in stages for name in stage["metric_names"]),
        *trend_metrics,
        *service["metric_names"],
        *CLOSED_LOOP_METRICS,
        *(row["metric_name"] for row in prediction["values"]),
        "repurchase_rate_by_nps_group",
        "detractor_drivers",
    ]
    quality = build_quality_section(
        freshness,
        horizon=horizon,
        flagged=[*kpis, *(row for stage in stages for row in stage["rows"])],
        timezone=timezone,
        today=local_generated_at.date(),
        language=language,
        labels=labels,
    )
    return {
        "language": language,
        "t": labels,
        "g": grain_labels,
        "company_name": company_name,
        "logo": logo,
        "brand_colour": brand_colour,
        "period": {
            "key": period.key,
            "grain": period.grain,
            "start": period.start,
            "label": fmt.format_period(period, language),
        },
        "generated_at": local_generated_at.isoformat(timespec="seconds"),
        "generated_at_text": fmt.format_datetime(local_generated_at, language),
        "coverage_text": fmt.format_date_range(first_start, period.end, language),
        "kpis": kpis,
        "findings": findings,
        "stages": stages,
        "quality": quality,
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
        "appendix": _appendix(
            catalog_rows,
            shown,
            language,
            {name: rows[period.start] for name, rows in by_metric.items() if period.start in rows},
        ),
        "method_paragraphs": [
            str(text).format_map(placeholders) for text in labels["method"]["paragraphs"]
        ],
    }
