"""Row-count anomalies against the days before, on hand-made counts."""

from datetime import date
from pathlib import Path

import pyarrow as pa

from cx_pipeline.landing import write_partition
from cx_pipeline.row_counts import landed_row_counts, row_count_anomaly

WEEK = [100, 120, 90, 110, 100, 95, 105]  # median 100


def test_a_normal_day_passes() -> None:
    result = row_count_anomaly(130, WEEK)
    assert result.passed and result.median == 100.0


def test_a_collapse_or_a_flood_is_flagged() -> None:
    # 33 < 100 / 3 = 33.3: flagged; 301 > 3 x 100: flagged; the bounds themselves pass.
    assert not row_count_anomaly(33, WEEK).passed
    assert not row_count_anomaly(301, WEEK).passed
    assert row_count_anomaly(34, WEEK).passed and row_count_anomaly(300, WEEK).passed
    assert "0 rows against a median of 100" in row_count_anomaly(0, WEEK).description


def test_no_verdict_without_a_baseline_or_on_tiny_counts() -> None:
    assert row_count_anomaly(0, WEEK[:6]).passed  # six earlier days: no baseline yet
    assert row_count_anomaly(0, [3, 5, 2, 4, 6, 1, 3]).passed  # median 3 and 0: noise


def test_counts_come_from_the_landed_days(tmp_path: Path) -> None:
    for day, rows in ((1, 50), (2, 7), (3, 9), (5, 11)):
        table = pa.table({"id": list(range(rows))})
        write_partition(tmp_path, "shop", "orders", date(2026, 10, day), table)
    # Before 5 October: 3 and 2 October (4 October was never loaded); 1 October is the
    # first partition, carrying the history, so it is skipped.
    counts = landed_row_counts(
        tmp_path, "shop", "orders", date(2026, 10, 5), skip=date(2026, 10, 1)
    )
    assert counts == [9, 7]
