"""The prediction page from hand-made rows."""

from datetime import date

from cx_pipeline.report.prediction_section import (
    build_prediction_section,
    driver_label,
    top_drivers,
)
from cx_pipeline.report.render import load_labels

CATALOG = [
    {"metric_name": "churn_rate", "unit": "percent", "label_en": "Churn"},
    {"metric_name": "churn_risk_auc", "unit": "ratio", "label_en": "AUC"},
]


def _driver(code: str, value: float, n: int, margin: float) -> dict:
    return {
        "metric_name": "detractor_drivers",
        "segment_type": "driver",
        "segment_value": code,
        "value": value,
        "n": n,
        "margin_of_error": margin,
        "is_low_sample": False,
        "is_mature": True,
    }


ROWS = [
    {
        "metric_name": "churn_rate",
        "segment_type": "all",
        "segment_value": "all",
        "value": 60.17,
        "n": 3196,
        "margin_of_error": None,
        "is_low_sample": False,
        "is_mature": True,
    },
    _driver("reopened_ticket", 33.2, 11, 29.8),  # too few respondents
    _driver("channel:email", 13.0, 151, 9.3),  # significant
    _driver("delivery_issue", 7.9, 125, 7.6),  # significant
    _driver("more_than_one_touch", 8.0, 192, 9.3),  # within its margin
    _driver("refund", -4.2, 186, 5.2),  # lowers the detractor share: not a driver
]


def test_top_drivers_need_enough_respondents_and_a_positive_effect() -> None:
    assert [d["segment_value"] for d in top_drivers(ROWS[1:])] == [
        "channel:email",
        "more_than_one_touch",
        "delivery_issue",
    ]


def test_driver_labels_name_the_channel_and_reason() -> None:
    labels = load_labels("en")
    assert driver_label("channel:email", labels) == "Channel: E-mail"
    assert driver_label("contact_reason:pricing", labels) == "Contact reason: pricing"
    assert driver_label("reopened_ticket", labels) == "Ticket reopened"


def test_prediction_page() -> None:
    repurchase = [
        {"segment_value": "promoter", "value": 40.7, "n": 113},
        {"segment_value": "detractor", "value": 12.7, "n": 55},
    ]
    section = build_prediction_section(
        CATALOG,
        ROWS,
        repurchase,
        repurchase_month=date(2026, 4, 1),
        language="en",
        labels=load_labels("en"),
    )
    assert section["values"] == [
        {"metric_name": "churn_rate", "label": "Churn", "text": "60.2%", "unreliable": False},
        {"metric_name": "churn_risk_auc", "label": "AUC", "text": "\u2013", "unreliable": False},
    ]
    assert section["repurchase_month"] == "April 2026"
    assert [(r["group"], r["text"], r["n"]) for r in section["repurchase"]] == [
        ("Detractors (0-6)", "12.7%", "55"),
        ("Passives (7-8)", "\u2013", "\u2013"),
        ("Promoters (9-10)", "40.7%", "113"),
    ]
    assert [(d["label"], d["effect"], d["is_significant"]) for d in section["drivers"]] == [
        ("Channel: E-mail", "+13.0\u00a0pp", True),
        ("More than one reply needed", "+8.0\u00a0pp", False),
        ("Delivery complaint", "+7.9\u00a0pp", True),
    ]
