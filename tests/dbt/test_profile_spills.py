"""The DuckDB profile under a memory limit a build exceeds: it spills to the temp directory
and the build goes on (the next model's connection must not trip over the used directory)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from cx_pipeline.defs.dbt.project import DBT_PROJECT_DIR

PROJECT = """
name: spill_check
version: "1.0"
profile: cx_pipeline
models:
  spill_check:
    +materialized: table
"""
# Sorting a few million rows under a 32 MB limit cannot stay in memory.
SORTED = "select range as n, random() as r from range(3000000) order by r"


def test_a_build_that_spills_goes_on_with_the_next_model(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(PROJECT, encoding="utf-8")
    shutil.copy(DBT_PROJECT_DIR / "profiles.yml", project / "profiles.yml")
    (project / "models" / "a_sorted.sql").write_text(SORTED, encoding="utf-8")
    (project / "models" / "b_after.sql").write_text(
        "select count(*) as n from {{ ref('a_sorted') }}", encoding="utf-8"
    )
    warehouse = tmp_path / "spill.duckdb"
    env = {
        "PATH": str(Path(sys.executable).parent),
        "HOME": str(tmp_path),
        "CX_DUCKDB_PATH": str(warehouse),
        "CX_DUCKDB_MEMORY_LIMIT": "32MB",
        "CX_DUCKDB_THREADS": "1",
        "CX_DUCKDB_TEMP_DIRECTORY": str(tmp_path / "spill"),
    }
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            "run",
            "--profiles-dir",
            str(project),
            "--project-dir",
            str(project),
            "--target",
            "duckdb",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "Completed successfully" in done.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select n from b_after").fetchone()[0] == 3_000_000
