"""The dbt command lines the pipeline runs, as pure functions of the settings."""

import json
from typing import Any

from cx_pipeline.config import Settings


def dbt_vars(settings: Settings) -> dict[str, Any]:
    return {
        "landing_root": str(settings.paths.landing),
        "reporting_timezone": settings.timezone,
    }


def _vars_args(settings: Settings) -> list[str]:
    return ["--vars", json.dumps(dbt_vars(settings), sort_keys=True)]


def dbt_build_args(settings: Settings) -> list[str]:
    return ["build", *_vars_args(settings)]


def dbt_docs_args(settings: Settings) -> list[str]:
    """`dbt docs generate` with the run's vars, so the docs' catalog describes the tables the
    pipeline built (column types and row counts come from the warehouse)."""
    return ["docs", "generate", *_vars_args(settings)]
