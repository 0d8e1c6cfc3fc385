"""The export-file backend: read a system's export file (CSV or JSONL) into the contract schema.

Errors name the file, the line and the column, so a data engineer can open the file and fix it.
Unknown extra columns are tolerated (exports gain fields over time) and reported back.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json

from cx_pipeline.extract.arrow_types import ARROW_TYPES, arrow_schema
from cx_pipeline.source_tables import SourceTable


class ExportFileError(ValueError):
    """An export file cannot be read; the message names file, line and column."""


@dataclass(frozen=True)
class ExportRead:
    table: pa.Table
    unknown_columns: tuple[str, ...]


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
    missing = [c for c in table.columns if c not in header]
    if missing:
        raise ExportFileError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    schema = arrow_schema(table)
    options = pa_csv.ConvertOptions(
        column_types={f.name: f.type for f in schema},
        include_columns=list(table.columns),
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    try:
        data = pa_csv.read_csv(path, convert_options=options)
    except pa.ArrowInvalid as exc:
        raise ExportFileError(_locate_csv_error(path, table, header) or f"{path}: {exc}") from exc
    unknown = tuple(c for c in header if c not in table.columns)
    return ExportRead(data.select(list(table.columns)).cast(schema), unknown)


def _csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        try:
            return next(csv.reader(handle))
        except StopIteration as exc:
            raise ExportFileError(f"{path}: empty file (no header line)") from exc


def _locate_csv_error(path: Path, table: SourceTable, header: list[str]) -> str | None:
    """Find the first value that does not parse as its column's type (slow path, errors only)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for line_no, row in enumerate(reader, start=2):
            if len(row) != len(header):
                return f"{path}: line {line_no}: expected {len(header)} fields, found {len(row)}"
            for name, value in zip(header, row, strict=True):
                kind = table.columns.get(name)
                if kind is None or value == "":
                    continue
                if not _parses(value, ARROW_TYPES[kind]):
                    return (
                        f"{path}: line {line_no}: column '{name}': cannot read {value!r} as {kind}"
                    )
    return None


def _parses(value: str, arrow_type: pa.DataType) -> bool:
    try:
        pa_csv.read_csv(
            io.BytesIO(f"v\n{json.dumps(value)}\n".encode()),
            convert_options=pa_csv.ConvertOptions(column_types={"v": arrow_type}),
        )
    except pa.ArrowInvalid:
        return False
    return True


def _read_jsonl(path: Path, table: SourceTable) -> ExportRead:
    schema = arrow_schema(table)
    if path.stat().st_size == 0:
        return ExportRead(schema.empty_table(), ())
    unknown: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    try:
        keys = set(json.loads(first))
    except json.JSONDecodeError as exc:
        raise ExportFileError(f"{path}: line 1: not valid JSON: {exc.msg}") from exc
    # The exports write every field, null or not: an absent key is a missing column, not
    # a column of nulls.
    missing = [c for c in table.columns if c not in keys]
    if missing:
        raise ExportFileError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    unknown = keys - set(table.columns)
    try:
        data = pa_json.read_json(
            path,
            parse_options=pa_json.ParseOptions(
                explicit_schema=schema, unexpected_field_behavior="ignore"
            ),
        )
    except pa.ArrowInvalid as exc:
        raise ExportFileError(_locate_json_error(path, table) or f"{path}: {exc}") from exc
    return ExportRead(data.select(list(table.columns)).cast(schema), tuple(sorted(unknown)))


def _locate_json_error(path: Path, table: SourceTable) -> str | None:
    schema = arrow_schema(table)
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                return f"{path}: line {line_no}: not valid JSON: {exc.msg}"
            for field in schema:
                value = record.get(field.name)
                if value is None:
                    continue
                try:
                    pa_json.read_json(
                        io.BytesIO(json.dumps({field.name: value}).encode()),
                        parse_options=pa_json.ParseOptions(explicit_schema=pa.schema([field])),
                    )
                except pa.ArrowInvalid:
                    return (
                        f"{path}: line {line_no}: column '{field.name}': "
                        f"cannot read {value!r} as {table.columns[field.name]}"
                    )
    return None
