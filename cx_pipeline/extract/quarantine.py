"""The quarantine: rows of an export file set aside instead of loaded, each with its reason
and its text as written, so nothing is lost and the file can be fixed at the source.

One table per load of a source table, written beside the landing zone
(landing.write_quarantine) and read by the dbt model rpt_quarantined_rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from cx_pipeline.extract.raw_records import RawRecord
from cx_pipeline.source_tables import SourceTable

QUARANTINE_SCHEMA = pa.schema(
    [
        ("system", pa.string()),
        ("table_name", pa.string()),
        ("source", pa.string()),  # the export file
        ("line", pa.int64()),
        ("column_name", pa.string()),
        ("reason", pa.string()),
        ("record", pa.string()),  # the row as written: may hold personal data
    ]
)


@dataclass(frozen=True)
class Problem:
    """Why a row is set aside: the first thing wrong with it."""

    column: str
    message: str  # e.g. "cannot read 'yesterday' as timestamp"


def reason(line: int, problem: Problem) -> str:
    return f"line {line}: column '{problem.column}': {problem.message}"


def quarantine_table(
    table: SourceTable,
    source: Path,
    problems: Mapping[int, Problem],
    records: Mapping[int, RawRecord] | Sequence[RawRecord],
) -> pa.Table:
    """The quarantined rows: `problems` by row position, `records` the file's records by
    row position (at least those of the problems)."""
    rows = [(records[i], problems[i]) for i in sorted(problems)]
    return pa.table(
        {
            "system": [table.system] * len(rows),
            "table_name": [table.name] * len(rows),
            "source": [str(source)] * len(rows),
            "line": [record.line for record, _ in rows],
            "column_name": [problem.column for _, problem in rows],
            "reason": [reason(record.line, problem) for record, problem in rows],
            "record": [record.text for record, _ in rows],
        },
        schema=QUARANTINE_SCHEMA,
    )
