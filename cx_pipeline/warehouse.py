"""The live DuckDB warehouse and its safe replacement.

dbt-duckdb is atomic per model, not per run, so a build goes into a copy of the live file and
replaces it only after dbt (models and blocking tests) succeeded. The report reads only the
live file, so a failed or killed run never leaves it with marts from two different runs. The
file it replaced stays beside it as ``<name>.previous``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


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


def connect_read_only(live: Path) -> duckdb.DuckDBPyConnection:
    if not live.exists():
        raise FileNotFoundError(f"warehouse not built yet: {live} (run the dbt assets first)")
    return duckdb.connect(str(live), read_only=True)
