"""Cross-engine check: the pipeline on DuckDB and on Spark gives the same metrics and report.

1. The real pipeline (Dagster, in process) runs the tiny test company
   (tests/fixtures/tiny_company.py) with warehouse.engine duckdb: extract into a landing
   zone, dbt build, PDF.
2. It runs again with warehouse.engine spark over the same export files and landing zone:
   the dbt assets build on the spark target (local[2] session), the report reads the
   Parquet tables through the Spark reader. The run must succeed and its PDF say exactly
   what the DuckDB run's says (the cover's generation time aside).
3. The dbt unit tests run on Spark against that warehouse (the nightly build leaves them
   to the tests; on DuckDB the default suite runs them).
4. fct_cx_metrics of the two warehouses is compared row by row: the same keys, values
   within 1e-9 relative, counts and flags exactly.
5. A second, partitioned run of the incremental staging models over a new load date must
   add only that day's rows on both engines.

Prints its wall time and the number of rows compared; exits 1 naming every difference.

The tiny company, not demo scale 1: on the two shared cores of CI a local Spark session takes
a few seconds per model whatever the data size, so scale 1 only adds minutes of scans to
the ~6 of the build, while the tiny company already reaches every model and metric.

Not collected by pytest (no test_ prefix): ``make test-spark`` runs it after the default
suite, with the optional [spark] extra installed.
"""

import datetime as dt
import difflib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pypdf import PdfReader

from cx_pipeline.config import Settings
from cx_pipeline.defs.dbt.arguments import dbt_vars
from cx_pipeline.warehouse import dbt_environment, dbt_target_path, warehouse_location
from cx_pipeline.warehouse_readers import warehouse_reader
from tests.conftest import PipelineRun, run_pipeline, write_config
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
# How the cover shows the generation time (formatting.format_datetime), fi and en.
GENERATED_AT = re.compile(
    r"\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2} \(UTC[^)]*\)"
    r"|\d{1,2} \w+ \d{4}, \d{2}:\d{2} \(UTC[^)]*\)"
)


def pipeline_run(config: Path, engine: str) -> PipelineRun:
    started = time.monotonic()
    run = run_pipeline(config)
    print(f"pipeline run on {engine}: {time.monotonic() - started:.0f} s", flush=True)
    if not run.result.success:
        failed = [e.step_key for e in run.result.all_events if e.is_step_failure]
        raise SystemExit(f"the pipeline run on {engine} failed in step(s): {', '.join(failed)}")
    return run


def pipeline_runs(work: Path) -> tuple[PipelineRun, PipelineRun]:
    """The tiny company through the whole pipeline on DuckDB, then on Spark with the same
    export files and landing zone (its extract rewrites the same partitions)."""
    duck_root, spark_root = work / "duckdb", work / "spark"
    write_tiny_company(duck_root / "exports")
    duck = pipeline_run(write_config(duck_root, demo={"generate_if_missing": False}), "duckdb")
    spark_root.mkdir()
    spark_config = write_config(
        spark_root,
        demo={"generate_if_missing": False},
        paths={
            "exports": str(duck.settings.paths.exports),
            "landing": str(duck.settings.paths.landing),
            "reports": "reports",
            "state": "state",
        },
        warehouse={"engine": "spark", "spark_warehouse": "spark-warehouse", "spark_schema": "cx"},
    )
    return duck, pipeline_run(spark_config, "spark")


def dbt(settings: Settings, arguments: list[str], env: dict[str, str] | None = None) -> None:
    """One dbt command on the run's engine, warehouse and vars, in the pipeline's target
    folder of that warehouse (so dbt parses only what changed)."""
    engine = settings.warehouse.engine
    target = dbt_target_path(warehouse_location(settings))
    command = [
        str(DBT),
        *arguments,
        "--target",
        engine,
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
        "--vars",
        json.dumps(dbt_vars(settings), sort_keys=True),
    ]
    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=PROJECT_DIR,
        env={**os.environ, **dbt_environment(settings), **(env or {})},
        capture_output=True,
        text=True,
    )
    print(
        f"dbt {' '.join(arguments)} --target {engine}: {time.monotonic() - started:.0f} s",
        flush=True,
    )
    if result.returncode != 0:
        print(result.stdout[-20000:])
        raise SystemExit(f"dbt {arguments[0]} --target {engine} failed")


def spark_unit_tests(settings: Settings) -> None:
    # Two unit tests that cannot pass on Spark yet (README "Running on Spark"): an
    # expected log-odds written to DuckDB's last bit, and a Spark optimizer error.
    dbt(settings, ["test", "--select", "test_type:unit", "--exclude", *SPARK_SKIPPED_UNIT_TESTS])


def metrics(settings: Settings) -> pd.DataFrame:
    """fct_cx_metrics through the engine's reader (Spark: its Parquet files, read by
    DuckDB without a second Spark session)."""
    with warehouse_reader(settings).connect() as connection:
        return connection.sql("select * from main.fct_cx_metrics").df()


def report_text(run: PipelineRun) -> str:
    """The run's PDF as text; on the cover, the generation time is left out."""
    (materialization,) = run.result.asset_materializations_for_node("cx_report_pdf")
    pages = [
        page.extract_text() for page in PdfReader(materialization.metadata["path"].value).pages
    ]
    pages[0] = GENERATED_AT.sub("<generated at>", pages[0])
    return "\n".join(pages)


def report_problems(duck: PipelineRun, spark: PipelineRun) -> list[str]:
    left, right = report_text(duck).splitlines(), report_text(spark).splitlines()
    if left == right:
        return []
    diff = difflib.unified_diff(left, right, "DuckDB run's PDF", "Spark run's PDF", lineterm="")
    return ["the PDFs differ:", *list(diff)[:60]]


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


def incremental_problems(duck: Settings, spark: Settings) -> list[str]:
    """A partitioned second run of the incremental staging models on both engines adds
    the new day only: the changed order replaced, the new order and line added."""
    engines = {"duckdb": duck, "spark": spark}

    def tables() -> dict[str, dict[str, pd.DataFrame]]:
        tables = {}
        for engine, settings in engines.items():
            with warehouse_reader(settings).connect() as connection:
                tables[engine] = {
                    name: connection.sql(f"select * from main.{name}").df() for name in INCREMENTAL
                }
        return tables

    before = tables()
    changed_id, new_id = add_new_day(duck.paths.landing)
    window = {"CX_PARTITION_START": NEW_DAY.isoformat(), "CX_PARTITION_END": "2026-11-04"}
    for settings in engines.values():
        dbt(settings, ["run", "-s", *INCREMENTAL], window)
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
        duck, spark = pipeline_runs(work)
        problems = report_problems(duck, spark)
        spark_unit_tests(spark.settings)
        duck_metrics, spark_metrics = metrics(duck.settings), metrics(spark.settings)
        problems += differences(duck_metrics, spark_metrics)
        print(
            f"fct_cx_metrics rows compared: DuckDB {len(duck_metrics)}, Spark {len(spark_metrics)}"
        )
        problems += incremental_problems(duck.settings, spark.settings)
        for problem in problems:
            print(problem)
        print(f"cross-engine check wall time: {time.monotonic() - started:.0f} s")
        if problems:
            print(f"{len(problems)} differences between DuckDB and Spark")
            return 1
        print("DuckDB and Spark agree: fct_cx_metrics, the PDF and the incremental run")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
