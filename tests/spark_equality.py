"""Cross-engine check: the dbt project on DuckDB and on Spark gives the same fct_cx_metrics.

Builds the tiny test company (tests/fixtures/tiny_company.py) once into a landing zone, runs
``dbt build`` on the duckdb target and on the spark target (local[2] session) over it with
the same vars, and compares fct_cx_metrics row by row: the same keys, values within 1e-9
relative, counts and flags exactly. Exits 1 naming every difference.

The tiny company, not demo scale 1: on the two shared cores of CI a local Spark session takes
a few seconds per model whatever the data size, so scale 1 only adds minutes of scans to
the ~10 of the build, while the tiny company already reaches every model and metric.

Then a second, partitioned run of the incremental staging models over a new load date must
add only that day's rows on both engines.

Not collected by pytest (no test_ prefix): ``make test-spark`` runs it after the default
suite, with the optional [spark] extra installed.
"""

import datetime as dt
import json
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
import pyarrow as pa
import pyarrow.parquet as pq

from tests.conftest import run_pipeline, write_config
from tests.fixtures.tiny_company import write_tiny_company

PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
KEYS = ["metric_name", "period_grain", "period_start", "segment_type", "segment_value"]
FLOATS = ["value", "numerator", "denominator", "margin_of_error"]
EXACT = ["journey_stage", "n", "is_low_sample", "is_mature"]
RELATIVE_TOLERANCE = 1e-9
SPARK_SKIPPED_UNIT_TESTS = [
    "test_fct_churn_risk_weights_laplace_log_odds",
    "test_metrics_feedback_themes_encodings",
]
SPARK_SCHEMA = "cx"


def landing_zone(root: Path) -> Path:
    """The tiny company extracted by the pipeline into <root>/raw."""
    write_tiny_company(root / "exports")
    config = write_config(root, demo={"generate_if_missing": False})
    run = run_pipeline(config)
    if not run.result.success:
        raise SystemExit("the pipeline run that writes the landing zone failed")
    return root / "raw"


def dbt(target: str, arguments: list[str], landing: Path, work: Path, env: dict[str, str]) -> None:
    """One dbt command on one target; its own target and log folders, so the project's
    prepared manifest (dbt_project/target) stays the DuckDB one."""
    command = [
        str(DBT),
        *arguments,
        "--target",
        target,
        "--target-path",
        str(work / f"dbt-{target}"),
        "--log-path",
        str(work / f"logs-{target}"),
        "--vars",
        json.dumps({"landing_root": str(landing)}),
    ]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env={**os.environ, **env}, capture_output=True, text=True
    )
    print(f"dbt {' '.join(arguments)} --target {target}: {time.monotonic() - started:.0f} s")
    if result.returncode != 0:
        print(result.stdout[-20000:])
        raise SystemExit(f"dbt {arguments[0]} --target {target} failed")


def dbt_build(target: str, landing: Path, work: Path, env: dict[str, str]) -> None:
    arguments = ["build"]
    if target == "spark":
        # Two unit tests that cannot pass on Spark yet (README "Running on Spark"): an
        # expected log-odds written to DuckDB's last bit, and a Spark optimizer error.
        arguments += ["--exclude", *SPARK_SKIPPED_UNIT_TESTS]
    dbt(target, arguments, landing, work, env)


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


INCREMENTAL = {"stg_shop__orders": "order_id", "stg_shop__order_line_items": "line_item_id"}
NEW_DAY = dt.date(2026, 11, 3)


def add_new_day(landing: Path) -> tuple[int, int]:
    """A load date after the tiny company's last: one existing order changed (total + 1) and
    one new order with one line item. Returns (changed order id, new order id)."""
    orders_dir = landing / "shop" / "orders"
    latest = sorted(orders_dir.glob("load_date=*/*.parquet"))[-1]
    orders = pq.read_table(latest)
    changed = orders.slice(0, 1).to_pylist()[0]
    at = dt.datetime.combine(NEW_DAY, dt.time(10), tzinfo=dt.UTC)
    changed.update(updated_at=at, total_price=(changed["total_price"] or 0) + 1)
    new = {**changed, "id": changed["id"] + 100_000, "name": "#NEW", "created_at": at}
    new.update(processed_at=at)
    day = f"load_date={NEW_DAY.isoformat()}"
    (orders_dir / day).mkdir()
    pq.write_table(
        pa.Table.from_pylist([changed, new], schema=orders.schema),
        orders_dir / day / "data.parquet",
    )
    lines_dir = landing / "shop" / "order_line_items"
    schema = pq.read_schema(sorted(lines_dir.glob("load_date=*/*.parquet"))[-1])
    line = {name: None for name in schema.names}
    line.update(id=900_001, order_id=new["id"], quantity=2, price=10.0, title="new")
    (lines_dir / day).mkdir()
    pq.write_table(pa.Table.from_pylist([line], schema=schema), lines_dir / day / "data.parquet")
    return changed["id"], new["id"]


def incremental_problems(
    landing: Path, work: Path, envs: dict[str, dict[str, str]], duck: Path, warehouse: Path
) -> list[str]:
    """A partitioned second run of the incremental staging models on both engines adds
    the new day only: the changed order replaced, the new order and line added."""

    def tables() -> dict[str, dict[str, pd.DataFrame]]:
        with duckdb.connect(str(duck), read_only=True) as connection:
            duck_tables = {
                name: connection.sql(f"select * from {name}").df() for name in INCREMENTAL
            }
        spark_tables = {
            name: pq.read_table(warehouse / f"{SPARK_SCHEMA}.db" / name).to_pandas()
            for name in INCREMENTAL
        }
        return {"duckdb": duck_tables, "spark": spark_tables}

    before = tables()
    changed_id, new_id = add_new_day(landing)
    window = {"CX_PARTITION_START": NEW_DAY.isoformat(), "CX_PARTITION_END": "2026-11-04"}
    for target, env in envs.items():
        dbt(target, ["run", "-s", *INCREMENTAL], landing, work, {**env, **window})
    after = tables()
    problems = []
    for engine in after:
        orders, lines = (
            after[engine]["stg_shop__orders"],
            after[engine]["stg_shop__order_line_items"],
        )
        old_orders = before[engine]["stg_shop__orders"]
        if len(orders) != len(old_orders) + 1 or orders["order_id"].duplicated().any():
            problems.append(f"{engine}: orders {len(old_orders)} -> {len(orders)}, expected +1")
        old_total = old_orders.set_index("order_id").loc[changed_id, "total_amount"]
        new_total = orders.set_index("order_id").loc[changed_id, "total_amount"]
        if float(new_total) != float(old_total) + 1:
            problems.append(f"{engine}: changed order {changed_id} total {new_total}")
        if new_id not in set(orders["order_id"]) or 900_001 not in set(lines["line_item_id"]):
            problems.append(f"{engine}: the new order or its line is missing")
        if len(lines) != len(before[engine]["stg_shop__order_line_items"]) + 1:
            problems.append(f"{engine}: order lines not +1")
    for name, key in INCREMENTAL.items():
        left = after["duckdb"][name].sort_values(key).reset_index(drop=True)
        right = after["spark"][name][left.columns].sort_values(key).reset_index(drop=True)
        if not left.astype(str).equals(right.astype(str)):
            problems.append(f"{name}: DuckDB and Spark differ after the incremental run")
    return problems


def main() -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="cx-spark-"))
    try:
        landing = landing_zone(work / "company")
        duck_path = work / "duckdb" / "cx.duckdb"
        duck_path.parent.mkdir()
        warehouse = work / "spark-warehouse"
        envs = {
            "duckdb": {"CX_DUCKDB_PATH": str(duck_path)},
            "spark": {"CX_SPARK_WAREHOUSE": str(warehouse), "CX_SPARK_SCHEMA": SPARK_SCHEMA},
        }
        for target, env in envs.items():
            dbt_build(target, landing, work, env)
        duck, spark = duckdb_metrics(duck_path), spark_metrics(warehouse)
        problems = differences(duck, spark)
        print(f"fct_cx_metrics rows compared: DuckDB {len(duck)}, Spark {len(spark)}")
        problems += incremental_problems(landing, work, envs, duck_path, warehouse)
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
