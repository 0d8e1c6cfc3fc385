"""Read one source table for a run's partition days from the backend its system is set to:
export files, or the system's API. Either way: contract-schema rows and each row's day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa

from cx_pipeline.config import Settings
from cx_pipeline.extract.api import read_api, serves
from cx_pipeline.extract.export_files import read_export
from cx_pipeline.extract.quarantine import QUARANTINE_SCHEMA
from cx_pipeline.partitions import local_days
from cx_pipeline.source_tables import TABLES_BY_KEY, TS, SourceTable

# Tables without a timestamp of their own: (parent table, the foreign key to it).
LINE_ITEM_PARENTS = {"shop/order_line_items": ("shop/orders", "order_id")}


@dataclass(frozen=True)
class SourceRead:
    table: pa.Table
    days: pa.ChunkedArray  # the day each row last changed, on the reporting calendar
    unknown_columns: tuple[str, ...] = ()
    backend: str = "files"
    # Rows set aside with their reasons (export files; an API's records are typed by it).
    quarantine: pa.Table = field(default_factory=QUARANTINE_SCHEMA.empty_table)


def uses_api(settings: Settings, table: SourceTable) -> bool:
    return settings.backends[table.system] == "api" and serves(table)


def read_source(
    settings: Settings, tokens: Mapping[str, str | None], table: SourceTable, days: list[date]
) -> SourceRead:
    if uses_api(settings, table):
        read = read_api(
            settings.api,
            tokens,
            table,
            days,
            timezone=settings.timezone,
            start_date=settings.partitions.start_date,
        )
        own_days = read.days
        if own_days is None:
            own_days = local_days(read.table[table.updated_at], settings.timezone)
        return SourceRead(read.table, own_days, backend="api")
    export = read_export(settings.paths.exports, table)
    return SourceRead(
        export.table,
        record_days(table, export.table, settings.paths.exports, settings.timezone),
        export.unknown_columns,
        quarantine=export.quarantine,
    )


def record_days(
    table: SourceTable, data: pa.Table, exports: Path, timezone: str
) -> pa.ChunkedArray:
    """The day each row last changed. Order line items carry no timestamp: they change
    with their order (the shop's API returns them inside it), so they take its day."""
    if table.columns[table.updated_at] == TS:
        return local_days(data[table.updated_at], timezone)
    parent_key = LINE_ITEM_PARENTS.get(table.key)
    if parent_key is None:
        raise ValueError(f"{table.key}: no timestamp column to partition by")
    parent_table, foreign_key = parent_key
    parent = TABLES_BY_KEY[parent_table]
    parent_data = read_export(exports, parent).table
    parent_days = (
        pa.table(
            {
                foreign_key: parent_data[parent.primary_key],
                "_day": local_days(parent_data[parent.updated_at], timezone),
            }
        )
        .group_by(foreign_key)
        .aggregate([("_day", "max")])
    )
    joined = pa.table(
        {foreign_key: data[foreign_key], "_row": pa.array(range(len(data)), pa.int64())}
    ).join(parent_days, foreign_key, join_type="left outer")
    return joined.sort_by("_row")["_day_max"]
