"""Contract column types as Arrow types."""

from __future__ import annotations

import pyarrow as pa

from cx_pipeline.source_tables import BOOL, DATE, FLOAT, INT, STR, STR_LIST, TS, SourceTable

ARROW_TYPES: dict[str, pa.DataType] = {
    INT: pa.int64(),
    FLOAT: pa.float64(),
    STR: pa.string(),
    BOOL: pa.bool_(),
    TS: pa.timestamp("us", tz="UTC"),
    DATE: pa.date32(),
    STR_LIST: pa.list_(pa.string()),
}


def arrow_schema(table: SourceTable) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind in table.columns.items()])
