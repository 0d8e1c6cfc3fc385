"""Extract assets: one per source table, grouped per system, writing the raw landing zone
and the rows they set aside (the quarantine)."""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import pyarrow as pa

from cx_pipeline import landing
from cx_pipeline.config import Settings
from cx_pipeline.defs.resources import ApiTokens, CxSettings
from cx_pipeline.demo_exports import ensure_exports
from cx_pipeline.extract.api import ApiAuthError
from cx_pipeline.extract.export_files import ExportFileError
from cx_pipeline.extract.sources import Restart, SourceRead, read_source
from cx_pipeline.metadata import PREVIEW_ROWS, table_metadata
from cx_pipeline.partitions import days_between, split_by_day
from cx_pipeline.row_counts import landed_row_counts, row_count_anomaly
from cx_pipeline.source_tables import TABLES, SourceTable

EXPORT_FILES_KEY = dg.AssetKey("export_files")

SYSTEM_KINDS = {"crm": "hubspot", "helpdesk": "zendesk", "shop": "shopify"}
ROW_COUNT_CHECK = "row_count_anomaly"
QUARANTINE_CHECK = "quarantined_rows"
# Reasons shown in the check; the full list (and each row's text) is in the quarantine file.
SHOWN_REASONS = 5


@dg.asset(
    key=EXPORT_FILES_KEY,
    group_name="exports",
    kinds={"csv", "json"},
    owners=["team:data-engineering"],
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


def quarantine_check(table: SourceTable, quarantine: pa.Table, path: Path) -> dg.AssetCheckResult:
    """A warning while rows are set aside. Reasons name line, column and value, never the
    whole row (it may hold a customer's e-mail): that stays in the quarantine file."""
    count = quarantine.num_rows
    reasons = quarantine["reason"].to_pylist()[:SHOWN_REASONS]
    if count:
        description = f"{count} row(s) of {table.key} quarantined: " + "; ".join(reasons)
    else:
        description = f"no rows of {table.key} quarantined"
    return dg.AssetCheckResult(
        check_name=QUARANTINE_CHECK,
        passed=count == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=description,
        metadata={
            "quarantined_rows": count,
            "reasons": dg.MetadataValue.json(reasons),
            "path": dg.MetadataValue.path(str(path)),
        },
    )


def partition_window(context: dg.AssetExecutionContext) -> list[date]:
    """The days this run loads: one partition, or a range in a single-run backfill."""
    window = context.partition_time_window
    return days_between(window.start.date(), window.end.date() - timedelta(days=1))


@dataclass(frozen=True)
class Landed:
    rows: dict[date, int]  # rows written per day of the window
    head: pa.Table  # the first rows, for the UI's preview


def land(settings: Settings, table: SourceTable, window: list[date], read: SourceRead) -> Landed:
    """Write the read's rows into one landing file per day of the window, chunk by chunk."""
    files = landing.DayFiles(settings.paths.landing, table.system, table.name, window, read.schema)
    head = read.schema.empty_table()
    try:
        for chunk in read.chunks:
            if isinstance(chunk, Restart):
                files.discard()
                head = read.schema.empty_table()
                continue
            parts = split_by_day(
                chunk.rows, chunk.days, window, start_date=settings.partitions.start_date
            )
            for day, rows in parts.items():
                files.write(day, rows)
                if len(head) < PREVIEW_ROWS:
                    head = pa.concat_tables([head, rows.slice(0, PREVIEW_ROWS)])
        rows = dict(files.rows)
        files.commit()
    finally:
        files.discard()
    return Landed(rows, head.slice(0, PREVIEW_ROWS))


def build_extract_asset(
    table: SourceTable, partitions_def: dg.DailyPartitionsDefinition
) -> dg.AssetsDefinition:
    @dg.asset(
        key=dg.AssetKey([table.system, table.name]),
        group_name=table.system,
        deps=[EXPORT_FILES_KEY],
        kinds={SYSTEM_KINDS[table.system], "parquet"},
        description=(
            f"{table.description} Raw landing zone copy of {table.key}: one Parquet file per "
            "day, holding the records that changed that day."
        ),
        partitions_def=partitions_def,
        # A backfill of many days reads the export once and writes each day's file.
        backfill_policy=dg.BackfillPolicy.single_run(),
        retry_policy=dg.RetryPolicy(max_retries=2, delay=2, backoff=dg.Backoff.EXPONENTIAL),
        owners=["team:data-engineering"],
        tags={"system": table.system},
        check_specs=[
            dg.AssetCheckSpec(
                ROW_COUNT_CHECK,
                asset=dg.AssetKey([table.system, table.name]),
                description=(
                    "The last loaded day's rows against the median of the 28 days before it: "
                    "a warning outside a third to three times the median."
                ),
            ),
            dg.AssetCheckSpec(
                QUARANTINE_CHECK,
                asset=dg.AssetKey([table.system, table.name]),
                description=(
                    "Rows of the export file set aside instead of loaded (a value that cannot "
                    "be read, a missing key, a value outside the contract's rules): a warning "
                    "with the first reasons when there are any."
                ),
            ),
        ],
    )
    def _extract(
        context: dg.AssetExecutionContext, cx: CxSettings, api_tokens: ApiTokens
    ) -> dg.MaterializeResult:
        settings = cx.load()
        window = partition_window(context)
        try:
            result = read_source(settings, api_tokens.by_system(), table, window)
            landed = land(settings, table, window, result)
        except (ExportFileError, ApiAuthError) as error:
            # A malformed file stays malformed and a refused token stays refused: retrying
            # would only delay the message. Other API errors are retried with backoff.
            raise dg.Failure(description=str(error), allow_retries=False) from error
        if result.unknown_columns:
            context.log.warning(
                f"{table.key}: ignoring unknown column(s) {', '.join(result.unknown_columns)}"
            )
        last_day = window[-1]
        # Written even when empty, so the warehouse can always read every table's file.
        quarantine = result.quarantine
        quarantine_path = landing.write_quarantine(
            settings.paths.landing, table.system, table.name, last_day, quarantine
        )
        if quarantine.num_rows:
            context.log.warning(
                f"{table.key}: quarantined {quarantine.num_rows} row(s), first: "
                f"{quarantine['reason'][0].as_py()}"
            )
        history = landed_row_counts(
            settings.paths.landing,
            table.system,
            table.name,
            last_day,
            skip=settings.partitions.start_date,
        )
        check = row_count_anomaly(landed.rows[last_day], history)
        return dg.MaterializeResult(
            check_results=[
                dg.AssetCheckResult(
                    check_name=ROW_COUNT_CHECK,
                    passed=check.passed,
                    severity=dg.AssetCheckSeverity.WARN,
                    description=check.description,
                    metadata={
                        "day": last_day.isoformat(),
                        "rows": landed.rows[last_day],
                        "earlier_days": len(history),
                        **({} if check.median is None else {"median": check.median}),
                    },
                ),
                quarantine_check(table, quarantine, quarantine_path),
            ],
            metadata={
                **table_metadata(landed.head, sum(landed.rows.values())),
                "backend": result.backend,
                "days": len(window),
                "first_day": window[0].isoformat(),
                "last_day": window[-1].isoformat(),
                "path": dg.MetadataValue.path(
                    str(settings.paths.landing / table.system / table.name)
                ),
                "quarantined_rows": quarantine.num_rows,
                "unknown_columns": dg.MetadataValue.json(list(result.unknown_columns)),
            },
        )

    return _extract


def build_extract_assets(
    partitions_def: dg.DailyPartitionsDefinition,
) -> list[dg.AssetsDefinition]:
    return [build_extract_asset(t, partitions_def) for t in TABLES]
