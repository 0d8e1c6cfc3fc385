"""The dbt sources describe exactly the raw tables the extract step writes."""

import re
from pathlib import Path

import yaml

from cx_pipeline.config import PROJECT_ROOT
from cx_pipeline.source_tables import SYSTEMS, TABLES, TS, tables_of

STAGING = PROJECT_ROOT / "dbt_project" / "models" / "staging"


def _sources(system: str) -> dict[str, list[str]]:
    raw = yaml.safe_load(Path(STAGING / system / f"_{system}__sources.yml").read_text())
    (source,) = raw["sources"]
    assert source["name"] == system
    return {t["name"]: [c["name"] for c in t["columns"]] for t in source["tables"]}


def test_every_contract_table_is_a_source_with_the_same_columns() -> None:
    for system in SYSTEMS:
        expected = {t.name: list(t.columns) for t in tables_of(system)}
        assert _sources(system) == expected


def test_every_source_table_has_a_staging_model() -> None:
    for system in SYSTEMS:
        for table in tables_of(system):
            assert (STAGING / system / f"stg_{system}__{table.name}.sql").exists(), table.key


def test_the_raw_tables_macro_lists_every_contract_table() -> None:
    """Models that read every source (rpt_source_freshness, rpt_quarantined_rows) take the
    list from the macro raw_tables; it must be the contract's, with the contract's primary
    key and, where it is a timestamp, last-modified column."""
    sql = (STAGING.parents[1] / "macros" / "raw_tables.sql").read_text()
    listed = re.findall(r"\('(\w+)', '(\w+)', '(\w+)', (?:'(\w+)'|none)\)", sql)
    expected = [
        (t.system, t.name, t.primary_key, t.updated_at if t.columns[t.updated_at] == TS else "")
        for t in TABLES
    ]
    assert sorted(listed) == sorted(expected)


def _source_value_tests(system: str) -> set[tuple[str, str, tuple]]:
    """(table, column, bound) of the sources' accepted_values and value_between tests."""
    raw = yaml.safe_load(Path(STAGING / system / f"_{system}__sources.yml").read_text())
    (source,) = raw["sources"]
    found = set()
    for table in source["tables"]:
        for column in table["columns"]:
            for test in column.get("data_tests", []):
                if not isinstance(test, dict):
                    continue
                (name, config), *_ = test.items()
                arguments = config["arguments"]
                if name == "accepted_values":
                    bound: tuple = ("allowed", tuple(arguments["values"]))
                elif name == "value_between":
                    bound = ("range", arguments["min_value"], arguments["max_value"])
                else:
                    continue
                found.add((table["name"], column["name"], bound))
    return found


def test_source_value_tests_are_the_contracts_unconditional_row_rules() -> None:
    """The extract step quarantines what the sources' tests would flag, so the two agree:
    every accepted_values or value_between test is a row rule without a condition, and
    back (minimum-only rules, such as amounts of at least 0, have no source test)."""
    for system in SYSTEMS:
        expected = {
            (
                t.name,
                r.column,
                ("allowed", r.allowed)
                if r.allowed is not None
                else ("range", r.minimum, r.maximum),
            )
            for t in tables_of(system)
            for r in t.rules
            if r.when is None and (r.allowed is not None or r.maximum is not None)
        }
        assert _source_value_tests(system) == expected, system
