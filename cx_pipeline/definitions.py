"""The code location: assembles assets, checks, schedules and resources from cx_pipeline.defs.

Partitions and the schedule come from the settings file at load time (CX_PIPELINE_CONFIG or
cx_pipeline.yaml); everything else is read when a run starts.
"""

import dagster as dg
from dagster_dbt import DbtCliResource

from cx_pipeline.config import Settings, load_settings
from cx_pipeline.defs.checks import source_freshness_checks
from cx_pipeline.defs.dbt.assets import build_dbt_assets
from cx_pipeline.defs.dbt.project import cx_dbt_project
from cx_pipeline.defs.extract.assets import build_extract_assets, export_files
from cx_pipeline.defs.mail.assets import cx_report_email, negative_feedback_alerts
from cx_pipeline.defs.mail.sensors import run_failure_email
from cx_pipeline.defs.partitions import daily_partitions
from cx_pipeline.defs.report.assets import cx_report_pdf
from cx_pipeline.defs.resources import CxSettings, api_tokens_resource, mail_resource
from cx_pipeline.defs.schedules import nightly_job, nightly_schedule


def build_assets(settings: Settings) -> list[dg.AssetsDefinition]:
    partitions_def = daily_partitions(settings)
    return [
        export_files,
        *build_extract_assets(partitions_def),
        build_dbt_assets(partitions_def),
        cx_report_pdf,
        negative_feedback_alerts,
        cx_report_email,
    ]


def extract_assets_of(assets: list[dg.AssetsDefinition]) -> list[dg.AssetsDefinition]:
    """The extract assets: the partitioned ones of the source systems' groups."""
    systems = {"crm", "helpdesk", "shop"}
    return [a for a in assets if set(a.group_names_by_key.values()) <= systems]


def resources(cx: CxSettings | None = None) -> dict[str, object]:
    return {
        "cx": cx or CxSettings(),
        "dbt": DbtCliResource(project_dir=cx_dbt_project()),
        "mailer": mail_resource(),
        "api_tokens": api_tokens_resource(),
    }


def build_definitions(settings: Settings) -> dg.Definitions:
    job = nightly_job()
    assets = build_assets(settings)
    freshness = source_freshness_checks(settings, extract_assets_of(assets))
    return dg.Definitions(
        assets=assets,
        asset_checks=freshness,
        jobs=[job],
        schedules=[nightly_schedule(settings, job)],
        sensors=[
            dg.build_sensor_for_freshness_checks(freshness_checks=freshness),
            run_failure_email,
        ],
        resources=resources(),
        # One process per run: DuckDB allows one writer, and a process per step would cost
        # seconds of start-up each for I/O-light work.
        executor=dg.in_process_executor,
    )


defs = build_definitions(load_settings())
