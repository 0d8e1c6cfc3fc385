"""The metric catalog as a dbt docs block, generated from the catalog seed.

The seed `dbt_project/seeds/metric_catalog.csv` is the one place a metric is defined; this
module turns it into `seeds/metric_catalog.md`, which the seed's yml description includes,
so dbt docs (and the Dagster UI, which shows dbt descriptions) list every metric without
anyone restating it by hand. A test keeps the generated file in step with the seed.
"""

from __future__ import annotations

import csv
from pathlib import Path

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
CATALOG_CSV = DBT_PROJECT_DIR / "seeds" / "metric_catalog.csv"
CATALOG_DOC = DBT_PROJECT_DIR / "seeds" / "metric_catalog.md"
STAGES = ("perception", "purchase", "usage", "prediction")
COLUMNS = (
    ("metric_name", "Metric"),
    ("label_en", "Label"),
    ("label_fi", "Finnish label"),
    ("formula_en", "Formula"),
    ("unit", "Unit"),
    ("direction", "Better"),
    ("target", "Target"),
    ("min_sample", "Min n"),
    ("anchor_event", "Anchor"),
    ("additivity", "Additivity"),
    ("window_days", "Window (d)"),
)
DIRECTIONS = {"higher_is_better": "higher", "lower_is_better": "lower"}


def read_catalog(path: Path = CATALOG_CSV) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _cell(column: str, value: str) -> str:
    if column == "direction":
        value = DIRECTIONS.get(value, value)
    return value.replace("|", "\\|").replace("\n", " ")


def catalog_doc(rows: list[dict[str, str]]) -> str:
    """A dbt docs block with one markdown table per journey stage, in catalog order."""
    lines = [
        "{% docs metric_catalog %}",
        "<!-- Generated from metric_catalog.csv by `cx-pipeline catalog-docs`; do not edit. -->",
        "",
        "The metric catalog: every metric the pipeline computes, by journey stage. "
        "`fct_cx_metrics` holds their values; the report reads labels, units, directions "
        "and targets from the same seed.",
    ]
    for stage in STAGES:
        stage_rows = [row for row in rows if row["journey_stage"] == stage]
        if not stage_rows:
            continue
        lines += ["", f"### {stage.capitalize()}", ""]
        lines.append("| " + " | ".join(title for _, title in COLUMNS) + " |")
        lines.append("|" + "---|" * len(COLUMNS))
        for row in stage_rows:
            lines.append("| " + " | ".join(_cell(c, row[c]) for c, _ in COLUMNS) + " |")
    lines += ["", "{% enddocs %}", ""]
    return "\n".join(lines)


def write_catalog_doc(csv_path: Path = CATALOG_CSV, doc_path: Path = CATALOG_DOC) -> Path:
    doc_path.write_text(catalog_doc(read_catalog(csv_path)), encoding="utf-8")
    return doc_path
