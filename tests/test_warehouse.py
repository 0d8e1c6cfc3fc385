from pathlib import Path

import duckdb
import pytest

from cx_pipeline.config import parse_settings
from cx_pipeline.warehouse import build_path, previous_path, staged_build, warehouse_build
from cx_pipeline.warehouse_readers import unfinished_build_marker


def _value(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select v from t").fetchone()[0]


def _write(path: Path, value: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create or replace table t as select ? as v", [value])


def test_a_successful_build_replaces_the_live_file_and_keeps_the_previous(tmp_path: Path) -> None:
    live = tmp_path / "cx.duckdb"
    with staged_build(live) as build:
        _write(build, 1)
    assert _value(live) == 1
    with staged_build(live) as build:
        assert _value(build) == 1  # the build starts from the live data
        _write(build, 2)
    assert _value(live) == 2
    assert _value(previous_path(live)) == 1
    assert not build_path(live).exists()


def test_a_failed_build_leaves_the_live_file_untouched(tmp_path: Path) -> None:
    live = tmp_path / "cx.duckdb"
    with staged_build(live) as build:
        _write(build, 1)
    with pytest.raises(RuntimeError), staged_build(live) as build:
        _write(build, 99)
        raise RuntimeError("dbt test failed")
    assert _value(live) == 1
    assert not build_path(live).exists()


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    import threading

    live = tmp_path / "cx.duckdb"
    events: list[str] = []
    first_inside = threading.Event()

    def second() -> None:
        first_inside.wait()
        with staged_build(live) as build:
            events.append("second starts")
            _write(build, 2)

    thread = threading.Thread(target=second)
    thread.start()
    with staged_build(live) as build:
        first_inside.set()
        thread.join(timeout=1)  # the second build is blocked on the lock meanwhile
        events.append("first ends")
        _write(build, 1)
    thread.join(timeout=30)
    assert events == ["first ends", "second starts"]
    assert _value(live) == 2


def test_a_spark_build_marks_its_tables_unfinished_until_it_succeeds(tmp_path: Path) -> None:
    settings = parse_settings(
        {"warehouse": {"engine": "spark", "spark_warehouse": "spark"}}, tmp_path
    )
    marker = unfinished_build_marker(tmp_path / "spark", "cx")
    with pytest.raises(RuntimeError), warehouse_build(settings) as build:
        assert build.dbt_environment == {
            "CX_SPARK_WAREHOUSE": str(tmp_path / "spark"),
            "CX_SPARK_SCHEMA": "cx",
        }
        assert marker.exists()
        raise RuntimeError("dbt failed")
    assert marker.exists()  # the reader refuses the tables of a failed build
    with warehouse_build(settings):
        pass
    assert not marker.exists()


def test_a_duckdb_build_points_dbt_at_the_build_copy(tmp_path: Path) -> None:
    settings = parse_settings({"paths": {"warehouse": "cx.duckdb"}}, tmp_path)
    with warehouse_build(settings) as build:
        assert build.dbt_environment == {"CX_DUCKDB_PATH": str(build_path(tmp_path / "cx.duckdb"))}
        _write(build_path(tmp_path / "cx.duckdb"), 3)
    assert _value(tmp_path / "cx.duckdb") == 3
