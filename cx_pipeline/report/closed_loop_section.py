"""The closed-loop page as plain data: negative feedback still waiting for a follow-up.

Pure: the open answers (rpt_closed_loop_open) and the month's follow-up metrics in,
formatted strings out. Customers appear by a pseudonymous reference (the start of their
customer key, itself a hash), or by e-mail only when the open answers carry one, which the
reader adds only under the report.include_personal_data setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cx_pipeline.report import formatting as fmt
from cx_pipeline.report.rows import Rows, records

# Age buckets in days (upper bounds, inclusive); the last is open-ended.
AGE_BUCKETS = (("0_2", 2), ("3_7", 7), ("8_30", 30), ("31_90", 90), ("over_90", None))
LIST_LENGTH = 10
REFERENCE_LENGTH = 8
METRICS = ("negative_feedback_follow_up_rate", "follow_up_time", "recovery_rate")


def age_bucket(age_days: int) -> str:
    for name, upper in AGE_BUCKETS:
        if upper is None or age_days <= upper:
            return name
    raise AssertionError("the last bucket is open-ended")


def reference(customer_key: str | None) -> str:
    """A short pseudonymous reference an owner can look up in the warehouse."""
    return (customer_key or "unknown")[:REFERENCE_LENGTH]


def build_closed_loop_section(
    catalog: Rows,
    open_answers: Rows,
    metric_rows: Rows,
    *,
    language: str,
    labels: Mapping[str, Any],
) -> dict[str, Any]:
    """`open_answers`: rpt_closed_loop_open; `metric_rows`: the report month's
    whole-company rows of METRICS; `labels`: the language's i18n mapping."""
    answers = records(open_answers)
    counts = {name: 0 for name, _ in AGE_BUCKETS}
    for answer in answers:
        counts[age_bucket(int(answer["age_days"]))] += 1
    # The most recent overdue answers: still worth a call, unlike last year's.
    overdue = sorted(
        (a for a in answers if a["is_overdue"]),
        key=lambda a: (int(a["age_hours"]), str(a["customer_key"])),
    )[:LIST_LENGTH]
    catalog_by_name = {m["metric_name"]: m for m in records(catalog)}
    by_metric: dict[str, Mapping[str, Any]] = {r["metric_name"]: r for r in records(metric_rows)}
    overdue_count = sum(1 for a in answers if a["is_overdue"])
    personal = any(a.get("email") for a in answers)
    texts = labels["closed_loop"]
    return {
        "intro": texts["intro"].format(
            open=fmt.format_count(float(len(answers)), language),
            overdue=fmt.format_count(float(overdue_count), language),
        )
        + " "
        + texts["privacy"]["personal" if personal else "pseudonymous"],
        "age_buckets": [
            {"bucket": name, "count": fmt.format_count(float(counts[name]), language)}
            for name, _ in AGE_BUCKETS
        ],
        "waiting": [
            {
                "reference": a.get("email") or reference(a["customer_key"]),
                "survey": a["survey_name"],
                "score": f"{int(a['score'])}/{int(a['scale_max'])}",
                "age_days": fmt.format_count(float(a["age_days"]), language),
            }
            for a in overdue
        ],
        "metrics": [
            {
                "label": catalog_by_name[name][f"label_{language}"],
                "text": fmt.format_metric(
                    None if by_metric.get(name) is None else by_metric[name]["value"],
                    catalog_by_name[name]["unit"],
                    language,
                ),
                "unreliable": bool((by_metric.get(name) or {}).get("is_low_sample"))
                or (by_metric.get(name) or {}).get("is_mature") is False,
            }
            for name in METRICS
            if name in catalog_by_name
        ],
    }
