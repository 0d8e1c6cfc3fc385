"""Warehouse -> context -> HTML -> PDF file: the one entry point the asset and CLI call."""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cx_pipeline.config import LANGUAGES, Settings
from cx_pipeline.periods import parse_period, resolve_period
from cx_pipeline.report import closed_loop_section, stage_section, warehouse_reader
from cx_pipeline.report.context import build_context
from cx_pipeline.report.targets import apply_target_overrides
from cx_pipeline.report.trends import TREND_PERIODS
from cx_pipeline.warehouse_readers import WarehouseReader

# Periods read back from the report period: the trend's 12 periods (the previous period
# among them) and the same period a year earlier (52 weeks or 12 months back).


@dataclass(frozen=True)
class ReportResult:
    path: Path
    period: str  # YYYY-MM or YYYY-Www
    language: str
    page_count: int
    headline: Mapping[str, float | None]  # metric name -> displayed value for the period


def report_filename(period: str, language: str, default_language: str) -> str:
    """cx_report_2026-10.pdf (or cx_report_2026-W43.pdf) in the configured language,
    cx_report_2026-10_en.pdf otherwise."""
    suffix = "" if language == default_language else f"_{language}"
    return f"cx_report_{period}{suffix}.pdf"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: a crash or a
    full disk never leaves a half-written PDF in place of the last good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp creates 0600; reports are meant to be shared
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


LOGO_MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def logo_data_url(path: Path | None) -> str | None:
    """The logo as a data: URL, read here: the renderer never opens the user's files."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        mime = "image/svg+xml"
    else:
        mime = LOGO_MIME_TYPES[path.suffix.lower()]
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def build_report(
    warehouse: WarehouseReader,
    settings: Settings,
    *,
    language: str | None = None,
    period: str | None = None,
    generated_at: datetime | None = None,
) -> ReportResult:
    """Render the report for `period` ("auto", YYYY-MM or YYYY-Www; default from settings)
    in `language` (default from settings) and write it under settings.paths.reports. "auto"
    reports the latest complete period of the configured grain; an explicit period brings
    its own grain. `warehouse` is the engine's reader (warehouse_readers.warehouse_reader):
    the report's SQL is the same on either engine."""
    # Imported here: WeasyPrint needs the Pango system library and matplotlib is slow to
    # import, and neither should be needed just to load the Dagster definitions.
    from cx_pipeline.report.charts import report_charts
    from cx_pipeline.report.render import load_labels, render_html, render_pdf

    language = language or settings.report.language
    if language not in LANGUAGES:
        raise ValueError(f"report language must be one of {LANGUAGES}, got '{language}'")
    generated_at = generated_at or datetime.now(UTC)

    setting = period or settings.report.period
    grain = settings.report.period_grain if setting == "auto" else parse_period(setting).grain
    with warehouse.connect() as con:
        extent = warehouse_reader.read_extent(con, grain)
        shown = resolve_period(
            setting, grain=grain, latest_day=extent.latest_day, starts=extent.starts
        )
        first = min(shown.shift(-(TREND_PERIODS - 1)), shown.year_ago)
        catalog = apply_target_overrides(
            warehouse_reader.read_catalog(con), settings.report.targets
        )
        metrics = warehouse_reader.read_metrics(con, first, shown)
        demand = warehouse_reader.read_top_demand(con, shown)
        open_feedback = warehouse_reader.read_open_feedback(con)
        service_rows = warehouse_reader.read_service_rows(con, shown)
        prediction_rows = warehouse_reader.read_prediction_rows(con, shown)
        # Repurchase by NPS group is a monthly cohort: the latest mature one up to the
        # month the report period ends in.
        repurchase_month, repurchase_rows = warehouse_reader.read_repurchase_by_nps_group(
            con, shown.end.replace(day=1)
        )
        segment_rows = warehouse_reader.read_segment_rows(
            con, shown, stage_section.segment_metrics(), stage_section.SEGMENT_TYPES
        )
        closed_loop_open = warehouse_reader.read_closed_loop_open(
            con, include_personal_data=settings.report.include_personal_data
        )
        freshness = warehouse_reader.read_source_freshness(con)
        horizon = warehouse_reader.read_data_horizon(con)
        closed_loop_metrics = warehouse_reader.read_period_metrics(
            con, shown, closed_loop_section.METRICS
        )

    labels = load_labels(language)
    context = build_context(
        catalog,
        metrics,
        period=shown,
        language=language,
        labels=labels,
        company_name=settings.report.company_name,
        brand_colour=settings.report.brand_colour,
        generated_at=generated_at,
        timezone=settings.timezone,
        demand=demand,
        open_feedback=open_feedback,
        service_rows=service_rows,
        closed_loop_open=closed_loop_open,
        closed_loop_metrics=closed_loop_metrics,
        prediction_rows=prediction_rows,
        repurchase_rows=repurchase_rows,
        repurchase_month=repurchase_month,
        segment_rows=segment_rows,
        freshness=freshness,
        horizon=horizon,
        logo=logo_data_url(settings.report.logo),
    )
    pdf = render_pdf(render_html(context, report_charts(context)))

    path = settings.paths.reports / report_filename(shown.key, language, settings.report.language)
    write_atomically(path, pdf.data)
    return ReportResult(
        path=path,
        period=shown.key,
        language=language,
        page_count=pdf.page_count,
        headline={row["metric_name"]: row["value"] for row in context["kpis"]},
    )
