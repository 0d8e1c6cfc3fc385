"""The findings rule on hand-made KPI rows: which sentences, in which order."""

from typing import Any

from cx_pipeline.report.findings import (
    Demand,
    OpenFeedback,
    build_findings,
    missed_targets,
    notable_moves,
)
from cx_pipeline.report.kpi import is_significant_change
from cx_pipeline.report.render import load_labels


def _kpi(name: str, **fields: Any) -> dict[str, Any]:
    row = {
        "metric_name": name,
        "label": name.upper(),
        "value": 0.0,
        "value_text": "v",
        "previous_value": None,
        "previous_text": "p",
        "change": None,
        "change_text": "c",
        "change_assessment": None,
        "is_significant": None,
        "target": None,
        "target_text": "t",
        "target_status": "none",
    }
    row.update(fields)
    return row


KPIS = [
    # Missed by 10 / 240 = 4.2 %, and improved (no margin): named once, for the target.
    _kpi(
        "frt",
        value=250.0,
        target=240.0,
        target_status="missed",
        change=-20.0,
        previous_value=270.0,
        change_assessment="good",
    ),
    # Missed by 10 / 80 = 12.5 %: the larger shortfall comes first.
    _kpi("csat", value=70.0, target=80.0, target_status="missed"),
    # Met; +5 on 25 = 20 %, significant.
    _kpi(
        "nps",
        value=30.0,
        target=30.0,
        target_status="met",
        change=5.0,
        previous_value=25.0,
        change_assessment="good",
        is_significant=True,
    ),
    # -6 on 60 = 10 % but not significant: not a finding.
    _kpi(
        "ces",
        value=54.0,
        change=-6.0,
        previous_value=60.0,
        change_assessment="bad",
        is_significant=False,
    ),
    # -3 on 100 = 3 %, no margin (a census): a finding, after the larger NPS move.
    _kpi("orders", value=97.0, change=-3.0, previous_value=100.0, change_assessment="bad"),
    # Neutral (a small sample): never a finding.
    _kpi("fcr", value=50.0, change=-30.0, previous_value=80.0, change_assessment="neutral"),
]


def test_missed_targets_largest_relative_shortfall_first() -> None:
    assert [k["metric_name"] for k in missed_targets(KPIS)] == ["csat", "frt"]


def test_moves_are_assessed_and_not_insignificant_largest_first() -> None:
    # frt -20 / 270 = 7.4 %, nps 20 %, orders 3 %.
    assert [k["metric_name"] for k in notable_moves(KPIS)] == ["nps", "frt", "orders"]


def test_findings_in_rule_order_in_english() -> None:
    findings = build_findings(
        KPIS,
        demand=Demand(
            stage="purchase", reason="where_is_my_order", contacts=40, share_text="40.0 %"
        ),
        open_feedback=OpenFeedback(open_count=3, overdue_count=2),
        labels=load_labels("en"),
        language="en",
    )
    assert findings == [
        "3 negative answers are still waiting for a follow-up; 2 of them for more than 48 hours.",
        "CSAT missed its target: v against t.",
        "FRT missed its target: v against t.",
        "Demand piles up at where-is-my-order questions in the purchase stage: 40 contacts, "
        "40.0 % of all.",
        "NPS improved to v from p (c).",
    ]


def test_demand_comes_before_the_moves_finnish() -> None:
    findings = build_findings(
        [KPIS[2]],
        demand=Demand(
            stage="purchase", reason="where_is_my_order", contacts=40, share_text="40,0 %"
        ),
        open_feedback=OpenFeedback(open_count=3, overdue_count=0),
        labels=load_labels("fi"),
        language="fi",
    )
    assert findings == [
        "Eniten yhteydenottoja tuli aiheesta tilauksen sijainti (asiakaspolun vaihe: "
        "ostaminen): 40 yhteydenottoa, 40,0 % kaikista.",
        "Parannus: NPS p → v (c).",
    ]


def test_nothing_notable_says_so() -> None:
    findings = build_findings(
        [], demand=None, open_feedback=None, labels=load_labels("en"), language="en"
    )
    assert findings == ["No target was missed and no figure moved notably."]


def test_large_counts_have_thousands_separators() -> None:
    demand = Demand(stage="usage", reason="product_defect", contacts=44178, share_text="38,6 %")
    feedback = OpenFeedback(open_count=151673, overdue_count=149927)
    finnish = build_findings(
        [], demand=demand, open_feedback=feedback, labels=load_labels("fi"), language="fi"
    )
    # Finnish thousands take a no-break space (U+00A0).
    assert finnish[0].startswith("151\u00a0673 kielteistä vastausta")
    assert "niistä 149\u00a0927 on odottanut" in finnish[0]
    assert "44\u00a0178 yhteydenottoa" in finnish[1]
    english = build_findings(
        [], demand=demand, open_feedback=feedback, labels=load_labels("en"), language="en"
    )
    assert english[0].startswith("151,673 negative answers")
    assert "44,178 contacts" in english[1]


def test_significance_uses_both_margins() -> None:
    # sqrt(3^2 + 4^2) = 5: a change of 5 is not significant, 5.1 is.
    assert is_significant_change(5.0, 3.0, 4.0) is False
    assert is_significant_change(-5.1, 3.0, 4.0) is True
    assert is_significant_change(5.1, None, 4.0) is None
