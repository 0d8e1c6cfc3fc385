"""What the UI shows for each dbt model after a build: row count, column schema, a preview,
and on the metrics table the headline metric values (numeric, so the UI plots them over
runs). Read through the engine's reader (cx_pipeline.warehouse_readers) once dbt has
finished and released the tables."""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import dagster as dg
import duckdb

from cx_pipeline.periods import resolve_period
from cx_pipeline.warehouse_readers import WarehouseReader

PREVIEW_ROWS = 5
METRICS_TABLE = "fct_cx_metrics"


def _relation(node: Mapping[str, Any], reader: WarehouseReader) -> str | None:
    if node.get("resource_type") not in ("model", "seed", "snapshot"):
        return None
    return reader.relation(node["schema"], node.get("alias") or node["name"])


def _preview_markdown(columns: list[str], rows: list[tuple]) -> str:
    def cell(value: Any) -> str:
        return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")[:60]

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def relation_metadata(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, Any]:
    row_count = con.execute(f"select count(*) from {relation}").fetchone()[0]
    described = con.execute(f"describe {relation}").fetchall()
    schema = dg.TableSchema(
        columns=[dg.TableColumn(name=name, type=str(kind)) for name, kind, *_ in described]
    )
    preview = con.execute(f"select * from {relation} limit {PREVIEW_ROWS}").fetchall()
    return {
        "dagster/row_count": int(row_count),
        "dagster/column_schema": schema,
        "preview": dg.MetadataValue.md(_preview_markdown([c[0] for c in described], preview)),
    }


def headline_metric_values(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The latest complete month's whole-company value of each headline metric."""
    latest_day = con.execute(
        f"select max(period_start) from main.{METRICS_TABLE} where period_grain = 'day'"
    ).fetchone()[0]
    months = [
        row[0]
        for row in con.execute(
            f"select distinct period_start from main.{METRICS_TABLE} "
            "where period_grain = 'month' and segment_type = 'all'"
        ).fetchall()
    ]
    try:
        month = resolve_period("auto", grain="month", latest_day=latest_day, starts=months)
    except ValueError:
        return {}
    rows = con.execute(
        f"""
        select metrics.metric_name, metrics.value
        from main.{METRICS_TABLE} as metrics
        inner join main.metric_catalog as catalog on metrics.metric_name = catalog.metric_name
        where catalog.headline_order > 0 and metrics.period_grain = 'month'
            and metrics.period_start = ? and metrics.segment_type = 'all'
            and metrics.value is not null
        order by catalog.headline_order
        """,
        [month.start],
    ).fetchall()
    return {
        "metrics_month": month.key,
        **{f"metric/{name}": dg.MetadataValue.float(float(value)) for name, value in rows},
    }


def with_table_metadata(
    events: Iterable[Any], manifest: Mapping[str, Any], reader: WarehouseReader
) -> Iterator[Any]:
    """The dbt events, each model's materialization with its table's metadata added."""
    with reader.connect() as con:
        for event in events:
            unique_id = event.metadata.get("unique_id") if hasattr(event, "metadata") else None
            node = manifest["nodes"].get(unique_id.value) if unique_id is not None else None
            relation = _relation(node, reader) if node else None
            if relation is None or not isinstance(event, dg.Output):
                yield event
                continue
            extra = relation_metadata(con, relation)
            if node["name"] == METRICS_TABLE:
                extra.update(headline_metric_values(con))
            yield event.with_metadata({**event.metadata, **extra})
