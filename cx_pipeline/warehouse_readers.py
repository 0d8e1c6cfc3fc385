"""Read-only access to the built warehouse, one small reader per engine (warehouse.engine).

Both readers hand out a DuckDB connection on which the marts are `main.<table>`, so the
report, the e-mails and the UI metadata run the same SQL whichever engine built them:

- duckdb: the live DuckDB file, opened read-only (never holding the writer's lock);
- spark: an in-memory DuckDB with a view over each table folder Spark wrote,
  ``<spark_warehouse>/<schema>.db/<table>/*.parquet``. No Spark session is started to read
  a few thousand metric rows, and pyspark stays an optional extra. A Spark view would
  have no files, so this reader would not see it (the project builds tables only).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb

from cx_pipeline.config import Settings


class WarehouseReader(Protocol):
    def connect(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection on which every built table is main.<table>."""
        ...

    def relation(self, schema: str, name: str) -> str | None:
        """How a dbt relation (its schema and alias) is named on that connection; None when
        the reader cannot see it."""
        ...


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def connect_read_only(live: Path) -> duckdb.DuckDBPyConnection:
    if not live.exists():
        raise FileNotFoundError(f"warehouse not built yet: {live} (run the dbt assets first)")
    return duckdb.connect(str(live), read_only=True)


@dataclass(frozen=True)
class DuckDBFileReader:
    path: Path

    def connect(self) -> duckdb.DuckDBPyConnection:
        return connect_read_only(self.path)

    def relation(self, schema: str, name: str) -> str | None:
        return f"{_quoted(schema)}.{_quoted(name)}"


def unfinished_build_marker(spark_warehouse: Path, schema: str) -> Path:
    """Present while a Spark build runs and after one failed. Spark replaces tables model by
    model, with no copy to swap in (README "Running on Spark"), so this marker is what keeps
    a report from reading marts of two different runs."""
    return spark_warehouse / f"{schema}.db.unfinished"


@dataclass(frozen=True)
class SparkParquetReader:
    spark_warehouse: Path
    schema: str
    # False only for the build itself, which reads its own tables' metadata.
    require_finished_build: bool = True

    @property
    def tables_dir(self) -> Path:
        return self.spark_warehouse / f"{self.schema}.db"

    @staticmethod
    def _is_table(folder: Path) -> bool:
        """A folder holding Parquet files; Spark's hidden and staging folders (names
        starting with '.' or '_') are not tables."""
        return (
            folder.is_dir()
            and not folder.name.startswith((".", "_"))
            and next(folder.glob("*.parquet"), None) is not None
        )

    def table_folders(self) -> list[Path]:
        return [f for f in sorted(self.tables_dir.iterdir()) if self._is_table(f)]

    def connect(self) -> duckdb.DuckDBPyConnection:
        if not self.tables_dir.is_dir():
            raise FileNotFoundError(
                f"Spark warehouse not built yet: {self.tables_dir} (run the dbt assets first)"
            )
        marker = unfinished_build_marker(self.spark_warehouse, self.schema)
        if self.require_finished_build and marker.exists():
            raise RuntimeError(
                f"the last Spark build of {self.tables_dir} is running or failed ({marker}): "
                "its tables may come from two runs; read them after a successful build"
            )
        con = duckdb.connect()
        try:
            for folder in self.table_folders():
                files = str(folder / "*.parquet").replace("'", "''")
                con.execute(
                    f"create view main.{_quoted(folder.name)} as "
                    f"select * from read_parquet('{files}')"
                )
        except BaseException:
            con.close()
            raise
        return con

    def relation(self, schema: str, name: str) -> str | None:
        # A Spark view lives only in Spark's catalog, with no files.
        if not self._is_table(self.tables_dir / name):
            return None
        return f"main.{_quoted(name)}"


def warehouse_reader(settings: Settings) -> WarehouseReader:
    """The reader of the configured engine's live warehouse."""
    if settings.warehouse.engine == "spark":
        return SparkParquetReader(
            settings.warehouse.spark_warehouse, settings.warehouse.spark_schema
        )
    return DuckDBFileReader(settings.paths.warehouse)
