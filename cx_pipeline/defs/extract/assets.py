"""Extract assets: one per source table, grouped per system, writing the raw landing zone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import dagster as dg

from cx_pipeline import landing
from cx_pipeline.config import Settings
from cx_pipeline.defs.resources import CxSettings
from cx_pipeline.demo_exports import ensure_exports
from cx_pipeline.extract.export_files import ExportFileError, read_export
from cx_pipeline.metadata import table_metadata
from cx_pipeline.source_tables import TABLES, SourceTable

EXPORT_FILES_KEY = dg.AssetKey("export_files")

SYSTEM_KINDS = {"crm": "hubspot", "helpdesk": "zendesk", "shop": "shopify"}


def load_date_for(settings: Settings, now: datetime | None = None) -> date:
    """The load date of an unpartitioned run: today on the reporting time zone's clock."""
    return (
        (now or datetime.now(ZoneInfo(settings.timezone)))
        .astimezone(ZoneInfo(settings.timezone))
        .date()
    )


@dg.asset(
    key=EXPORT_FILES_KEY,
    group_name="exports",
    kinds={"csv", "json"},
    description=(
        "The folder of export files the 'files' backend reads (paths.exports). When it is "
        "empty and demo.generate_if_missing is set, the demo company is generated into it."
    ),
)
def export_files(context: dg.AssetExecutionContext, cx: CxSettings) -> dg.MaterializeResult:
    settings = cx.load()
    swept = landing.sweep_temporary_files(settings.paths.landing)
    if swept:
        context.log.warning(f"removed {len(swept)} temporary file(s) left by a crashed run")
    report = ensure_exports(settings, log=context.log.info)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(settings.paths.exports)),
            "generated": report.generated,
            "files": len(report.files),
        }
    )


def build_extract_asset(table: SourceTable) -> dg.AssetsDefinition:
    @dg.asset(
        key=dg.AssetKey([table.system, table.name]),
        group_name=table.system,
        deps=[EXPORT_FILES_KEY],
        kinds={SYSTEM_KINDS[table.system], "parquet"},
        description=f"{table.description} Raw landing zone copy of {table.key}.",
        retry_policy=dg.RetryPolicy(max_retries=2, delay=2, backoff=dg.Backoff.EXPONENTIAL),
    )
    def _extract(context: dg.AssetExecutionContext, cx: CxSettings) -> dg.MaterializeResult:
        settings = cx.load()
        try:
            result = read_export(settings.paths.exports, table)
        except ExportFileError as error:
            # A malformed file stays malformed: retrying would only delay the message.
            raise dg.Failure(description=str(error), allow_retries=False) from error
        if result.unknown_columns:
            context.log.warning(
                f"{table.key}: ignoring unknown column(s) {', '.join(result.unknown_columns)}"
            )
        load_date = load_date_for(settings)
        path = landing.write_partition(
            settings.paths.landing, table.system, table.name, load_date, result.table
        )
        return dg.MaterializeResult(
            metadata={
                **table_metadata(result.table),
                "load_date": load_date.isoformat(),
                "path": dg.MetadataValue.path(str(path)),
            }
        )

    return _extract


extract_assets = [build_extract_asset(t) for t in TABLES]
