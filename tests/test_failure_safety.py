"""A bad source file fails the run loudly and leaves the last good warehouse and PDF."""

import shutil
from pathlib import Path

import dagster as dg

from cx_pipeline.config import load_settings
from tests.conftest import PipelineRun, run_pipeline


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
