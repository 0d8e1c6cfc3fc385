"""The demo company (scale 1) through the whole pipeline, as `make report` runs it."""

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pypdf import PdfReader

from cx_pipeline.report import build_report
from cx_pipeline.warehouse_readers import warehouse_reader
from tests.conftest import PipelineRun, run_pipeline, write_config

SCALE = float(os.environ.get("CX_TEST_SCALE", "1"))


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    root = tmp_path_factory.mktemp("demo")
    config = write_config(root, demo={"scale": SCALE, "seed": 7}, report={"language": "fi"})
    run = run_pipeline(config)
    assert run.result.success, "the demo pipeline run failed"
    return run


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _report_period(run: PipelineRun) -> str:
    (materialization,) = run.result.asset_materializations_for_node("cx_report_pdf")
    return materialization.metadata["period"].value


def _monthly(run: PipelineRun, metric: str, period: str) -> float:
    with duckdb.connect(str(run.settings.paths.warehouse), read_only=True) as con:
        return con.execute(
            """select value from fct_cx_metrics
               where metric_name = ? and period_grain = 'month' and period_start = ?
                 and segment_type = 'all'""",
            [metric, date.fromisoformat(f"{period}-01")],
        ).fetchone()[0]


def _finnish_one_decimal(value: float) -> str:
    # Worked out here, not by the report's formatter: one decimal, decimal comma,
    # U+2212 for a minus.
    return f"{value:.1f}".replace(".", ",").replace("-", "\u2212")


def test_the_pdf_shows_the_nps_in_the_warehouse(demo_run: PipelineRun) -> None:
    period = _report_period(demo_run)
    pdf = demo_run.settings.paths.reports / f"cx_report_{period}.pdf"
    assert pdf.exists()
    text = _pdf_text(pdf)
    nps = _monthly(demo_run, "nps", period)
    assert _finnish_one_decimal(nps) in text
    assert "Nettosuositteluindeksi" in text
    assert "@" not in text  # no customer e-mail without report.include_personal_data


def test_the_english_report_uses_english_labels_and_decimal_points(
    demo_run: PipelineRun,
) -> None:
    result = build_report(warehouse_reader(demo_run.settings), demo_run.settings, language="en")
    assert result.path.name.endswith("_en.pdf")
    text = _pdf_text(result.path)
    nps = _monthly(demo_run, "nps", result.period)
    assert f"{nps:.1f}".replace("-", "\u2212") in text or f"{nps:.1f}" in text
    assert "Net Promoter Score" in text
    assert re.search(r"Page \d+ of \d+", text)
    # The journey-stage pages, with the month's orders (English thousands separator).
    orders = _monthly(demo_run, "orders", result.period)
    assert "Perception" in text and "Purchase" in text
    assert f"{orders:,.0f}" in text


def test_a_weekly_report_of_the_demo(demo_run: PipelineRun) -> None:
    settings = demo_run.settings.with_report(period_grain="week")
    result = build_report(warehouse_reader(settings), settings, language="en")
    # The demo data end on Saturday 31 October 2026: the latest complete ISO week is W43.
    assert result.period == "2026-W43"
    with duckdb.connect(str(settings.paths.warehouse), read_only=True) as con:
        nps = con.execute(
            """select value from fct_cx_metrics where metric_name = 'nps'
               and period_grain = 'week' and period_start = date '2026-10-19'
               and segment_type = 'all'"""
        ).fetchone()[0]
    text = _pdf_text(result.path)
    assert "week 43, 2026" in text and "12-week trend" in text
    assert f"{nps:.1f}" in text


def test_every_monthly_headline_metric_has_a_value_for_the_report_month(
    demo_run: PipelineRun,
) -> None:
    period = _report_period(demo_run)
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        headline = [
            row[0]
            for row in con.execute(
                "select metric_name from metric_catalog where headline_order > 0"
            ).fetchall()
        ]
    assert len(headline) >= 9
    for metric in headline:
        assert _monthly(demo_run, metric, period) is not None, metric


def test_duplicate_export_rows_do_not_duplicate_orders(demo_run: PipelineRun) -> None:
    exports = demo_run.settings.paths.exports
    with duckdb.connect() as con:
        raw_rows, distinct_ids = con.execute(
            f"select count(*), count(distinct id) from read_csv('{exports}/shop/orders.csv')"
        ).fetchone()
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        orders = con.execute("select count(*) from fct_orders").fetchone()[0]
    assert raw_rows > distinct_ids, "the demo data should carry duplicate export rows"
    assert orders == distinct_ids


def test_a_rerun_of_the_same_day_changes_nothing(demo_run: PipelineRun) -> None:
    query = "select * from fct_cx_metrics order by all"
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        before = con.execute(query).fetchall()
    again = run_pipeline(demo_run.settings.config_file)
    assert again.result.success
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        after = con.execute(query).fetchall()
    assert after == before


def test_every_catalog_metric_has_values_for_the_demo(demo_run: PipelineRun) -> None:
    """The catalog lists nothing the pipeline does not compute, and every metric reaches
    the report month (windowed metrics may be immature there, but they have a row)."""
    period = _report_period(demo_run)
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        missing = con.execute(
            """
            select catalog.metric_name
            from metric_catalog as catalog
            left join fct_cx_metrics as metrics
                on catalog.metric_name = metrics.metric_name
                and metrics.period_grain = 'month'
                and metrics.period_start = cast(? as date)
            group by catalog.metric_name
            having count(metrics.metric_name) = 0
            order by 1
            """,
            [f"{period}-01"],
        ).fetchall()
    assert not missing, f"catalog metrics without a {period} value: {missing}"


def test_dbt_docs_generate_for_the_built_warehouse(demo_run: PipelineRun, tmp_path: Path) -> None:
    config = demo_run.settings.config_file
    env = {**os.environ, "DBT_TARGET_PATH": str(tmp_path / "docs")}
    completed = subprocess.run(
        [sys.executable, "-m", "cx_pipeline.cli", "docs", "--config", str(config)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    catalog = json.loads((tmp_path / "docs" / "catalog.json").read_text(encoding="utf-8"))
    assert "model.cx_pipeline.fct_cx_metrics" in catalog["nodes"]
    assert (tmp_path / "docs" / "index.html").exists()


def test_the_metrics_asset_carries_row_count_schema_and_headline_values(
    demo_run: PipelineRun,
) -> None:
    materialization = next(
        m
        for m in demo_run.result.asset_materializations_for_node("cx_dbt_models")
        if m.asset_key == dg.AssetKey("fct_cx_metrics")
    )
    metadata = materialization.metadata
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        rows = con.execute("select count(*) from fct_cx_metrics").fetchone()[0]
    assert metadata["dagster/row_count"].value == rows
    columns = [c.name for c in metadata["dagster/column_schema"].value.columns]
    assert columns[:3] == ["metric_name", "journey_stage", "period_grain"]
    period = metadata["metrics_month"].value
    assert metadata["metric/nps"].value == pytest.approx(_monthly(demo_run, "nps", period))


def test_dbt_unit_tests_pass(demo_run: PipelineRun, tmp_path: Path) -> None:
    """The metric logic's known-answer unit tests (the nightly build leaves them out). They
    read fixed rows, but dbt needs the models' parents in the warehouse for their types:
    a copy of the demo warehouse has them."""
    from cx_pipeline.defs.dbt.arguments import dbt_vars
    from cx_pipeline.defs.dbt.project import cx_dbt_project

    warehouse = tmp_path / "unit.duckdb"
    shutil.copyfile(demo_run.settings.paths.warehouse, warehouse)
    env = {
        **os.environ,
        "CX_DUCKDB_PATH": str(warehouse),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
    }
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "test",
            "--select",
            "test_type:unit",
            "--vars",
            json.dumps(dbt_vars(demo_run.settings)),
        ],
        cwd=cx_dbt_project().project_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:]
    passed = re.search(r"PASS=(\d+)", completed.stdout)
    assert passed and int(passed.group(1)) >= 39, completed.stdout[-1000:]


def test_every_model_and_column_the_warehouse_holds_is_described(demo_run: PipelineRun) -> None:
    """dbt docs are the analysts' reference: no model or column may be undocumented."""
    from cx_pipeline.defs.dbt.project import cx_dbt_project

    manifest = json.loads(cx_dbt_project().manifest_path.read_text(encoding="utf-8"))
    with duckdb.connect(str(demo_run.settings.paths.warehouse), read_only=True) as con:
        built = con.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'main'"
        ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in built:
        columns.setdefault(table, []).append(column)
    undocumented = []
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed"):
            continue
        if not node["description"].strip():
            undocumented.append(node["name"])
        described = {
            name for name, column in node["columns"].items() if column["description"].strip()
        }
        undocumented += [
            f"{node['name']}.{c}" for c in columns.get(node["name"], []) if c not in described
        ]
    assert not undocumented, f"describe in yml: {undocumented}"
