"""The dbt command lines the pipeline runs, as pure functions of the settings."""

import json
from datetime import date
from typing import Any

from cx_pipeline.config import Settings


def dbt_vars(settings: Settings) -> dict[str, Any]:
    """The same for every run of one installation: a change of vars makes dbt parse the
    whole project again (seconds), so what changes per run goes in `window_environment`."""
    return {
        "landing_root": str(settings.paths.landing),
        "reporting_timezone": settings.timezone,
    }


def window_environment(window: tuple[date, date]) -> dict[str, str]:
    """The run's partition days, first included and end excluded, for the incremental
    models (macro latest_changed_in_window): they then read only the records that changed
    in them. Environment variables, not vars: dbt re-parses only the files that read them."""
    start, end = window
    return {"CX_PARTITION_START": start.isoformat(), "CX_PARTITION_END": end.isoformat()}


def _vars_args(settings: Settings) -> list[str]:
    return ["--vars", json.dumps(dbt_vars(settings), sort_keys=True)]


def _target_args(settings: Settings) -> list[str]:
    """The profile's output of the configured engine (dbt_project/profiles.yml), named
    even for duckdb, the profile's default, so the engine is the settings' choice alone."""
    return ["--target", settings.warehouse.engine]


def dbt_build_args(settings: Settings) -> list[str]:
    """The pipeline's build: models, seeds and data tests. dbt unit tests check SQL logic on
    fixed rows, not the data, so they run in the test suite (and CI), not every night."""
    return [
        "build",
        *_vars_args(settings),
        *_target_args(settings),
        "--exclude-resource-type",
        "unit_test",
    ]


def dbt_docs_args(settings: Settings) -> list[str]:
    """`dbt docs generate` with the run's vars, so the docs' catalog describes the tables the
    pipeline built (column types and row counts come from the warehouse)."""
    return ["docs", "generate", *_vars_args(settings), *_target_args(settings)]
