"""The engine readers without Spark: a Spark-shaped warehouse folder (one Parquet folder per
table, as Spark writes them) is written with DuckDB and read back through the Spark reader."""

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from cx_pipeline.config import parse_settings
from cx_pipeline.periods import Period
from cx_pipeline.report import build_report
from cx_pipeline.report import warehouse_reader as report_sql
from cx_pipeline.warehouse_readers import (
    DuckDBFileReader,
    SparkParquetReader,
    unfinished_build_marker,
    warehouse_reader,
)
from tests.report.conftest import report_settings, write_warehouse

SCHEMA = "cx"


def spark_layout(duckdb_file: Path, spark_warehouse: Path) -> Path:
    """Every table of `duckdb_file` as Spark leaves it: <schema>.db/<table>/ with part
    files (the metrics in two), a _SUCCESS file and checksum files beside them; a folder
    without Parquet files (a view's leftover) and the Derby catalog are not tables."""
    tables_dir = spark_warehouse / f"{SCHEMA}.db"
    with duckdb.connect(str(duckdb_file), read_only=True) as con:
        for (name,) in con.execute("select table_name from duckdb_tables()").fetchall():
            folder = tables_dir / name
            folder.mkdir(parents=True)
            if name == "fct_cx_metrics":
                for part, half in enumerate(("period_grain = 'month'", "period_grain <> 'month'")):
                    target = folder / f"part-0000{part}-abc-c000.snappy.parquet"
                    con.execute(f"copy (select * from {name} where {half}) to '{target}'")
            else:
                con.execute(f"copy {name} to '{folder / 'part-00000-abc-c000.snappy.parquet'}'")
            (folder / "_SUCCESS").touch()
            (folder / ".part-00000-abc-c000.snappy.parquet.crc").write_bytes(b"crc")
    (tables_dir / "stg_shop__customers").mkdir()
    (spark_warehouse / "metastore_db").mkdir()
    return spark_warehouse


@pytest.fixture(scope="module")
def duckdb_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_warehouse(tmp_path_factory.mktemp("readers") / "cx.duckdb")


@pytest.fixture(scope="module")
def spark_warehouse(duckdb_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return spark_layout(duckdb_file, tmp_path_factory.mktemp("readers") / "spark")


def test_the_spark_reader_sees_every_table_folder_as_main_table(
    duckdb_file: Path, spark_warehouse: Path
) -> None:
    reader = SparkParquetReader(spark_warehouse, SCHEMA)
    with reader.connect() as con, DuckDBFileReader(duckdb_file).connect() as original:
        for name in ("fct_cx_metrics", "metric_catalog", "rpt_closed_loop_open"):
            query = f"select * from main.{name} order by all"
            assert con.execute(query).fetchall() == original.execute(query).fetchall()
        views = {row[0] for row in con.execute("select view_name from duckdb_views()").fetchall()}
    assert "stg_shop__customers" not in views
    assert reader.relation(SCHEMA, "fct_cx_metrics") == 'main."fct_cx_metrics"'
    assert reader.relation(SCHEMA, "stg_shop__customers") is None  # no Parquet files: not a table


def test_the_report_reads_the_same_rows_through_either_reader(
    duckdb_file: Path, spark_warehouse: Path
) -> None:
    readers = [DuckDBFileReader(duckdb_file), SparkParquetReader(spark_warehouse, SCHEMA)]
    extents, catalogs, metrics = [], [], []
    for reader in readers:
        with reader.connect() as con:
            extents.append(report_sql.read_extent(con, "month"))
            catalogs.append(report_sql.read_catalog(con))
            metrics.append(report_sql.read_metrics(con, *_months(extents[-1])))
    assert extents[0] == extents[1]
    assert catalogs[0].equals(catalogs[1])
    assert metrics[0].equals(metrics[1])


def _months(extent: report_sql.DataExtent) -> tuple[Period, Period]:
    return Period("month", extent.starts[0]), Period("month", extent.starts[-1])


def test_the_pdf_is_the_same_from_a_spark_warehouse(
    duckdb_file: Path, spark_warehouse: Path, tmp_path: Path
) -> None:
    generated_at = datetime(2026, 11, 4, 7, 0, tzinfo=UTC)
    texts = []
    for name, reader in (
        ("duckdb", DuckDBFileReader(duckdb_file)),
        ("spark", SparkParquetReader(spark_warehouse, SCHEMA)),
    ):
        settings = report_settings(tmp_path / name)
        result = build_report(reader, settings, language="en", generated_at=generated_at)
        texts.append("\n".join(page.extract_text() for page in PdfReader(result.path).pages))
    assert texts[0] == texts[1]


def test_an_unfinished_spark_build_is_not_read(spark_warehouse: Path) -> None:
    marker = unfinished_build_marker(spark_warehouse, SCHEMA)
    marker.touch()
    try:
        with pytest.raises(RuntimeError, match="running or failed"):
            SparkParquetReader(spark_warehouse, SCHEMA).connect()
        # The build itself reads its own tables for the UI's metadata.
        with SparkParquetReader(spark_warehouse, SCHEMA, require_finished_build=False).connect():
            pass
    finally:
        marker.unlink()


def test_a_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="Spark warehouse not built yet"):
        SparkParquetReader(tmp_path / "spark", SCHEMA).connect()
    with pytest.raises(FileNotFoundError, match="warehouse not built yet"):
        DuckDBFileReader(tmp_path / "cx.duckdb").connect()


def test_the_configured_engine_chooses_the_reader(tmp_path: Path) -> None:
    assert warehouse_reader(parse_settings({}, tmp_path)) == DuckDBFileReader(
        tmp_path / "data/warehouse/cx.duckdb"
    )
    spark = parse_settings({"warehouse": {"engine": "spark", "spark_warehouse": "lake"}}, tmp_path)
    assert warehouse_reader(spark) == SparkParquetReader(tmp_path / "lake", "cx")
