"""Daily partitions: a day at a time gives the same warehouse as a range in one run, and
re-running a day (also an older one) changes nothing."""

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import duckdb

from cx_pipeline.warehouse import dbt_target_path
from tests.conftest import run_pipeline, write_config
from tests.fixtures.tiny_company import write_tiny_company

OCT_31, NOV_1, NOV_2 = date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)
SNAPSHOTS = {
    "fct_cx_metrics": "select * from fct_cx_metrics order by all",
    "fct_orders": "select * from fct_orders order by all",
    "stg_shop__orders": "select * from stg_shop__orders order by all",
    "stg_shop__order_line_items": "select * from stg_shop__order_line_items order by all",
}


def _company(root: Path) -> Path:
    """The tiny company, with order 5003 cancelled on 1 November: a newer copy of it lands
    in that day's partition, while its first copy is history in the 31 October one."""
    orders = write_tiny_company(root / "exports") / "shop" / "orders.csv"
    with orders.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cancelled = next(row for row in rows if row["id"] == "5003") | {
        "updated_at": "2026-11-01T09:00:00Z",
        "cancelled_at": "2026-11-01T09:00:00Z",
        "cancel_reason": "customer",
        "financial_status": "refunded",
    }
    with orders.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[0])).writerow(cancelled)
    return write_config(
        root, demo={"generate_if_missing": False}, partitions={"start_date": "2026-10-31"}
    )


def _snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOTS.items()}


def _full_parses(warehouse: Path) -> list[bool]:
    """Per dbt invocation on this warehouse, in order: did dbt parse the whole project?"""
    full: dict[str, bool] = {}
    target = dbt_target_path(warehouse)
    # dbt rotates its log at 10 MB: dbt.log.N is older than dbt.log.(N-1) and dbt.log
    rotated = sorted(target.glob("dbt.log.*"), key=lambda p: int(p.suffix[1:]), reverse=True)
    lines = [line for log in [*rotated, target / "dbt.log"] for line in log.open(encoding="utf-8")]
    for line in lines:
        event = json.loads(line)
        invocation = event["info"]["invocation_id"]
        full[invocation] = full.get(invocation, False) or event["info"]["name"] == (
            "UnableToPartialParse"
        )
    return list(full.values())


def _run(config: Path, first: date, last: date) -> Path:
    run = run_pipeline(config, first=first, last=last)
    assert run.result.success, f"run {first}..{last} failed"
    return run.settings.paths.warehouse


def test_day_by_day_equals_one_run_and_reruns_change_nothing(tmp_path: Path) -> None:
    # GIVEN both set-ups after the history load of 31 October
    base = tmp_path / "by_day"
    _run(_company(base), OCT_31, OCT_31)
    shutil.copytree(base, tmp_path / "range")
    by_day, in_range = base / "cx_pipeline.yaml", tmp_path / "range" / "cx_pipeline.yaml"
    # the copied config resolves its paths against its own folder
    assert (tmp_path / "range" / "exports").is_dir()

    # WHEN 1 and 2 November run one day at a time, and as one two-day run
    _run(by_day, NOV_1, NOV_1)
    day_warehouse = _run(by_day, NOV_2, NOV_2)
    range_warehouse = _run(in_range, NOV_1, NOV_2)

    # THEN the warehouses hold the same rows
    days = _snapshot(day_warehouse)
    assert days == _snapshot(range_warehouse)
    # with order 5003 cancelled once, not twice, and order 5004 (2 November) loaded
    orders = {row[0]: row for row in days["stg_shop__orders"]}
    assert sorted(orders) == [5001, 5002, 5003, 5004]
    with duckdb.connect(str(day_warehouse), read_only=True) as con:
        assert con.execute(
            "select is_cancelled from stg_shop__orders where order_id = 5003"
        ).fetchone() == (True,)

    # AND re-running an older day (1 November, before 2 November's load) changes nothing:
    # its copies never win over newer ones
    assert _snapshot(_run(by_day, NOV_1, NOV_1)) == days
    # and each day's landing file was replaced, not appended to
    landed = list((base / "raw" / "shop" / "orders").glob("load_date=2026-11-01/*.parquet"))
    assert [p.name for p in landed] == ["data.parquet"]

    # AND only the first build of a warehouse parsed the whole dbt project: later runs'
    # windows do not invalidate dbt's saved parse state
    assert _full_parses(day_warehouse) == [True, False, False, False]
