"""The prediction page as plain data: customer value and churn, whether NPS predicts
repurchase, and which service experiences go with detractors.

Pure: fct_cx_metrics rows in, formatted strings out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from cx_pipeline.report import formatting as fmt
from cx_pipeline.report.rows import Rows, records

VALUE_METRICS = (
    "churn_rate",
    "customer_lifetime_value",
    "customer_lifetime_value_margin",
    "cac",
    "clv_to_cac_ratio",
    "revenue_at_risk",
    "churn_risk_auc",
)
NPS_GROUPS = ("detractor", "passive", "promoter")
TOP_DRIVERS = 5
# A driver seen by fewer respondents is not shown: its effect is mostly noise.
MIN_DRIVER_N = 30


def _value_rows(
    catalog_by_name: Mapping[str, Mapping[str, Any]],
    whole: Mapping[str, Mapping[str, Any]],
    language: str,
) -> list[dict[str, Any]]:
    rows = []
    for name in VALUE_METRICS:
        if name not in catalog_by_name:
            continue
        row = whole.get(name) or {}
        unit = catalog_by_name[name]["unit"]
        rows.append(
            {
                "metric_name": name,
                "label": catalog_by_name[name][f"label_{language}"],
                "text": fmt.format_metric(row.get("value"), unit, language),
                "unreliable": bool(row.get("is_low_sample")) or row.get("is_mature") is False,
            }
        )
    return rows


def driver_label(code: str, labels: Mapping[str, Any]) -> str:
    """'channel:email' -> 'Channel: E-mail'; plain codes from the drivers' own labels."""
    texts = labels["prediction"]["drivers"]
    kind, _, value = code.partition(":")
    if not value:
        return texts.get(code, code)
    names = labels["service"]["segment_values"] if kind == "channel" else labels["contact_reasons"]
    return f"{texts.get(kind, kind)}: {names.get(value, value)}"


def top_drivers(rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Drivers that raise the detractor share, seen by at least MIN_DRIVER_N respondents,
    the largest effect first."""
    candidates = [
        r for r in rows if (r.get("value") or 0) > 0 and (r.get("n") or 0) >= MIN_DRIVER_N
    ]
    return sorted(candidates, key=lambda r: (-float(r["value"]), str(r["segment_value"])))[
        :TOP_DRIVERS
    ]


def build_prediction_section(
    catalog: Rows,
    month_rows: Rows,
    repurchase_rows: Rows,
    *,
    repurchase_month: date | None,
    language: str,
    labels: Mapping[str, Any],
) -> dict[str, Any]:
    """`month_rows`: the report month's rows of VALUE_METRICS (segment all) and
    detractor_drivers (segment driver); `repurchase_rows`: repurchase_rate_by_nps_group by
    NPS group in `repurchase_month`, the latest month whose 180-day window has closed."""
    catalog_by_name = {m["metric_name"]: m for m in records(catalog)}
    rows = records(month_rows)
    whole = {r["metric_name"]: r for r in rows if r["segment_type"] == "all"}
    drivers = [
        r for r in rows if r["metric_name"] == "detractor_drivers" and r["segment_type"] == "driver"
    ]
    by_group = {r["segment_value"]: r for r in records(repurchase_rows)}
    return {
        "values": _value_rows(catalog_by_name, whole, language),
        "repurchase_month": fmt.format_month(repurchase_month, language)
        if repurchase_month
        else fmt.MISSING,
        "repurchase": [
            {
                "group": labels["prediction"]["nps_groups"][group],
                "text": fmt.format_metric(
                    (by_group.get(group) or {}).get("value"), "percent", language
                ),
                "n": fmt.format_count(
                    None if by_group.get(group) is None else float(by_group[group]["n"]),
                    language,
                ),
            }
            for group in NPS_GROUPS
        ],
        "drivers": [
            {
                "label": driver_label(str(r["segment_value"]), labels),
                "effect": fmt.format_change(float(r["value"]), "percent", language, 1),
                "margin": fmt.format_margin(float(r["margin_of_error"]), "percent", language)
                if r.get("margin_of_error") is not None
                else "",
                "is_significant": r.get("margin_of_error") is not None
                and float(r["value"]) > float(r["margin_of_error"]),
                "n": fmt.format_count(float(r["n"]), language),
            }
            for r in top_drivers(drivers)
        ],
    }
