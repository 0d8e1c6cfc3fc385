"""Row rules: a row that breaks one is quarantined with its reason, the others load."""

import re
from pathlib import Path
from typing import Any

import pytest

from cx_pipeline.extract.export_files import ExportRead, read_export
from cx_pipeline.source_tables import STR, TABLES, TABLES_BY_KEY, RowRule, SourceTable
from tests.fixtures.export_rows import write_export

T = "2026-10-01T10:00:00Z"
SUBMISSIONS = TABLES_BY_KEY["crm/feedback_submissions"]
ORDERS = TABLES_BY_KEY["shop/orders"]


def _row(table: SourceTable, key: int, **values: Any) -> dict[str, Any]:
    """A row with its key and timestamp (as the file format writes them) and `values`."""
    csv = table.file_format == "csv"
    row: dict[str, Any] = {table.primary_key: str(key) if csv else key}
    if table.updated_at != table.primary_key and table.updated_at in table.required_columns:
        row[table.updated_at] = T
    return {**row, **values}


def _read(tmp_path: Path, table: SourceTable, rows: list[dict[str, Any]]) -> ExportRead:
    write_export(tmp_path, table, rows)
    return read_export(tmp_path, table)


# One case per rule of the contract, written out by hand: the table, a value breaking
# the rule (as the file writes it), the rule's `when`, and the reason expected.
RULE_CASES = [
    ("crm/deals", {"amount": "-0.5"}, None, "column 'amount': -0.5 below the minimum 0"),
    (
        "crm/feedback_surveys",
        {"cx_survey_level": "global"},
        None,
        "column 'cx_survey_level': 'global' not one of relationship, journey, touchpoint",
    ),
    (
        "crm/feedback_surveys",
        {"cx_journey_stage": "loyalty"},
        None,
        "column 'cx_journey_stage': 'loyalty' not one of perception, purchase, usage, prediction",
    ),
    (
        "crm/feedback_submissions",
        {"hs_survey_type": "eNPS"},
        None,
        "column 'hs_survey_type': 'eNPS' not one of NPS, CSAT, CES, CUSTOM",
    ),
    (
        "crm/feedback_submissions",
        {"hs_survey_type": "NPS", "hs_response_value": "11"},
        ("hs_survey_type", "NPS"),
        "column 'hs_response_value': 11 outside 0..10 (hs_survey_type = NPS)",
    ),
    (
        "crm/feedback_submissions",
        {"hs_survey_type": "CSAT", "hs_response_value": "0"},
        ("hs_survey_type", "CSAT"),
        "column 'hs_response_value': 0 outside 1..5 (hs_survey_type = CSAT)",
    ),
    (
        "crm/feedback_submissions",
        {"hs_survey_type": "CES", "hs_response_value": "8"},
        ("hs_survey_type", "CES"),
        "column 'hs_response_value': 8 outside 1..7 (hs_survey_type = CES)",
    ),
    (
        "crm/feedback_submissions",
        {"hs_survey_type": "CUSTOM", "hs_response_value": "-1"},
        None,
        "column 'hs_response_value': -1 outside 0..10",
    ),
    (
        "helpdesk/users",
        {"role": "customer"},
        None,
        "column 'role': 'customer' not one of end-user, agent, admin",
    ),
    (
        "helpdesk/tickets",
        {"status": "archived"},
        None,
        "column 'status': 'archived' not one of new, open, pending, hold, solved, closed, deleted",
    ),
    (
        "helpdesk/satisfaction_ratings",
        {"score": "great"},
        None,
        "column 'score': 'great' not one of offered, good, bad",
    ),
    ("helpdesk/satisfaction_ratings", {"rating": 6}, None, "column 'rating': 6 outside 1..5"),
    ("helpdesk/ces_responses", {"score": 0}, None, "column 'score': 0 outside 1..5"),
    (
        "helpdesk/self_service_sessions",
        {"channel": "email"},
        None,
        "column 'channel': 'email' not one of help_center, chatbot",
    ),
    (
        "shop/orders",
        {"total_price": "-10.00"},
        None,
        "column 'total_price': -10.0 below the minimum 0",
    ),
    ("shop/order_line_items", {"quantity": "0"}, None, "column 'quantity': 0 below the minimum 1"),
    ("shop/order_line_items", {"price": "-1.5"}, None, "column 'price': -1.5 below the minimum 0"),
    ("shop/refunds", {"amount": "-5"}, None, "column 'amount': -5.0 below the minimum 0"),
]


@pytest.mark.parametrize(("key", "values", "when", "reason"), RULE_CASES)
def test_a_row_breaking_a_rule_is_quarantined(
    tmp_path: Path, key: str, values: dict[str, Any], when: object, reason: str
) -> None:
    table = TABLES_BY_KEY[key]
    result = _read(tmp_path, table, [_row(table, 1), _row(table, 2, **values), _row(table, 3)])
    assert result.table[table.primary_key].to_pylist() == [1, 3]
    line = 3 if table.file_format == "csv" else 2  # a CSV file starts with its header
    assert result.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": line, "reason": f"line {line}: {reason}"}
    ]


def test_every_rule_of_the_contract_has_a_case() -> None:
    cases = {
        (key, re.match(r"column '(\w+)'", reason)[1], when) for key, _, when, reason in RULE_CASES
    }
    rules = {(t.key, r.column, r.when) for t in TABLES for r in t.rules}
    assert cases == rules


def test_a_rule_with_a_condition_applies_only_to_its_survey_type(tmp_path: Path) -> None:
    def answer(key: int, survey_type: str, value: str) -> dict[str, Any]:
        return _row(SUBMISSIONS, key, hs_survey_type=survey_type, hs_response_value=value)

    result = _read(
        tmp_path,
        SUBMISSIONS,
        [
            answer(1, "NPS", "0"),
            answer(2, "CSAT", "0"),
            answer(3, "CES", "7"),
            answer(4, "CSAT", "7"),
        ],
    )
    assert result.table["hs_object_id"].to_pylist() == [1, 3]
    assert result.quarantine["reason"].to_pylist() == [
        "line 3: column 'hs_response_value': 0 outside 1..5 (hs_survey_type = CSAT)",
        "line 5: column 'hs_response_value': 7 outside 1..5 (hs_survey_type = CSAT)",
    ]


def test_a_missing_answer_passes_the_rules(tmp_path: Path) -> None:
    ratings = TABLES_BY_KEY["helpdesk/satisfaction_ratings"]
    result = _read(tmp_path, ratings, [_row(ratings, 1, score="offered", rating=None)])
    assert result.table.num_rows == 1
    assert result.quarantine.num_rows == 0


def test_a_row_without_a_key_is_quarantined(tmp_path: Path) -> None:
    result = _read(tmp_path, ORDERS, [_row(ORDERS, 1), {**_row(ORDERS, 2), "id": ""}])
    assert result.table["id"].to_pylist() == [1]
    assert result.quarantine["reason"].to_pylist() == ["line 3: column 'id': missing key"]


def test_a_row_without_its_timestamp_is_quarantined(tmp_path: Path) -> None:
    tickets = TABLES_BY_KEY["helpdesk/tickets"]
    result = _read(tmp_path, tickets, [_row(tickets, 1), _row(tickets, 2, updated_at=None)])
    assert result.table["id"].to_pylist() == [1]
    assert result.quarantine["reason"].to_pylist() == [
        "line 2: column 'updated_at': missing timestamp"
    ]


def test_order_lines_need_only_their_key(tmp_path: Path) -> None:
    # Order lines carry no timestamp of their own: they take their order's day.
    lines = TABLES_BY_KEY["shop/order_line_items"]
    assert lines.required_columns == ("id",)
    result = _read(tmp_path, lines, [{"id": "1", "order_id": "7", "quantity": "2"}])
    assert result.table.num_rows == 1


def test_an_unreadable_value_is_the_reason_before_a_broken_rule(tmp_path: Path) -> None:
    result = _read(tmp_path, ORDERS, [_row(ORDERS, 1, total_price="-1", created_at="eilen")])
    assert result.quarantine["reason"].to_pylist() == [
        "line 2: column 'created_at': cannot read 'eilen' as timestamp"
    ]


def test_a_rule_needs_a_range_or_allowed_values() -> None:
    with pytest.raises(ValueError, match="rule on score"):
        RowRule("score")
    with pytest.raises(ValueError, match="rule on score"):
        RowRule("score", minimum=1, allowed=("good",))


def test_rules_name_columns_of_their_table_with_a_fitting_type() -> None:
    for table in TABLES:
        for rule in table.rules:
            kind = table.columns[rule.column]
            assert kind == STR if rule.allowed is not None else kind != STR, (table.key, rule)
            if rule.when is not None:
                assert table.columns[rule.when[0]] == STR, (table.key, rule)
