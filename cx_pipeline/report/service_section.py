"""The customer-service page as plain data: key service metrics by channel and by team,
contacts by reason and journey stage, and self-service and chatbot success.

Pure: segment rows of fct_cx_metrics for the report month in, formatted strings out. A value
from a small sample or a still-open window is flagged so the template greys it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cx_pipeline.report.breakdown import breakdown_rows, cell
from cx_pipeline.report.rows import Rows, records

# The columns of the breakdown tables, in order.
BREAKDOWN_METRICS = (
    "tickets_created",
    "first_response_time_business",
    "average_handling_time",
    "first_contact_resolution_rate",
    "support_csat",
)
BREAKDOWN_SEGMENTS = ("channel", "team")
SELF_SERVICE_METRICS = (
    "self_service_success_rate",
    "self_service_linked_share",
    "bot_containment_rate",
    "bot_resolution_rate",
)
STAGES = ("perception", "purchase", "usage", "unknown")
TOP_REASONS = 8


def contact_reason_stacks(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Contacts per reason (the TOP_REASONS largest, ties alphabetical) split by journey
    stage, from 'stage|reason' segment values of contact_reasons_by_stage."""
    counts: dict[str, dict[str, float]] = {}
    for row in rows:
        if (
            row["metric_name"] != "contact_reasons_by_stage"
            or row["segment_type"] != "journey_stage_contact_reason"
        ):
            continue
        stage, _, reason = str(row["segment_value"]).partition("|")
        counts.setdefault(reason, {})[stage] = float(row["value"] or 0)
    ordered = sorted(counts, key=lambda reason: (-sum(counts[reason].values()), reason))
    return [
        {"reason": reason, "by_stage": {stage: counts[reason].get(stage, 0.0) for stage in STAGES}}
        for reason in ordered[:TOP_REASONS]
    ]


def build_service_section(catalog: Rows, metric_rows: Rows, *, language: str) -> dict[str, Any]:
    """`metric_rows`: the report month's fct_cx_metrics rows of the service metrics, any
    segment (warehouse_reader.read_service_rows)."""
    rows = records(metric_rows)
    catalog_by_name = {m["metric_name"]: m for m in records(catalog)}
    # Columns for the metrics the catalog has (a trimmed catalog drops a column, not the page).
    units = {
        name: catalog_by_name[name]["unit"] for name in BREAKDOWN_METRICS if name in catalog_by_name
    }
    whole = {r["metric_name"]: r for r in rows if r["segment_type"] == "all"}
    self_service = [
        {
            "label": catalog_by_name[name][f"label_{language}"],
            **cell(whole.get(name), catalog_by_name[name]["unit"], language),
        }
        for name in SELF_SERVICE_METRICS
        if name in catalog_by_name
    ]
    return {
        "metric_names": [*units, "contact_reasons_by_stage", *SELF_SERVICE_METRICS],
        "columns": [catalog_by_name[name][f"label_{language}"] for name in units],
        "breakdowns": [
            {
                "segment_type": segment_type,
                "rows": breakdown_rows(
                    segment_type, rows, units, language, volume_metric="tickets_created"
                ),
            }
            for segment_type in BREAKDOWN_SEGMENTS
        ],
        "contact_reasons": contact_reason_stacks(rows),
        "self_service": self_service,
    }
