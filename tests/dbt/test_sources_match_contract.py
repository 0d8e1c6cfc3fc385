"""The dbt sources describe exactly the raw tables the extract step writes."""

from pathlib import Path

import yaml

from cx_pipeline.config import PROJECT_ROOT
from cx_pipeline.source_tables import SYSTEMS, tables_of

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
