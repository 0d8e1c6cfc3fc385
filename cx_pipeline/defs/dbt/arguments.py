"""The dbt command lines the pipeline runs, as pure functions of the settings."""

import json
from datetime import date
from typing import Any

from cx_pipeline.config import Settings


def dbt_vars(settings: Settings, window: tuple[date, date] | None = None) -> dict[str, Any]:
    """`window`: the run's partition days, first included and end excluded; incremental
    models then read only the records that changed in them."""
    values: dict[str, Any] = {
        "landing_root": str(settings.paths.landing),
        "reporting_timezone": settings.timezone,
    }
    if window is not None:
        values["partition_start"], values["partition_end"] = (d.isoformat() for d in window)
    return values


def _vars_args(settings: Settings, window: tuple[date, date] | None = None) -> list[str]:
    return ["--vars", json.dumps(dbt_vars(settings, window), sort_keys=True)]


def dbt_build_args(settings: Settings, window: tuple[date, date] | None = None) -> list[str]:
    """The pipeline's build: models, seeds and data tests. dbt unit tests check SQL logic on
    fixed rows, not the data, so they run in the test suite (and CI), not every night."""
    return ["build", *_vars_args(settings, window), "--exclude-resource-type", "unit_test"]


def dbt_docs_args(settings: Settings) -> list[str]:
    """`dbt docs generate` with the run's vars, so the docs' catalog describes the tables the
    pipeline built (column types and row counts come from the warehouse)."""
    return ["docs", "generate", *_vars_args(settings)]
