"""Known answers: the tiny hand-made company (tests/fixtures/tiny_company.py) through the
whole pipeline, against values worked out by hand below, not by the code under test."""

import math
from datetime import date

import duckdb
import pytest

from tests.conftest import PipelineRun

OCTOBER = date(2026, 10, 1)


def _metric(
    run: PipelineRun,
    name: str,
    period: date = OCTOBER,
    grain: str = "month",
    segment: tuple[str, str] = ("all", "all"),
) -> dict:
    with duckdb.connect(str(run.settings.paths.warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select value, numerator, denominator, n, margin_of_error, is_low_sample
            from fct_cx_metrics
            where metric_name = ? and period_grain = ? and period_start = ?
              and segment_type = ? and segment_value = ?
            """,
            [name, grain, period, *segment],
        ).fetchall()
    assert len(rows) == 1, f"{name} {grain} {period} {segment}: {len(rows)} rows"
    value, numerator, denominator, n, moe, low = rows[0]
    return {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "n": n,
        "moe": moe,
        "low_sample": low,
    }


def test_nps_october(tiny_run: PipelineRun) -> None:
    # Latest answer per contact in October (Helsinki time): 10, 9, 9, 8, 7, 6, 6, 3 and
    # contact 109's later 10 (its earlier 2 is replaced). The 0 at 22:15 UTC on 31 October
    # is 1 November in Helsinki. Promoters (9-10): 4; passives (7-8): 2; detractors (0-6): 3.
    nps = _metric(tiny_run, "nps")
    assert nps["n"] == 9
    assert nps["value"] == pytest.approx(100 * (4 - 3) / 9)  # 11.11
    # Adjusted Wald: n' = 12, pP = 4.75/12, pD = 3.75/12.
    p_p, p_d = 4.75 / 12, 3.75 / 12
    expected_moe = 1.96 * 100 * math.sqrt((p_p + p_d - (p_p - p_d) ** 2) / 12)
    assert nps["moe"] == pytest.approx(expected_moe)  # 47.39
    assert nps["low_sample"] is True  # 9 answers < 30


def test_nps_answer_after_midnight_helsinki_counts_in_november(tiny_run: PipelineRun) -> None:
    november = _metric(tiny_run, "nps", period=date(2026, 11, 1))
    assert (november["n"], november["value"]) == (1, -100.0)


def test_support_csat_october(tiny_run: PipelineRun) -> None:
    # Latest answered rating per ticket: T1 5, T2 4 (its earlier 2 replaced), T6 3, T7 1.
    # The offered-but-unanswered rating of T4 is not a rating. Top box 4-5: 2 of 4.
    csat = _metric(tiny_run, "support_csat")
    assert (csat["numerator"], csat["n"]) == (2, 4)
    assert csat["value"] == pytest.approx(50.0)
    z, n, p = 1.96, 4, 0.5
    wilson_half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert csat["moe"] == pytest.approx(100 * wilson_half)  # 35.0


def test_customer_effort_score_october(tiny_run: PipelineRun) -> None:
    # CES answers 5, 2, 4, 3, 4: three of five are 4-5.
    ces = _metric(tiny_run, "customer_effort_score")
    assert (ces["numerator"], ces["n"]) == (3, 5)
    assert ces["value"] == pytest.approx(60.0)


def test_survey_response_rate_october(tiny_run: PipelineRun) -> None:
    # Support CSAT: six offers in October (T2 offered twice), five rated; CES: six offers,
    # five scored (the offer on T8 is unanswered and is no CES answer above).
    csat = _metric(tiny_run, "survey_response_rate", segment=("survey", "support_csat"))
    assert (csat["numerator"], csat["denominator"]) == (5, 6)
    ces = _metric(tiny_run, "survey_response_rate", segment=("survey", "support_ces"))
    assert (ces["numerator"], ces["denominator"]) == (5, 6)
    both = _metric(tiny_run, "survey_response_rate")
    assert both["value"] == pytest.approx(100 * 10 / 12)


def test_first_response_time_october(tiny_run: PipelineRun) -> None:
    # T1 60 min (the automatic acknowledgement at 30 s is not a reply), T2 150, T6 30, T7 20.
    # Out: T3 never answered, T4 agent-created, T5 created on 1 November Helsinki time,
    # T8 deleted. Mean (60 + 150 + 30 + 20) / 4 = 65; median (30 + 60) / 2 = 45.
    frt = _metric(tiny_run, "first_response_time")
    assert (frt["numerator"], frt["denominator"]) == (260, 4)
    assert frt["value"] == pytest.approx(65.0)
    assert _metric(tiny_run, "first_response_time_median")["value"] == pytest.approx(45.0)
    # September: one ticket answered after 120 minutes.
    assert _metric(tiny_run, "first_response_time", period=date(2026, 9, 1))["value"] == 120


def test_first_response_time_by_channel(tiny_run: PipelineRun) -> None:
    # E-mail tickets in October: T1 60, T6 30, T7 20 -> 110 / 3.
    email = _metric(tiny_run, "first_response_time", segment=("channel", "email"))
    assert email["value"] == pytest.approx(110 / 3)


def test_first_response_time_by_iso_week(tiny_run: PipelineRun) -> None:
    # Week of Monday 5 October: T1 (Mon) 60, T2 (Tue) 150, T6 (Sat 10th) 30 -> 80.
    week = _metric(tiny_run, "first_response_time", grain="week", period=date(2026, 10, 5))
    assert week["value"] == pytest.approx(80.0)


def test_average_handling_time_october(tiny_run: PipelineRun) -> None:
    # Logged work: T1 600 s; T2 300 s + 900 s after its reopen. (10 + 20) / 2 = 15 min.
    aht = _metric(tiny_run, "average_handling_time")
    assert aht["value"] == pytest.approx(15.0)


def test_first_contact_resolution_october(tiny_run: PipelineRun) -> None:
    # Solved with an agent reply: T1 yes; T2 reopened; T6 the customer wrote again (T7)
    # within 7 days; T7 yes. T4 is agent-created, out. 2 of 4.
    fcr = _metric(tiny_run, "first_contact_resolution_rate")
    assert (fcr["numerator"], fcr["denominator"]) == (2, 4)


def test_orders_revenue_and_contact_rate_october(tiny_run: PipelineRun) -> None:
    # Orders 5002 (100 EUR) and 5003 (80 EUR); customer tickets created in October: T1, T2,
    # T3, T6, T7 (T4 agent-created, T5 November, T8 deleted) -> 5 / 2 x 100 = 250.
    assert _metric(tiny_run, "orders")["value"] == 2
    assert _metric(tiny_run, "revenue")["value"] == pytest.approx(180.0)
    assert _metric(tiny_run, "contacts_per_100_orders")["value"] == pytest.approx(250.0)


def test_the_same_person_meets_across_systems(tiny_run: PipelineRun) -> None:
    # yksi@example.fi is helpdesk user 1 and the guest e-mail on orders 5001 and 5002.
    with duckdb.connect(str(tiny_run.settings.paths.warehouse), read_only=True) as con:
        keys = con.execute(
            """
            select count(distinct customer_key) from (
                select customer_key from fct_orders where order_id in (5001, 5002)
                union all
                select customer_key from fct_tickets where ticket_id = 1
            )
            """
        ).fetchone()[0]
    assert keys == 1


def test_first_response_time_in_business_minutes_october(tiny_run: PipelineRun) -> None:
    # Opening hours Mon-Fri 08:00-16:00 Helsinki (UTC+3 in early October). T1 Mon 11:00 ->
    # 12:00 = 60; T2 Tue 13:00 -> 15:30 = 150; T6 created and answered on Saturday 10
    # October = 0; T7 Mon 11:00 -> 11:20 = 20. (60 + 150 + 0 + 20) / 4 = 57.5.
    frt = _metric(tiny_run, "first_response_time_business")
    assert (frt["numerator"], frt["n"]) == (230, 4)
    assert frt["value"] == pytest.approx(57.5)
