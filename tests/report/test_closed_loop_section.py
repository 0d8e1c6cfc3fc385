"""The closed-loop page from hand-made open answers."""

from cx_pipeline.report.closed_loop_section import age_bucket, build_closed_loop_section
from cx_pipeline.report.render import load_labels

CATALOG = [
    {"metric_name": "negative_feedback_follow_up_rate", "unit": "percent", "label_en": "In 48 h"},
    {"metric_name": "recovery_rate", "unit": "percent", "label_en": "Recovered"},
]
OPEN = [
    # (customer_key, survey, score, scale max, age in hours, age in days, overdue)
    ("a1b2c3d4e5f6", "NPS", 3, 10, 30, 1, False),
    ("ffff0000aaaa", "NPS", 6, 10, 100, 4, True),
    ("0123456789ab", "Support CSAT", 1, 5, 60, 2, True),
    ("9999999999zz", "Support CES", 2, 5, 2400, 100, True),
]


def _rows() -> list[dict]:
    keys = ("customer_key", "survey_name", "score", "scale_max", "age_hours", "age_days")
    return [dict(zip((*keys, "is_overdue"), row, strict=True)) for row in OPEN]


def test_age_buckets_are_inclusive_upper_bounds() -> None:
    assert [age_bucket(d) for d in (0, 2, 3, 7, 8, 30, 31, 90, 91)] == [
        "0_2",
        "0_2",
        "3_7",
        "3_7",
        "8_30",
        "8_30",
        "31_90",
        "31_90",
        "over_90",
    ]


def test_open_feedback_page_counts_lists_and_hides_identity() -> None:
    metrics = [
        {
            "metric_name": "negative_feedback_follow_up_rate",
            "value": 50.0,
            "is_low_sample": False,
            "is_mature": False,
        },
    ]
    section = build_closed_loop_section(
        CATALOG, _rows(), metrics, language="en", labels=load_labels("en")
    )
    assert section["intro"].startswith("4 negative answers")
    assert "3 of them have waited longer than 48 hours" in section["intro"]
    assert [(b["bucket"], b["count"]) for b in section["age_buckets"]] == [
        ("0_2", "2"),
        ("3_7", "1"),
        ("8_30", "0"),
        ("31_90", "0"),
        ("over_90", "1"),
    ]
    # Overdue only, the most recent first; references are the first 8 characters.
    assert [
        (w["reference"], w["survey"], w["score"], w["age_days"]) for w in section["waiting"]
    ] == [
        ("01234567", "Support CSAT", "1/5", "2"),
        ("ffff0000", "NPS", "6/10", "4"),
        ("99999999", "Support CES", "2/5", "100"),
    ]
    assert section["metrics"] == [
        {"label": "In 48 h", "text": "50.0%", "unreliable": True},
        {"label": "Recovered", "text": "\u2013", "unreliable": False},
    ]
