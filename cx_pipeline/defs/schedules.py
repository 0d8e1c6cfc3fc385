"""The nightly run: yesterday's partition through extract, dbt and the report."""

from typing import Any

import dagster as dg

from cx_pipeline.config import Settings
from cx_pipeline.defs.partitions import daily_partitions

NIGHTLY_JOB = "cx_nightly"


def nightly_job() -> Any:  # an unresolved asset job; dagster does not export its type
    return dg.define_asset_job(
        NIGHTLY_JOB,
        selection=dg.AssetSelection.all(),
        description=(
            "Export files -> landing zone (one day) -> dbt build (tests as checks) -> the "
            "current period's report. The report is rendered only when every step before it "
            "succeeded, so it never shows a partial run."
        ),
    )


def nightly_schedule(settings: Settings, job: Any) -> dg.ScheduleDefinition:
    partitions_def = daily_partitions(settings)

    @dg.schedule(
        name="cx_nightly_schedule",
        cron_schedule=settings.schedule.cron,
        execution_timezone=settings.schedule.timezone,
        job=job,
        default_status=dg.DefaultScheduleStatus.STOPPED,
        description="Runs the last complete day's partition every night.",
    )
    def _nightly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
        key = partitions_def.get_last_partition_key(current_time=context.scheduled_execution_time)
        if key is None:
            return dg.SkipReason("no complete day since partitions.start_date yet")
        return dg.RunRequest(run_key=key, partition_key=key)

    return _nightly
