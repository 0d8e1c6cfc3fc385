"""Typing raw values column by column with the fast path's own readers, to find the
values that cannot be read.

The fast path reads a whole file typed in one call, which stops at the first bad value.
When it does, each column is typed on its own with the same reader and options, and a
column that fails is halved until its unreadable values are found: a few bad values cost a
few small reads more, and a value counts as readable exactly when the fast path reads it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json

# Raw values of one column -> typed values; raises pa.ArrowInvalid on a value it cannot read.
Converter = Callable[[pa.Array, pa.DataType], pa.Array]


def csv_convert_options(column_types: Mapping[str, pa.DataType]) -> pa_csv.ConvertOptions:
    """Read only these columns, as these types. An empty cell is null; a quoted empty
    string stays a string."""
    return pa_csv.ConvertOptions(
        column_types=dict(column_types),
        include_columns=list(column_types),
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )


def convert_csv(cells: pa.Array, arrow_type: pa.DataType) -> pa.Array:
    """CSV cells (text as read, null where the cell was empty) as `arrow_type`."""
    buffer = io.BytesIO()
    pa_csv.write_csv(pa.table({"v": cells}), buffer)
    data = pa_csv.read_csv(
        io.BytesIO(buffer.getvalue()),
        # A one-column file writes a null cell as an empty line: it is a row here.
        parse_options=pa_csv.ParseOptions(ignore_empty_lines=False),
        convert_options=csv_convert_options({"v": arrow_type}),
    )
    return data["v"].combine_chunks()


def convert_json(texts: pa.Array, arrow_type: pa.DataType) -> pa.Array:
    """JSON values, each as its JSON text (null where the field was null or absent), as
    `arrow_type`."""
    if len(texts) == 0:
        return pa.array([], arrow_type)  # the JSON reader refuses empty input
    lines = "".join(f'{{"v":{"null" if t is None else t}}}\n' for t in texts.to_pylist())
    data = pa_json.read_json(
        io.BytesIO(lines.encode("utf-8")),
        parse_options=pa_json.ParseOptions(explicit_schema=pa.schema([("v", arrow_type)])),
    )
    return data["v"].combine_chunks()


def unreadable(values: pa.Array, arrow_type: pa.DataType, convert: Converter) -> list[int]:
    """Positions of the values `convert` cannot read as `arrow_type`."""
    try:
        convert(values, arrow_type)
    except pa.ArrowInvalid:
        if len(values) == 1:
            return [0]
        half = len(values) // 2
        return unreadable(values[:half], arrow_type, convert) + [
            half + i for i in unreadable(values[half:], arrow_type, convert)
        ]
    return []


def typed_columns(
    raw: Mapping[str, pa.Array], schema: pa.Schema, convert: Converter
) -> tuple[pa.Table, dict[str, list[int]]]:
    """Every column of `schema` typed from `raw`, with the unreadable values as nulls (the
    rows stay where they are), and the positions of those values per column."""
    columns, bad = {}, {}
    for field in schema:
        values = raw[field.name]
        positions = unreadable(values, field.type, convert)
        if positions:
            bad[field.name] = positions
            values = pc.if_else(_at(positions, len(values)), pa.scalar(None, values.type), values)
        columns[field.name] = convert(values, field.type)
    return pa.table(columns, schema=schema), bad


def _at(positions: list[int], length: int) -> pa.Array:
    chosen = set(positions)
    return pa.array([i in chosen for i in range(length)])
