"""The export-file backend: read a system's export file (CSV or JSONL) into the contract schema.

A file that cannot be read as a whole (no header, a missing column, a line that does not
split into the header's fields or is not a JSON object) raises ExportFileError naming file,
line and column, and nothing of it loads. A row with a value that cannot be read as its
column's type, a missing key or timestamp, or a value outside the contract's row rules is
set aside in the quarantine with its reason, and the other rows load. Unknown extra columns
are tolerated (exports gain fields over time) and reported back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json

from cx_pipeline.extract.arrow_types import arrow_schema
from cx_pipeline.extract.conversion import (
    convert_csv,
    convert_json,
    csv_convert_options,
    typed_columns,
)
from cx_pipeline.extract.quarantine import QUARANTINE_SCHEMA, Problem, quarantine_table
from cx_pipeline.extract.raw_records import (
    ExportFileError,
    RawRecord,
    csv_records,
    json_object,
    jsonl_records,
)
from cx_pipeline.extract.row_checks import row_problems
from cx_pipeline.source_tables import SourceTable

__all__ = [
    "ExportBatches",
    "ExportFileError",
    "ExportRead",
    "UnreadableValues",
    "export_batches",
    "export_path",
    "read_export",
]

# Bytes of an export file read per batch. The readers read ahead several blocks, so memory
# grows with it: 16 MB kept a 23M-row file under 1 GB, 64 MB took 2 GB, at the same speed.
BLOCK_BYTES = 16 << 20


class UnreadableValues(Exception):
    """The batch reader stopped at a value it cannot read as its type (or a line that does
    not split): read the file whole with read_export, which names or quarantines it."""


@dataclass(frozen=True)
class ExportRead:
    table: pa.Table
    unknown_columns: tuple[str, ...]
    quarantine: pa.Table = field(default_factory=QUARANTINE_SCHEMA.empty_table)


def export_path(exports_root: Path, table: SourceTable) -> Path:
    return exports_root / table.system / table.file_name


def read_export(exports_root: Path, table: SourceTable) -> ExportRead:
    path = export_path(exports_root, table)
    if not path.exists():
        raise ExportFileError(f"{table.key}: export file not found: {path}")
    if table.file_format == "csv":
        return _read_csv(path, table)
    return _read_jsonl(path, table)


def _read_csv(path: Path, table: SourceTable) -> ExportRead:
    header = _csv_header(path)
    _require_columns(path, 1, table, header)
    unknown = tuple(c for c in header if c not in table.columns)
    schema = arrow_schema(table)
    try:
        data = _read_csv_as(path, schema)
    except pa.ArrowInvalid:
        # Slow path: a line that does not split fails the file; else find the values the
        # typed read stopped at, with every column read as text first.
        found = list(csv_records(path, len(header)))
        try:
            cells = _read_csv_as(path, pa.schema([(c, pa.string()) for c in table.columns]))
        except pa.ArrowInvalid as exc:
            raise ExportFileError(f"{path}: {exc}") from exc
        data, bad = typed_columns(
            {c: cells[c].combine_chunks() for c in table.columns}, schema, convert_csv
        )
        values = {c: [(i, cells[c][i].as_py()) for i in positions] for c, positions in bad.items()}
        problems = _type_problems(table, values)
        return _checked(path, table, data, unknown, problems, lambda: found)
    return _checked(path, table, data, unknown, {}, lambda: csv_records(path, len(header)))


def _csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), None)
    if header is None:
        raise ExportFileError(f"{path}: line 1: empty file, no header line")
    return header


def _read_csv_as(path: Path, schema: pa.Schema) -> pa.Table:
    options = csv_convert_options({f.name: f.type for f in schema})
    return pa_csv.read_csv(path, convert_options=options).select(schema.names).cast(schema)


def _read_jsonl(path: Path, table: SourceTable) -> ExportRead:
    schema = arrow_schema(table)
    first = next(jsonl_records(path), None)
    if first is None:
        return ExportRead(schema.empty_table(), ())
    # The exports write every field, null or not: an absent key is a missing column, not
    # a column of nulls.
    keys = json_object(path, first).keys()
    _require_columns(path, first.line, table, keys)
    unknown = tuple(sorted(set(keys) - set(table.columns)))
    try:
        data = pa_json.read_json(
            path,
            parse_options=pa_json.ParseOptions(
                explicit_schema=schema, unexpected_field_behavior="ignore"
            ),
        )
    except pa.ArrowInvalid:
        # Slow path: a line that is not a JSON object fails the file; else find the values
        # the typed read stopped at.
        found = list(jsonl_records(path))
        objects = [json_object(path, record) for record in found]
        texts = {
            c: pa.array(
                [None if o.get(c) is None else json.dumps(o[c]) for o in objects], pa.string()
            )
            for c in table.columns
        }
        data, bad = typed_columns(texts, schema, convert_json)
        values = {c: [(i, objects[i][c]) for i in positions] for c, positions in bad.items()}
        problems = _type_problems(table, values)
        return _checked(path, table, data, unknown, problems, lambda: found)
    data = data.select(schema.names).cast(schema)
    return _checked(path, table, data, unknown, {}, lambda: jsonl_records(path))


@dataclass
class ExportBatches:
    """An export file's typed rows, read and checked one block at a time. Iterating yields
    each block's rows without problems; afterwards `quarantine` holds the rows set aside.
    Raises UnreadableValues where read_export's slow path is needed."""

    path: Path
    table: SourceTable
    unknown_columns: tuple[str, ...]
    _batches: Callable[[], Iterator[pa.RecordBatch]]
    _records: Callable[[], Iterable[RawRecord]]
    quarantine: pa.Table = field(default_factory=QUARANTINE_SCHEMA.empty_table)

    def __iter__(self) -> Iterator[pa.Table]:
        schema = arrow_schema(self.table)
        problems: dict[int, Problem] = {}
        seen = 0
        try:
            for batch in self._batches():
                data = pa.Table.from_batches([batch]).select(schema.names).cast(schema)
                found = row_problems(data, self.table)
                if found:
                    problems.update({seen + i: problem for i, problem in found.items()})
                    data = data.filter(pa.array([i not in found for i in range(len(data))]))
                seen += batch.num_rows
                yield data
        except pa.ArrowInvalid as exc:
            raise UnreadableValues(f"{self.path}: {exc}") from exc
        if problems:
            found_records = _records_at(self.path, self._records(), problems.keys(), seen)
            self.quarantine = quarantine_table(self.table, self.path, problems, found_records)


def export_batches(exports_root: Path, table: SourceTable) -> ExportBatches:
    """The file's batches; its header (or first JSON object) is checked here."""
    path = export_path(exports_root, table)
    if not path.exists():
        raise ExportFileError(f"{table.key}: export file not found: {path}")
    schema = arrow_schema(table)
    if table.file_format == "csv":
        header = _csv_header(path)
        _require_columns(path, 1, table, header)
        options = csv_convert_options({f.name: f.type for f in schema})
        return ExportBatches(
            path,
            table,
            tuple(c for c in header if c not in table.columns),
            lambda: iter(
                pa_csv.open_csv(
                    path,
                    read_options=pa_csv.ReadOptions(block_size=BLOCK_BYTES),
                    convert_options=options,
                )
            ),
            lambda: csv_records(path, len(header)),
        )
    first = next(jsonl_records(path), None)
    if first is None:
        return ExportBatches(path, table, (), lambda: iter(()), lambda: iter(()))
    keys = json_object(path, first).keys()
    _require_columns(path, first.line, table, keys)
    return ExportBatches(
        path,
        table,
        tuple(sorted(set(keys) - set(table.columns))),
        lambda: iter(
            pa_json.open_json(
                path,
                read_options=pa_json.ReadOptions(block_size=BLOCK_BYTES),
                parse_options=pa_json.ParseOptions(
                    explicit_schema=schema, unexpected_field_behavior="ignore"
                ),
            )
        ),
        lambda: jsonl_records(path),
    )


def _records_at(
    path: Path, records: Iterable[RawRecord], positions: Collection[int], rows: int
) -> dict[int, RawRecord]:
    """The records at these row positions, checking the file has one record per row read."""
    wanted, found, count = set(positions), {}, 0
    for count, record in enumerate(records, start=1):
        if count - 1 in wanted:
            found[count - 1] = record
    if count != rows:
        # Lines would be named wrongly: better to stop than to point at the wrong row.
        raise ExportFileError(f"{path}: {rows} rows read but {count} records found in the file")
    return found


def _require_columns(path: Path, line: int, table: SourceTable, present: Collection[str]) -> None:
    missing = [c for c in table.columns if c not in present]
    if missing:
        raise ExportFileError(f"{path}: line {line}: missing column(s) {', '.join(missing)}")


def _type_problems(
    table: SourceTable, unreadable: Mapping[str, list[tuple[int, object]]]
) -> dict[int, Problem]:
    """The first unreadable value of each row, in column order; `unreadable` holds each
    column's (row position, value as written)."""
    problems: dict[int, Problem] = {}
    for column, kind in table.columns.items():
        for position, value in unreadable.get(column, []):
            problems.setdefault(position, Problem(column, f"cannot read {value!r} as {kind}"))
    return problems


def _checked(
    path: Path,
    table: SourceTable,
    data: pa.Table,
    unknown: tuple[str, ...],
    type_problems: dict[int, Problem],
    records: Callable[[], Iterable[RawRecord]],
) -> ExportRead:
    """The rows without problems, and the others quarantined with their line and text.
    A value that cannot be read is the reason before any rule on the same row."""
    problems = {**row_problems(data, table), **type_problems}
    if not problems:
        return ExportRead(data, unknown)
    found = _records_at(path, records(), problems.keys(), data.num_rows)
    keep = pa.array([i not in problems for i in range(data.num_rows)])
    return ExportRead(data.filter(keep), unknown, quarantine_table(table, path, problems, found))
