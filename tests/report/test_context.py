"""The report context from plain rows: change and its good/bad sign, target status, the
small-sample and maturity rules, and the trend window. Expected values are worked out by
hand from the rows below."""

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pytest

from cx_pipeline.periods import Period
from cx_pipeline.report.context import build_context
from cx_pipeline.report.kpi import assess_change, target_status
from cx_pipeline.report.render import load_labels

NB, MINUS, DASH = "\u00a0", "\u2212", "\u2013"
OCT, SEP = date(2026, 10, 1), date(2026, 9, 1)


def _metric(name: str, unit: str, direction: str, target: float | None, order: int) -> dict:
    return {
        "metric_name": name,
        "label_fi": f"{name} fi",
        "label_en": f"{name} en",
        "unit": unit,
        "direction": direction,
        "target": target,
        "min_sample": 30 if unit != "eur" else 0,
        "headline_order": order,
    }


CATALOG = [
    _metric("frt", "minutes", "lower_is_better", 240.0, 2),  # listed before nps on purpose
    _metric("nps", "points", "higher_is_better", 30.0, 1),
    _metric("csat", "percent", "higher_is_better", 80.0, 3),
    _metric("ces", "percent", "higher_is_better", 75.0, 4),
    _metric("fcr", "percent", "higher_is_better", 70.0, 5),
    _metric("revenue", "eur", "higher_is_better", None, 6),
    _metric("median_frt", "minutes", "lower_is_better", 120.0, 0),  # not a headline KPI
]


def _row(
    name: str,
    month: date,
    value: float | None,
    n: int | None = 100,
    moe: float | None = None,
    low: bool | None = False,
    mature: bool | None = True,
) -> dict[str, Any]:
    return {
        "metric_name": name,
        "period_start": month,
        "value": value,
        "n": n,
        "margin_of_error": moe,
        "is_low_sample": low,
        "is_mature": mature,
    }


METRICS = [
    _row("nps", OCT, 32.5, n=412, moe=4.1),
    _row("nps", SEP, 28.0, n=398, moe=4.3),
    _row("frt", OCT, 252.4, n=540),
    _row("frt", SEP, 270.0, n=515),
    _row("csat", OCT, 82.44, n=230, moe=4.9),
    _row("csat", SEP, 85.0, n=241, moe=4.5),
    _row("ces", OCT, 71.25, n=12, moe=22.1, low=True),  # below target, but a small sample
    _row("ces", SEP, 74.0, n=150, moe=7.0),
    _row("fcr", OCT, 64.0, n=120, mature=False),  # below target, but still immature
    _row("fcr", SEP, 71.0, n=130),
    _row("revenue", OCT, 1234567.4, n=None, low=None),
    _row("revenue", SEP, 1100000.0, n=None, low=None),
    _row("median_frt", OCT, 95.0),
]


def _context(
    language: str = "fi", catalog: Any = CATALOG, metrics: Any = METRICS, **kwargs: Any
) -> dict[str, Any]:
    args: dict[str, Any] = {
        "period": Period("month", OCT),
        "language": language,
        "labels": load_labels(language),
        "company_name": "Testi Oy",
        "brand_colour": "#1f4e79",
        "generated_at": datetime(2026, 11, 4, 4, 5, tzinfo=UTC),
        "timezone": "Europe/Helsinki",
        **kwargs,
    }
    return build_context(catalog, metrics, **args)


def _kpi(context: dict[str, Any], name: str) -> dict[str, Any]:
    return next(row for row in context["kpis"] if row["metric_name"] == name)


@pytest.mark.parametrize(
    ("delta", "direction", "expected"),
    [
        (1.0, "higher_is_better", "good"),
        (-1.0, "higher_is_better", "bad"),
        (1.0, "lower_is_better", "bad"),
        (-1.0, "lower_is_better", "good"),
        (0.0, "higher_is_better", "flat"),
        (None, "lower_is_better", None),
    ],
)
def test_assess_change_follows_the_metric_direction(
    delta: float | None, direction: str, expected: str | None
) -> None:
    assert assess_change(delta, direction) == expected


@pytest.mark.parametrize(
    ("value", "target", "direction", "reliable", "expected"),
    [
        (82.4, 80.0, "higher_is_better", True, "met"),
        (80.0, 80.0, "higher_is_better", True, "met"),  # reaching the target meets it
        (79.9, 80.0, "higher_is_better", True, "missed"),
        (252.0, 240.0, "lower_is_better", True, "missed"),
        (240.0, 240.0, "lower_is_better", True, "met"),
        (180.0, 240.0, "lower_is_better", True, "met"),
        (None, 80.0, "higher_is_better", True, "none"),
        (82.4, None, "higher_is_better", True, "none"),
        (50.0, 80.0, "higher_is_better", False, "none"),  # small sample: no red/green
    ],
)
def test_target_status(
    value: float | None, target: float | None, direction: str, reliable: bool, expected: str
) -> None:
    assert target_status(value, target, direction, reliable=reliable) == expected


def test_headline_kpis_in_catalog_order_without_the_others() -> None:
    names = [row["metric_name"] for row in _context()["kpis"]]
    assert names == ["nps", "frt", "csat", "ces", "fcr", "revenue"]


def test_nps_row_finnish() -> None:
    nps = _kpi(_context("fi"), "nps")
    assert nps["label"] == "nps fi"
    assert (nps["value_text"], nps["previous_text"], nps["change_text"]) == ("32,5", "28,0", "+4,5")
    assert (nps["change_arrow"], nps["change_assessment"]) == ("up", "good")
    assert (nps["target_text"], nps["target_status"]) == ("30", "met")
    assert (nps["n_text"], nps["margin_text"]) == ("412", "±4,1")


def test_nps_row_english() -> None:
    nps = _kpi(_context("en"), "nps")
    assert nps["label"] == "nps en"
    assert (nps["value_text"], nps["previous_text"], nps["change_text"]) == ("32.5", "28.0", "+4.5")


def test_falling_response_time_is_good_but_misses_its_target() -> None:
    frt = _kpi(_context("fi"), "frt")
    # 252.4 shows as 252 min; 252 - 270 = -18, at the values' whole-minute precision.
    assert frt["value_text"] == f"252{NB}min"
    assert frt["change_text"] == f"{MINUS}18{NB}min"
    assert (frt["change_arrow"], frt["change_assessment"]) == ("down", "good")
    assert frt["target_status"] == "missed"
    assert frt["margin_text"] == ""  # no margin of error for an operational metric


def test_falling_satisfaction_is_bad_and_in_percentage_points() -> None:
    csat = _kpi(_context("en"), "csat")
    assert (csat["value_text"], csat["change_text"]) == ("82.4%", f"-2.6{NB}pp")
    assert (csat["change_arrow"], csat["change_assessment"]) == ("down", "bad")
    assert (csat["target_text"], csat["target_status"]) == ("80%", "met")
    assert csat["margin_text"] == f"±4.9{NB}pp"


def test_small_sample_gets_no_status_and_no_colour() -> None:
    ces = _kpi(_context("fi"), "ces")
    assert ces["is_low_sample"] is True
    assert ces["value_text"] == f"71,3{NB}%"  # 71.25 rounds half up
    assert ces["target_status"] == "none"  # 71.3 < 75 would be "missed"
    assert (ces["change_arrow"], ces["change_assessment"]) == ("down", "neutral")


def test_immature_value_gets_no_status() -> None:
    fcr = _kpi(_context("fi"), "fcr")
    assert fcr["is_mature"] is False
    assert fcr["target_status"] == "none"  # 64 < 70 would be "missed"
    assert fcr["change_assessment"] == "neutral"


def test_change_from_a_small_sample_month_is_not_assessed() -> None:
    metrics = [_row("nps", OCT, 32.5, n=412), _row("nps", SEP, 10.0, n=20, low=True)]
    nps = _kpi(_context(metrics=metrics), "nps")
    assert (nps["change_text"], nps["change_assessment"]) == ("+22,5", "neutral")
    assert nps["target_status"] == "met"  # October itself is reliable


def test_revenue_without_target_or_sample() -> None:
    revenue = _kpi(_context("fi"), "revenue")
    assert revenue["value_text"] == f"1{NB}234{NB}567{NB}€"
    assert revenue["change_text"] == f"+134{NB}567{NB}€"
    assert (revenue["target_text"], revenue["target_status"]) == (DASH, "none")
    assert (revenue["n_text"], revenue["is_low_sample"]) == (DASH, False)


def test_missing_months_show_dashes() -> None:
    nps = _kpi(_context(metrics=[_row("nps", OCT, 32.5)]), "nps")
    assert (nps["previous_text"], nps["change_text"], nps["change_assessment"]) == (
        DASH,
        DASH,
        None,
    )
    frt = _kpi(_context(metrics=[_row("nps", OCT, 32.5)]), "frt")
    assert (frt["value_text"], frt["target_status"]) == (DASH, "none")


def test_status_and_change_use_the_value_as_shown() -> None:
    # 29.96 shows as "30,0": it meets a target of 30, and against 29.97 ("30,0") it is flat.
    metrics = [_row("nps", OCT, 29.96), _row("nps", SEP, 29.97)]
    nps = _kpi(_context(metrics=metrics), "nps")
    assert (nps["value_text"], nps["target_status"]) == ("30,0", "met")
    assert (nps["change_text"], nps["change_arrow"], nps["change_assessment"]) == (
        "0,0",
        "flat",
        "flat",
    )


def test_dataframes_with_nulls_work_like_dicts() -> None:
    frame = pd.DataFrame(METRICS)  # None becomes NaN / NaT-like values here
    assert _context("fi", metrics=frame)["kpis"] == _context("fi")["kpis"]
    catalog = pd.DataFrame(CATALOG)
    assert _context("fi", catalog=catalog)["kpis"] == _context("fi")["kpis"]


def test_nps_trend_is_the_last_twelve_months_with_gaps() -> None:
    trend = _context("fi")["trends"][0]
    months = [point["start"] for point in trend["points"]]
    assert months[0] == date(2025, 11, 1) and months[-1] == OCT and len(months) == 12
    assert [p["value"] for p in trend["points"]][-2:] == [28.0, 32.5]
    assert trend["points"][0]["value"] is None  # no data for November 2025
    assert (trend["label"], trend["unit"], trend["target"]) == ("nps fi", "points", 30.0)
    assert trend["points"][-1]["abbr"] == "loka"
    # The axis names the year on the first point and where it turns.
    assert [p["year"] for p in trend["points"]][:3] == [2025, None, 2026]


def test_title_page_facts() -> None:
    context = _context("fi")
    assert context["period"] == {
        "key": "2026-10",
        "grain": "month",
        "start": OCT,
        "label": "lokakuu 2026",
    }
    # 04:05 UTC is 06:05 in Helsinki (UTC+2 in November).
    assert context["generated_at_text"] == "4.11.2026 klo 6.05 (UTC+2)"
    assert context["generated_at"] == "2026-11-04T06:05:00+02:00"
    # The earliest month in the trend window with data is September.
    assert context["coverage_text"] == f"1.9.2026{DASH}31.10.2026"
    naive = _context("en", generated_at=datetime(2026, 11, 4, 4, 5))  # naive means UTC
    assert naive["generated_at_text"] == "4 November 2026, 06:05 (UTC+2)"


def test_method_note_names_the_minimum_sample_and_time_zone() -> None:
    text = " ".join(_context("en")["method_paragraphs"])
    assert "minimum sample (30)" in text
    assert "Europe/Helsinki" in text


def test_brand_colour_must_be_a_hex_colour() -> None:
    with pytest.raises(ValueError, match="brand_colour"):
        _context(brand_colour="red; } body { display: none")


def test_unknown_trend_metric_is_an_error() -> None:
    with pytest.raises(ValueError, match="nope"):
        _context(trend_metrics=("nope",))


def test_year_over_year_change_and_significance() -> None:
    year_ago = date(2025, 10, 1)
    metrics = [
        *METRICS,
        _row("nps", year_ago, 20.0, n=300, moe=5.0),
        _row("frt", year_ago, 300.0, n=500),
        _row("csat", year_ago, 84.0, n=20, moe=15.0, low=True),
    ]
    context = _context("en", metrics=metrics)
    nps, frt, csat = _kpi(context, "nps"), _kpi(context, "frt"), _kpi(context, "csat")
    # NPS: 32.5 - 20.0 = +12.5, an improvement; month on month +4.5 against
    # sqrt(4.1^2 + 4.3^2) = 5.94 is not significant.
    assert (nps["change_vs_year_text"], nps["change_vs_year_assessment"]) == ("+12.5", "good")
    assert nps["is_significant"] is False
    # Response time 252 - 300 = -48 min, good for a lower-is-better metric; no margins.
    assert frt["change_vs_year_text"] == f"-48{NB}min"
    assert frt["change_vs_year_assessment"] == "good"
    assert frt["is_significant"] is None
    # CSAT a year ago was a small sample: the change is shown but not assessed.
    assert csat["change_vs_year_text"] == f"-1.6{NB}pp"
    assert csat["change_vs_year_assessment"] == "neutral"
    # Without a year-ago row there is nothing to compare.
    assert _kpi(context, "revenue")["change_vs_year_text"] == DASH


def test_findings_are_in_the_context() -> None:
    context = _context(
        "en",
        demand={"stage": "usage", "reason": "product_defect", "contacts": 5, "total": 20},
    )
    # frt misses its 240 target (252 min); the product-defect demand is 5 / 20 = 25.0 %.
    assert context["findings"][0] == f"frt en missed its target: 252{NB}min against 240{NB}min."
    assert context["findings"][1] == (
        "Demand piles up at product defects in the usage stage: 5 contacts, 25.0% of all."
    )


def test_appendix_lists_each_shown_metric_once_with_its_formula() -> None:
    catalog = [{**m, "formula_en": f"formula of {m['metric_name']}"} for m in CATALOG]
    appendix = _context("en", catalog=catalog)["appendix"]
    # The headline KPIs in catalog order; nps again for its trend is not repeated; the
    # non-headline median_frt is not shown anywhere, so it is not listed.
    assert [row["label"] for row in appendix] == [
        "nps en",
        "frt en",
        "csat en",
        "ces en",
        "fcr en",
        "revenue en",
    ]
    nps, revenue = appendix[0], appendix[-1]
    assert (nps["formula"], nps["target"], nps["min_sample"]) == ("formula of nps", "30", "30")
    assert (revenue["target"], revenue["min_sample"]) == (DASH, DASH)


def test_a_weekly_report_compares_weeks() -> None:
    # GIVEN NPS for ISO weeks 2026-W43 (Mon 19 Oct), 2026-W42 and 2025-W43 (Mon 20 Oct 2025)
    w43, w42, w43_last_year = date(2026, 10, 19), date(2026, 10, 12), date(2025, 10, 20)
    metrics = [_row("nps", w43, 30.0), _row("nps", w42, 26.5), _row("nps", w43_last_year, 20.0)]
    context = _context("fi", catalog=CATALOG[1:2], metrics=metrics, period=Period("week", w43))
    nps = _kpi(context, "nps")
    # THEN the change is against the week before and the same ISO week a year earlier
    assert (nps["change"], nps["change_vs_year"]) == (3.5, 10.0)
    assert context["period"]["label"] == "viikko 43/2026"
    assert context["coverage_text"] == f"20.10.2025{DASH}25.10.2026"
    points = nps["sparkline"]
    assert [p["abbr"] for p in points[-2:]] == [f"vk{NB}42", f"vk{NB}43"]
    assert points[0]["start"] == date(2026, 8, 3) and points[0]["year"] == 2026
    assert [p["value"] for p in points[-2:]] == [26.5, 30.0]
    assert context["g"]["vs_previous"] == "vs ed. vk"
