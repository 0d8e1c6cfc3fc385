"""A file that cannot be read fails the run loudly and leaves the last good warehouse and
PDF; a bad row in a readable file is quarantined and the rest loads."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb

from cx_pipeline import landing
from cx_pipeline.config import load_settings
from cx_pipeline.definitions import build_assets, resources
from cx_pipeline.defs.resources import CxSettings
from cx_pipeline.runs import partition_range_tags
from tests.conftest import LAST_DAY, PipelineRun, run_pipeline

QUARANTINE_MODEL = dg.AssetKey("rpt_quarantined_rows")


def test_a_malformed_export_keeps_the_last_good_data_and_report(
    tmp_path: Path, tiny_run: PipelineRun
) -> None:
    # GIVEN a successful run (a copy of the tiny company's: its paths are relative)
    shutil.copytree(tiny_run.settings.config_file.parent, tmp_path, dirs_exist_ok=True)
    config = tmp_path / "cx_pipeline.yaml"
    settings = load_settings(config)
    warehouse = settings.paths.warehouse
    (pdf,) = settings.paths.reports.glob("cx_report_*.pdf")
    warehouse_bytes, pdf_bytes = warehouse.read_bytes(), pdf.read_bytes()

    # WHEN the orders export gains a line with a field missing (it cannot be split into
    # the header's columns: a value that only cannot be read would be quarantined)
    orders = tmp_path / "exports" / "shop" / "orders.csv"
    good_orders = orders.read_text(encoding="utf-8")
    orders.write_text(
        good_orders + "5005,#5005,yksi@example.fi,,2026-10-20T10:00:00Z\n", encoding="utf-8"
    )
    second = run_pipeline(config)

    # THEN the run fails in the extracts that read that file (the order lines take their
    # days from the orders) with a message naming file and line,
    failures = {
        e.step_key: e.step_failure_data.user_failure_data.description
        for e in second.result.all_events
        if e.is_step_failure
    }
    assert set(failures) == {"shop__orders", "shop__order_line_items"}
    for message in failures.values():
        assert message == f"{orders}: line 6: expected 22 fields, found 5"
    # the downstream steps did not start,
    started = {
        e.step_key
        for e in second.result.all_events
        if e.event_type == dg.DagsterEventType.STEP_START
    }
    assert "shop__orders" in started
    assert not {"cx_dbt_models", "cx_report_pdf"} & started
    # and the warehouse and the report are the last good ones.
    assert warehouse.read_bytes() == warehouse_bytes
    assert pdf.read_bytes() == pdf_bytes

    # WHEN the orders file is fixed but the tickets export cannot be read at all (a flaky
    # file share: the path is there but reading it fails with an OS error)
    orders.write_text(good_orders, encoding="utf-8")
    tickets = tmp_path / "exports" / "helpdesk" / "tickets.jsonl"
    tickets.rename(tmp_path / "tickets.jsonl")
    tickets.mkdir()
    third = run_pipeline(config)

    # THEN that extract is retried twice with backoff, then fails the run,
    events = third.result.all_events
    retries = [
        e
        for e in events
        if e.event_type == dg.DagsterEventType.STEP_UP_FOR_RETRY
        and e.step_key == "helpdesk__tickets"
    ]
    assert len(retries) == 2
    assert not third.result.success
    failed = {e.step_key for e in events if e.is_step_failure}
    assert "helpdesk__tickets" in failed
    # the report was not rebuilt from the partial run, and nothing good was lost.
    started = {e.step_key for e in events if e.event_type == dg.DagsterEventType.STEP_START}
    assert not {"cx_dbt_models", "cx_report_pdf"} & started
    assert warehouse.read_bytes() == warehouse_bytes
    assert pdf.read_bytes() == pdf_bytes


def test_an_out_of_range_answer_is_quarantined_and_the_rest_loads(
    tmp_path: Path, tiny_run: PipelineRun
) -> None:
    # GIVEN a copy of the tiny company's run whose support ratings gain a 6 on the 1-5 scale
    shutil.copytree(tiny_run.settings.config_file.parent, tmp_path, dirs_exist_ok=True)
    config = tmp_path / "cx_pipeline.yaml"
    settings = load_settings(config)
    ratings = tmp_path / "exports" / "helpdesk" / "satisfaction_ratings.jsonl"
    with ratings.open("a", encoding="utf-8") as handle:
        handle.write(
            '{"id": 7, "ticket_id": 4, "requester_id": 4, "assignee_id": 900, "group_id": 1, '
            '"score": "good", "rating": 6, "comment": null, "reason": null, '
            '"created_at": "2026-10-08T11:00:00Z", "updated_at": "2026-10-09T08:00:00Z"}\n'
        )

    # WHEN the ratings are extracted and the quarantine model built (the rest stays as the
    # tiny company's run left it, which keeps this test short)
    result = dg.materialize(
        build_assets(settings),
        selection=[dg.AssetKey(["helpdesk", "satisfaction_ratings"]), QUARANTINE_MODEL],
        resources=resources(CxSettings(config_file=str(config))),
        tags=partition_range_tags(settings.partitions.start_date, LAST_DAY),
        raise_on_error=False,
    )

    # THEN the run succeeds, the other ratings land and the bad one does not,
    assert result.success
    landed = landing.table_glob(settings.paths.landing, "helpdesk", "satisfaction_ratings")
    with duckdb.connect() as con:
        ids = con.execute(f"select list(id order by id) from read_parquet('{landed}')").fetchone()
    assert ids == ([1, 2, 3, 4, 5, 6],)
    # the warehouse lists it with its reason,
    with duckdb.connect(str(settings.paths.warehouse), read_only=True) as con:
        rows = con.execute(
            "select source_system, source_table, line, column_name, reason"
            " from rpt_quarantined_rows"
        ).fetchall()
    assert rows == [
        ("helpdesk", "satisfaction_ratings", 7, "rating", "line 7: column 'rating': 6 outside 1..5")
    ]
    # and the extract's quarantine check warns.
    (check,) = [
        e for e in result.get_asset_check_evaluations() if e.check_name == "quarantined_rows"
    ]
    assert check.asset_key == dg.AssetKey(["helpdesk", "satisfaction_ratings"])
    assert not check.passed
    assert check.severity == dg.AssetCheckSeverity.WARN
