"""The code location: assembles assets, checks and resources from cx_pipeline.defs."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from cx_pipeline.defs.dbt.assets import cx_dbt_models
from cx_pipeline.defs.dbt.project import cx_dbt_project
from cx_pipeline.defs.extract.assets import export_files, extract_assets
from cx_pipeline.defs.report.assets import cx_report_pdf
from cx_pipeline.defs.resources import CxSettings

defs = dg.Definitions(
    assets=[export_files, *extract_assets, cx_dbt_models, cx_report_pdf],
    resources={
        "cx": CxSettings(),
        "dbt": DbtCliResource(project_dir=cx_dbt_project()),
    },
    # One process per run: DuckDB allows one writer, and a step per process would cost
    # seconds of start-up each for I/O-light work.
    executor=dg.in_process_executor,
)
