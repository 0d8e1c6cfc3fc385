"""Cross-engine check: the dbt project on DuckDB and on Spark gives the same fct_cx_metrics.

Builds the tiny test company (tests/fixtures/tiny_company.py) once into a landing zone, runs
``dbt build`` on the duckdb target and on the spark target (local[2] session) over it with
the same vars, and compares fct_cx_metrics row by row: the same keys, values within 1e-9
relative, counts and flags exactly. Exits 1 naming every difference.

The tiny company, not demo scale 1: on the two shared cores of CI a local Spark session takes
a few seconds per model whatever the data size, so scale 1 only adds minutes of scans to
the ~10 of the build, while the tiny company already reaches every model and metric.

Not collected by pytest (no test_ prefix): ``make test-spark`` runs it after the default
suite, with the optional [spark] extra installed.
"""

import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from tests.conftest import run_pipeline, write_config
from tests.fixtures.tiny_company import write_tiny_company

PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
KEYS = ["metric_name", "period_grain", "period_start", "segment_type", "segment_value"]
FLOATS = ["value", "numerator", "denominator", "margin_of_error"]
EXACT = ["journey_stage", "n", "is_low_sample", "is_mature"]
RELATIVE_TOLERANCE = 1e-9
SPARK_SCHEMA = "cx"


def landing_zone(root: Path) -> Path:
    """The tiny company extracted by the pipeline into <root>/raw."""
    write_tiny_company(root / "exports")
    config = write_config(root, demo={"generate_if_missing": False})
    run = run_pipeline(config)
    if not run.result.success:
        raise SystemExit("the pipeline run that writes the landing zone failed")
    return root / "raw"


def dbt_build(target: str, landing: Path, work: Path, env: dict[str, str]) -> None:
    """dbt build on one target; its own target and log folders, so the project's prepared
    manifest (dbt_project/target) stays the DuckDB one."""
    command = [
        str(DBT),
        "build",
        "--target",
        target,
        "--target-path",
        str(work / f"dbt-{target}"),
        "--log-path",
        str(work / f"logs-{target}"),
        "--vars",
        f'{{"landing_root": "{landing}"}}',
    ]
    if target == "spark":
        # dbt's unit tests compare floats exactly; on Spark some differ in the last digits
        # (README "Running on Spark"). The data tests all run.
        command += ["--exclude-resource-type", "unit_test"]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env={**os.environ, **env}, capture_output=True, text=True
    )
    print(f"dbt build --target {target}: {time.monotonic() - started:.0f} s")
    if result.returncode != 0:
        print(result.stdout[-20000:])
        raise SystemExit(f"dbt build --target {target} failed")


def duckdb_metrics(path: Path) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.sql("select * from fct_cx_metrics").df()


def spark_metrics(warehouse: Path) -> pd.DataFrame:
    """The Spark table's Parquet files, read without a second Spark session."""
    return pq.read_table(warehouse / f"{SPARK_SCHEMA}.db" / "fct_cx_metrics").to_pandas()


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame.set_index(KEYS).sort_index()


def _close(left: object, right: object) -> bool:
    if pd.isna(left) or pd.isna(right):
        return bool(pd.isna(left) and pd.isna(right))
    return math.isclose(float(left), float(right), rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-12)


def differences(duck: pd.DataFrame, spark: pd.DataFrame) -> list[str]:
    duck, spark = _normalised(duck), _normalised(spark)
    problems = []
    for key in duck.index.difference(spark.index):
        problems.append(f"only on DuckDB: {dict(zip(KEYS, key, strict=True))}")
    for key in spark.index.difference(duck.index):
        problems.append(f"only on Spark: {dict(zip(KEYS, key, strict=True))}")
    for key in duck.index.intersection(spark.index):
        left, right = duck.loc[key], spark.loc[key]
        for column in FLOATS:
            if not _close(left[column], right[column]):
                problems.append(
                    f"{key[0]} {key[1]} {key[2]} {key[3]}={key[4]}: {column} "
                    f"DuckDB {left[column]!r} Spark {right[column]!r}"
                )
        for column in EXACT:
            same = (pd.isna(left[column]) and pd.isna(right[column])) or left[column] == right[
                column
            ]
            if not same:
                problems.append(
                    f"{key[0]} {key[1]} {key[2]} {key[3]}={key[4]}: {column} "
                    f"DuckDB {left[column]!r} Spark {right[column]!r}"
                )
    if duck.index.has_duplicates or spark.index.has_duplicates:
        problems.append("duplicate keys in fct_cx_metrics")
    return problems


def main() -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="cx-spark-"))
    try:
        landing = landing_zone(work / "company")
        duck_path = work / "duckdb" / "cx.duckdb"
        duck_path.parent.mkdir()
        warehouse = work / "spark-warehouse"
        dbt_build("duckdb", landing, work, {"CX_DUCKDB_PATH": str(duck_path)})
        dbt_build(
            "spark",
            landing,
            work,
            {"CX_SPARK_WAREHOUSE": str(warehouse), "CX_SPARK_SCHEMA": SPARK_SCHEMA},
        )
        duck, spark = duckdb_metrics(duck_path), spark_metrics(warehouse)
        problems = differences(duck, spark)
        print(f"fct_cx_metrics rows compared: DuckDB {len(duck)}, Spark {len(spark)}")
        for problem in problems:
            print(problem)
        print(f"cross-engine check wall time: {time.monotonic() - started:.0f} s")
        if problems:
            print(f"{len(problems)} differences between DuckDB and Spark")
            return 1
        print("DuckDB and Spark agree")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
