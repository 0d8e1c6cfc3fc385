"""Every export file has exactly the contract's columns and parses with the contract types."""

from __future__ import annotations

import csv
import json
import re

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pytest

from cx_pipeline.source_tables import BOOL, DATE, FLOAT, INT, STR, STR_LIST, TABLES, TS

TYPES = {
    INT: pa.int64(),
    FLOAT: pa.float64(),
    STR: pa.string(),
    BOOL: pa.bool_(),
    TS: pa.timestamp("s", tz="UTC"),
    DATE: pa.date32(),
    STR_LIST: pa.list_(pa.string()),
}
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")
CSV_TABLES = [t for t in TABLES if t.file_format == "csv"]
JSONL_TABLES = [t for t in TABLES if t.file_format == "jsonl"]


def _schema(table) -> pa.Schema:
    return pa.schema([(name, TYPES[kind]) for name, kind in table.columns.items()])


@pytest.mark.parametrize("table", CSV_TABLES, ids=lambda t: t.key)
def test_csv_header_and_types(demo, table) -> None:
    path = demo.path(table.key)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(table.columns), "header must be the contract columns in order"
    assert len(rows) - 1 == demo.rows[table.key] == demo.manifest["rows"][table.key]
    assert all(len(r) == len(table.columns) for r in rows)
    for k, (name, kind) in enumerate(table.columns.items()):
        values = [r[k] for r in rows[1:] if r[k] != ""]
        if kind == TS:
            assert all(TS_RE.match(v) for v in values), name
        elif kind == DATE:
            assert all(DATE_RE.match(v) for v in values), name
        elif kind == BOOL:
            assert set(values) <= {"true", "false"}, name
        elif kind == FLOAT:
            assert all(MONEY_RE.match(v) for v in values), f"{name}: money has at most 2 decimals"
    data = pa_csv.read_csv(
        path,
        convert_options=pa_csv.ConvertOptions(
            column_types=_schema(table), strings_can_be_null=True, quoted_strings_can_be_null=False
        ),
    )
    assert data.schema.equals(_schema(table))


@pytest.mark.parametrize("table", JSONL_TABLES, ids=lambda t: t.key)
def test_jsonl_keys_and_types(demo, table) -> None:
    path = demo.path(table.key)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == demo.rows[table.key] == demo.manifest["rows"][table.key]
    for line in lines:
        record = json.loads(line)
        assert list(record) == list(table.columns), "every contract column, in order"
        for name, kind in table.columns.items():
            value = record[name]
            if value is None:
                continue
            if kind == TS:
                assert TS_RE.match(value), name
            elif kind == BOOL:
                assert isinstance(value, bool), name
            elif kind == INT:
                assert isinstance(value, int) and not isinstance(value, bool), name
            elif kind == STR_LIST:
                assert isinstance(value, list) and all(isinstance(v, str) for v in value), name
            elif kind == STR:
                assert isinstance(value, str), name
    data = pa_json.read_json(
        path, parse_options=pa_json.ParseOptions(explicit_schema=_schema(table))
    )
    assert data.schema.equals(_schema(table))


def test_project_reader_accepts_every_file(demo) -> None:
    """The extract step's own reader (the real consumer) reads every file without complaint:
    no row breaks the contract's row rules (the demo's dirt is what the models handle)."""
    from cx_pipeline.extract.export_files import read_export

    for table in TABLES:
        read = read_export(demo.root, table)
        assert read.unknown_columns == ()
        assert read.quarantine["reason"].to_pylist() == [], table.key
        assert read.table.num_rows == demo.rows[table.key]


def test_manifest(demo) -> None:
    m = demo.manifest
    assert (m["scale"], m["seed"], m["start_date"], m["end_date"]) == (
        1.0,
        42,
        "2025-05-01",
        "2026-10-31",
    )
    assert set(m["rows"]) == {t.key for t in TABLES}
    assert m["rows"] == demo.rows
    assert not list(demo.root.rglob("*.tmp-*")), "no temporary files left behind"
    for kind in ("exact_duplicates", "older_copies", "late_records", "out_of_order_events"):
        assert m["dirt"][kind], kind


def test_surveys_table(demo) -> None:
    s = demo.raw("crm/feedback_surveys").set_index("hs_object_id")
    assert list(s.index) == [1, 2, 3, 4]
    assert list(s.hs_survey_type) == ["NPS", "CUSTOM", "CSAT", "CUSTOM"]
    assert list(zip(s.hs_scale_min, s.hs_scale_max, strict=True)) == [
        (0, 10),
        (1, 5),
        (1, 5),
        (1, 5),
    ]
    assert list(s.cx_survey_level) == ["relationship", "journey", "touchpoint", "touchpoint"]
    assert list(s.cx_journey_stage) == ["prediction", "perception", "purchase", "purchase"]
