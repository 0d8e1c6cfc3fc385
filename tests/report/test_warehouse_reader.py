"""The report's SQL against the hand-made warehouse (conftest.py): only whole-company
month rows in the window, and how far the data reaches."""

from datetime import date
from pathlib import Path

import duckdb

from cx_pipeline.periods import Period
from cx_pipeline.report import warehouse_reader


def test_extent(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        extent = warehouse_reader.read_extent(con, "month")
    assert extent.latest_day == date(2026, 11, 3)
    # September 2025 (outside the trend), November 2025 - October 2026 (the trend) and
    # November 2026 (in progress); October 2025 has no rows.
    assert extent.starts[0] == date(2025, 9, 1)
    assert extent.starts[-1] == date(2026, 11, 1)
    assert len(extent.starts) == 1 + 12 + 1


def test_monthly_metrics_are_whole_company_months_in_the_window(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        frame = warehouse_reader.read_metrics(
            con, Period("month", date(2025, 10, 1)), Period("month", date(2026, 10, 1))
        )
    nps = frame[frame["metric_name"] == "nps"]
    # Twelve months November 2025 - October 2026; not September 2025 or November 2026,
    # not the channel segment (99.9), the week (11.1) or the day on 1 October (77.7).
    assert len(nps) == 12
    assert sorted(nps["value"])[-3:] == [29.5, 31.0, 32.5]
    assert {99.9, 11.1, 77.7, 5.0, -100.0}.isdisjoint(set(frame["value"]))
    assert set(frame["metric_name"]) == {
        "nps",
        "support_csat",
        "first_response_time",
        "customer_effort_score",
        "first_contact_resolution_rate",
        "revenue",
        "first_response_time_median",
    }
    assert len(frame) == 12 + 2 * 5 + 1
    assert list(frame.columns) == list(warehouse_reader.METRIC_COLUMNS)


def test_catalog(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        catalog = warehouse_reader.read_catalog(con)
    assert len(catalog) == 7
    assert {"label_fi", "label_en", "unit", "direction", "target", "headline_order"} <= set(
        catalog.columns
    )
