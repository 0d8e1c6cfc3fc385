"""The extract's quarantined_rows check: a warning naming the first reasons, never the rows."""

from pathlib import Path

import dagster as dg
import pyarrow as pa

from cx_pipeline.defs.extract.assets import quarantine_check
from cx_pipeline.extract.quarantine import QUARANTINE_SCHEMA
from cx_pipeline.source_tables import TABLES_BY_KEY

CONTACTS = TABLES_BY_KEY["crm/contacts"]


def _quarantine(reasons: list[str]) -> pa.Table:
    return pa.table(
        {
            "system": ["crm"] * len(reasons),
            "table_name": ["contacts"] * len(reasons),
            "source": ["exports/crm/contacts.csv"] * len(reasons),
            "line": list(range(2, 2 + len(reasons))),
            "column_name": ["hs_object_id"] * len(reasons),
            "reason": reasons,
            "record": [f"x{i},secret@example.fi" for i in range(len(reasons))],
        },
        schema=QUARANTINE_SCHEMA,
    )


def test_the_quarantine_check_warns_with_the_first_reasons_and_no_records() -> None:
    reasons = [f"line {n}: column 'hs_object_id': cannot read 'x' as int64" for n in range(2, 9)]
    check = quarantine_check(
        CONTACTS, _quarantine(reasons), Path("raw/_quarantine/crm/contacts/data.parquet")
    )
    assert not check.passed
    assert check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["quarantined_rows"].value == 7
    assert check.metadata["reasons"].value == reasons[:5]
    assert check.description.startswith("7 row(s) of crm/contacts quarantined: line 2: ")
    assert "line 6:" in check.description and "line 7:" not in check.description
    assert "secret@example.fi" not in str(check.description) + str(check.metadata)


def test_the_quarantine_check_passes_without_quarantined_rows() -> None:
    check = quarantine_check(CONTACTS, QUARANTINE_SCHEMA.empty_table(), Path("q.parquet"))
    assert check.passed
    assert check.metadata["quarantined_rows"].value == 0
