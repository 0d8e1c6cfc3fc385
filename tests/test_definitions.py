"""The asset graph a user sees in `dagster dev`, pinned."""

import dagster as dg

from cx_pipeline.definitions import defs
from cx_pipeline.source_tables import TABLES


def _specs() -> dict[dg.AssetKey, dg.AssetSpec]:
    return {spec.key: spec for spec in defs.resolve_all_asset_specs()}


def test_one_extract_asset_per_source_table_grouped_by_system() -> None:
    specs = _specs()
    for table in TABLES:
        spec = specs[dg.AssetKey([table.system, table.name])]
        assert spec.group_name == table.system
        assert dg.AssetKey("export_files") in {dep.asset_key for dep in spec.deps}


def test_dbt_models_are_grouped_by_layer_and_journey_stage() -> None:
    groups = {key.to_user_string(): spec.group_name for key, spec in _specs().items()}
    assert groups["stg_helpdesk__tickets"] == "staging"
    assert groups["int_customer_identities"] == "intermediate"
    assert groups["fct_tickets"] == "core"
    assert groups["metrics_ticket_handling"] == "usage"
    assert groups["metrics_orders"] == "purchase"
    assert groups["metrics_nps"] == "prediction"
    assert groups["fct_cx_metrics"] == "metrics"
    assert groups["metric_catalog"] == "catalog"
    assert groups["cx_report_pdf"] == "report"


def test_staging_reads_the_extract_assets_and_the_report_reads_the_metrics() -> None:
    specs = _specs()
    staging = specs[dg.AssetKey("stg_helpdesk__tickets")]
    assert dg.AssetKey(["helpdesk", "tickets"]) in {d.asset_key for d in staging.deps}
    report = specs[dg.AssetKey("cx_report_pdf")]
    assert dg.AssetKey("fct_cx_metrics") in {d.asset_key for d in report.deps}


def test_dbt_tests_are_asset_checks() -> None:
    checks = {
        (key.asset_key.to_user_string(), key.name)
        for key in defs.resolve_asset_graph().asset_check_keys
    }
    assert ("fct_tickets", "unique_fct_tickets_ticket_id") in checks
    # Source tests check the extract assets.
    assert ("helpdesk/tickets", "source_not_null_helpdesk_tickets_id") in checks


def test_every_asset_has_a_description() -> None:
    missing = [k.to_user_string() for k, s in _specs().items() if not s.description]
    assert missing == []


def test_every_extract_asset_checks_row_counts_and_quarantined_rows() -> None:
    checks = {
        (key.asset_key.to_user_string(), key.name)
        for key in defs.resolve_asset_graph().asset_check_keys
    }
    for table in TABLES:
        assert (table.key, "row_count_anomaly") in checks
        assert (table.key, "quarantined_rows") in checks
