"""Dagster metadata for tables: row count, column schema and a preview without personal data."""

from __future__ import annotations

import dagster as dg
import pyarrow as pa

# Column names that hold customer personal data: masked in previews shown in the UI.
PERSONAL_COLUMNS = frozenset(
    {"email", "name", "firstname", "lastname", "first_name", "last_name", "phone", "user_name"}
)


def column_schema(schema: pa.Schema) -> dg.TableSchema:
    return dg.TableSchema(columns=[dg.TableColumn(name=f.name, type=str(f.type)) for f in schema])


PREVIEW_ROWS = 5


def preview_markdown(table: pa.Table, rows: int = PREVIEW_ROWS) -> str:
    head = table.slice(0, rows).to_pylist()
    names = table.column_names
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for record in head:
        cells = [
            "***"
            if name.lower() in PERSONAL_COLUMNS and record[name] is not None
            else str(record[name]).replace("|", "\\|")
            for name in names
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table_metadata(table: pa.Table, row_count: int | None = None) -> dict[str, object]:
    """`table`'s schema and first rows; its row count unless `row_count` gives the whole
    table's (when `table` holds only its first rows)."""
    return {
        "dagster/row_count": dg.MetadataValue.int(
            table.num_rows if row_count is None else row_count
        ),
        "dagster/column_schema": column_schema(table.schema),
        "preview": dg.MetadataValue.md(preview_markdown(table)),
    }
