from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from cx_pipeline import landing


def _count(root: Path) -> int:
    glob = landing.table_glob(root, "shop", "orders")
    with duckdb.connect() as con:
        return con.execute(f"select count(*) from read_parquet('{glob}')").fetchone()[0]


def test_rewriting_a_load_date_replaces_instead_of_duplicating(tmp_path: Path) -> None:
    day = date(2026, 10, 1)
    landing.write_partition(tmp_path, "shop", "orders", day, pa.table({"id": [1, 2, 3]}))
    landing.write_partition(tmp_path, "shop", "orders", day, pa.table({"id": [1, 2]}))
    assert _count(tmp_path) == 2
    landing.write_partition(tmp_path, "shop", "orders", date(2026, 10, 2), pa.table({"id": [4]}))
    assert _count(tmp_path) == 3


def test_temporary_files_are_never_read_and_are_swept(tmp_path: Path) -> None:
    day = date(2026, 10, 1)
    target = landing.write_partition(tmp_path, "shop", "orders", day, pa.table({"id": [1]}))
    # A crashed writer leaves a half-written temporary file beside the real one.
    stale = target.with_name(f"{landing.DATA_FILE}.tmp-deadbeef")
    stale.write_bytes(b"PAR1 half a file")
    assert _count(tmp_path) == 1
    assert landing.sweep_temporary_files(tmp_path) == [stale]
    assert not stale.exists() and target.exists()


def test_quarantined_rows_go_beside_the_tables_and_their_temporary_files_are_swept(
    tmp_path: Path,
) -> None:
    day = date(2026, 10, 1)
    target = landing.write_quarantine(tmp_path, "shop", "orders", day, pa.table({"line": [3]}))
    assert target == tmp_path / "_quarantine/shop/orders/load_date=2026-10-01/data.parquet"
    assert not (tmp_path / "shop").exists()  # not among the table's own files
    stale = target.with_name(f"{landing.DATA_FILE}.tmp-deadbeef")
    stale.write_bytes(b"PAR1 half a file")
    assert landing.sweep_temporary_files(tmp_path) == [stale]
