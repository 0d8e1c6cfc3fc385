"""The daily partitions every extract and dbt asset shares."""

import dagster as dg

from cx_pipeline.config import Settings


def daily_partitions(settings: Settings) -> dg.DailyPartitionsDefinition:
    """Days on the reporting time zone's clock from partitions.start_date; the latest
    partition is yesterday, the last complete day."""
    return dg.DailyPartitionsDefinition(
        start_date=settings.partitions.start_date.isoformat(), timezone=settings.timezone
    )
