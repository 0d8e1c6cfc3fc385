"""A tiny hand-made warehouse for the report tests: the two tables the report reads, with
values chosen so every formatting and status rule shows up in October 2026.

October 2026 (the report month) against September:

| metric                     | Oct       | n   | Sep     | target | exercises            |
|----------------------------|-----------|-----|---------|--------|----------------------|
| nps (points)               | 32.5      | 412 | 28.0    | 30     | +4.5 good, met       |
| support_csat (percent)     | 82.44     | 230 | 85.0    | 80     | -2.6 pp bad, met     |
| first_response_time (min)  | 252.4     | 540 | 270.0   | 240    | -18 good, missed     |
| customer_effort_score (%)  | 71.25     | 12  | 74.0    | 75     | small sample         |
| first_contact_resolution % | 64.0      | 120 | 71.0    | 70     | immature             |
| revenue (eur)              | 1234567.4 | -   | 1100000 | none   | thousands, no target |

Findings inputs: contacts by reason x stage (40 of 100 about where-is-my-order in the
purchase stage) and three negative answers without a follow-up, two of them overdue.

Data reaches 3 November 2026 (day grain), and a partial November month row exists, so
"auto" must pick October. A channel-segment row (99.9), a week row (11.1) and a day row
on 1 October (77.7) for NPS must never reach the report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from cx_pipeline.config import Settings, parse_settings

CATALOG_COLUMNS = (
    "metric_name, journey_stage, label_en, label_fi, formula_en, formula_fi, unit, direction, "
    "target, min_sample, anchor_event, additivity, window_days, headline_order"
)
# (name, stage, label_en, label_fi, unit, direction, target, min_sample, window, order)
CATALOG = [
    (
        "nps",
        "prediction",
        "Net Promoter Score (NPS)",
        "Nettosuositteluindeksi (NPS)",
        "points",
        "higher_is_better",
        30.0,
        30,
        0,
        1,
    ),
    (
        "support_csat",
        "usage",
        "Support satisfaction (CSAT)",
        "Asiakastyytyväisyys asiakaspalvelussa (CSAT)",
        "percent",
        "higher_is_better",
        80.0,
        30,
        0,
        2,
    ),
    (
        "first_response_time",
        "usage",
        "First response time (mean)",
        "Ensivasteaika (keskiarvo)",
        "minutes",
        "lower_is_better",
        240.0,
        30,
        0,
        3,
    ),
    (
        "customer_effort_score",
        "usage",
        "Customer effort score (CES)",
        "Asiakkaan vaivannäkö (CES)",
        "percent",
        "higher_is_better",
        75.0,
        30,
        0,
        4,
    ),
    (
        "first_contact_resolution_rate",
        "usage",
        "First-contact resolution",
        "Ratkaisuprosentti yhdellä kontaktilla",
        "percent",
        "higher_is_better",
        70.0,
        30,
        7,
        5,
    ),
    ("revenue", "purchase", "Net revenue", "Nettomyynti", "eur", "higher_is_better", None, 0, 0, 6),
    (
        "first_response_time_median",
        "usage",
        "First response time (median)",
        "Ensivasteaika (mediaani)",
        "minutes",
        "lower_is_better",
        120.0,
        30,
        0,
        0,
    ),
]

OCT, SEP, NOV = date(2026, 10, 1), date(2026, 9, 1), date(2026, 11, 1)

# NPS, November 2025 ... October 2026: (value, n, margin of error, low sample).
NPS_TREND = [
    (18.0, 301, 5.2, False),
    (20.5, 28, 19.0, True),
    (22.0, 322, 5.0, False),
    (19.5, 310, 5.1, False),
    (24.0, 355, 4.8, False),
    (25.5, 361, 4.7, False),
    (27.0, 340, 4.9, False),
    (26.0, 352, 4.8, False),
    (29.5, 380, 4.5, False),
    (31.0, 390, 4.4, False),
    (28.0, 398, 4.3, False),
    (32.5, 412, 4.1, False),
]

# (metric, month, value, n, margin of error, low sample, mature)
OTHER_MONTHS = [
    ("support_csat", OCT, 82.44, 230, 4.9, False, True),
    ("support_csat", SEP, 85.0, 241, 4.5, False, True),
    ("first_response_time", OCT, 252.4, 540, None, False, True),
    ("first_response_time", SEP, 270.0, 515, None, False, True),
    ("customer_effort_score", OCT, 71.25, 12, 22.1, True, True),
    ("customer_effort_score", SEP, 74.0, 150, 7.0, False, True),
    ("first_contact_resolution_rate", OCT, 64.0, 120, None, False, False),
    ("first_contact_resolution_rate", SEP, 71.0, 130, None, False, True),
    ("revenue", OCT, 1234567.4, None, None, None, True),
    ("revenue", SEP, 1100000.0, None, None, None, True),
    ("first_response_time_median", OCT, 95.0, 540, None, False, True),
    ("nps", NOV, -100.0, 1, 0.0, True, True),  # November is still in progress
]


def _month(index: int) -> date:
    """Month `index` of the NPS trend: 0 = November 2025."""
    year, month = divmod(2025 * 12 + 10 + index, 12)
    return date(year, month + 1, 1)


def write_warehouse(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute(
            """
            create table main.metric_catalog (
                metric_name varchar, journey_stage varchar, label_en varchar,
                label_fi varchar, formula_en varchar, formula_fi varchar, unit varchar,
                direction varchar, target double, min_sample integer, anchor_event varchar,
                additivity varchar, window_days integer, headline_order integer
            )
            """
        )
        for name, stage, en, fi, unit, direction, target, minimum, window, order in CATALOG:
            con.execute(
                f"insert into main.metric_catalog ({CATALOG_COLUMNS}) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    name,
                    stage,
                    en,
                    fi,
                    f"formula of {en}",
                    f"kaava {fi}",
                    unit,
                    direction,
                    target,
                    minimum,
                    "answer date",
                    "ratio",
                    window,
                    order,
                ],
            )
        con.execute(
            """
            create table main.fct_cx_metrics (
                metric_name varchar, journey_stage varchar, period_grain varchar,
                period_start date, segment_type varchar, segment_value varchar,
                value double, numerator double, denominator double, n bigint,
                margin_of_error double, is_low_sample boolean, is_mature boolean
            )
            """
        )
        rows = [
            ("nps", "month", _month(i), "all", "all", value, n, moe, low, True)
            for i, (value, n, moe, low) in enumerate(NPS_TREND)
        ]
        rows += [
            (metric, "month", month, "all", "all", value, n, moe, low, mature)
            for metric, month, value, n, moe, low, mature in OTHER_MONTHS
        ]
        rows += [
            # Must be filtered out: another segment, another grain, older than 13 months.
            ("nps", "month", OCT, "channel", "web", 99.9, 50, 9.0, False, True),
            ("nps", "week", date(2026, 10, 26), "all", "all", 11.1, 80, 8.0, False, True),
            ("nps", "month", date(2025, 9, 1), "all", "all", 5.0, 300, 5.0, False, True),
            # A day row that starts on the report month's first day, like the month row.
            ("nps", "day", OCT, "all", "all", 77.7, 15, 25.0, True, True),
            # How far the data reaches: 3 November.
            ("nps", "day", date(2026, 10, 31), "all", "all", 30.0, 14, 20.0, True, True),
            ("nps", "day", date(2026, 11, 3), "all", "all", -100.0, 1, 0.0, True, True),
        ]
        con.executemany(
            """
            insert into main.fct_cx_metrics (
                metric_name, journey_stage, period_grain, period_start, segment_type,
                segment_value, value, numerator, denominator, n, margin_of_error,
                is_low_sample, is_mature
            ) values (?, 'usage', ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?)
            """,
            rows,
        )
        # Where demand piles up in October: 40 of 100 contacts about where-is-my-order.
        con.execute(
            """
            insert into main.fct_cx_metrics values
            ('contact_reasons_by_stage', 'usage', 'month', '2026-10-01',
             'journey_stage_contact_reason', 'purchase|where_is_my_order',
             40, 40, 100, 40, null, false, true),
            ('contact_reasons_by_stage', 'usage', 'month', '2026-10-01',
             'journey_stage_contact_reason', 'usage|product_defect',
             15, 15, 100, 15, null, false, true)
            """
        )
        # Three negative answers without a follow-up, two of them past 48 hours.
        con.execute(
            """
            create table main.rpt_closed_loop_open as
            select * from (values
                ('k1aaaaaaaaaa', 'NPS', 3, 10, 80, 3, true, 1),
                ('k2bbbbbbbbbb', 'Support CSAT', 1, 5, 50, 2, true, 2),
                ('k3cccccccccc', 'NPS', 5, 10, 5, 0, false, 3)
            ) as open_answers (
                customer_key, survey_name, score, scale_max, age_hours, age_days, is_overdue,
                list_position
            )
            """
        )
        # The customers behind two open answers, with e-mails the report must not print
        # unless report.include_personal_data is set.
        con.execute(
            """
            create table main.dim_customers as
            select * from (values
                ('k1aaaaaaaaaa', 'anna.asiakas@example.com'),
                ('k2bbbbbbbbbb', 'ben.buyer@example.com')
            ) as customers (customer_key, email)
            """
        )
        # Freshness: CRM's latest change is 22:30 UTC on 31 October, already 1 November in
        # Helsinki; the shop last loaded on 1 November, three days before the report's
        # generated_at (4 November): stale. 40 + 5 + 2 rows were older copies.
        con.execute(
            """
            create table main.rpt_source_freshness as
            select * from (values
                ('crm', 'contacts', 1040, 1000, 40, 3, date '2026-11-03',
                 timestamp '2026-10-31 22:30:00'),
                ('crm', 'deals', 205, 200, 5, 3, date '2026-11-02',
                 timestamp '2026-10-20 08:00:00'),
                ('shop', 'orders', 5002, 5000, 2, 2, date '2026-11-01',
                 timestamp '2026-10-30 10:00:00')
            ) as freshness (
                source_system, source_table, raw_rows, records, dropped_copies, load_dates,
                latest_load_date, latest_record_change_at
            )
            """
        )
        con.execute("create table main.int_data_horizon as select date '2026-11-03' as as_of_date")
    return path


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_warehouse(tmp_path_factory.mktemp("report_wh") / "cx.duckdb")


def report_settings(root: Path, **report: object) -> Settings:
    return parse_settings(
        {"paths": {"reports": "reports"}, "report": {"company_name": "Testi Oy", **report}},
        root,
    )
