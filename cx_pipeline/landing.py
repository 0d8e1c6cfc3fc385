"""The raw landing zone: one Parquet file per system/table/load date, replaced atomically.

Layout: ``<root>/<system>/<table>/load_date=YYYY-MM-DD/data.parquet``. A write goes to a
temporary file beside its final place and is renamed over it, so a re-run of the same load
date replaces rather than duplicates, and a crash never leaves half a file under the real
name. Readers glob ``*.parquet``; temporary files end in ``.tmp-<id>`` and are never read.

Rows an extract sets aside (extract.quarantine) go beside the tables, in the same layout
under ``<root>/_quarantine/``: one file per system/table and the run's last load date.
"""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DATA_FILE = "data.parquet"
QUARANTINE_DIR = "_quarantine"


def partition_dir(root: Path, system: str, table: str, load_date: date) -> Path:
    return root / system / table / f"load_date={load_date.isoformat()}"


def write_partition(root: Path, system: str, table: str, load_date: date, data: pa.Table) -> Path:
    target_dir = partition_dir(root, system, table, load_date)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / DATA_FILE
    tmp = target_dir / f"{DATA_FILE}.tmp-{uuid.uuid4().hex}"
    try:
        pq.write_table(data, tmp, compression="zstd")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_quarantine(root: Path, system: str, table: str, load_date: date, data: pa.Table) -> Path:
    return write_partition(root / QUARANTINE_DIR, system, table, load_date, data)


def sweep_temporary_files(root: Path) -> list[Path]:
    """Remove temporary files a crashed run left behind; returns what was removed."""
    pattern = f"*/*/load_date=*/{DATA_FILE}.tmp-*"
    candidates = [*root.glob(pattern), *(root / QUARANTINE_DIR).glob(pattern)]
    removed = [p for p in candidates if p.is_file()]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def table_glob(root: Path, system: str, table: str) -> str:
    return str(root / system / table / "load_date=*" / "*.parquet")
