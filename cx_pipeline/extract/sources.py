"""Read one source table for a run's partition days from the backend its system is set to:
export files, or the system's API. Either way: contract-schema rows and each row's day."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx_pipeline.config import Settings
from cx_pipeline.extract.api import read_api, serves
from cx_pipeline.extract.arrow_types import arrow_schema
from cx_pipeline.extract.export_files import (
    ExportRead,
    UnreadableValues,
    export_batches,
    read_export,
)
from cx_pipeline.extract.quarantine import QUARANTINE_SCHEMA
from cx_pipeline.partitions import local_days
from cx_pipeline.source_tables import TABLES_BY_KEY, TS, SourceTable

# Tables without a timestamp of their own: (parent table, the foreign key to it).
LINE_ITEM_PARENTS = {"shop/order_line_items": ("shop/orders", "order_id")}


@dataclass(frozen=True)
class SourceChunk:
    rows: pa.Table
    days: pa.ChunkedArray  # the day each row last changed, on the reporting calendar


class Restart:
    """Forget the chunks so far: the file is read again whole, as the chunks that follow."""


RESTART = Restart()


@dataclass
class SourceRead:
    """A source table's rows in chunks: from export files one block of the file at a time
    (memory holds a block, not the table); from an API the fetched records at once."""

    chunks: Iterable[SourceChunk | Restart]
    schema: pa.Schema
    unknown_columns: tuple[str, ...] = ()
    backend: str = "files"
    # Rows set aside with their reasons (export files; an API's records are typed by it),
    # complete once the chunks have been read.
    quarantined: Callable[[], pa.Table] = QUARANTINE_SCHEMA.empty_table

    @property
    def quarantine(self) -> pa.Table:
        return self.quarantined()


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
        return SourceRead([SourceChunk(read.table, own_days)], read.table.schema, backend="api")
    return read_export_chunks(settings.paths.exports, table, settings.timezone)


def read_export_chunks(exports: Path, table: SourceTable, timezone: str) -> SourceRead:
    """An export file block by block, each row with its day. A block the batch reader
    cannot type sends the whole file through read_export instead (it names or quarantines
    the unreadable values): RESTART, then the whole file as one chunk."""
    batches = export_batches(exports, table)
    day_of = _day_function(table, exports, timezone)
    whole: list[ExportRead] = []

    def chunks() -> Iterator[SourceChunk | Restart]:
        try:
            for rows in batches:
                yield SourceChunk(rows, day_of(rows))
        except UnreadableValues:
            whole.append(read_export(exports, table))
            yield RESTART
            yield SourceChunk(whole[0].table, day_of(whole[0].table))

    def quarantined() -> pa.Table:
        return whole[0].quarantine if whole else batches.quarantine

    return SourceRead(
        chunks(), arrow_schema(table), batches.unknown_columns, quarantined=quarantined
    )


def _day_function(
    table: SourceTable, exports: Path, timezone: str
) -> Callable[[pa.Table], pa.ChunkedArray]:
    """How a block's rows get their day. Order line items carry no timestamp: they change
    with their order (the shop's API returns them inside it), so they take its day."""
    if table.columns[table.updated_at] == TS:
        return lambda rows: local_days(rows[table.updated_at], timezone)
    parent_key = LINE_ITEM_PARENTS.get(table.key)
    if parent_key is None:
        raise ValueError(f"{table.key}: no timestamp column to partition by")
    parent_table, foreign_key = parent_key
    parent_days = _parent_days(TABLES_BY_KEY[parent_table], foreign_key, exports, timezone)
    # Sorted once, looked up per block by binary search: a hash join per block would
    # rebuild the parents' hash table (millions of orders) for every block.
    parent_days = parent_days.sort_by(foreign_key)
    keys = parent_days[foreign_key].to_numpy()
    parent_day = parent_days["_day_max"].combine_chunks()

    def days(rows: pa.Table) -> pa.ChunkedArray:
        wanted = rows[foreign_key]
        if not len(keys):
            return pa.chunked_array([pa.nulls(len(rows), pa.date32())])
        values = pc.fill_null(wanted, 0).to_numpy()
        at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
        found = pa.array((keys[at] == values) & pc.is_valid(wanted).to_numpy())
        return pa.chunked_array([pc.if_else(found, parent_day.take(at), None)])

    return days


def _parent_days(parent: SourceTable, key: str, exports: Path, timezone: str) -> pa.Table:
    """Each parent record's latest day, keyed by `key`, read block by block."""
    pieces = []
    try:
        for rows in export_batches(exports, parent):
            pieces.append(_keyed_days(rows, parent, key, timezone))
    except UnreadableValues:
        pieces = [_keyed_days(read_export(exports, parent).table, parent, key, timezone)]
    keyed = (
        pa.concat_tables(pieces)
        if pieces
        else _keyed_days(arrow_schema(parent).empty_table(), parent, key, timezone)
    )
    return keyed.group_by(key).aggregate([("_day", "max")])


def _keyed_days(rows: pa.Table, parent: SourceTable, key: str, timezone: str) -> pa.Table:
    return pa.table(
        {key: rows[parent.primary_key], "_day": local_days(rows[parent.updated_at], timezone)}
    )
