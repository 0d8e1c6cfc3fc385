"""The live warehouse and how a build replaces it, per engine (warehouse.engine).

DuckDB: dbt-duckdb is atomic per model, not per run, so a build goes into a copy of the live
file and replaces it only after dbt (models and blocking tests) succeeded. The report reads
only the live file, so a failed or killed run never leaves it with marts from two different
runs. The file it replaced stays beside it as ``<name>.previous``.

Spark: dbt replaces each table in place (copying a warehouse per run is what a distributed
engine is chosen to avoid). A marker beside the tables stands from the build's start until
it succeeded, and the Spark reader refuses to read while it stands: a failed build leaves no
report from two runs' marts, only a clear error until the next successful build.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cx_pipeline.config import Settings
from cx_pipeline.warehouse_readers import (
    DuckDBFileReader,
    SparkParquetReader,
    WarehouseReader,
    unfinished_build_marker,
)


def build_path(live: Path) -> Path:
    return live.with_name(f"{live.name}.build")


def previous_path(live: Path) -> Path:
    return live.with_name(f"{live.name}.previous")


def dbt_target_path(live: Path) -> Path:
    """dbt's target folder for builds of this warehouse. One per warehouse, kept between
    runs, so dbt's saved parse state matches the next build (same profile path and vars)
    and it parses only what changed."""
    return live.with_name(f"{live.name}.dbt")


def _remove_with_wal(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(f"{path.name}.wal").unlink(missing_ok=True)


def warehouse_location(settings: Settings) -> Path:
    """The configured engine's live warehouse: the DuckDB file or the Spark folder."""
    if settings.warehouse.engine == "spark":
        return settings.warehouse.spark_warehouse
    return settings.paths.warehouse


def dbt_environment(settings: Settings, duckdb_file: Path | None = None) -> dict[str, str]:
    """The variables dbt_project/profiles.yml reads to find the configured engine's
    warehouse: the DuckDB file (`duckdb_file`, a build copy, else the live file), or the
    Spark warehouse folder and schema."""
    if settings.warehouse.engine == "spark":
        return {
            "CX_SPARK_WAREHOUSE": str(settings.warehouse.spark_warehouse),
            "CX_SPARK_SCHEMA": settings.warehouse.spark_schema,
        }
    return {"CX_DUCKDB_PATH": str(duckdb_file or settings.paths.warehouse)}


@contextmanager
def _exclusive(live: Path) -> Iterator[None]:
    """Hold an OS lock beside the warehouse: a second build (another run, the UI, the CLI)
    waits instead of deleting the first one's build file under it."""
    with live.with_name(f"{live.name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def staged_build(live: Path) -> Iterator[Path]:
    """Yield a build copy of the live warehouse; swap it in only if the block succeeds.
    Builds of one warehouse run one at a time."""
    live.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(live):
        yield from _staged_build(live)


def _staged_build(live: Path) -> Iterator[Path]:
    build = build_path(live)
    _remove_with_wal(build)  # a leftover of a killed run is never trusted
    if live.exists():
        shutil.copy2(live, build)
    try:
        yield build
        with duckdb.connect(str(build)) as con:
            con.execute("checkpoint")  # fold the WAL in, so the single file is complete
        if live.exists():
            previous = previous_path(live)
            previous.unlink(missing_ok=True)
            os.link(live, previous)
        os.replace(build, live)
    finally:
        _remove_with_wal(build)


@dataclass(frozen=True)
class WarehouseBuild:
    dbt_environment: dict[str, str]  # what points the dbt profile at the build's tables
    reader: WarehouseReader  # reads the tables being built (for the UI's metadata)


@contextmanager
def warehouse_build(settings: Settings) -> Iterator[WarehouseBuild]:
    """A build of the configured engine's warehouse; it becomes the live one only if the
    block succeeds. Builds of one warehouse run one at a time."""
    if settings.warehouse.engine != "spark":
        with staged_build(settings.paths.warehouse) as build_file:
            yield WarehouseBuild(
                dbt_environment(settings, build_file), DuckDBFileReader(build_file)
            )
        return
    folder, schema = settings.warehouse.spark_warehouse, settings.warehouse.spark_schema
    folder.mkdir(parents=True, exist_ok=True)
    marker = unfinished_build_marker(folder, schema)
    # The lock also keeps two Spark sessions off one embedded Derby catalog.
    with _exclusive(folder):
        marker.touch()
        yield WarehouseBuild(
            dbt_environment(settings),
            SparkParquetReader(folder, schema, require_finished_build=False),
        )
        marker.unlink()  # reached only when the block succeeded
