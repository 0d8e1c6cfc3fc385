"""The trend chart: deterministic SVG text in the report's language."""

from datetime import date
from typing import Any

from cx_pipeline.report.charts import contact_reasons_chart_svg, trend_chart_svg
from cx_pipeline.report.render import load_labels

LABELS = {**load_labels("fi")["trend"], "value": "Kuukauden arvo"}


def _trend(values: list[float | None], unit: str = "points") -> dict[str, Any]:
    months = [date(2025 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(12)]
    return {
        "metric_name": "nps",
        "label": "NPS",
        "unit": unit,
        "target": 30.0,
        "points": [
            {
                "start": month,
                "abbr": f"m{month.month}",
                "year": month.year if i == 0 or month.month == 1 else None,
                "value": value,
                "margin_of_error": None if value is None else 4.0,
                "is_low_sample": i == 3,
            }
            for i, (month, value) in enumerate(zip(months, values, strict=True))
        ],
    }


VALUES = [18.0, 20.5, 22.0, 19.5, 24.0, 25.5, 27.0, 26.0, 29.5, 31.0, 28.0, 32.5]


def test_same_data_gives_the_same_svg() -> None:
    first = trend_chart_svg(_trend(VALUES), LABELS, "fi")
    assert first == trend_chart_svg(_trend(VALUES), LABELS, "fi")
    assert first.startswith("<svg")  # no XML prolog
    assert "<dc:date>" not in first  # no timestamp in the metadata


def test_text_is_text_in_the_report_language() -> None:
    svg = trend_chart_svg(_trend(VALUES), LABELS, "fi")
    assert "DejaVu Sans" in svg
    for text in ("32,5", "Tavoite 30", "Virhemarginaali (95 %)", "Pieni otos", "m10", "2025"):
        assert text in svg, text


def test_percent_axis_and_missing_months() -> None:
    svg = trend_chart_svg(
        _trend([None] * 6 + [80.0, 82.0, None, 84.5, 85.0, 90.0], "percent"), LABELS, "en"
    )
    assert "90.0%" in svg  # the last value, labelled
    assert "120%" not in svg and "110%" not in svg  # the axis stops at 100 %


def test_no_data_at_all_still_draws() -> None:
    assert trend_chart_svg(_trend([None] * 12), LABELS, "en").startswith("<svg")


def test_contact_reasons_chart_with_a_single_reason() -> None:
    labels = load_labels("en")
    stacks = [{"reason": "pricing", "by_stage": {"purchase": 3.0, "usage": 1.0}}]
    svg = contact_reasons_chart_svg(
        stacks, labels["contact_reasons"], labels["journey_stages"], "en"
    )
    assert svg.startswith("<svg") and "pricing" in svg
