import json
from datetime import date
from pathlib import Path

from cx_pipeline.config import parse_settings
from cx_pipeline.defs.dbt.arguments import dbt_build_args, dbt_docs_args, window_environment


def _settings(tmp_path: Path):
    return parse_settings(
        {"paths": {"landing": "lake/raw"}, "timezone": "Europe/Stockholm"}, base_dir=tmp_path
    )


def test_build_passes_the_configured_landing_zone_and_time_zone(tmp_path: Path) -> None:
    args = dbt_build_args(_settings(tmp_path))
    assert args[:2] == ["build", "--vars"]
    assert json.loads(args[2]) == {
        "landing_root": str(tmp_path / "lake" / "raw"),
        "reporting_timezone": "Europe/Stockholm",
    }


def test_docs_are_generated_with_the_same_vars_and_target_as_the_build(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    assert dbt_docs_args(settings)[:2] == ["docs", "generate"]
    assert dbt_docs_args(settings)[2:] == dbt_build_args(settings)[1:5]


def test_the_configured_engine_is_the_dbt_target(tmp_path: Path) -> None:
    assert dbt_build_args(_settings(tmp_path))[3:5] == ["--target", "duckdb"]
    spark = parse_settings({"warehouse": {"engine": "spark"}}, base_dir=tmp_path)
    assert dbt_build_args(spark)[3:5] == ["--target", "spark"]
    assert dbt_docs_args(spark)[-2:] == ["--target", "spark"]


def test_the_nightly_build_leaves_unit_tests_to_the_test_suite(tmp_path: Path) -> None:
    assert dbt_build_args(_settings(tmp_path))[-2:] == ["--exclude-resource-type", "unit_test"]


def test_a_partitioned_build_passes_its_window_outside_the_vars() -> None:
    # Vars that change every run would make dbt parse the whole project every run.
    assert window_environment((date(2026, 10, 30), date(2026, 11, 1))) == {
        "CX_PARTITION_START": "2026-10-30",
        "CX_PARTITION_END": "2026-11-01",
    }
