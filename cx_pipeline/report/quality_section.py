"""Data freshness per source system (the cover) and the data-quality notes (the appendix),
as plain data from rpt_source_freshness (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cx_pipeline.report import formatting as fmt
from cx_pipeline.report.kpi import as_date
from cx_pipeline.report.rows import Rows, records

SYSTEMS = ("crm", "helpdesk", "shop")
# A system whose latest load is older than this at report time is flagged stale: the same
# threshold as the dbt sources' freshness warning (warn_after 2 days).
STALE_AFTER = timedelta(days=2)


def _local_date(moment: datetime | None, timezone: str) -> date | None:
    """A naive UTC timestamp from the warehouse as a date in the reporting time zone."""
    if moment is None:
        return None
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(timezone)).date()


def system_freshness(
    rows: Sequence[Mapping[str, Any]], *, timezone: str, today: date
) -> list[dict[str, Any]]:
    """Per system: tables, rows landed and kept, the latest load date, the latest record
    change (local date) and whether the latest load is stale on `today`."""
    systems = []
    for system in SYSTEMS:
        tables = [row for row in rows if row["source_system"] == system]
        if not tables:
            continue
        loads = [as_date(row["latest_load_date"]) for row in tables if row["latest_load_date"]]
        changes = [
            _local_date(row["latest_record_change_at"], timezone)
            for row in tables
            if row["latest_record_change_at"] is not None
        ]
        latest_load = max(loads, default=None)
        systems.append(
            {
                "system": system,
                "tables": len(tables),
                "raw_rows": sum(int(row["raw_rows"]) for row in tables),
                "records": sum(int(row["records"]) for row in tables),
                "dropped_copies": sum(int(row["dropped_copies"]) for row in tables),
                "latest_load": latest_load,
                "latest_change": max(changes, default=None),
                "is_stale": latest_load is None or today - latest_load > STALE_AFTER,
            }
        )
    return systems


def build_quality_section(
    freshness_rows: Rows,
    *,
    horizon: date | None,
    flagged: Sequence[Mapping[str, Any]],
    timezone: str,
    today: date,
    language: str,
    labels: Mapping[str, Any],
) -> dict[str, Any]:
    """`freshness_rows`: rpt_source_freshness; `horizon`: the date every system has data up
    to (int_data_horizon); `flagged`: the report's metric rows (KPI tiles and stage
    tables), whose small-sample and preliminary flags are counted."""
    texts = labels["quality"]
    systems = system_freshness(records(freshness_rows), timezone=timezone, today=today)
    for system in systems:
        system.update(
            {
                "label": texts["systems"][system["system"]],
                "raw_rows_text": fmt.format_count(system["raw_rows"], language),
                "records_text": fmt.format_count(system["records"], language),
                "dropped_text": fmt.format_count(system["dropped_copies"], language),
                "latest_load_text": fmt.format_date(system["latest_load"], language),
                "latest_change_text": fmt.format_date(system["latest_change"], language),
            }
        )
        system["cover_text"] = labels["cover"]["freshness_line"].format(
            change=system["latest_change_text"], load=system["latest_load_text"]
        )
    low_sample = sorted({row["label"] for row in flagged if row.get("is_low_sample")})
    preliminary = sorted({row["label"] for row in flagged if row.get("is_mature") is False})
    notes = []
    if horizon is not None:
        notes.append(texts["horizon"].format(date=fmt.format_date(horizon, language)))
    stale = [s["label"] for s in systems if s["is_stale"]]
    if stale:
        notes.append(texts["stale"].format(systems=", ".join(stale)))
    if low_sample:
        notes.append(texts["low_sample"].format(metrics=", ".join(low_sample)))
    if preliminary:
        notes.append(texts["preliminary"].format(metrics=", ".join(preliminary)))
    return {"systems": systems, "notes": notes}
