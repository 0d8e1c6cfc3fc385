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


def preview_markdown(table: pa.Table, rows: int = 5) -> str:
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


def table_metadata(table: pa.Table) -> dict[str, object]:
    return {
        "dagster/row_count": dg.MetadataValue.int(table.num_rows),
        "dagster/column_schema": column_schema(table.schema),
        "preview": dg.MetadataValue.md(preview_markdown(table)),
    }
