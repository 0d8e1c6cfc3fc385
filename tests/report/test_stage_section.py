"""A journey-stage page from hand-made rows: the metric lines, trends and breakdowns."""

from datetime import date
from typing import Any

from cx_pipeline.periods import Period
from cx_pipeline.report.stage_section import Breakdown, StageSpec, build_stage_section

NB = "\u00a0"
OCT, SEP, OCT_2025 = date(2026, 10, 1), date(2026, 9, 1), date(2025, 10, 1)


def _metric(name: str, unit: str, target: float | None = None) -> dict[str, Any]:
    return {
        "metric_name": name,
        "label_fi": f"{name} fi",
        "label_en": f"{name} en",
        "unit": unit,
        "direction": "higher_is_better",
        "target": target,
        "min_sample": 30,
    }


CATALOG = {
    "orders": _metric("orders", "count"),
    "purchase_csat": _metric("purchase_csat", "percent", 80.0),
}
SPEC = StageSpec(
    stage="purchase",
    metrics=("orders", "purchase_csat", "not_in_catalog"),
    trend_metrics=("purchase_csat",),
    breakdowns=(
        Breakdown("channel", ("orders", "purchase_csat"), volume_metric="orders"),
        Breakdown("customer_segment", ("orders",), volume_metric="orders"),  # no rows
    ),
)
BY_METRIC = {
    "orders": {
        OCT: {"value": 120.0, "n": 120},
        SEP: {"value": 100.0, "n": 100},
        OCT_2025: {"value": 90.0, "n": 90},
    },
    "purchase_csat": {
        OCT: {"value": 82.0, "n": 50, "margin_of_error": 10.6},
        SEP: {"value": 75.5, "n": 40, "margin_of_error": 13.3},
    },
}


def _segment(value: str, metric: str, number: float, low: bool = False) -> dict[str, Any]:
    return {
        "metric_name": metric,
        "segment_type": "channel",
        "segment_value": value,
        "value": number,
        "n": 10,
        "is_low_sample": low,
        "is_mature": True,
    }


SEGMENTS = [
    _segment("store", "orders", 30.0),
    _segment("web", "orders", 90.0),
    _segment("web", "purchase_csat", 84.0),
    _segment("store", "purchase_csat", 70.0, low=True),
]


def _page(language: str = "en") -> dict[str, Any]:
    return build_stage_section(
        SPEC, CATALOG, BY_METRIC, SEGMENTS, period=Period("month", OCT), language=language
    )


def test_metric_lines_compare_with_the_previous_period_and_a_year_ago() -> None:
    page = _page()
    orders, csat = page["rows"]  # the metric missing from the catalog is left out
    assert (orders["value_text"], orders["change_text"], orders["change_vs_year_text"]) == (
        "120",
        "+20",
        "+30",
    )
    # 82.0 - 75.5 = 6.5 pp; no year-ago row; the target 80 % is met.
    assert (csat["change_text"], csat["change_vs_year_text"]) == (f"+6.5{NB}pp", "\u2013")
    assert csat["target_status"] == "met"
    # 6.5 < sqrt(10.6^2 + 13.3^2) = 17.0: not a significant change
    assert csat["is_significant"] is False


def test_breakdown_lines_are_ordered_by_volume_and_empty_tables_are_left_out() -> None:
    (channel,) = _page("fi")["breakdowns"]
    assert channel["segment_type"] == "channel"
    assert channel["columns"] == ["orders fi", "purchase_csat fi"]
    assert [row["segment"] for row in channel["rows"]] == ["web", "store"]
    web, store = channel["rows"]
    assert [cell["text"] for cell in web["cells"]] == ["90", f"84,0{NB}%"]
    assert store["cells"][1] == {"text": f"70,0{NB}%", "unreliable": True}


def test_trend_window_and_metric_names_for_the_appendix() -> None:
    page = _page()
    (trend,) = page["trends"]
    assert len(trend["points"]) == 12 and trend["points"][-1]["value"] == 82.0
    assert trend["points"][-2]["value"] == 75.5 and trend["points"][0]["value"] is None
    assert "not_in_catalog" not in page["metric_names"]
    assert {"orders", "purchase_csat"} <= set(page["metric_names"])
