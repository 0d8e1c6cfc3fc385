"""Runs started from the command line or tests: a range of daily partitions, in process."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dagster as dg

from cx_pipeline.config import Settings
from cx_pipeline.partitions import catch_up_range, landed_days
from cx_pipeline.source_tables import TABLES


def yesterday(settings: Settings, now: datetime | None = None) -> date:
    """The last complete day on the reporting time zone's clock."""
    moment = now or datetime.now(ZoneInfo(settings.timezone))
    return moment.astimezone(ZoneInfo(settings.timezone)).date() - timedelta(days=1)


def default_range(settings: Settings, now: datetime | None = None) -> tuple[date, date]:
    """What `cx-pipeline run` loads without --from/--to: the days missing from the landing
    zone since the last load, and yesterday again."""
    last = yesterday(settings, now)
    if last < settings.partitions.start_date:
        raise ValueError(
            f"no complete day to load yet: partitions.start_date is "
            f"{settings.partitions.start_date}, yesterday was {last}"
        )
    landed = landed_days(settings.paths.landing, (t.key for t in TABLES))
    return catch_up_range(landed, start_date=settings.partitions.start_date, yesterday=last)


def partition_range_tags(first: date, last: date) -> dict[str, str]:
    """Tags that make one run materialise every day from `first` to `last`."""
    return {
        "dagster/asset_partition_range_start": first.isoformat(),
        "dagster/asset_partition_range_end": last.isoformat(),
    }


def run_days(
    settings: Settings,
    first: date,
    last: date,
    *,
    resources: dict[str, object],
    instance: dg.DagsterInstance | None = None,
    log_level: str = "DEBUG",
) -> dg.ExecuteInProcessResult:
    """Every asset (export files, extract, dbt, report) for the days `first`..`last` in one
    run: extract reads each export once and writes each day, dbt builds once."""
    from cx_pipeline.definitions import build_assets

    if first < settings.partitions.start_date:
        raise ValueError(
            f"{first} is before partitions.start_date ({settings.partitions.start_date})"
        )
    return dg.materialize(
        build_assets(settings),
        resources=resources,
        instance=instance,
        tags=partition_range_tags(first, last),
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        raise_on_error=False,
    )
