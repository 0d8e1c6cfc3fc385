"""The code location: assembles assets, checks and resources from cx_pipeline.defs."""

import dagster as dg
from dagster_dbt import DbtCliResource

from cx_pipeline.defs.dbt.assets import cx_dbt_models
from cx_pipeline.defs.dbt.project import cx_dbt_project
from cx_pipeline.defs.extract.assets import export_files, extract_assets
from cx_pipeline.defs.report.assets import cx_report_pdf
from cx_pipeline.defs.resources import CxSettings

ASSETS = [export_files, *extract_assets, cx_dbt_models, cx_report_pdf]


def resources(cx: CxSettings | None = None) -> dict[str, object]:
    return {
        "cx": cx or CxSettings(),
        "dbt": DbtCliResource(project_dir=cx_dbt_project()),
    }


defs = dg.Definitions(
    assets=ASSETS,
    resources=resources(),
    # One process per run: DuckDB allows one writer, and a process per step would cost
    # seconds of start-up each for I/O-light work.
    executor=dg.in_process_executor,
)
