"""Freshness checks on the sources: yesterday's partition must land by schedule.data_due."""

from collections.abc import Sequence

import dagster as dg

from cx_pipeline.config import Settings


def source_freshness_checks(
    settings: Settings, extract_assets: Sequence[dg.AssetsDefinition]
) -> Sequence[dg.AssetChecksDefinition]:
    """A check per extract asset: it fails when the latest complete day has not been loaded
    by the deadline."""
    return dg.build_time_partition_freshness_checks(
        assets=extract_assets,
        deadline_cron=settings.schedule.data_due,
        timezone=settings.schedule.timezone,
        severity=dg.AssetCheckSeverity.ERROR,
    )
