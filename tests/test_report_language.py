"""Rendering the other language from a run writes its own file beside the configured one."""

import dagster as dg

from cx_pipeline.defs.report.assets import cx_report_pdf
from cx_pipeline.defs.resources import CxSettings
from tests.conftest import PipelineRun


def test_a_run_in_english_keeps_the_finnish_report(tiny_run: PipelineRun) -> None:
    reports = tiny_run.settings.paths.reports
    finnish = reports / "cx_report_2026-10.pdf"
    before = finnish.read_bytes()
    cx = CxSettings(config_file=str(tiny_run.settings.config_file), report_language="en")
    result = dg.materialize([cx_report_pdf], resources={"cx": cx})
    assert result.success
    assert (reports / "cx_report_2026-10_en.pdf").exists()
    assert finnish.read_bytes() == before
