"""The perception and purchase pages as plain data: each stage's metrics against the
previous period, a year ago and target, their trends, and segment breakdowns.

Pure: whole-company rows over the trend window and the report period's segment rows in,
formatted strings out. Usage has its own pages (customer service, closed loop) and so has
prediction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cx_pipeline.periods import Period
from cx_pipeline.report.breakdown import breakdown_rows
from cx_pipeline.report.kpi import kpi_for_period
from cx_pipeline.report.rows import Rows, records
from cx_pipeline.report.trends import build_trend


@dataclass(frozen=True)
class Breakdown:
    segment_type: str
    metrics: tuple[str, ...]
    volume_metric: str  # orders the lines, largest first


@dataclass(frozen=True)
class StageSpec:
    stage: str
    metrics: tuple[str, ...]  # the stage table, in this order
    trend_metrics: tuple[str, ...]
    breakdowns: tuple[Breakdown, ...]


_PURCHASE_BREAKDOWN = (
    "orders",
    "revenue",
    "average_order_value",
    "new_customers",
    "purchase_csat",
    "return_rate",
    "refund_rate",
)

STAGES = (
    StageSpec(
        stage="perception",
        metrics=(
            "new_leads",
            "lead_to_customer_rate",
            "channels_before_first_purchase",
            "online_first_order_share",
            "perception_score",
        ),
        trend_metrics=("new_leads", "perception_score"),
        breakdowns=(
            Breakdown(
                "customer_segment",
                (
                    "new_leads",
                    "lead_to_customer_rate",
                    "channels_before_first_purchase",
                    "online_first_order_share",
                    "perception_score",
                ),
                volume_metric="new_leads",
            ),
            # The channel of a new customer's first touch; a share of the period's new customers.
            Breakdown(
                "channel", ("first_touch_channel_share",), volume_metric="first_touch_channel_share"
            ),
        ),
    ),
    StageSpec(
        stage="purchase",
        metrics=(
            "orders",
            "revenue",
            "average_order_value",
            "new_customers",
            "repeat_purchase_rate",
            "purchase_csat",
            "return_rate",
            "refund_rate",
            "contacts_per_100_orders",
            "sales_meeting_score",
            "sales_meeting_top_box_rate",
        ),
        trend_metrics=("orders", "average_order_value", "purchase_csat", "contacts_per_100_orders"),
        breakdowns=(
            Breakdown("channel", _PURCHASE_BREAKDOWN, volume_metric="orders"),
            Breakdown("customer_segment", _PURCHASE_BREAKDOWN, volume_metric="orders"),
        ),
    ),
)

SEGMENT_TYPES = tuple(sorted({b.segment_type for spec in STAGES for b in spec.breakdowns}))


def segment_metrics() -> tuple[str, ...]:
    """The metrics whose segment rows the stage pages read."""
    return tuple(sorted({m for spec in STAGES for b in spec.breakdowns for m in b.metrics}))


def build_stage_section(
    spec: StageSpec,
    catalog_by_name: Mapping[str, Mapping[str, Any]],
    by_metric: Mapping[str, Mapping[date, Mapping[str, Any]]],
    segment_rows: Rows,
    *,
    period: Period,
    language: str,
) -> dict[str, Any]:
    """One stage's page. `by_metric` maps metric -> period start -> whole-company row;
    `segment_rows` are the report period's rows of the breakdowns' segment types. Metrics
    missing from the catalog are
    skipped, so a trimmed catalog drops a line, not the page."""
    known = [name for name in spec.metrics if name in catalog_by_name]
    rows = [kpi_for_period(catalog_by_name[name], by_metric, period, language) for name in known]
    segment_records = records(segment_rows)
    breakdowns = []
    for breakdown in spec.breakdowns:
        units = {
            name: catalog_by_name[name]["unit"]
            for name in breakdown.metrics
            if name in catalog_by_name
        }
        lines = breakdown_rows(
            breakdown.segment_type,
            segment_records,
            units,
            language,
            volume_metric=breakdown.volume_metric,
        )
        if lines:
            breakdowns.append(
                {
                    "segment_type": breakdown.segment_type,
                    "columns": [catalog_by_name[name][f"label_{language}"] for name in units],
                    "rows": lines,
                }
            )
    trends = [
        build_trend(catalog_by_name[name], by_metric.get(name, {}), period, language)
        for name in spec.trend_metrics
        if name in catalog_by_name
    ]
    return {
        "stage": spec.stage,
        "rows": rows,
        "trends": trends,
        "breakdowns": breakdowns,
        "metric_names": [
            *known,
            *(t["metric_name"] for t in trends),
            *(m for b in spec.breakdowns for m in b.metrics),
        ],
    }


def stage_sections(
    catalog_by_name: Mapping[str, Mapping[str, Any]],
    by_metric: Mapping[str, Mapping[date, Mapping[str, Any]]],
    segment_rows: Rows,
    *,
    period: Period,
    language: str,
    specs: Sequence[StageSpec] = STAGES,
) -> list[dict[str, Any]]:
    return [
        build_stage_section(
            spec,
            catalog_by_name,
            by_metric,
            segment_rows,
            period=period,
            language=language,
        )
        for spec in specs
    ]
