"""The report's SQL: a thin read of the metrics table and the catalog into plain frames.

The report reads the whole company (segment 'all') at its grain (month or week), the sections'
segment breakdowns and the findings' inputs; the connection is read-only, so a report never
holds the warehouse's write lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from cx_pipeline.periods import Grain, Period
from cx_pipeline.report.findings import OpenFeedback
from cx_pipeline.report.prediction_section import VALUE_METRICS
from cx_pipeline.report.service_section import BREAKDOWN_METRICS, SELF_SERVICE_METRICS

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
    starts: tuple[date, ...]  # every whole-company period of the grain asked for


def read_extent(con: duckdb.DuckDBPyConnection, grain: Grain) -> DataExtent:
    latest_day = con.execute(
        "select max(period_start) from main.fct_cx_metrics where period_grain = 'day'"
    ).fetchone()[0]
    starts = con.execute(
        """
        select distinct period_start
        from main.fct_cx_metrics
        where period_grain = ? and segment_type = 'all'
        order by period_start
        """,
        [grain],
    ).fetchall()
    return DataExtent(latest_day=latest_day, starts=tuple(row[0] for row in starts))


def read_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("select * from main.metric_catalog order by metric_name").df()


def read_metrics(con: duckdb.DuckDBPyConnection, first: Period, last: Period) -> pd.DataFrame:
    """Whole-company rows of the periods from `first` to `last` (one grain)."""
    return con.execute(
        f"""
        select {", ".join(METRIC_COLUMNS)}
        from main.fct_cx_metrics
        where period_grain = ?
            and segment_type = 'all'
            and segment_value = 'all'
            and period_start between ? and ?
        order by metric_name, period_start
        """,
        [last.grain, first.start, last.start],
    ).df()


def read_top_demand(con: duckdb.DuckDBPyConnection, period: Period) -> dict[str, Any] | None:
    """The period's contact-reason x journey-stage cell with most customer-started tickets
    (ties: alphabetical), with the month's total; None without contact-reason data."""
    row = con.execute(
        """
        select segment_value, value, denominator
        from main.fct_cx_metrics
        where metric_name = 'contact_reasons_by_stage'
            and period_grain = ?
            and period_start = ?
            and segment_type = 'journey_stage_contact_reason'
        order by value desc, segment_value
        limit 1
        """,
        [period.grain, period.start],
    ).fetchone()
    if row is None:
        return None
    stage, _, reason = str(row[0]).partition("|")
    return {"stage": stage, "reason": reason, "contacts": row[1], "total": row[2]}


def read_open_feedback(con: duckdb.DuckDBPyConnection) -> OpenFeedback:
    """Negative answers without a follow-up at the data horizon (rpt_closed_loop_open)."""
    row = con.execute(
        "select count(*), count(case when is_overdue then 1 end) from main.rpt_closed_loop_open"
    ).fetchone()
    return OpenFeedback(open_count=int(row[0]), overdue_count=int(row[1]))


def read_service_rows(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """The period's rows of the customer-service page: the whole company, channels, teams
    and contact reasons by journey stage."""
    metrics = [*BREAKDOWN_METRICS, *SELF_SERVICE_METRICS, "contact_reasons_by_stage"]
    return con.execute(
        f"""
        select metric_name, segment_type, segment_value, value, n, is_low_sample, is_mature
        from main.fct_cx_metrics
        where period_grain = ?
            and period_start = ?
            and metric_name in ({", ".join("?" for _ in metrics)})
            and segment_type in ('all', 'channel', 'team', 'journey_stage_contact_reason')
        order by metric_name, segment_type, segment_value
        """,
        [period.grain, period.start, *metrics],
    ).df()


def read_segment_rows(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    metrics: tuple[str, ...],
    segment_types: tuple[str, ...],
) -> pd.DataFrame:
    """The period's rows of `metrics` for the given segment types (not the whole company)."""
    return con.execute(
        f"""
        select metric_name, segment_type, segment_value, value, n, is_low_sample, is_mature
        from main.fct_cx_metrics
        where period_grain = ? and period_start = ?
            and metric_name in ({", ".join("?" for _ in metrics)})
            and segment_type in ({", ".join("?" for _ in segment_types)})
        order by metric_name, segment_type, segment_value
        """,
        [period.grain, period.start, *metrics, *segment_types],
    ).df()


def read_closed_loop_open(
    con: duckdb.DuckDBPyConnection, *, include_personal_data: bool = False
) -> pd.DataFrame:
    """Negative answers without a follow-up at the data horizon; with the customer's e-mail
    only when `include_personal_data` (the report.include_personal_data setting)."""
    email = "customers.email" if include_personal_data else "cast(null as varchar)"
    return con.execute(
        f"""
        select open_answers.customer_key, survey_name, score, scale_max, age_hours, age_days,
            is_overdue, {email} as email
        from main.rpt_closed_loop_open as open_answers
        left join main.dim_customers as customers
            on open_answers.customer_key = customers.customer_key
        order by list_position
        """
    ).df()


def read_period_metrics(
    con: duckdb.DuckDBPyConnection, period: Period, metrics: tuple[str, ...]
) -> pd.DataFrame:
    """Whole-company rows of `metrics` for one period."""
    return con.execute(
        f"""
        select metric_name, value, n, is_low_sample, is_mature
        from main.fct_cx_metrics
        where period_grain = ? and period_start = ? and segment_type = 'all'
            and metric_name in ({", ".join("?" for _ in metrics)})
        """,
        [period.grain, period.start, *metrics],
    ).df()


def read_prediction_rows(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """The period's customer-value and churn rows (whole company) and detractor drivers."""
    return con.execute(
        f"""
        select metric_name, segment_type, segment_value, value, n, margin_of_error,
            is_low_sample, is_mature
        from main.fct_cx_metrics
        where period_grain = ? and period_start = ?
            and (
                (segment_type = 'all' and metric_name in ({", ".join("?" for _ in VALUE_METRICS)}))
                or (segment_type = 'driver' and metric_name = 'detractor_drivers')
            )
        """,
        [period.grain, period.start, *VALUE_METRICS],
    ).df()


def read_repurchase_by_nps_group(
    con: duckdb.DuckDBPyConnection, month: date
) -> tuple[date | None, pd.DataFrame]:
    """Repurchase by NPS group in the latest month up to `month` whose window has closed."""
    mature = con.execute(
        """
        select max(period_start) from main.fct_cx_metrics
        where metric_name = 'repurchase_rate_by_nps_group' and period_grain = 'month'
            and segment_type = 'nps_group' and is_mature and period_start <= ?
        """,
        [month],
    ).fetchone()[0]
    rows = con.execute(
        """
        select segment_value, value, n from main.fct_cx_metrics
        where metric_name = 'repurchase_rate_by_nps_group' and period_grain = 'month'
            and segment_type = 'nps_group' and period_start = ?
        """,
        [mature],
    ).df()
    return mature, rows


def read_source_freshness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per raw source table: rows landed and kept, latest load and record change."""
    return con.execute("select * from main.rpt_source_freshness").df()


def read_data_horizon(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest date every system has data for."""
    return con.execute("select max(as_of_date) from main.int_data_horizon").fetchone()[0]
