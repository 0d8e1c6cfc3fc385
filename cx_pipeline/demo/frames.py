"""Chunk tables in their internal Arrow form, built from numpy columns in contract order.

Internally ids and timestamps are int64 (timestamps in UTC seconds), money is int64 cents,
dates are int32 days; the writer turns them into the export formats. ``NA`` marks nulls in
int64 numpy columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa

from cx_pipeline.source_tables import BOOL, DATE, FLOAT, INT, STR, STR_LIST, TABLES_BY_KEY, TS

from .timeline import NA

INTERNAL_TYPES: dict[str, pa.DataType] = {
    INT: pa.int64(),
    FLOAT: pa.int64(),  # cents
    TS: pa.int64(),  # UTC seconds
    DATE: pa.int32(),  # days since 1970-01-01
    BOOL: pa.bool_(),
    STR: pa.string(),
    STR_LIST: pa.list_(pa.string()),
}


def internal_schema(key: str) -> pa.Schema:
    table = TABLES_BY_KEY[key]
    return pa.schema([(name, INTERNAL_TYPES[kind]) for name, kind in table.columns.items()])


@dataclass(frozen=True)
class Codes:
    """A string column as pool + codes (-1 = null); rows are reordered as cheap integers."""

    pool: Sequence[str] | pa.Array
    codes: np.ndarray


def _to_arrow(value: Any, n: int, dtype: pa.DataType, order: np.ndarray | None) -> pa.Array:
    if value is None:
        return pa.nulls(n, dtype)
    if isinstance(value, Codes):
        codes = np.asarray(value.codes)
        value = pick(value.pool, codes if order is None else codes[order])
        order = None
    if isinstance(value, pa.ChunkedArray):
        value = value.combine_chunks()
    if isinstance(value, pa.Array):
        arr = value if value.type == dtype else value.cast(dtype)
        if order is not None:
            arr = arr.take(pa.array(order))
    else:
        v = np.asarray(value)
        if order is not None:
            v = v[order]
        if dtype == pa.int64() or dtype == pa.int32():
            v = v.astype(np.int64)
            mask = v == NA
            arr = pa.array(v, type=pa.int64(), mask=mask if mask.any() else None)
            arr = arr if dtype == pa.int64() else arr.cast(dtype)
        else:
            arr = pa.array(v, type=dtype)
    if len(arr) != n:
        raise ValueError(f"column length {len(arr)} != {n}")
    return arr


def make_table(key: str, n: int, order: np.ndarray | None = None, **columns: Any) -> pa.Table:
    """An internal table with exactly the contract's columns (missing or extra ones fail),
    rows taken in ``order`` when given."""
    schema = internal_schema(key)
    names = set(schema.names)
    if set(columns) != names:
        raise ValueError(
            f"{key}: columns differ from the contract: missing {sorted(names - set(columns))}, "
            f"extra {sorted(set(columns) - names)}"
        )
    arrays = [_to_arrow(columns[f.name], n, f.type, order) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def pick(pool: Sequence[str] | pa.Array, codes: np.ndarray) -> pa.Array:
    """Strings from a pool by code; a negative code gives null."""
    values = pool if isinstance(pool, pa.Array) else pa.array(list(pool), pa.string())
    codes = np.asarray(codes, dtype=np.int64)
    mask = codes < 0
    idx = pa.array(np.where(mask, 0, codes), mask=mask if mask.any() else None)
    return values.take(idx)


def const(text: str, n: int) -> pa.Array:
    return pick([text], np.zeros(n, dtype=np.int64))


def nullable(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Int64 column with NA where ``keep`` is false."""
    return np.where(keep, values, NA).astype(np.int64)


R = TypeVar("R")


def subset_rows(obj: R, keep: np.ndarray) -> R:
    """Rows ``keep`` (mask or indices) of a dataclass whose fields are parallel arrays."""
    return replace(obj, **{f.name: getattr(obj, f.name)[keep] for f in fields(obj)})


def concat_rows(a: R, b: R) -> R:
    """Two dataclasses of parallel arrays, one after the other."""
    joined = {f.name: np.concatenate([getattr(a, f.name), getattr(b, f.name)]) for f in fields(a)}
    return replace(a, **joined)


def take_rows(table: pa.Table, idx: np.ndarray) -> pa.Table:
    return table.take(pa.array(np.asarray(idx, dtype=np.int64)))
