"""Row-count anomalies: a day's rows against the days before it (pure, plus a reader of
the landing zone's Parquet footers)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from cx_pipeline.landing import DATA_FILE, partition_dir

HISTORY_DAYS = 28
MIN_HISTORY = 7  # fewer days than this: no baseline yet
FACTOR = 3.0  # a day with over 3x, or under a third of, the median is an anomaly
MIN_ROWS = 20  # below this on both sides, day-to-day noise is not news


@dataclass(frozen=True)
class RowCountResult:
    passed: bool
    description: str
    median: float | None


def row_count_anomaly(current: int, history: Sequence[int]) -> RowCountResult:
    """Whether `current` rows are plausible given the previous days' counts."""
    if len(history) < MIN_HISTORY:
        return RowCountResult(True, f"no baseline yet: {len(history)} earlier day(s)", None)
    median = float(statistics.median(history))
    if current < MIN_ROWS and median < MIN_ROWS:
        return RowCountResult(True, f"{current} rows; too few to judge (median {median:g})", median)
    if current > median * FACTOR or current < median / FACTOR:
        return RowCountResult(
            False,
            f"{current} rows against a median of {median:g} over the previous "
            f"{len(history)} days: outside {1 / FACTOR:.2g}x-{FACTOR:g}x",
            median,
        )
    return RowCountResult(True, f"{current} rows; median {median:g}", median)


def landed_row_counts(
    landing: Path, system: str, table: str, before: date, *, skip: date
) -> list[int]:
    """Rows of each landed day in the HISTORY_DAYS before `before` (from the Parquet
    footers, without reading data); `skip` (the first partition, which carries the whole
    history) is left out."""
    counts = []
    for offset in range(1, HISTORY_DAYS + 1):
        day = before - timedelta(days=offset)
        path = partition_dir(landing, system, table, day) / DATA_FILE
        if day != skip and path.exists():
            counts.append(pq.ParquetFile(path).metadata.num_rows)
    return counts
