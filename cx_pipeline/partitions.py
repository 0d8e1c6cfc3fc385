"""Daily partitions: which day a record belongs to, and which days a run loads (pure).

A partition is a calendar day on the reporting time zone's clock. A record belongs to the
day it last changed (its last-modified or event timestamp): that is what an incremental
API pull of one day returns, and what a full export file is split into. The first
partition also carries every record that changed before it, so the first run loads the
whole history. Records without a timestamp go there too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc


def days_between(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included."""
    if last < first:
        raise ValueError(f"a partition range ends ({last}) before it starts ({first})")
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def local_days(timestamps: pa.ChunkedArray | pa.Array, timezone: str) -> pa.ChunkedArray:
    """UTC timestamps (naive meaning UTC, or aware) as dates on `timezone`'s calendar."""
    if not pa.types.is_timestamp(timestamps.type):
        raise TypeError(f"expected timestamps, got {timestamps.type}")
    if timestamps.type.tz is None:
        timestamps = pc.assume_timezone(timestamps, "UTC")
    local = timestamps.cast(pa.timestamp(timestamps.type.unit, tz=timezone))
    return pc.cast(pc.local_timestamp(local), pa.date32())


def split_by_day(
    table: pa.Table, days: pa.ChunkedArray | pa.Array, window: list[date], *, start_date: date
) -> dict[date, pa.Table]:
    """The rows of each day in `window` (consecutive days); `days` gives each row's day.

    When the window begins at the partitions' `start_date`, its first day also takes the
    rows from before it and the rows without a day. Rows after the window are left out:
    they belong to partitions not loaded in this run. Every day gets a table, empty if
    nothing changed, so re-loading a day replaces what an earlier load wrote.
    """
    first = window[0]
    parts = {}
    for day in window:
        value = pa.scalar(day, pa.date32())
        if day == first == start_date:
            mask = pc.fill_null(pc.less_equal(days, value), True)
        else:
            mask = pc.fill_null(pc.equal(days, value), False)
        parts[day] = table.filter(mask)
    return parts


def landed_days(landing: Path, tables: Iterable[str]) -> dict[str, set[date]]:
    """The partition days present in the landing zone per table ("system/table")."""
    found: dict[str, set[date]] = {}
    for key in tables:
        folders = (landing / key).glob("load_date=*")
        found[key] = {date.fromisoformat(f.name.removeprefix("load_date=")) for f in folders}
    return found


def catch_up_range(
    landed: dict[str, set[date]], *, start_date: date, yesterday: date
) -> tuple[date, date]:
    """The days a catch-up run loads: from the first day some table is missing since its
    latest load (at the latest yesterday, which is always reloaded: it may have been loaded
    while still in progress) up to yesterday. An empty landing zone starts at start_date."""
    latest = [max(days) for days in landed.values() if days]
    if len(latest) < len(landed) or not latest:
        first = start_date
    else:
        first = min(min(latest) + timedelta(days=1), yesterday)
    return max(first, start_date), yesterday
