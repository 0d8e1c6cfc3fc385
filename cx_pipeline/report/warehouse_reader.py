"""The report's SQL: a thin read of the metrics table and the catalog into plain frames.

For now the report reads only the whole company (segment 'all') at month grain; the
connection is read-only, so a report never holds the warehouse's write lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

METRIC_COLUMNS = (
    "metric_name",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "n",
    "margin_of_error",
    "is_low_sample",
    "is_mature",
)


@dataclass(frozen=True)
class DataExtent:
    latest_day: date | None  # the latest day-grain period: how far the data reaches
    months: tuple[date, ...]  # every month-grain period of the whole company


def read_extent(con: duckdb.DuckDBPyConnection) -> DataExtent:
    latest_day = con.execute(
        "select max(period_start) from main.fct_cx_metrics where period_grain = 'day'"
    ).fetchone()[0]
    months = con.execute(
        """
        select distinct period_start
        from main.fct_cx_metrics
        where period_grain = 'month' and segment_type = 'all'
        order by period_start
        """
    ).fetchall()
    return DataExtent(latest_day=latest_day, months=tuple(row[0] for row in months))


def read_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("select * from main.metric_catalog order by metric_name").df()


def read_monthly_metrics(
    con: duckdb.DuckDBPyConnection, first_month: date, last_month: date
) -> pd.DataFrame:
    """Whole-company month-grain rows with period_start in [first_month, last_month]."""
    return con.execute(
        f"""
        select {", ".join(METRIC_COLUMNS)}
        from main.fct_cx_metrics
        where period_grain = 'month'
            and segment_type = 'all'
            and segment_value = 'all'
            and period_start between ? and ?
        order by metric_name, period_start
        """,
        [first_month, last_month],
    ).df()
