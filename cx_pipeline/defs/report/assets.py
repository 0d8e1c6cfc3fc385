"""The PDF management report, rendered from the live warehouse after a successful build
(Dagster runs it only after the dbt assets succeeded), through the configured engine's
reader."""

import dagster as dg

from cx_pipeline.defs.resources import CxSettings
from cx_pipeline.report import build_report
from cx_pipeline.warehouse_readers import warehouse_reader


@dg.asset(
    key="cx_report_pdf",
    group_name="report",
    kinds={"pdf"},
    owners=["team:cx-analytics"],
    # Everything the report reads from the warehouse.
    deps=[
        dg.AssetKey(name)
        for name in (
            "fct_cx_metrics",
            "metric_catalog",
            "rpt_closed_loop_open",
            "dim_customers",
            "rpt_source_freshness",
            "int_data_horizon",
        )
    ],
    description=(
        "The executive CX report for the latest complete month (or ISO week): findings, "
        "headline KPI tiles, a page per journey stage, customer service, closed loop, "
        "prediction and a methods and data-quality appendix, rendered with jinja2 + "
        "weasyprint to reports/cx_report_<period>.pdf."
    ),
)
def cx_report_pdf(context: dg.AssetExecutionContext, cx: CxSettings) -> dg.MaterializeResult:
    settings = cx.load()
    result = build_report(warehouse_reader(settings), settings, language=cx.report_language)
    context.log.info(f"wrote {result.path}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(result.path)),
            "period": result.period,
            "language": result.language,
            "pages": result.page_count,
            "size_kb": round(result.path.stat().st_size / 1024, 1),
            # Numeric metadata: the UI plots each headline KPI over successive runs.
            **{
                f"kpi_{name}": dg.MetadataValue.float(float(value))
                for name, value in result.headline.items()
                if value is not None
            },
        }
    )
