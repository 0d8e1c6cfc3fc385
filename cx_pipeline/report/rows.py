"""Rows from the warehouse (DataFrames) or from tests (dicts) as plain dicts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

Rows = pd.DataFrame | Iterable[Mapping[str, Any]]


def records(rows: Rows) -> list[dict[str, Any]]:
    """Rows as dicts with None for every kind of null (NaN, NaT, pd.NA)."""
    if isinstance(rows, pd.DataFrame):
        rows = rows.astype(object).to_dict("records")
    return [{key: None if is_null(value) else value for key, value in row.items()} for row in rows]


def is_null(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)
