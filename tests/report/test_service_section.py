"""The customer-service page from hand-made segment rows."""

from typing import Any

from cx_pipeline.report.service_section import build_service_section, contact_reason_stacks

NB = "\u00a0"


def _catalog(name: str, unit: str) -> dict[str, Any]:
    return {"metric_name": name, "unit": unit, "label_en": name.replace("_", " ")}


CATALOG = [
    _catalog("tickets_created", "count"),
    _catalog("first_response_time_business", "minutes"),
    _catalog("average_handling_time", "minutes"),
    _catalog("first_contact_resolution_rate", "percent"),
    _catalog("support_csat", "percent"),
    _catalog("self_service_success_rate", "percent"),
    _catalog("bot_containment_rate", "percent"),
]


def _row(metric: str, segment_type: str, value: str, number: float, **flags: Any) -> dict:
    return {
        "metric_name": metric,
        "segment_type": segment_type,
        "segment_value": value,
        "value": number,
        "is_low_sample": flags.get("low", False),
        "is_mature": flags.get("mature", True),
    }


ROWS = [
    _row("tickets_created", "channel", "email", 120),
    _row("tickets_created", "channel", "voice", 300),
    _row("first_response_time_business", "channel", "email", 95.4),
    _row("first_contact_resolution_rate", "channel", "voice", 61.0, mature=False),
    _row("support_csat", "channel", "voice", 90.0, low=True),
    _row("tickets_created", "team", "Tuki", 420),
    # Self-service rows by channel must not become breakdown lines.
    _row("self_service_success_rate", "channel", "help_center", 75.0),
    _row("self_service_success_rate", "all", "all", 78.25, mature=False),
    _row("bot_containment_rate", "all", "all", 80.0),
    _row("contact_reasons_by_stage", "journey_stage_contact_reason", "purchase|wismo", 30),
    _row("contact_reasons_by_stage", "journey_stage_contact_reason", "usage|wismo", 5),
    _row("contact_reasons_by_stage", "journey_stage_contact_reason", "usage|defect", 35),
    _row("contact_reasons_by_stage", "journey_stage", "usage", 40),
]


def test_breakdowns_biggest_channel_first_with_grey_unreliable_cells() -> None:
    section = build_service_section(CATALOG, ROWS, language="en")
    channel, team = section["breakdowns"]
    assert channel["segment_type"] == "channel"
    assert [row["segment"] for row in channel["rows"]] == ["voice", "email"]
    voice, email = channel["rows"]
    assert [cell["text"] for cell in voice["cells"]] == [
        "300",
        "\u2013",
        "\u2013",
        "61.0%",
        "90.0%",
    ]
    assert [cell["unreliable"] for cell in voice["cells"]] == [False, False, False, True, True]
    assert [cell["text"] for cell in email["cells"]][:2] == ["120", f"95.4{NB}min"]
    assert [row["segment"] for row in team["rows"]] == ["Tuki"]


def test_self_service_lists_the_catalog_metrics_it_has() -> None:
    section = build_service_section(CATALOG, ROWS, language="en")
    assert [
        (item["label"], item["text"], item["unreliable"]) for item in section["self_service"]
    ] == [
        ("self service success rate", "78.3%", True),
        ("bot containment rate", "80.0%", False),
    ]


def test_contact_reasons_stack_by_stage_largest_reason_first() -> None:
    # wismo 30 + 5 = 35 ties defect 35: alphabetical, so defect first.
    assert contact_reason_stacks(ROWS) == [
        {
            "reason": "defect",
            "by_stage": {"perception": 0.0, "purchase": 0.0, "usage": 35.0, "unknown": 0.0},
        },
        {
            "reason": "wismo",
            "by_stage": {"perception": 0.0, "purchase": 30.0, "usage": 5.0, "unknown": 0.0},
        },
    ]
