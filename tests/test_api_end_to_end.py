"""Switching every system from export files to its API runs the same pipeline to the same
warehouse and PDF: the tiny company served by local HubSpot, Zendesk and Shopify servers."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader
from pytest_httpserver import HTTPServer

from cx_pipeline.extract.api import serves
from cx_pipeline.source_tables import TABLES
from tests.conftest import PipelineRun, run_pipeline, write_config
from tests.fake_apis import hubspot, shopify, zendesk
from tests.fake_apis.common import contract_rows
from tests.fake_apis.settings import fake_api_settings
from tests.fixtures.tiny_company import write_tiny_company


def _metrics(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select * exclude (journey_stage) from fct_cx_metrics order by all"
        ).fetchall()


def _pages(pdf: Path) -> list[str]:
    # The cover's generation time differs between two runs; everything else must not.
    return [
        "\n".join(line for line in page.extract_text().splitlines() if "Laadittu" not in line)
        for page in PdfReader(pdf).pages
    ]


@pytest.fixture(scope="module")
def api_run(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    root = tmp_path_factory.mktemp("tiny-api")
    served = root / "served"
    write_tiny_company(served)
    # The export folder keeps only the tables no API serves (survey definitions,
    # campaigns, marketing events, effort surveys, self-service sessions).
    exports = root / "exports"
    for table in TABLES:
        if not serves(table):
            target = exports / table.system / table.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(served / table.system / table.file_name, target)
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    hubspot.FakeHubSpot(server, contract_rows(served, "crm"))
    zendesk.FakeZendesk(server, contract_rows(served, "helpdesk"))
    shopify.FakeShopify(server, contract_rows(served, "shop"))
    url = server.url_for("").rstrip("/")
    config = write_config(
        root,
        demo={"generate_if_missing": False},
        report={"language": "fi"},
        backends={"crm": "api", "helpdesk": "api", "shop": "api"},
        # several pages even for the tiny company
        api=fake_api_settings(url, page_size=3),
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CX_HUBSPOT_TOKEN", hubspot.TOKEN)
        env.setenv("CX_ZENDESK_API_TOKEN", zendesk.TOKEN)
        env.setenv("CX_SHOPIFY_ACCESS_TOKEN", shopify.TOKEN)
        try:
            run = run_pipeline(config)
        finally:
            server.stop()
    assert run.result.success, "the pipeline run on the API backends failed"
    return run


def test_the_api_backends_give_the_same_metrics_as_the_export_files(
    api_run: PipelineRun, tiny_run: PipelineRun
) -> None:
    api_metrics = _metrics(api_run.settings.paths.warehouse)
    assert api_metrics, "no metrics were built"
    assert api_metrics == _metrics(tiny_run.settings.paths.warehouse)


def test_the_api_backends_give_the_same_pdf(api_run: PipelineRun, tiny_run: PipelineRun) -> None:
    (api_pdf,) = api_run.settings.paths.reports.glob("cx_report_*.pdf")
    (files_pdf,) = tiny_run.settings.paths.reports.glob("cx_report_*.pdf")
    assert api_pdf.name == files_pdf.name
    assert _pages(api_pdf) == _pages(files_pdf)


def test_the_extract_metadata_names_the_backend(api_run: PipelineRun) -> None:
    backends = {
        "/".join(m.asset_key.path): m.metadata["backend"].value
        for m in api_run.result.get_asset_materialization_events()
        and [e.materialization for e in api_run.result.get_asset_materialization_events()]
        if "backend" in m.metadata
    }
    assert backends["helpdesk/tickets"] == "api"
    assert backends["shop/order_line_items"] == "api"
    assert backends["crm/feedback_submissions"] == "api"
    assert backends["crm/feedback_surveys"] == "files"
