"""Deliberate export dirt the pipeline must handle, counted for the manifest.

- exact duplicate rows (an export page delivered twice),
- an older copy of a record next to its current one (same key, earlier updated_at),
- one ticket event written out of time order.
Nulls (missing e-mail, channel, reason, source, phone) and late-arriving records are made
where the data is drawn; their counts are recorded here too.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa

from .frames import take_rows

DUPLICATE_SHARE = 0.003
DUPLICATED_TABLES = ("shop/orders", "helpdesk/tickets", "crm/feedback_submissions", "crm/contacts")


def add_duplicates(
    rng: np.random.Generator, table: pa.Table, share: float = DUPLICATE_SHARE
) -> tuple[pa.Table, int]:
    """Append identical copies of ~``share`` of the rows (at least one if any rows)."""
    n = table.num_rows
    if n == 0:
        return table, 0
    k = max(1, int(rng.binomial(n, share)))
    idx = np.sort(rng.choice(n, size=k, replace=False))
    return pa.concat_tables([table, take_rows(table, idx)]), k


def add_older_copies(
    table: pa.Table, idx: np.ndarray, older: dict[str, pa.Array]
) -> tuple[pa.Table, int]:
    """Append older states of rows ``idx``: the given columns replaced, the rest unchanged."""
    if len(idx) == 0:
        return table, 0
    copy = take_rows(table, idx)
    for name, values in older.items():
        copy = copy.set_column(copy.schema.get_field_index(name), name, values)
    return pa.concat_tables([table, copy]), len(idx)


def swap_adjacent(table: pa.Table, i: int) -> pa.Table:
    """Rows i and i+1 change places (an event written out of time order)."""
    order = np.arange(table.num_rows)
    order[i], order[i + 1] = i + 1, i
    return take_rows(table, order)


def merge(total: dict[str, dict[str, int]], part: Counter) -> None:
    for (kind, key), value in part.items():
        total.setdefault(kind, {})
        total[kind][key] = total[kind].get(key, 0) + int(value)
